package dev.switchboard.gateway.judge;

import dev.switchboard.config.JudgeConfig;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.gateway.routing.ModelRouter;
import dev.switchboard.gateway.routing.ResolvedRoute;
import dev.switchboard.gateway.routing.RoutingRuntime;
import dev.switchboard.gateway.usage.UsageRecorder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.usage.ClassifierInputMapper;
import dev.switchboard.gateway.usage.RecordJudge;
import dev.switchboard.telemetry.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a deterministic sample of classified records ({@code classifier.judge}) before they are
 * stored: the record's final write waits for its judge's label, at most {@code timeout_ms}
 * (queue wait included), and is stored with a null judge category when the judge fails, times
 * out, is over budget or its queue is full; the client's answer was sent long before. At most
 * {@code concurrency} calls run at once, {@code queue_capacity} more wait. Every sampled request's
 * end is counted in {@code gateway_judge_calls_total{outcome}}. Thread-safe.
 */
public final class Judge implements RecordJudge, AutoCloseable {
  /** The key id the judge's own calls are recorded under. */
  public static final String KEY_ID = "judge";
  /** The app the judge's own calls are recorded under. */
  public static final String APP = "switchboard-judge";
  /** The unclassified reason on the judge's own records, which category analyses leave out. */
  public static final String UNCLASSIFIED_REASON = "judge";

  private static final Logger LOG = LoggerFactory.getLogger(Judge.class);

  private final JudgeConfig config;
  private final ResolvedRoute route;
  private final JudgeBudget budget;
  private final Map<JudgeOutcome, Counter> outcomes = new EnumMap<>(JudgeOutcome.class);
  private final Object lock = new Object();
  private final ArrayDeque<Job> waiting = new ArrayDeque<>();
  private final Set<Job> running = new HashSet<>();
  private JudgeClient client; // guarded by lock; null until the judge's verticle started
  private boolean closed; // guarded by lock
  private volatile Vertx vertx;
  private volatile String deploymentId;

  private Judge(JudgeConfig config, ResolvedRoute route, Clock clock, MeterRegistry registry) {
    this.config = config;
    this.route = route;
    this.budget = new JudgeBudget(config.budgetUsdDay(), clock);
    for (JudgeOutcome outcome : JudgeOutcome.values()) {
      outcomes.put(outcome, Counter.builder("gateway.judge.calls")
          .description("Sampled requests by how their judging ended")
          .tag("outcome", outcome.tag())
          .register(registry));
    }
    Gauge.builder("gateway.judge.spend.usd", budget, JudgeBudget::spentToday)
        .description("What the judge's calls cost today (UTC), against classifier.judge.budget_usd_day")
        .register(registry);
    Gauge.builder("gateway.judge.queue", this, Judge::waitingCount)
        .description("Sampled requests waiting for a free judge call")
        .register(registry);
  }

  /**
   * Returns a judge for {@code config}, not yet sending (see {@link #deploy}).
   *
   * @throws IllegalArgumentException when {@code config.model()} is not a model {@code router} serves
   */
  public static Judge create(JudgeConfig config, ModelRouter router, Clock clock, MeterRegistry registry) {
    return new Judge(config, JudgeRoute.of(config, router), clock, registry);
  }

  /**
   * Starts the judge's own event loop, whose calls are recorded through {@code recorder}; sampled
   * records pass unjudged until it runs.
   */
  public Future<Void> deploy(Vertx on, UsageRecorder recorder, RoutingRuntime routing, ServerConfig server) {
    this.vertx = on;
    return on.deployVerticle(new JudgeVerticle(this, route, recorder, routing, server))
        .onSuccess(id -> deploymentId = id)
        .mapEmpty();
  }

  /** Returns the judge's settings. */
  JudgeConfig config() {
    return config;
  }

  /** Returns the judge's daily budget. */
  JudgeBudget budget() {
    return budget;
  }

  /** Starts sending through {@code ready}, once the judge's event loop runs. */
  void connect(JudgeClient ready) {
    synchronized (lock) {
      client = ready;
    }
  }

