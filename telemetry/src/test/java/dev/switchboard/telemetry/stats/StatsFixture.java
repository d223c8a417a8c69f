package dev.switchboard.telemetry.stats;

import dev.switchboard.config.catalog.SizeClass;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import java.time.Instant;
import java.util.List;

/**
 * Builds the small hand-made store every analysis test reads, with the numbers worked out by hand
 * in the tests. Two ISO weeks (Mon 2025-11-03 and Mon 2025-11-10, the window {@link #FROM} to
 * {@link #TO}) hold r1..r10; r11..r13 in later months feed retention.
 *
 * <pre>
 * id   when (UTC)                    model  key/user  prompt compl  T     category      lang    place cost     notes
 * r1   Mon 11-03 00:00:00 (week 1)   P      k1/u1     600    400    1000  Programming/debugging en US .01     tool call, reasoning 100, streamed
 * r2   Wed 11-05 12:00               C      k2/-      1500   500    2000  Roleplay      zh-Hans CN    .002     cached 1000, normalized 1400/450
 * r3   Sun 11-09 23:59:59.999999     Q      k1/u2     700    300    1000  Programming/code generation en US .0005 2 attempts, reasoning 200, streamed
 * r4   Thu 11-06 08:00               U      k1/u1     400    100    500   Trivia        en      US    null     unknown metadata
 * r5   Fri 11-07 09:00               P      k2/-      -      -      0     Programming   en      CN    null     upstream_error, 2 attempts
 * r6   Sat 11-08 10:00               R      k3/u3     2000   0      2000  Other         ru      DE    .004     BYOK, cancelled, streamed
 * r7   Mon 11-10 00:00:00 (week 2)   C      k1/u1     3000   1000   4000  Programming   en      US    .006     tool call, cache write 500, streamed
 * r8   Wed 11-12 00:00               P      k2/-      0      0      0     Trivia        und     CN    0.0      zero tokens
 * r9   Wed 11-12 01:00               nope   k3/-      -      -      0     unclassified  -       DE    null     client_error, 0 attempts
 * r10  Thu 11-13 00:00               R      k3/u3     800    200    1000  Roleplay      en      DE    .0001
 * r11  2025-12-02                    P      k1/u1     100    100    200   Programming   en      US    .002
 * r12  2026-02-03                    P      k2/-      100    100    200   Programming   en      CN    .001     returns after a gap
 * r13  2026-01-15                    Q      k1/u2     100    100    200   Programming   en      US    .001     returns after a gap
 * </pre>
 *
 * P = openai/gpt-5 (proprietary, reasoning), C = deepseek/deepseek-chat-v3.1 (Chinese OSS, large),
 * Q = qwen/qwen3-32b (Chinese OSS, medium, reasoning), R = meta-llama/llama-3.1-8b-instruct (RoW OSS,
 * small), U = local/unlisted (no catalog metadata), nope = a model name the gateway refused.
 */
public final class StatsFixture {
  public static final Instant FROM = Instant.parse("2025-11-03T00:00:00Z");
  public static final Instant TO = Instant.parse("2025-11-17T00:00:00Z");
  /** The end of the retention window: after r12. */
  public static final Instant END = Instant.parse("2026-03-01T00:00:00Z");

  public static final ModelFacts P = new ModelFacts("openai/gpt-5", "openai", false, "US", SizeClass.UNKNOWN, true);
  public static final ModelFacts C =
      new ModelFacts("deepseek/deepseek-chat-v3.1", "deepseek", true, "CN", SizeClass.LARGE, false);
  public static final ModelFacts Q = new ModelFacts("qwen/qwen3-32b", "qwen", true, "CN", SizeClass.MEDIUM, true);
  public static final ModelFacts R =
      new ModelFacts("meta-llama/llama-3.1-8b-instruct", "meta-llama", true, "US", SizeClass.SMALL, false);

  private StatsFixture() {}

