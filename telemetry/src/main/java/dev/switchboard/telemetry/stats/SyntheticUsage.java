package dev.switchboard.telemetry.stats;

import dev.switchboard.config.catalog.SizeClass;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.ModelFacts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Generates usage records with known distributions (models and their segments, categories,
 * languages, countries, outcomes, token lengths, retention) for tests and benchmarks, writing them
 * in time order to any batch sink, e.g. {@code store::append}. The same spec and seed always give
 * the same records.
 */
public final class SyntheticUsage {
  /** The models drawn, with their catalog facts, draw weight and prices per 1M tokens. */
  static final List<SyntheticModel> MODELS =
      List.of(
          model("anthropic/claude-sonnet-4.5", "anthropic", false, "US", SizeClass.UNKNOWN, true, 18, 3, 15),
          model("openai/gpt-4o-mini", "openai", false, "US", SizeClass.UNKNOWN, false, 12, 0.15, 0.6),
          model("openai/gpt-5", "openai", false, "US", SizeClass.UNKNOWN, true, 6, 1.25, 10),
          model("google/gemini-2.5-flash", "google", false, "US", SizeClass.UNKNOWN, true, 10, 0.3, 2.5),
          model("google/gemini-2.5-pro", "google", false, "US", SizeClass.UNKNOWN, true, 4, 1.25, 10),
          model("x-ai/grok-code-fast-1", "x-ai", false, "US", SizeClass.UNKNOWN, true, 4, 0.2, 1.5),
          model("deepseek/deepseek-chat-v3.1", "deepseek", true, "CN", SizeClass.LARGE, true, 9, 0.27, 1.1),
          model("deepseek/deepseek-r1", "deepseek", true, "CN", SizeClass.LARGE, true, 3, 0.55, 2.19),
          model("qwen/qwen3-coder", "qwen", true, "CN", SizeClass.LARGE, false, 5, 0.22, 0.95),
          model("qwen/qwen3-32b", "qwen", true, "CN", SizeClass.MEDIUM, true, 2, 0.08, 0.24),
          model("z-ai/glm-4.6", "z-ai", true, "CN", SizeClass.LARGE, true, 3, 0.4, 1.75),
          model("moonshotai/kimi-k2", "moonshotai", true, "CN", SizeClass.LARGE, false, 2, 0.5, 2.4),
          model("meta-llama/llama-3.3-70b-instruct", "meta-llama", true, "US", SizeClass.LARGE, false, 5, 0.13, 0.39),
          model("meta-llama/llama-3.1-8b-instruct", "meta-llama", true, "US", SizeClass.SMALL, false, 2, 0.02, 0.05),
          model("mistralai/mistral-small-3.2-24b", "mistralai", true, "FR", SizeClass.MEDIUM, false, 3, 0.05, 0.1),
          model("openai/gpt-oss-120b", "openai", true, "US", SizeClass.LARGE, true, 4, 0.05, 0.25),
          model("google/gemma-3-12b-it", "google", true, "US", SizeClass.SMALL, false, 1, 0.03, 0.1),
          // Routed but not in the catalog: unknown metadata and no cost.
          new SyntheticModel("local/my-finetune", ModelFacts.unknown(), 2, 0, 0));

  private static final Weighted<Category> CATEGORIES =
      Weighted.of(
          List.of(Category.PROGRAMMING, Category.ROLEPLAY, Category.TECHNOLOGY, Category.SCIENCE,
              Category.TRANSLATION, Category.TRIVIA, Category.HEALTH, Category.FINANCE, Category.LEGAL,
              Category.ACADEMIA, Category.MARKETING, Category.SEO, Category.OTHER),
          new double[] {35, 20, 10, 5, 5, 5, 3, 3, 2, 3, 2, 2, 5});
  private static final String[] PROGRAMMING_TAGS = {"development tools", "code generation", "debugging", "languages"};
  private static final String[] ROLEPLAY_TAGS = {"roleplaying game", "writers' resources", "adult"};
  private static final Weighted<String> LANGUAGES =
      Weighted.of(List.of("en", "zh-Hans", "ru", "es", "de", "fr", "ja", "und"), new double[] {80, 6, 3, 3, 2, 2, 2, 2});
  private static final String[][] COUNTRIES = {
    {"US", "North America"}, {"CA", "North America"}, {"DE", "Europe"}, {"GB", "Europe"}, {"FR", "Europe"},
    {"CN", "Asia"}, {"JP", "Asia"}, {"IN", "Asia"}, {"BR", "South America"}, {"AU", "Oceania"}, {"NG", "Africa"}
  };
  private static final String[] APPS = {"cline", "roo-code", "sillytavern", "open-webui", "internal-tool"};
  private static final Weighted<SyntheticModel> MODEL_DRAW =
      Weighted.of(MODELS, MODELS.stream().mapToDouble(SyntheticModel::weight).toArray());

