package dev.switchboard.telemetry.store;

import java.util.List;

/**
 * Creates the ClickHouse tables on first start. {@code usage_records} mirrors the DuckDB table
 * ({@link UsageSchema}) with ClickHouse types: booleans are UInt8, {@code ts} is a second-precision
 * DateTime('UTC') for buckets and partitions next to {@code ts_us} (epoch microseconds) for exact
 * bounds, since 18.16 has no DateTime64 (20.1+). Rows are ordered by {@code ts_us}: every analysis
 * scans a time window, and the dedup lookup of {@link ClickHouseUsageStore} finds a batch's rows by
 * their timestamps. The cohort rollup and the daily rollup ({@link ClickHouseDailyRollup}) are
 * AggregatingMergeTrees fed by materialized views.
 */
final class ClickHouseSchema {
  static final String RECORDS = "usage_records";
  static final String ATTEMPTS = "usage_attempts";
  static final String MONTHLY = "usage_monthly_activity";
  static final int VERSION = 1;

  private static final String CREATE_RECORDS =
      """
      CREATE TABLE IF NOT EXISTS usage_records (
        id String,
        ts_us Int64,
        ts DateTime('UTC'),
        api_key_id Nullable(String),
        end_user Nullable(String),
        app Nullable(String),
        requested_model Nullable(String),
        served_model Nullable(String),
        provider Nullable(String),
        catalog_id Nullable(String),
        author Nullable(String),
        open_weights Nullable(UInt8),
        origin_country Nullable(String),
        size_class Nullable(String),
        reasoning_model Nullable(UInt8),
        streamed UInt8,
        prompt_tokens Nullable(Int64),
        completion_tokens Nullable(Int64),
        reasoning_tokens Nullable(Int64),
        cached_read_tokens Nullable(Int64),
        cache_write_tokens Nullable(Int64),
        normalized_prompt_tokens Nullable(Int64),
        normalized_completion_tokens Nullable(Int64),
        tools_offered UInt8,
        tool_calls Int32,
        finish_reason Nullable(String),
        native_finish_reason Nullable(String),
        http_status Int32,
        outcome String,
        error_type Nullable(String),
        latency_ms Int64,
        ttft_ms Nullable(Int64),
        cost_usd Nullable(Float64),
        country Nullable(String),
        continent Nullable(String),
        category Nullable(String),
        category_confidence Nullable(Float64),
        category_tags Nullable(String),
        language Nullable(String),
        unclassified_reason Nullable(String),
        attempts Int32,
        byok UInt8,
        model_key String,
        source String,
        sub_tag Nullable(String),
        latency_bin Int32,
        ttft_bin Int32,
        tps_bin Int32,
        api String,
        judge_category Nullable(String),
        tags Nullable(String),
        -- computed by the server on insert, so not part of the RowBinary rows: summing one plain
        -- column is several times faster than adding two Nullable ones per row
        tokens_native Int64 MATERIALIZED ifNull(prompt_tokens, 0) + ifNull(completion_tokens, 0),
        tokens_normalized Int64 MATERIALIZED ifNull(normalized_prompt_tokens, 0) + ifNull(normalized_completion_tokens, 0)
      ) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY ts_us
      """;

  private static final String CREATE_ATTEMPTS =
      """
      CREATE TABLE IF NOT EXISTS usage_attempts (
        request_id String,
        ts_us Int64,
        ts DateTime('UTC'),
        attempt Int32,
        provider Nullable(String),
        model Nullable(String),
        status Nullable(Int32),
        error_type Nullable(String),
        latency_ms Int64
      ) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (ts_us, request_id)
      """;

  // One row per (key, end user, model, month) once merged; until then a query's GROUP BY merges.
  // The first author and source of the month ride along as argMin states (by timestamp).
  private static final String CREATE_MONTHLY =
      """
      CREATE TABLE IF NOT EXISTS usage_monthly_activity (
        key_id String,
        user_id String,
        model String,
        month Date,
        first_author AggregateFunction(argMin, String, Int64),
        first_source AggregateFunction(argMin, String, Int64)
      ) ENGINE = AggregatingMergeTree PARTITION BY toYYYYMM(month) ORDER BY (model, key_id, user_id, month)
      """;