  /** Returns r1..r13 as in the table above. */
  public static List<UsageRecord> records() {
    return List.of(
        ok("r1", "2025-11-03T00:00:00Z", P, "openai", "k1", "u1", 600, 400, "cline", "US")
            .usage(new TokenUsage(600L, 400L, 100L, 0L, 0L)).streamed(true).timing(1000, 100L)
            .tools(true, 1).finish(FinishReason.TOOL_CALLS, "tool_calls").cost(0.01, false).api("messages")
            .classification(classified(Category.PROGRAMMING, "en", "Programming/debugging")).build(),
        ok("r2", "2025-11-05T12:00:00Z", C, "deepseek", "k2", null, 1500, 500, "sillytavern", "CN")
            .usage(new TokenUsage(1500L, 500L, null, 1000L, null)).normalizedTokens(1400L, 450L)
            .timing(2000, null).cost(0.002, false).classification(classified(Category.ROLEPLAY, "zh-Hans", null)).build(),
        ok("r3", "2025-11-09T23:59:59.999999Z", Q, "together", "k1", "u2", 700, 300, "cline", "US")
            .usage(new TokenUsage(700L, 300L, 200L, null, null)).streamed(true).timing(1200, 200L).attempts(2).api("responses")
            .cost(0.0005, false).classification(classified(Category.PROGRAMMING, "en", "Programming/code generation")).build(),
        ok("r4", "2025-11-06T08:00:00Z", null, "local", "k1", "u1", 400, 100, null, "US")
            .timing(800, null).cost(null, false).classification(classified(Category.TRIVIA, "en", null)).build(),
        base("r5", "2025-11-07T09:00:00Z", P, "openai", "k2", null, null, "CN")
            .usage(TokenUsage.unknown()).normalizedTokens(null, null).finish(FinishReason.ERROR, null)
            .result(502, Outcome.UPSTREAM_ERROR, "upstream_error").timing(300, null).attempts(2)
            .classification(classified(Category.PROGRAMMING, "en", null)).build(),
        ok("r6", "2025-11-08T10:00:00Z", R, "together", "k3", "u3", 2000, 0, null, "DE")
            .streamed(true).result(200, Outcome.CANCELLED, null).finish(null, null).timing(500, null)
            .cost(0.004, true).classification(classified(Category.OTHER, "ru", null)).build(),
        ok("r7", "2025-11-10T00:00:00Z", C, "deepseek", "k1", "u1", 3000, 1000, "cline", "US")
            .usage(new TokenUsage(3000L, 1000L, null, null, 500L)).streamed(true).timing(3000, 300L)
            .tools(true, 2).finish(FinishReason.TOOL_CALLS, "tool_calls").cost(0.006, false).api("messages")
            .classification(classified(Category.PROGRAMMING, "en", null)).build(),
        ok("r8", "2025-11-12T00:00:00Z", P, "openai", "k2", null, 0, 0, null, "CN")
            .timing(50, null).cost(0.0, false).classification(classified(Category.TRIVIA, "und", null)).build(),
        UsageRecord.builder("r9", Instant.parse("2025-11-12T01:00:00Z"))
            .caller("k3", null, null).location("DE", "Europe").models("nope/nope", null, null, null)
            .result(400, Outcome.CLIENT_ERROR, "invalid_request_error").timing(5, null).attempts(0).build(),
        ok("r10", "2025-11-13T00:00:00Z", R, "together", "k3", "u3", 800, 200, "sillytavern", "DE")
            .timing(900, null).cost(0.0001, false).classification(classified(Category.ROLEPLAY, "en", null)).build(),
        later("r11", "2025-12-02T00:00:00Z", P, "openai", "k1", "u1", "US", 0.002),
        later("r12", "2026-02-03T00:00:00Z", P, "openai", "k2", null, "CN", 0.001),
        later("r13", "2026-01-15T00:00:00Z", Q, "together", "k1", "u2", "US", 0.001));
  }

  /** Opens an in-memory store holding {@link #records()}. */
  public static DuckDbUsageStore store() {
    DuckDbUsageStore store = DuckDbUsageStore.inMemory();
    store.append(records());
    return store;
  }

  private static UsageRecord later(
      String id, String ts, ModelFacts m, String provider, String key, String user, String country, double cost) {
    return ok(id, ts, m, provider, key, user, 100, 100, null, country).timing(400, null).cost(cost, false)
        .classification(classified(Category.PROGRAMMING, "en", null)).build();
  }

  private static UsageRecord.Builder ok(String id, String ts, ModelFacts m, String provider, String key, String user,
      long prompt, long completion, String app, String country) {
    return base(id, ts, m, provider, key, user, app, country)
        .usage(new TokenUsage(prompt, completion, null, null, null))
        .normalizedTokens(prompt, completion)
        .finish(FinishReason.STOP, "stop")
        .result(200, Outcome.SUCCESS, null)
        .attempts(1);
  }

  private static UsageRecord.Builder base(
      String id, String ts, ModelFacts m, String provider, String key, String user, String app, String country) {
    String continent = switch (country) {
      case "US" -> "North America";
      case "CN" -> "Asia";
      default -> "Europe";
    };
    String name = m == null ? "local/unlisted" : m.catalogId();
    return UsageRecord.builder(id, Instant.parse(ts))
        .caller(key, user, app)
        .location(country, continent)
        .models(name, name, provider, m == null ? ModelFacts.unknown() : m)
        .attempts(1);
  }

  private static Classification classified(Category category, String language, String tag) {
    return new Classification(category, 0.9, tag == null ? List.of() : List.of(new Classification.Tag(tag, 0.6)),
        language, null);
  }
}