  @Override
  public void review(UsageRecord record, ChatRequest request, Consumer<UsageRecord> done) {
    if (!JudgeSample.picks(record.id(), config.sampleRate()) || KEY_ID.equals(record.apiKeyId())) {
      done.accept(record);
      return;
    }
    String excerpt = LabellingPrompt.excerpt(ClassifierInputMapper.map(request.body()), config.maxPromptChars());
    if (excerpt.isEmpty()) {
      done.accept(record); // nothing to label (e.g. embeddings of no text)
      return;
    }
    if (budget.exhausted()) {
      count(JudgeOutcome.BUDGET);
      done.accept(record);
      return;
    }
    Job job = new Job(record, excerpt, done);
    JudgeClient starter = null;
    boolean full = false;
    synchronized (lock) {
      if (closed || client == null) {
        starter = null; // not started yet, or stopping
      } else if (running.size() < config.concurrency()) {
        running.add(job);
        starter = client;
      } else if (waiting.size() < config.queueCapacity()) {
        waiting.add(job);
        starter = client;
        job.queued = true;
      } else {
        full = true;
      }
    }
    if (starter == null) {
      job.end(null, full ? JudgeOutcome.DROPPED : JudgeOutcome.SHUTDOWN);
      return;
    }
    JudgeClient sender = starter;
    sender.context().runOnContext(v -> {
      if (job.ended.get()) {
        return;
      }
      job.timer = sender.context().owner().setTimer(config.timeout().toMillis(), t -> job.end(null, JudgeOutcome.TIMEOUT));
      if (!job.queued) {
        job.start(sender);
      }
    });
  }

  /** Returns how many sampled requests wait for a free call. */
  int waitingCount() {
    synchronized (lock) {
      return waiting.size();
    }
  }

  private void count(JudgeOutcome outcome) {
    outcomes.get(outcome).increment();
  }

  /** Hands the slot {@code finished} held to the next waiting job, if any. */
  private void release(Job finished) {
    Job next;
    JudgeClient starter;
    synchronized (lock) {
      if (!running.remove(finished)) {
        waiting.remove(finished);
        return;
      }
      next = closed ? null : waiting.poll();
      if (next == null) {
        return;
      }
      running.add(next);
      starter = client;
    }
    starter.context().runOnContext(v -> next.start(starter));
  }

  /**
   * Stops judging: records waiting or in flight are handed on unjudged at once (in-flight calls are
   * given up), later ones pass unjudged. Call after the classifier pool closed, before the writer.
   */
  @Override
  public void close() {
    List<Job> pending;
    synchronized (lock) {
      closed = true;
      pending = new ArrayList<>(waiting);
      pending.addAll(running);
    }
    pending.forEach(job -> job.end(null, JudgeOutcome.SHUTDOWN));
    if (deploymentId != null) {
      vertx.undeploy(deploymentId); // its client closes with it; nothing waits on it any more
    }
  }

  /** One sampled record on its way to the store. */
  private final class Job {
    private final UsageRecord record;
    private final String excerpt;
    private final Consumer<UsageRecord> done;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile JudgeClient.Call call;
    private volatile long timer = -1;
    private volatile boolean queued;

    Job(UsageRecord record, String excerpt, Consumer<UsageRecord> done) {
      this.record = record;
      this.excerpt = excerpt;
      this.done = done;
    }

    /** Sends the call; runs on the judge's context. */
    void start(JudgeClient client) {
      if (ended.get()) {
        return;
      }
      if (budget.exhausted()) { // spent while this one waited
        end(null, JudgeOutcome.BUDGET);
        return;
      }
      try {
        call = client.label(excerpt);
      } catch (RuntimeException e) {
        LOG.warn("judge call for {} could not start: {}", record.id(), e.toString());
        end(null, JudgeOutcome.FAILED);
        return;
      }
      call.answer().onComplete(answer -> {
        if (answer.failed()) {
          end(null, JudgeOutcome.FAILED);
          return;
        }
        String label = JudgeAnswer.label(answer.result()).orElse(null);
        end(label, label == null ? JudgeOutcome.UNKNOWN : JudgeOutcome.LABELLED);
      });
    }

    /** Ends judging once: counts it, frees the slot, gives up a running call, stores the record. */
    void end(String label, JudgeOutcome outcome) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      count(outcome);
      release(this);
      JudgeClient.Call sent = call;
      long t = timer;
      JudgeClient owner = clientOrNull();
      if (owner != null && (t >= 0 || sent != null)) {
        owner.context().runOnContext(v -> {
          if (t >= 0) {
            owner.context().owner().cancelTimer(t);
          }
          if (sent != null && (outcome == JudgeOutcome.TIMEOUT || outcome == JudgeOutcome.SHUTDOWN)) {
            sent.cancel(); // the upstream request is reset; the judge's record says cancelled
          }
        });
      }
      done.accept(label == null ? record : record.toBuilder().judgeCategory(label).build());
    }
  }

  private JudgeClient clientOrNull() {
    synchronized (lock) {
      return client;
    }
  }
}