  private final Spec spec;
  private final SplittableRandom random;

  /**
   * Describes a synthetic data set.
   *
   * @param records how many records
   * @param start timestamp of the first record
   * @param span time covered; records are spread evenly over it, in order
   * @param keys API keys (each with a fixed country)
   * @param users end users, who join over the first 80% of the span and churn after a while
   * @param seed random seed
   */
  public record Spec(long records, Instant start, Duration span, int keys, int users, long seed) {
    /** Returns a spec of {@code records} over 26 weeks from Monday 2025-06-02. */
    public static Spec of(long records) {
      return new Spec(records, Instant.parse("2025-06-02T00:00:00Z"), Duration.ofDays(182), 200, 50_000, 42);
    }
  }

  private SyntheticUsage(Spec spec) {
    this.spec = spec;
    this.random = new SplittableRandom(spec.seed());
  }

  /** Writes {@code spec.records()} records to {@code sink} in batches, reporting the running count. */
  public static void write(Spec spec, int batchSize, Consumer<List<UsageRecord>> sink, LongConsumer progress) {
    SyntheticUsage generator = new SyntheticUsage(spec);
    List<UsageRecord> batch = new ArrayList<>(batchSize);
    for (long i = 0; i < spec.records(); i++) {
      batch.add(generator.record(i));
      if (batch.size() == batchSize) {
        sink.accept(List.copyOf(batch));
        batch.clear();
        progress.accept(i + 1);
      }
    }
    if (!batch.isEmpty()) {
      sink.accept(List.copyOf(batch));
      progress.accept(spec.records());
    }
  }

  /** Returns every record of {@code spec} (for small specs). */
  public static List<UsageRecord> generate(Spec spec) {
    List<UsageRecord> all = new ArrayList<>();
    write(spec, 1024, all::addAll, n -> {});
    return all;
  }

  private UsageRecord record(long i) {
    double position = (double) i / Math.max(1, spec.records());
    Instant ts = spec.start().plusNanos((long) (position * spec.span().toNanos()) / 1000 * 1000);
    int user = pickUser(position);
    int key = user % spec.keys();
    String keyId = "key-" + key;
    String[] place = COUNTRIES[key % COUNTRIES.length];
    // Each user has a favourite model (chosen by weight from the user's own seed) used 70% of the time.
    SyntheticModel m =
        random.nextDouble() < 0.7
            ? MODEL_DRAW.pick(new SplittableRandom(spec.seed() * 31 + user).nextDouble())
            : MODEL_DRAW.pick(random.nextDouble());
    Category category = CATEGORIES.pick(random.nextDouble());
    boolean classified = random.nextDouble() >= 0.05;
    Outcome outcome = outcome();
    boolean reached = outcome != Outcome.CLIENT_ERROR && outcome != Outcome.UPSTREAM_UNAVAILABLE;
    boolean streamed = random.nextDouble() < 0.7;
    boolean toolsOffered = random.nextDouble() < 0.25;
    long prompt = lengthAround(category == Category.PROGRAMMING ? 4500 : 1400);
    long completion = outcome == Outcome.SUCCESS ? lengthAround(350) : outcome == Outcome.CANCELLED ? lengthAround(80) : 0;
    boolean reasoning = Boolean.TRUE.equals(m.facts().reasoning());
    TokenUsage usage =
        reached
            ? new TokenUsage(prompt, completion, reasoning ? completion * 2 / 5 : null,
                random.nextDouble() < 0.3 ? prompt / 2 : 0L, null)
            : TokenUsage.unknown();
    // Models from other tokenizer families count about 10% more tokens than o200k_base.
    double ratio = m.facts().author() != null && m.facts().author().equals("openai") ? 1.0 : 0.9;
    FinishReason finish =
        outcome != Outcome.SUCCESS ? (reached ? FinishReason.ERROR : null)
            : toolsOffered && random.nextDouble() < 0.4 ? FinishReason.TOOL_CALLS
            : random.nextDouble() < 0.03 ? FinishReason.LENGTH : FinishReason.STOP;
    boolean byok = random.nextDouble() < 0.05;
    Double cost = reached && m.inputPrice() > 0 ? (prompt * m.inputPrice() + completion * m.outputPrice()) / 1e6 : null;
    long ttft = 150 + random.nextInt(600);
    long latency = ttft + completion * (10 + random.nextInt(30));
    int attempts = !reached ? (outcome == Outcome.CLIENT_ERROR ? 0 : 2) : random.nextDouble() < 0.05 ? 2 : 1;
    return UsageRecord.builder("syn-" + i, ts)
        .caller(keyId, random.nextDouble() < 0.2 ? null : "user-" + user, random.nextDouble() < 0.3 ? null : APPS[user % APPS.length])
        .location(place[0], place[1])
        .models(m.name(), reached ? m.name() : null, reached ? "provider-" + (m.name().hashCode() & 3) : null, m.facts())
        .streamed(streamed)
        .usage(usage)
        .normalizedTokens(Math.round(prompt * ratio), reached ? Math.round(completion * ratio) : null)
        .tools(toolsOffered, finish == FinishReason.TOOL_CALLS ? 1 : 0)
        .finish(finish, finish == null ? null : finish.wireName())
        .result(status(outcome), outcome, outcome == Outcome.SUCCESS || outcome == Outcome.CANCELLED ? null : outcome.label())
        .timing(latency, streamed && reached ? ttft : null)
        .cost(cost, byok)
        .classification(classified ? classification(category) : Classification.unclassified("overload"))
        .attempts(attempts)
        .build();
  }

