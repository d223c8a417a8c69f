package dev.switchboard.telemetry.stats.analysis;

import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Extent;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.QuantileMetric;
import dev.switchboard.telemetry.stats.HistogramRow;
import dev.switchboard.telemetry.stats.Segment;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gives one analysis run its resolved window, its parameters with defaults, and aggregate queries
 * restricted to the window; builds the result with the effective parameters attached.
 */
public final class AnalysisContext {
  private final AggregateSource source;
  private final StatsQuery query;
  private final StatsWindow window;

  private AnalysisContext(AggregateSource source, StatsQuery query, StatsWindow window) {
    this.source = source;
    this.query = query;
    this.window = window;
  }

  /**
   * Resolves the window: a missing {@code from} is the first matching record, a missing {@code to}
   * is now (or just after the last record, when that is later); no data gives an empty window.
   */
  public static AnalysisContext resolve(AggregateSource source, StatsQuery query, Clock clock) {
    Instant from = query.from();
    Instant to = query.to();
    if (from == null || to == null) {
      Optional<Extent> extent = source.extent(query.filter());
      if (to == null) {
        Instant now = clock.instant();
        Instant afterLast = extent.map(e -> e.last().plusNanos(1000)).orElse(now);
        to = afterLast.isAfter(now) ? afterLast : now;
      }
      if (from == null) {
        from = extent.map(Extent::first).orElse(to);
      }
    }
    if (from.isAfter(to)) {
      from = to;
    }
    return new AnalysisContext(source, query, new StatsWindow(from, to, query.bucket()));
  }

  public StatsQuery query() {
    return query;
  }

  public StatsWindow window() {
    return window;
  }

  public Bucket bucket() {
    return query.bucket();
  }

  public Filter filter() {
    return query.filter();
  }

  public int top(int byDefault) {
    return query.top().orElse(byDefault);
  }

  public boolean includeByok() {
    return Boolean.TRUE.equals(query.includeByok());
  }

  /** Returns the query's filter narrowed to open-weight segments. */
  public Filter openWeightFilter() {
    return query.filter().restrictSources(EnumSet.of(Segment.CHINESE_OSS, Segment.ROW_OSS));
  }

  /** Aggregates per bucket of the query's size. */
  public List<AggregateRow> bucketed(Filter filter, List<Dimension> dims, Set<Measure> measures) {
    return aggregate(query.bucket(), filter, dims, measures);
  }

  /** Aggregates over the whole window. */
  public List<AggregateRow> total(Filter filter, List<Dimension> dims, Set<Measure> measures) {
    return aggregate(null, filter, dims, measures);
  }

  /** Aggregates per {@code bucket} (null: whole window); an empty window gives no rows. */
  public List<AggregateRow> aggregate(Bucket bucket, Filter filter, List<Dimension> dims, Set<Measure> measures) {
    if (window.isEmpty()) {
      return List.of();
    }
    return source.aggregate(
        new AggregateQuery(window.from(), window.to(), bucket, dims, measures, filter, query.tokens()));
  }

  /** Returns histograms over the whole window; an empty window gives no rows. */
  public List<HistogramRow> histograms(List<Dimension> dims, Set<QuantileMetric> metrics) {
    if (window.isEmpty()) {
      return List.of();
    }
    return source.histograms(
        new AggregateQuery(window.from(), window.to(), null, dims, Set.of(), query.filter(), query.tokens()), metrics);
  }

  /** Returns the aggregate source, for cohort queries. */
  public AggregateSource source() {
    return source;
  }

  /** Starts the result of {@code analysis}, echoing the parameters it accepts. */
  public ResultBuilder result(Analysis analysis) {
    Map<String, String> params = new LinkedHashMap<>();
    Set<Param> accepted = analysis.params();
    if (accepted.contains(Param.TOKENS)) {
      params.put("tokens", query.tokens().label());
    }
    if (accepted.contains(Param.WEIGHT)) {
      params.put("weight", query.weight().label());
    }
    if (accepted.contains(Param.METHOD)) {
      params.put("method", query.method().label());
    }
    if (accepted.contains(Param.INCLUDE_OTHER)) {
      params.put("include_other", Boolean.toString(query.includeOther()));
    }
    if (accepted.contains(Param.INCLUDE_BYOK)) {
      params.put("include_byok", Boolean.toString(includeByok()));
    }
    Filter f = query.filter();
    putList(params, "model", f.models());
    putList(params, "author", f.authors());
    if (f.sources().size() < Segment.values().length) {
      putList(params, "source", f.sources().stream().map(Segment::label).toList());
    }
    putList(params, "category", f.categories());
    putList(params, "key", f.apiKeyIds());
    putList(params, "app", f.apps());
    putList(params, "provider", f.providers());
    return new ResultBuilder(analysis.name(), window, params);
  }

  private static void putList(Map<String, String> params, String name, java.util.Collection<String> values) {
    if (!values.isEmpty()) {
      params.put(name, String.join(",", new TreeSet<>(values)));
    }
  }

  /** Collects the parts of an {@link AnalysisResult}. */
  public static final class ResultBuilder {
    private final String analysis;
    private final StatsWindow window;
    private final Map<String, String> parameters;
    private final List<Headline> headlines = new ArrayList<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();
    private final List<Series> series = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private ResultBuilder(String analysis, StatsWindow window, Map<String, String> parameters) {
      this.analysis = analysis;
      this.window = window;
      this.parameters = parameters;
    }

    public ResultBuilder parameter(String name, Object value) {
      parameters.put(name, String.valueOf(value));
      return this;
    }

    public ResultBuilder headline(String label, Double value, Headline.Unit unit) {
      headlines.add(Headline.of(label, value, unit));
      return this;
    }

    public ResultBuilder headline(String label, Double value, Headline.Unit unit, String detail) {
      headlines.add(new Headline(label, value, unit, detail));
      return this;
    }

    public ResultBuilder summary(String name, Object value) {
      summary.put(name, value instanceof Double d && !Double.isFinite(d) ? null : value);
      return this;
    }

    public ResultBuilder series(Series value) {
      series.add(value);
      return this;
    }

    public ResultBuilder note(String value) {
      notes.add(value);
      return this;
    }

    public AnalysisResult build() {
      return new AnalysisResult(analysis, window, parameters, headlines, summary, series, notes);
    }
  }
}
