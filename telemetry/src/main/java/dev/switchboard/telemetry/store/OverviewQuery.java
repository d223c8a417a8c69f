package dev.switchboard.telemetry.store;

import dev.switchboard.telemetry.store.UsageOverview.ModelTotals;
import dev.switchboard.telemetry.store.UsageOverview.TokenTotals;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs the aggregate queries behind {@link UsageStore#overview}. */
final class OverviewQuery {
  // sum() of BIGINT is HUGEINT in DuckDB and NULL over no rows: cast and coalesce so a window
  // without records reads as zeros. NULL token counts contribute nothing to a sum.
  private static final String AGGREGATES =
      """
      count(*)::BIGINT,
      count(*) FILTER (WHERE outcome NOT IN ('success', 'cancelled'))::BIGINT,
      count(*) FILTER (WHERE outcome = 'cancelled')::BIGINT,
      coalesce(sum(prompt_tokens), 0)::BIGINT,
      coalesce(sum(completion_tokens), 0)::BIGINT,
      coalesce(sum(reasoning_tokens), 0)::BIGINT,
      coalesce(sum(cached_read_tokens), 0)::BIGINT,
      coalesce(sum(cache_write_tokens), 0)::BIGINT,
      coalesce(sum(normalized_prompt_tokens), 0)::BIGINT,
      coalesce(sum(normalized_completion_tokens), 0)::BIGINT,
      coalesce(sum(cost_usd), 0)::DOUBLE
      """;

  // Bounds are bound as epoch microseconds so no JDBC time-zone conversion can shift them.
  private static final String WINDOW =
      " FROM usage_records WHERE ts >= make_timestamp(?) AND ts < make_timestamp(?)";

  // Key isolation: a gateway key sees only its own records; null (admin) matches every row.
  private static final String KEY_FILTER = " AND (CAST(? AS VARCHAR) IS NULL OR api_key_id = ?)";

  private static final String TOTALS_SQL = "SELECT " + AGGREGATES + WINDOW + KEY_FILTER;

  private static final String PER_MODEL_SQL =
      "SELECT coalesce(served_model, requested_model) AS model, provider, "
          + AGGREGATES
          + WINDOW
          + KEY_FILTER
          + " GROUP BY ALL"
          + " ORDER BY coalesce(sum(prompt_tokens), 0) + coalesce(sum(completion_tokens), 0) DESC,"
          + " model NULLS LAST, provider NULLS LAST";

  private OverviewQuery() {}

  static UsageOverview run(Connection connection, Instant from, Instant to, String apiKeyId)
      throws SQLException {
    long fromUs = UsageRows.epochMicros(from);
    long toUs = UsageRows.epochMicros(to);
    Aggregate total;
    try (PreparedStatement ps = prepare(connection, TOTALS_SQL, fromUs, toUs, apiKeyId);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      total = Aggregate.read(rs, 1);
    }
    List<ModelTotals> models = new ArrayList<>();
    try (PreparedStatement ps = prepare(connection, PER_MODEL_SQL, fromUs, toUs, apiKeyId);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Aggregate a = Aggregate.read(rs, 3);
        models.add(
            new ModelTotals(
                rs.getString(1), rs.getString(2), a.requests, a.errors, a.tokens, a.cost));
      }
    }
    return new UsageOverview(
        from,
        to,
        total.requests,
        total.errors,
        total.cancelled,
        total.tokens,
        total.cost,
        List.copyOf(models));
  }

  private static PreparedStatement prepare(
      Connection c, String sql, long fromUs, long toUs, String apiKeyId) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setLong(1, fromUs);
    ps.setLong(2, toUs);
    ps.setString(3, apiKeyId);
    ps.setString(4, apiKeyId);
    return ps;
  }

  /** Reads the {@link #AGGREGATES} columns starting at {@code first}. */
  private record Aggregate(
      long requests, long errors, long cancelled, TokenTotals tokens, double cost) {
    static Aggregate read(ResultSet rs, int first) throws SQLException {
      int c = first;
      return new Aggregate(
          rs.getLong(c),
          rs.getLong(c + 1),
          rs.getLong(c + 2),
          new TokenTotals(
              rs.getLong(c + 3),
              rs.getLong(c + 4),
              rs.getLong(c + 5),
              rs.getLong(c + 6),
              rs.getLong(c + 7),
              rs.getLong(c + 8),
              rs.getLong(c + 9)),
          rs.getDouble(c + 10));
    }
  }
}