  private int pickUser(double position) {
    // User u joins at 80% * u/users of the span and stays about a fifth of the span (exponential).
    int joined = Math.max(1, (int) Math.min(spec.users(), spec.users() * position / 0.8));
    for (int attempt = 0; attempt < 8; attempt++) {
      int u = random.nextInt(joined);
      double joinedAt = 0.8 * u / spec.users();
      double lifetime = -0.2 * Math.log(1 - new SplittableRandom(spec.seed() ^ u).nextDouble());
      if (position - joinedAt <= lifetime) {
        return u;
      }
    }
    return joined - 1;
  }

  private Outcome outcome() {
    double r = random.nextDouble();
    if (r < 0.93) {
      return Outcome.SUCCESS;
    }
    if (r < 0.95) {
      return Outcome.CANCELLED;
    }
    if (r < 0.97) {
      return Outcome.UPSTREAM_ERROR;
    }
    return r < 0.985 ? Outcome.UPSTREAM_UNAVAILABLE : Outcome.CLIENT_ERROR;
  }

  private static int status(Outcome o) {
    return switch (o) {
      case SUCCESS, CANCELLED -> 200;
      case CLIENT_ERROR -> 400;
      case UPSTREAM_ERROR -> 502;
      case UPSTREAM_UNAVAILABLE -> 503;
      case GATEWAY_ERROR -> 500;
    };
  }

  private long lengthAround(long mean) {
    // Exponential lengths with the given mean: long-tailed like real prompts.
    return Math.round(-mean * Math.log(1 - random.nextDouble()));
  }

  private Classification classification(Category category) {
    List<Classification.Tag> tags = new ArrayList<>();
    String[] sub = category == Category.PROGRAMMING ? PROGRAMMING_TAGS : category == Category.ROLEPLAY ? ROLEPLAY_TAGS : null;
    if (sub != null) {
      tags.add(new Classification.Tag(category.label() + "/" + sub[random.nextInt(sub.length)], 0.6));
    }
    return new Classification(category, 0.8, tags, LANGUAGES.pick(random.nextDouble()), null);
  }

  private static SyntheticModel model(
      String id, String author, boolean open, String origin, SizeClass size, boolean reasoning,
      double weight, double in, double out) {
    return new SyntheticModel(id, new ModelFacts(id, author, open, origin, size, reasoning), weight, in, out);
  }

  /** Holds one synthetic model: facts, draw weight, USD per 1M input and output tokens. */
  record SyntheticModel(String name, ModelFacts facts, double weight, double inputPrice, double outputPrice) {}

  /** Draws items by weight from a uniform number in [0, 1). */
  private record Weighted<T>(List<T> items, double[] cumulative) {
    static <T> Weighted<T> of(List<T> items, double[] weights) {
      return new Weighted<>(List.copyOf(items), cumulate(weights));
    }

    private static double[] cumulate(double[] weights) {
      double total = 0;
      for (double w : weights) {
        total += w;
      }
      double[] c = new double[weights.length];
      double run = 0;
      for (int i = 0; i < weights.length; i++) {
        run += weights[i] / total;
        c[i] = run;
      }
      return c;
    }

    T pick(double u) {
      for (int i = 0; i < cumulative.length; i++) {
        if (u < cumulative[i]) {
          return items.get(i);
        }
      }
      return items.get(items.size() - 1);
    }
  }
}
