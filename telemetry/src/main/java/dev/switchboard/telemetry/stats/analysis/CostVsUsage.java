package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.USD_PER_MTOK;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.analysis.PricePoints.Point;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Computes analysis 15: effective price per 1M tokens against total tokens, per category and per
 * model, on log-log axes, with the median price line and a quadrant for each point.
 */
final class CostVsUsage implements Analysis {
  @Override
  public String name() {
    return "cost-usage";
  }

  @Override
  public String description() {
    return "Effective price per 1M tokens vs total tokens per category and per model (log-log), median price, quadrants";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.TOKENS, Param.INCLUDE_BYOK);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    Filter filter = ctx.filter().withIncludeByok(ctx.includeByok());
    // One scan by category and model; each chart sums the other dimension away.
    List<AggregateRow> rows = ctx.total(filter, List.of(Dimension.CATEGORY, Dimension.MODEL), PricePoints.MEASURES);
    List<Point> categories = PricePoints.of(PricePoints.sumBy(rows, 0)).stream()
        .filter(p -> !p.name().equals(CategoryFilter.UNCLASSIFIED)).toList();
    List<Point> models = PricePoints.of(PricePoints.sumBy(rows, 1));
    Double categoryMedian = PricePoints.median(categories.stream().mapToDouble(Point::price).toArray());
    Double modelMedian = PricePoints.median(models.stream().mapToDouble(Point::price).toArray());
    double cost = models.stream().mapToDouble(Point::cost).sum();
    double priced = models.stream().mapToDouble(Point::pricedTokens).sum();
    return ctx.result(this)
        .headline("median effective price across categories", categoryMedian, USD_PER_MTOK)
        .headline("median effective price across models", modelMedian, USD_PER_MTOK)
        .headline("blended effective price", priced > 0 ? cost / priced * 1e6 : null, USD_PER_MTOK)
        .summary("median_price_categories", categoryMedian)
        .summary("median_price_models", modelMedian)
        .series(table("categories", "category", categories))
        .series(table("models", "model", models))
        .note("Effective price = cost / T(r) x 1e6 over requests with a positive cost; requests without cost or free add usage only.")
        .note(ctx.includeByok() ? "Bring-your-own-key requests included." : "Bring-your-own-key requests excluded (include_byok=true keeps them).")
        .note("Quadrants split at the median price and median usage of the points: premium (high, high), mass_market (low price,"
            + " high usage), specialized (high price, low usage), niche (low, low). Unclassified requests are not a category point.")
        .build();
  }

  private static Series table(String name, String column, List<Point> points) {
    Series.Builder table = Series.builder(name, "effective price vs usage per " + column, Series.Layout.TABLE,
        column, "requests", "tokens", "cost_usd", "price_per_mtok", "log10_tokens", "log10_price", "quadrant");
    if (points.isEmpty()) {
      return table.build();
    }
    double medianPrice = PricePoints.median(points.stream().mapToDouble(Point::price).toArray());
    double medianTokens = PricePoints.median(points.stream().mapToDouble(Point::tokens).toArray());
    points.stream().sorted(Comparator.comparingDouble(Point::tokens).reversed().thenComparing(Point::name))
        .forEach(p -> table.row(p.name(), p.requests(), p.tokens(), p.cost(), p.price(), Math.log10(p.tokens()),
            Math.log10(p.price()), PricePoints.quadrant(p, medianPrice, medianTokens)));
    return table.build();
  }
}