  // Fires on every insert into usage_records with the inserted block only: the rollup costs one
  // small aggregation per batch. Aliases differ from the source columns: 18.16 rejects an alias
  // that shadows a column it is computed from.
  private static final String CREATE_MONTHLY_VIEW =
      "CREATE MATERIALIZED VIEW IF NOT EXISTS usage_monthly_activity_mv TO usage_monthly_activity AS"
          + " SELECT " + ClickHouseSql.USER_KEY + " AS key_id, " + ClickHouseSql.END_USER + " AS user_id,"
          + " model_key AS model, toStartOfMonth(ts) AS month,"
          + " argMinState(ifNull(author, 'unknown'), ts_us) AS first_author, argMinState(source, ts_us) AS first_source"
          + " FROM usage_records WHERE " + ClickHouseSql.COHORT_PREDICATE
          + " GROUP BY key_id, user_id, model, month";

  // Version 1 is not released yet, so its tables are only ever created whole. A later version
  // adds its columns here with ALTER TABLE; beware that 18.16 evaluates a MATERIALIZED column
  // added by ALTER on old parts in a way that can fail ("Column '0' already exists"): follow such
  // an ALTER with OPTIMIZE TABLE ... FINAL, or add plain columns.
  private static final String CREATE_VERSION =
      "CREATE TABLE IF NOT EXISTS schema_version (version Int32) ENGINE = TinyLog";

  private ClickHouseSchema() {}

  /**
   * Creates the database and whatever tables are missing; refuses a database of a newer version.
   * Tries each statement once (every one is idempotent): callers retry the whole with {@link
   * ClickHouseHttp#retrying}.
   */
  static void ensure(ClickHouseHttp http, String database) {
    http.queryOnce("CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "") + "`", false);
    http.queryOnce(CREATE_VERSION, true);
    String stored = http.queryOnce("SELECT max(version) FROM schema_version", true).strip();
    int current = stored.isEmpty() ? 0 : Integer.parseInt(stored);
    if (current > VERSION) {
      throw new UsageStoreException(
          "ClickHouse schema version " + current + " is newer than supported version " + VERSION, null);
    }
    for (String create : List.of(CREATE_RECORDS, CREATE_ATTEMPTS, CREATE_MONTHLY, CREATE_MONTHLY_VIEW)) {
      http.queryOnce(create, true);
    }
    // The daily rollup's view is created last: while it is missing, the rollup is (re)built from
    // the rows stored so far. Rows inserted by another gateway between the backfill and the
    // view's creation would be missed: the first start of a new version is best done alone.
    if (http.queryOnce("EXISTS TABLE " + ClickHouseDailyRollup.TABLE + "_mv", true).strip().equals("0")) {
      http.queryOnce(ClickHouseDailyRollup.CREATE, true);
      http.queryOnce("TRUNCATE TABLE " + ClickHouseDailyRollup.TABLE, true);
      // month by month: each insert stays well within the HTTP timeout on a big table
      String months = http.queryOnce("SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase()"
          + " AND table = '" + RECORDS + "' AND active ORDER BY partition FORMAT TabSeparated", true);
      for (String[] month : Tsv.rows(months)) {
        http.queryOnce(ClickHouseDailyRollup.BACKFILL + " WHERE toYYYYMM(ts) = " + Integer.parseInt(month[0])
            + ClickHouseDailyRollup.GROUP_KEYS, true);
      }
      http.queryOnce(ClickHouseDailyRollup.CREATE_VIEW, true);
    }
    if (current == 0) {
      http.queryOnce("INSERT INTO schema_version VALUES (" + VERSION + ")", true);
    }
  }
}
