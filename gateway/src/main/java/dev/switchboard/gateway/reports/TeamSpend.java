package dev.switchboard.gateway.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.teams.Team;
import dev.switchboard.telemetry.stats.AggregateQuery;
import dev.switchboard.telemetry.stats.AggregateRow;
import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.Bucket;
import dev.switchboard.telemetry.stats.Dimension;
import dev.switchboard.telemetry.stats.Filter;
import dev.switchboard.telemetry.stats.Measure;
import dev.switchboard.telemetry.stats.TokenMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the figures of team spend reports from the usage statistics, as {@code team=} does: a
 * team's records are those of the keys in the team (or, for an organization, in its teams) when
 * the report is made. Every method queries the store: call them on a worker thread.
 */
final class TeamSpend {
  private static final Set<Measure> MEASURES = Set.of(Measure.REQUESTS, Measure.TOKENS, Measure.COST_USD);

  private final AggregateSource source;
  private final int top;

  /**
   * Creates the calculator.
   *
   * @param top how many models, keys and tags a report lists
   */
  TeamSpend(AggregateSource source, int top) {
    this.source = source;
    this.top = top;
  }

  /** One team's totals over a report's period, and its spend from the first of the month to the period's end. */
  record Totals(double spendUsd, long requests, long tokens, double monthToDateUsd) {
    static final Totals NONE = new Totals(0, 0, 0, 0);
  }

  /** Returns the totals of every team of {@code keysByTeam} (team id → key ids) from one query by key and day. */
  Map<String, Totals> totals(ReportWindow window, Map<String, Set<String>> keysByTeam) {
    Set<String> keys = new HashSet<>();
    keysByTeam.values().forEach(keys::addAll);
    Map<String, double[]> byKey = new HashMap<>(); // spend, requests, tokens, month to date
    if (!keys.isEmpty()) {
      LocalDate from = window.monthStart().isBefore(window.start()) ? window.monthStart() : window.start();
      AggregateQuery query = new AggregateQuery(from.atStartOfDay().toInstant(ZoneOffset.UTC), window.endInstant(),
          Bucket.DAY, List.of(Dimension.KEY), MEASURES, Filter.none().withApiKeyIds(keys), TokenMode.NATIVE);
      for (AggregateRow row : source.aggregate(query)) {
        double[] sums = byKey.computeIfAbsent(row.key(0), k -> new double[4]);
        if (!row.bucket().isBefore(window.start())) {
          sums[0] += row.get(Measure.COST_USD);
          sums[1] += row.get(Measure.REQUESTS);
          sums[2] += row.get(Measure.TOKENS);
        }
        if (!row.bucket().isBefore(window.monthStart())) {
          sums[3] += row.get(Measure.COST_USD);
        }
      }
    }
    Map<String, Totals> totals = new HashMap<>();
    keysByTeam.forEach((team, teamKeys) -> {
      double[] sum = new double[4];
      teamKeys.forEach(k -> {
        double[] s = byKey.get(k);
        if (s != null) {
          for (int i = 0; i < sum.length; i++) {
            sum[i] += s[i];
          }
        }
      });
      totals.put(team, new Totals(sum[0], Math.round(sum[1]), Math.round(sum[2]), sum[3]));
    });
    return totals;
  }

  /**
   * Builds the report of {@code team}: its totals, budgets and the share used, and its top models,
   * keys and tags by spend over the period.
   *
   * @param subject who the team is, as refusals name it ({@code team 'ml'})
   */
  ObjectNode report(Team team, String subject, ReportWindow window, Set<String> keys, Totals totals, Instant at) {
    ObjectNode o = JsonCodec.object();
    o.put("type", "spend.report");
    o.put("team", team.id());
    o.put("name", team.name());
    o.put("parent", team.parent());
    o.put("subject", subject);
    o.put("period", window.period());
    o.put("period_start", window.startInstant().toString());
    o.put("period_end", window.endInstant().toString());
    o.put("spend_usd", totals.spendUsd());
    o.put("requests", totals.requests());
    o.put("tokens", totals.tokens());
    o.put("budget_usd_day", team.budgetUsdDay());
    o.put("budget_usd_month", team.budgetUsdMonth());
    // a day's spend against the day budget; the week has none, so only the month is compared
    o.put("day_share_used", window.period().equals("day") ? share(totals.spendUsd(), team.budgetUsdDay()) : null);
    o.put("month_to_date_usd", totals.monthToDateUsd());
    o.put("month_share_used", share(totals.monthToDateUsd(), team.budgetUsdMonth()));
    o.put("warn_only", team.warnOnly());
    top(o.putArray("top_models"), window, keys, Dimension.MODEL, "model");
    top(o.putArray("top_keys"), window, keys, Dimension.KEY, "key");
    top(o.putArray("top_tags"), window, keys, Dimension.TAG, "tag");
    o.put("at", at.toString());
    return o;
  }

  private void top(ArrayNode into, ReportWindow window, Set<String> keys, Dimension dimension, String name) {
    if (keys.isEmpty()) {
      return; // an empty key filter would mean every key
    }
    AggregateQuery query = new AggregateQuery(window.startInstant(), window.endInstant(), null, List.of(dimension),
        MEASURES, Filter.none().withApiKeyIds(keys), TokenMode.NATIVE);
    source.aggregate(query).stream()
        .sorted(Comparator.comparingDouble((AggregateRow r) -> -r.get(Measure.COST_USD))
            .thenComparingDouble(r -> -r.get(Measure.REQUESTS))
            .thenComparing(r -> r.key(0)))
        .limit(top)
        .forEach(r -> into.addObject()
            .put(name, r.key(0))
            .put("spend_usd", r.get(Measure.COST_USD))
            .put("requests", Math.round(r.get(Measure.REQUESTS)))
            .put("tokens", Math.round(r.get(Measure.TOKENS))));
  }

  private static Double share(double spent, Double budget) {
    return budget == null || budget <= 0 ? null : spent / budget;
  }
}
