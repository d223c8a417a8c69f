package dev.switchboard.gateway.bench;

import dev.switchboard.config.ObservabilityConfig;
import dev.switchboard.config.OtlpConfig;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.observability.OtlpReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Measures what tracing costs: the same closed-loop load (real HTTP through the real server to a
 * WireMock upstream) against a gateway with tracing off and one exporting every request's spans
 * (100% sampling) to an in-process OTLP receiver that answers without decoding, in alternating rounds of one run; prints the
 * throughput of each and the ratio on/off.
 *
 * <pre>java -cp ... dev.switchboard.gateway.bench.TracingOverhead [clients] [seconds] [rounds]</pre>
 */
public final class TracingOverhead {
  private static final String BODY =
      "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";

  private TracingOverhead() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path dir = Files.createTempDirectory("tracing-overhead");
    try (OtlpReceiver receiver = new OtlpReceiver(false);
        GatewayHarness off = harness(dir.resolve("off"), ObservabilityConfig.defaults());
        GatewayHarness on = harness(dir.resolve("on"), new ObservabilityConfig(
            new OtlpConfig(receiver.endpoint(), Map.of(), 1.0, false, Duration.ofMinutes(1)), false))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < 3; i++) { // warm-up (JIT, pools, caches), both
        load(http, off, clients, seconds);
        load(http, on, clients, seconds);
      }
      double offTotal = 0;
      double onTotal = 0;
      for (int round = 1; round <= rounds; round++) {
        // alternate which goes first: the machine warms up and slows down under us
        boolean offFirst = round % 2 == 1;
        double offRate = offFirst ? load(http, off, clients, seconds) : 0;
        double onRate = load(http, on, clients, seconds);
        if (!offFirst) {
          offRate = load(http, off, clients, seconds);
        }
        offTotal += offRate;
        onTotal += onRate;
        System.out.printf(Locale.ROOT, "round %d: off %.0f req/s, on %.0f req/s, ratio %.3f%n",
            round, offRate, onRate, onRate / offRate);
      }
      on.gateway().tracing().flush();
      System.out.printf(Locale.ROOT, "mean: off %.0f req/s, on %.0f req/s, throughput ratio on/off %.3f"
          + " (%d clients, %d s x %d rounds; %d OTLP exports received)%n",
          offTotal / rounds, onTotal / rounds, onTotal / offTotal, clients, seconds, rounds, receiver.exports());
    }
  }

  private static GatewayHarness harness(Path dir, ObservabilityConfig observability) throws IOException {
    Files.createDirectories(dir);
    GatewayHarness harness = new GatewayHarness(dir, config -> config.withObservability(observability), Clock.systemUTC());
    harness.upstream().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(GatewayHarness.fixture("ollama-v1-local-nonstream.json"))));
    return harness;
  }

  /** Runs {@code clients} closed loops for {@code seconds}; returns successful requests per second. */
  private static double load(HttpClient http, GatewayHarness target, int clients, int seconds)
      throws InterruptedException {
    Thread.sleep(1500); // let the previous phase's usage records (tokenizing, classifying) drain
    AtomicLong ok = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/v1/chat/completions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY))
        .build();
    CountDownLatch done = new CountDownLatch(clients);
    long start = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      new Thread(() -> {
        try {
          while (System.nanoTime() < end) {
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
              ok.incrementAndGet();
            }
          }
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        } finally {
          done.countDown();
        }
      }).start();
    }
    done.await();
    return ok.get() / ((System.nanoTime() - start) / 1e9);
  }
}
