package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.gateway.routing.RoutingHarness.CHAT;
import static dev.switchboard.gateway.routing.RoutingHarness.body;
import static dev.switchboard.gateway.routing.RoutingHarness.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.PriceCap;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.RoutingConfig;
import dev.switchboard.config.TargetTimeouts;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.UsageRecord;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks each per-target time limit (connect, first byte, idle gap, total) and that a client
 * hanging up abandons the upstream request at once, through the real server. Outcomes are
 * asserted, never durations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeoutEndToEndTest {
  @TempDir static Path dir;
  private final List<Socket> backlogFillers = new ArrayList<>();
  private ServerSocket unaccepting;
  private WireMockServer slow;
  private TcpTap tap;
  private RoutingHarness harness;

  @BeforeAll
  void start() throws Exception {
    unaccepting = unacceptingSocket();
    slow = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    slow.start();
    tap = new TcpTap(slow.port());
    harness =
        RoutingHarness.builder(dir)
            .routing(RoutingConfig.singleAttempt())
            .provider("blackhole", unaccepting.getLocalPort())
            .provider("tapped", tap.port())
            .route(withFallback("t/connect", "blackhole", new TargetTimeouts(ms(300), null, null, null)))
            .route(withFallback("t/first-byte", "a", new TargetTimeouts(null, ms(300), null, null)))
            .route(withFallback("t/first-chunk", "a", new TargetTimeouts(null, ms(1500), null, null)))
            .route(withFallback("t/idle", "a", new TargetTimeouts(null, ms(3000), ms(300), null)))
            .route(withFallback("t/total", "a", new TargetTimeouts(null, ms(1000), ms(1000), ms(700))))
            .route(new ModelRoute("t/cancel", List.of(new RouteTarget("tapped", "model-t", null))))
            .start();
  }

  @AfterAll
  void stop() throws Exception {
    harness.close();
    tap.close();
    slow.stop();
    for (Socket socket : backlogFillers) {
      socket.close();
    }
    unaccepting.close();
  }

  @BeforeEach
  void reset() {
    harness.resetUpstreams();
    slow.resetAll();
    harness.stubSuccess("b", false);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  private static ModelRoute withFallback(String name, String first, TargetTimeouts timeouts) {
    return new ModelRoute(
        name,
        List.of(
            new RouteTarget(first, "model-" + first, null, 1, null, PriceCap.none(), timeouts),
            new RouteTarget("b", "model-b", null)));
  }

  /** Returns a listening socket whose accept queue is full, so new connections hang in SYN. */
  private ServerSocket unacceptingSocket() throws Exception {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    for (int i = 0; i < 8; i++) {
      Socket filler = new Socket();
      try {
        filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
        backlogFillers.add(filler);
      } catch (java.net.SocketTimeoutException full) {
        filler.close();
        return server;
      }
    }
    throw new IllegalStateException("could not fill the accept queue");
  }

  @Test
  void aTargetThatDoesNotAcceptTheConnectionInTimeIsFallenBackFrom() {
    HttpResponse<String> response = harness.chat(body("t/connect", false));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-switchboard-provider")).hasValue("b");
    assertThat(harness.recordOf(response).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("blackhole", "timeout_connect"), tuple("b", null));
  }

  @Test
  void aWholeAnswerSlowerThanTheFirstByteLimitIsFallenBackFrom() {
    harness.stub("a", aResponse().withFixedDelay(5_000).withBody("{}"));

    HttpResponse<String> response = harness.chat(body("t/first-byte", false));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(harness.recordOf(response).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("a", "timeout_first_byte"), tuple("b", null));
  }

  @Test
  void aStreamWhoseHeadersAndCommentsArriveButNoChunkHitsTheFirstByteLimit() {
    String event = SseBodies.event("late", "stop");
    String comment = ": " + "x".repeat(SseBodies.length(event) - 4) + "\n\n";
    harness.stub(
        "a",
        aResponse()
            .withHeader("Content-Type", "text/event-stream")
            .withBody(comment + comment + event)
            .withChunkedDribbleDelay(3, 3_000));
    harness.stubSuccess("b", true);

    HttpResponse<String> response = harness.chat(body("t/first-chunk", true));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("late").endsWith("data: [DONE]\n\n");
    assertThat(harness.recordOf(response).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::status, ProviderAttempt::errorType)
        .containsExactly(tuple("a", 200, "timeout_first_byte"), tuple("b", 200, null));
  }

  @Test
  void aStreamThatStallsAfterItsFirstChunkEndsWithAnErrorEventAndIsNotRetried() {
    harness.stub(
        "a",
        aResponse()
            .withHeader("Content-Type", "text/event-stream")
            .withBody(SseBodies.equalEvents(2, false))
            .withChunkedDribbleDelay(2, 3_000)); // one event after 1.5 s, the next 1.5 s later

    HttpResponse<String> response = harness.chat(body("t/idle", true));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(events(response.body()).get(0).get("choices").get(0).get("delta").get("content").asText())
        .isEqualTo("w000 ");
    assertThat(response.body()).contains("stalled").doesNotContain("w001").doesNotContain("[DONE]");
    assertThat(harness.calls("b")).isZero();
    UsageRecord record = harness.recordOf(response);
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_UNAVAILABLE);
    assertThat(record.providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("a", "timeout_idle"));
  }

  @Test
  void aStreamThatKeepsTricklingPastTheTotalLimitIsCutOff() {
    harness.stub(
        "a",
        aResponse()
            .withHeader("Content-Type", "text/event-stream")
            .withBody(SseBodies.equalEvents(10, true))
            .withChunkedDribbleDelay(10, 2_000));

    HttpResponse<String> response = harness.chat(body("t/total", true));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("did not finish").doesNotContain("w009").doesNotContain("[DONE]");
    assertThat(harness.calls("b")).isZero();
    assertThat(harness.recordOf(response).providerAttempts())
        .extracting(ProviderAttempt::errorType)
        .containsExactly("timeout_total");
  }

  @Test
  void aWholeAnswerPastTheTotalLimitIsFallenBackFrom() {
    harness.stub("a", aResponse().withFixedDelay(3_000).withBody("{}"));

    HttpResponse<String> response = harness.chat(body("t/total", false));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(harness.recordOf(response).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("a", "timeout_total"), tuple("b", null));
  }

  @Test
  void aClientLeavingMidStreamResetsTheUpstreamRequestAtOnce() throws Exception {
    slow.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse()
        .withHeader("Content-Type", "text/event-stream")
        .withBody(SseBodies.equalEvents(40, true))
        .withChunkedDribbleDelay(40, 20_000)));
    int closedBefore = tap.closedByClient();
    HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(harness.baseUrl() + CHAT))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body("t/cancel", true)))
            .build();

    HttpResponse<InputStream> response = http1.send(request, HttpResponse.BodyHandlers.ofInputStream());
    String id = response.headers().firstValue("x-request-id").orElseThrow();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(in.readLine()).startsWith("data: ");
    }

    // the upstream would take 20 s to finish: a close within 10 s is the gateway abandoning it
    awaitAtLeast(tap::closedByClient, closedBefore + 1);
    UsageRecord record = harness.awaitRecord(id);
    assertThat(record.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(record.httpStatus()).isEqualTo(499);
    assertThat(record.normalizedCompletionTokens()).as("measured from what arrived").isPositive();
    assertThat(record.providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("tapped", "cancelled"));
  }

  @Test
  void aClientLeavingBeforeAWholeAnswerArrivesResetsTheUpstreamRequestAtOnce() throws Exception {
    slow.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withFixedDelay(20_000).withBody("{}")));
    int acceptedBefore = tap.accepted();
    int closedBefore = tap.closedByClient();
    String json = body("t/cancel", false);
    String id;
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), harness.port())) {
      OutputStream out = client.getOutputStream();
      out.write(("POST " + CHAT + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json)
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      awaitAtLeast(tap::accepted, acceptedBefore + 1); // the gateway is now waiting on the upstream
      RoutingHarness.pause(200);
    }

    awaitAtLeast(tap::closedByClient, closedBefore + 1);
    UsageRecord record = awaitCancelledRecord();
    assertThat(record.httpStatus()).isEqualTo(499);
    assertThat(record.providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("tapped", "cancelled"));
  }

  private UsageRecord awaitCancelledRecord() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (var c = harnessReader();
          var st = c.createStatement();
          var rs = st.executeQuery("SELECT id FROM usage_records WHERE requested_model = 't/cancel' AND NOT streamed")) {
        if (rs.next()) {
          return harness.awaitRecord(rs.getString(1));
        }
      }
      RoutingHarness.pause(50);
    }
    throw new AssertionError("no cancelled record within 10 s");
  }

  private java.sql.Connection harnessReader() throws Exception {
    return harness.state().reader(); // the DuckDB store file: usage rows and state together
  }

  private static void awaitAtLeast(IntSupplier counter, int expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (counter.getAsInt() < expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected at least " + expected + ", saw " + counter.getAsInt());
      }
      RoutingHarness.pause(20);
    }
  }
}
