package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.NUMBER;

import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.analysis.PricePoints.Point;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Computes analysis 16: the OLS slope of ln(tokens) on ln(effective price) across models with
 * enough traffic, with n, R² and a 95% confidence interval.
 */
final class PriceElasticity implements Analysis {
  static final int DEFAULT_MIN_REQUESTS = 100;

  @Override
  public String name() {
    return "price-elasticity";
  }

  @Override
  public String description() {
    return "OLS slope of ln(tokens) on ln(effective price) across models with enough traffic, with n, R^2 and a 95% CI";
  }

  @Override
  public Set<Param> params() {
    return Set.of(Param.TOKENS, Param.INCLUDE_BYOK, Param.MIN_REQUESTS);
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    int minRequests = ctx.query().minRequests().orElse(DEFAULT_MIN_REQUESTS);
    Filter filter = ctx.filter().withIncludeByok(ctx.includeByok());
    List<Point> points = PricePoints.of(ctx.total(filter, List.of(Dimension.MODEL), PricePoints.MEASURES)).stream()
        .filter(p -> p.requests() >= minRequests)
        .sorted(Comparator.comparingDouble(Point::price).thenComparing(Point::name))
        .toList();
    double[] x = points.stream().mapToDouble(p -> Math.log(p.price())).toArray();
    double[] y = points.stream().mapToDouble(p -> Math.log(p.tokens())).toArray();
    Ols fit = Ols.fit(x, y);
    Series.Builder table = Series.builder("models", "the models in the fit", Series.Layout.TABLE,
        "model", "requests", "tokens", "price_per_mtok", "ln_price", "ln_tokens");
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      table.row(p.name(), p.requests(), p.tokens(), p.price(), x[i], y[i]);
    }
    Series.Builder fitTable = Series.builder("fit", "ln(tokens) = intercept + slope * ln(price)", Series.Layout.TABLE,
        "n", "slope", "intercept", "r2", "slope_std_error", "ci95_low", "ci95_high");
    AnalysisContext.ResultBuilder result = ctx.result(this).parameter("min_requests", minRequests);
    if (fit != null) {
      fitTable.row((long) fit.n(), fit.slope(), fit.intercept(), fit.r2(), fit.slopeStdError(), fit.ciLow(), fit.ciHigh());
      result.summary("n", fit.n()).summary("slope", fit.slope()).summary("intercept", fit.intercept())
          .summary("r2", fit.r2()).summary("ci95_low", fit.ciLow()).summary("ci95_high", fit.ciHigh());
    } else {
      result.summary("n", points.size()).note("Fewer than 3 models with distinct prices: no fit.");
    }
    return result
        .headline("price elasticity (slope)", fit == null ? null : fit.slope(), NUMBER)
        .headline("R^2", fit == null ? null : fit.r2(), NUMBER)
        .series(fitTable.build())
        .series(table.build())
        .note("Models with at least min_requests requests and a positive effective price; slope -0.05 means 10% cheaper -> ~0.5% more tokens.")
        .note(ctx.includeByok() ? "Bring-your-own-key requests included." : "Bring-your-own-key requests excluded.")
        .build();
  }
}
