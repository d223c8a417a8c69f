package dev.switchboard.gateway.usage;

import dev.switchboard.config.ClassifierConfig;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.classify.ClassifierInput;
import dev.switchboard.telemetry.classify.RequestClassifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies finished requests on a fixed pool of worker threads with a bounded queue. When the
 * queue is full the request is shed: it is reported {@code unclassified("overload")} at once and
 * counted in {@code switchboard.classifier.shed}, so classification never queues without bound
 * and never holds up a usage record. A classifier failure becomes {@code unclassified("error")}.
 */
public final class ClassificationPool implements AutoCloseable {
  /** The reason recorded for requests shed under overload. */
  public static final String OVERLOAD = "overload";
  /** The reason recorded when the classifier failed on a request. */
  public static final String ERROR = "error";
  /** The reason recorded when classification is switched off. */
  public static final String DISABLED = "disabled";
  /** The reason recorded for requests still waiting when the gateway stopped. */
  public static final String SHUTDOWN = "shutdown";

  private static final Logger LOG = LoggerFactory.getLogger(ClassificationPool.class);

  private final Supplier<RequestClassifier> classifier;
  private final ThreadPoolExecutor executor;
  private final Counter shed;
  private final Counter errors;

  private ClassificationPool(Supplier<RequestClassifier> classifier, ThreadPoolExecutor executor, MeterRegistry registry) {
    this.classifier = classifier;
    this.executor = executor;
    this.shed = Counter.builder("switchboard.classifier.shed")
        .description("Requests left unclassified because the classifier queue was full")
        .register(registry);
    this.errors = Counter.builder("switchboard.classifier.errors")
        .description("Requests left unclassified because the classifier failed")
        .register(registry);
    if (executor != null) {
      Gauge.builder("switchboard.classifier.queue", executor, e -> e.getQueue().size())
          .description("Requests waiting for a classifier worker")
          .register(registry);
    }
  }

  /**
   * Starts a pool sized by {@code config}; {@code classifier} is asked for on the first task, on a
   * worker thread, so building it (lexicon, language models) never delays startup or a request.
   */
  public static ClassificationPool start(
      ClassifierConfig config, Supplier<RequestClassifier> classifier, MeterRegistry registry) {
    if (!config.enabled()) {
      return new ClassificationPool(classifier, null, registry);
    }
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(
        config.workers(), config.workers(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(config.queueCapacity()),
        task -> {
          Thread t = new Thread(task, "switchboard-classifier-" + threads.incrementAndGet());
          t.setDaemon(true);
          t.setPriority(Thread.NORM_PRIORITY - 1);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
    return new ClassificationPool(memoize(classifier), executor, registry);
  }

  /**
   * Classifies the request {@code input} supplies (the supplier runs on the worker too) and hands
   * the result to {@code done}, on a worker thread, or at once on the calling thread when shed or
   * disabled. {@code done} is called exactly once.
   */
  public void classify(Supplier<ClassifierInput> input, Consumer<Classification> done) {
    if (executor == null) {
      done.accept(Classification.unclassified(DISABLED));
      return;
    }
    if (executor.isShutdown()) {
      done.accept(Classification.unclassified(SHUTDOWN));
      return;
    }
    try {
      executor.execute(new Job(input, done));
    } catch (RejectedExecutionException e) {
      shed.increment();
      done.accept(Classification.unclassified(executor.isShutdown() ? SHUTDOWN : OVERLOAD));
    }
  }

  /** One queued request; remembers its callback so that a request dropped at shutdown is still reported. */
  private final class Job implements Runnable {
    private final Supplier<ClassifierInput> input;
    private final Consumer<Classification> done;

    Job(Supplier<ClassifierInput> input, Consumer<Classification> done) {
      this.input = input;
      this.done = done;
    }

    @Override
    public void run() {
      done.accept(ClassificationPool.this.run(input));
    }

    void drop() {
      done.accept(Classification.unclassified(SHUTDOWN));
    }
  }

  private Classification run(Supplier<ClassifierInput> input) {
    try {
      return classifier.get().classify(input.get());
    } catch (RuntimeException | StackOverflowError e) {
      errors.increment();
      LOG.warn("classifier failed: {}", e.toString());
      return Classification.unclassified(ERROR);
    }
  }

  /** Returns how many requests were shed. */
  public long shedCount() {
    return (long) shed.count();
  }

  /** Stops taking work and waits briefly for queued requests, so their records are still written. */
  @Override
  public void close() {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        dropQueued();
      }
    } catch (InterruptedException e) {
      dropQueued();
      Thread.currentThread().interrupt();
    }
  }

  private void dropQueued() {
    var queued = executor.shutdownNow();
    LOG.warn("classifier queue not drained in time; {} requests recorded unclassified", queued.size());
    for (Runnable task : queued) {
      if (task instanceof Job job) {
        job.drop();
      }
    }
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T v = value;
        if (v == null) {
          synchronized (this) {
            v = value;
            if (v == null) {
              v = supplier.get();
              value = v;
            }
          }
        }
        return v;
      }
    };
  }
}
