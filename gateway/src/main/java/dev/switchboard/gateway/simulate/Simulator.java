package dev.switchboard.gateway.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.simulate.prompt.ComposedPrompt;
import dev.switchboard.gateway.simulate.prompt.PromptBank;
import dev.switchboard.gateway.simulate.prompt.PromptComposer;
import dev.switchboard.gateway.simulate.scenario.Scenario;
import dev.switchboard.gateway.simulate.scenario.Scenario.AppSpec;
import dev.switchboard.gateway.simulate.traffic.PlannedRequest;
import dev.switchboard.gateway.simulate.traffic.TrafficPlanner;
import dev.switchboard.telemetry.tokens.TokenCounter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drives a scenario's year through a gateway's HTTP API: creates a key per country and app, plans
 * each week, writes every request's prompt, sends it as the admin on behalf of the user's key at
 * its simulated time, at most {@code rps} a second and {@code concurrency} at a time, waits while
 * the gateway's classifier or writer queues are full, and records every answer in the ground
 * truth. {@link #run} blocks the calling thread; answers arrive on the Vert.x event loops.
 */
public final class Simulator {
  /**
   * Tunes how hard the simulator drives the gateway.
   *
   * @param rps requests per second at most; 0 for no limit
   * @param concurrency requests in flight at most
   * @param progress told after every request sent and once at the end (on the simulator's thread)
   * @param answers told of every answer with the body sent (on an event loop: keep it short)
   * @param shuffled send the planned year in a shuffled order instead of week by week
   */
  public record Settings(
      double rps, int concurrency, Consumer<Progress> progress, AnswerListener answers, boolean shuffled) {
    public Settings {
      progress = progress == null ? p -> {} : progress;
      answers = answers == null ? (request, body, answer) -> {} : answers;
    }

    /** Returns settings that report nothing and send week by week. */
    public Settings(double rps, int concurrency) {
      this(rps, concurrency, null, null, false);
    }
  }

  /** Hears of each answer, with the request body that was sent. */
  @FunctionalInterface
  public interface AnswerListener {
    void answered(PlannedRequest request, ObjectNode body, Observed answer);
  }

  /**
   * Tells how far a run has come.
   *
   * @param week weeks fully sent so far
   * @param sent requests answered so far
   * @param errors answers that ended in an error
   * @param done whether this is the last report of the run
   */
  public record Progress(int week, int weeks, String weekStart, long sent, long errors, Duration elapsed, boolean done) {}

  /**
   * Summarizes a finished run.
   *
   * @param shed classifications the gateway shed during the run (should be 0)
   * @param dropped usage records the gateway dropped during the run (should be 0)
   */
  public record Summary(
      long requests, long errors, int keys, Duration elapsed, double requestsPerSecond,
      Map<String, Long> errorsByKind, double shed, double dropped) {}

  private final Vertx vertx;
  private final GatewayClient client;
  private final Settings settings;
  private final PromptComposer composer;
  private final PromptBank bank = PromptBank.bundled();
  private final KeyProvisioner keys = new KeyProvisioner();
  private final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();
  private volatile List<PlannedRequest> lastWeek = List.of();

  /** Connects to the gateway at {@code base} (scheme, host and port) with the admin key. */
  public Simulator(Vertx vertx, URI base, String adminKey, Settings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.client = new GatewayClient(vertx, base, adminKey, Math.max(8, settings.concurrency()));
    this.composer = new PromptComposer(bank, TokenCounter.o200k());
  }

  /**
   * Runs {@code scenario}'s year and records it in {@code truth}.
   *
   * @param runTag names the keys this run creates ({@code sim-<tag>-US-TavernChat})
   */
  public Summary run(Scenario scenario, GroundTruth truth, String runTag) throws Exception {
    long start = System.nanoTime();
    TrafficPlanner planner = new TrafficPlanner(scenario, bank);
    keys.provision(client, planner.users(), runTag).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    Map<String, AppSpec> apps = scenario.apps().stream().collect(Collectors.toMap(AppSpec::name, Function.identity()));
    GatewayPressure pressure = new GatewayPressure(vertx, client);
    pressure.start();
    Semaphore slots = new Semaphore(settings.concurrency());
    Pacer pacer = new Pacer(settings.rps());
    Sender sender = request -> {
      pacer.await();
      pressure.awaitCalm();
      slots.acquire();
      send(request, request.at(), apps.get(request.user().app()), truth).onComplete(r -> slots.release());
    };
    try {
      if (settings.shuffled()) {
        sendShuffled(scenario, planner, sender, truth, start);
      } else {
        sendInOrder(scenario, planner, sender, truth, start);
      }
      slots.acquire(settings.concurrency()); // every answer is in
      slots.release(settings.concurrency());
      settings.progress().accept(new Progress(scenario.weeks(), scenario.weeks(),
          planner.calendar().weekStart(scenario.weeks() - 1).toString(), truth.sent(), truth.failed(),
          Duration.ofNanos(System.nanoTime() - start), true));
    } finally {
      pressure.stop();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Map<String, Long> errors = new TreeMap<>();
    errorsByKind.forEach((k, v) -> errors.put(k, v.sum()));
    return new Summary(truth.sent(), truth.failed(), keys.size(), elapsed,
        truth.sent() / Math.max(1e-3, elapsed.toNanos() / 1e9), errors, pressure.shed(), pressure.dropped());
  }

  /** Sends week after week, each in time order, planning a week only when the last is sent. */
  private void sendInOrder(Scenario scenario, TrafficPlanner planner, Sender sender, GroundTruth truth, long start)
      throws InterruptedException {
    for (int week = 0; planner.hasNext(); week++) {
      List<PlannedRequest> planned = planner.nextWeek();
      if (!planned.isEmpty()) {
        lastWeek = planned;
      }
      String weekStart = planner.calendar().weekStart(week).toString();
      for (PlannedRequest request : planned) {
        sender.send(request);
        settings.progress().accept(new Progress(week, scenario.weeks(), weekStart, truth.sent(), truth.failed(),
            Duration.ofNanos(System.nanoTime() - start), false));
      }
    }
  }

  /**
   * Plans the whole year, then sends it in a shuffled order: every week gets its first requests
   * within seconds and fills in from there. Records carry their simulated time, so the order the
   * gateway sees them in changes no statistic.
   */
  private void sendShuffled(Scenario scenario, TrafficPlanner planner, Sender sender, GroundTruth truth, long start)
      throws InterruptedException {
    List<PlannedRequest> year = new ArrayList<>();
    while (planner.hasNext()) {
      List<PlannedRequest> planned = planner.nextWeek();
      if (!planned.isEmpty()) {
        lastWeek = planned;
      }
      year.addAll(planned);
    }
    Collections.shuffle(year, new Random(scenario.seed()));
    for (int i = 0; i < year.size(); i++) {
      sender.send(year.get(i));
      int week = (int) ((long) scenario.weeks() * (i + 1) / year.size());
      settings.progress().accept(new Progress(week, scenario.weeks(), "all weeks", truth.sent(), truth.failed(),
          Duration.ofNanos(System.nanoTime() - start), false));
    }
  }

  /** Sends one planned request at its simulated time, waiting for pace, calm and a free slot. */
  @FunctionalInterface
  private interface Sender {
    void send(PlannedRequest request) throws InterruptedException;
  }

  /**
   * Keeps a live trickle going after {@link #run} until {@code stop} says so: requests like those
   * of the year's last week, recorded at the real time, about {@code rps} a second.
   */
  public void trickle(Scenario scenario, double rps, BooleanSupplier stop) throws InterruptedException {
    List<PlannedRequest> like = lastWeek;
    if (like.isEmpty() || rps <= 0) {
      return;
    }
    Map<String, AppSpec> apps = scenario.apps().stream().collect(Collectors.toMap(AppSpec::name, Function.identity()));
    SplittableRandom random = new SplittableRandom(scenario.seed());
    Pacer pacer = new Pacer(rps);
    Semaphore slots = new Semaphore(Math.max(1, settings.concurrency()));
    long seq = like.get(like.size() - 1).seq() + 1;
    while (!stop.getAsBoolean()) {
      pacer.await();
      PlannedRequest r = like.get(random.nextInt(like.size()));
      PlannedRequest live = new PlannedRequest(seq++, Instant.now(), r.week(), r.user(), r.model(),
          r.category(), r.language(), r.stream(), r.toolsOffered(), r.promptTokens(), r.completionTokens());
      slots.acquire();
      send(live, null, apps.get(live.user().app()), null).onComplete(x -> slots.release());
    }
  }

  /** Closes the client's connections. */
  public Future<Void> close() {
    return client.close();
  }

  /** Sends one request at simulated time {@code at} (null: now), recording it in {@code truth} if given. */
  private Future<Observed> send(PlannedRequest request, Instant at, AppSpec app, GroundTruth truth) {
    ComposedPrompt prompt = composer.compose(request);
    ObjectNode body = ChatBody.of(request, prompt);
    return client.chat(body, request.stream(), at, keys.keyOf(request.user()), app)
        .onSuccess(answer -> {
          if (truth != null) {
            truth.record(request, answer);
          }
          settings.answers().answered(request, body, answer);
          if (!answer.ok()) {
            errorsByKind.computeIfAbsent(answer.error(), k -> new LongAdder()).increment();
          }
        });
  }

  /** Spaces sends {@code 1/rps} seconds apart on the simulator's thread; 0 means no limit. */
  private static final class Pacer {
    private final long intervalNanos;
    private long next = System.nanoTime();

    Pacer(double rps) {
      this.intervalNanos = rps <= 0 ? 0 : (long) (1e9 / rps);
    }

    void await() {
      if (intervalNanos == 0) {
        return;
      }
      long now = System.nanoTime();
      if (now - next > 1_000_000_000L) {
        next = now; // far behind (the gateway was busy): do not burst to catch up
      }
      while ((now = System.nanoTime()) < next) {
        LockSupport.parkNanos(next - now);
      }
      next += intervalNanos;
    }
  }
}
