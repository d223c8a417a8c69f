package dev.switchboard.telemetry.stats.analysis;

import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.COUNT;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.SHARE;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.TOKENS;
import static dev.switchboard.telemetry.stats.analysis.Headline.Unit.USD;

import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Measure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes analysis 17: requests, tokens of each kind, cost, models, providers, users, error and
 * cancellation rates for the window, in total and per model and provider.
 */
final class Overview implements Analysis {
  private static final Set<Measure> MEASURES =
      EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.CANCELLED, Measure.PROMPT_TOKENS, Measure.COMPLETION_TOKENS,
          Measure.REASONING_TOKENS, Measure.CACHED_READ_TOKENS, Measure.CACHE_WRITE_TOKENS,
          Measure.NORMALIZED_PROMPT_TOKENS, Measure.NORMALIZED_COMPLETION_TOKENS, Measure.COST_USD);

  @Override
  public String name() {
    return "overview";
  }

  @Override
  public String description() {
    return "Requests, tokens by kind, cost, models, providers, users, error and cancellation rates for the window";
  }

  @Override
  public Set<Param> params() {
    return Set.of();
  }

  @Override
  public AnalysisResult run(AnalysisContext ctx) {
    // One scan per model and provider; the totals are their sums. Distinct users do not add up, so
    // they take a second, narrow scan.
    List<AggregateRow> perModel = new ArrayList<>(ctx.total(ctx.filter(), List.of(Dimension.MODEL, Dimension.PROVIDER), MEASURES));
    Map<Measure, Double> sums = new EnumMap<>(Measure.class);
    perModel.forEach(r -> MEASURES.forEach(m -> sums.merge(m, r.get(m), Double::sum)));
    List<AggregateRow> userRows = ctx.total(ctx.filter(), List.of(), Set.of(Measure.USERS));
    sums.put(Measure.USERS, userRows.isEmpty() ? 0.0 : userRows.get(0).get(Measure.USERS));
    AggregateRow total = new AggregateRow(null, List.of(), sums);
    perModel.sort(Comparator.comparingDouble((AggregateRow r) -> -(r.get(Measure.PROMPT_TOKENS) + r.get(Measure.COMPLETION_TOKENS)))
        .thenComparing(r -> r.key(0)).thenComparing(r -> r.key(1)));
    Set<String> models = new TreeSet<>();
    Set<String> providers = new TreeSet<>();
    List<Map<String, Object>> modelMaps = new ArrayList<>();
    Series.Builder modelTable = Series.builder("models", "totals per model and provider", Series.Layout.TABLE,
        "model", "provider", "requests", "errors", "cancelled", "prompt_tokens", "completion_tokens", "total_tokens", "cost_usd");
    for (AggregateRow r : perModel) {
      models.add(r.key(0));
      if (!r.key(1).equals(Dimension.NONE)) {
        providers.add(r.key(1));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", r.key(0));
      m.put("provider", r.key(1).equals(Dimension.NONE) ? null : r.key(1));
      m.put("requests", (long) r.get(Measure.REQUESTS));
      m.put("errors", (long) r.get(Measure.ERRORS));
      m.put("tokens", tokens(r));
      m.put("cost_usd", r.get(Measure.COST_USD));
      modelMaps.add(m);
      modelTable.row(r.key(0), m.get("provider"), (long) r.get(Measure.REQUESTS), (long) r.get(Measure.ERRORS),
          (long) r.get(Measure.CANCELLED), (long) r.get(Measure.PROMPT_TOKENS), (long) r.get(Measure.COMPLETION_TOKENS),
          (long) (r.get(Measure.PROMPT_TOKENS) + r.get(Measure.COMPLETION_TOKENS)), r.get(Measure.COST_USD));
    }
    long requests = (long) total.get(Measure.REQUESTS);
    long errors = (long) total.get(Measure.ERRORS);
    long cancelled = (long) total.get(Measure.CANCELLED);
    long users = (long) total.get(Measure.USERS);
    Series.Builder totals = Series.builder("totals", "the window in one row", Series.Layout.TABLE,
        "requests", "errors", "cancelled", "error_rate", "cancellation_rate", "prompt_tokens", "completion_tokens",
        "total_tokens", "reasoning_tokens", "cached_read_tokens", "cache_write_tokens", "normalized_prompt_tokens",
        "normalized_completion_tokens", "cost_usd", "models", "providers", "users");
    Map<String, Object> tokens = tokens(total);
    if (requests > 0) {
      totals.row(requests, errors, cancelled, (double) errors / requests, (double) cancelled / requests,
          tokens.get("prompt"), tokens.get("completion"), tokens.get("total"), tokens.get("reasoning"),
          tokens.get("cached_read"), tokens.get("cache_write"), tokens.get("normalized_prompt"),
          tokens.get("normalized_completion"), total.get(Measure.COST_USD), (long) models.size(),
          (long) providers.size(), users);
    }
    return ctx.result(this)
        .headline("requests", (double) requests, COUNT)
        .headline("tokens", (double) (long) tokens.get("total"), TOKENS)
        .headline("cost", total.get(Measure.COST_USD), USD)
        .headline("error rate", requests > 0 ? (double) errors / requests : null, SHARE)
        .summary("requests", requests)
        .summary("errors", errors)
        .summary("cancelled", cancelled)
        .summary("error_rate", requests == 0 ? 0.0 : (double) errors / requests)
        .summary("cancellation_rate", requests == 0 ? 0.0 : (double) cancelled / requests)
        .summary("tokens", tokens)
        .summary("cost_usd", total.get(Measure.COST_USD))
        .summary("users", users)
        .summary("distinct_models", models.size())
        .summary("providers", providers.size())
        .summary("models", modelMaps)
        .series(totals.build())
        .series(modelTable.build())
        .note("Errors: every outcome but success and cancelled. Native token counts; unreported counts add nothing.")
        .note("Users: distinct end users (the user field, else the API key) within each key.")
        .build();
  }

  private static Map<String, Object> tokens(AggregateRow r) {
    Map<String, Object> t = new LinkedHashMap<>();
    long prompt = (long) r.get(Measure.PROMPT_TOKENS);
    long completion = (long) r.get(Measure.COMPLETION_TOKENS);
    t.put("prompt", prompt);
    t.put("completion", completion);
    t.put("total", prompt + completion);
    t.put("reasoning", (long) r.get(Measure.REASONING_TOKENS));
    t.put("cached_read", (long) r.get(Measure.CACHED_READ_TOKENS));
    t.put("cache_write", (long) r.get(Measure.CACHE_WRITE_TOKENS));
    t.put("normalized_prompt", (long) r.get(Measure.NORMALIZED_PROMPT_TOKENS));
    t.put("normalized_completion", (long) r.get(Measure.NORMALIZED_COMPLETION_TOKENS));
    return t;
  }
}
