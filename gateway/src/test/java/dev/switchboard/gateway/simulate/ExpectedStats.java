package dev.switchboard.gateway.simulate;

import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.config.catalog.ModelInfo;
import dev.switchboard.gateway.auth.CountryContinents;
import dev.switchboard.gateway.simulate.scenario.Scenario;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Computes what each analysis should report from the ground truth: the truth's cells with every
 * attribute the analyses split by (from the catalog and the key's country), summed per bucket and
 * key the way the statistics define them.
 */
final class ExpectedStats {
  /** Holds one truth cell with its derived attributes. */
  record Row(
      String week, String model, String author, String source, String sizeClass, boolean reasoningModel,
      String country, String continent, String app, String category, String language, boolean streamed,
      boolean toolsOffered, boolean toolCall, boolean ok, TruthCell cell) {

    double tokens() {
      return cell.tokens();
    }

    boolean openWeight() {
      return source.equals("chinese_oss") || source.equals("row_oss");
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Map<String, TreeSet<YearMonth>>> activity;

  ExpectedStats(GroundTruth truth, Scenario scenario, ModelCatalog catalog) {
    Map<String, String> appNames = new TreeMap<>();
    // the gateway names an app by X-Title, else by its HTTP-Referer URL
    scenario.apps().forEach(a -> appNames.put(a.name(), "referer".equals(a.header()) ? a.url() : a.name()));
    truth.cells().forEach((k, c) -> {
      ModelInfo info = catalog.find(k.model()).orElseThrow();
      rows.add(new Row(k.week().toString(), k.model(), info.author(), TruthFile.source(info),
          info.sizeClass().name().toLowerCase(Locale.ROOT), Boolean.TRUE.equals(info.reasoning()), k.country(),
          CountryContinents.continentOf(k.country()), appNames.get(k.app()), k.category(), k.language(),
          k.streamed(), k.toolsOffered(), k.toolCall(), k.ok(), c));
    });
    this.activity = truth.activity();
  }

  List<Row> rows() {
    return rows;
  }

  /** Sums {@code value} of the rows passing {@code filter}, per bucket (null: one bucket "") and key. */
  Map<String, Map<String, Double>> sum(
      Predicate<Row> filter, Function<Row, String> bucket, Function<Row, String> key, ToDoubleFunction<Row> value) {
    Map<String, Map<String, Double>> sums = new TreeMap<>();
    for (Row r : rows) {
      if (filter.test(r)) {
        sums.computeIfAbsent(bucket == null ? "" : bucket.apply(r), b -> new TreeMap<>())
            .merge(key.apply(r), value.applyAsDouble(r), Double::sum);
      }
    }
    return sums;
  }

  /** Sums {@code value} over the rows passing {@code filter}. */
  double total(Predicate<Row> filter, ToDoubleFunction<Row> value) {
    return rows.stream().filter(filter).mapToDouble(value).sum();
  }

  /** Returns, per model, the months each end user was active. */
  Map<String, Map<String, TreeSet<YearMonth>>> activity() {
    return activity;
  }
}
