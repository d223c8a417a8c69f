package dev.switchboard.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.demo.DemoModelProfile.Faults;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated upstream fails as its profiles say: 429, 500, or an error event mid-stream. */
class SimulatedFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Vertx vertx;
  private static SimulatedUpstream upstream;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    DemoModelProfile base = new DemoModelProfile("m", Duration.ZERO, Double.POSITIVE_INFINITY, 60, false, 0);
    List<DemoModelProfile> profiles = List.of(
        rename(base, "limited").withFaults(new Faults(1, 0, 0)),
        rename(base, "broken").withFaults(new Faults(0, 1, 0)),
        rename(base, "flaky-stream").withFaults(new Faults(0, 0, 1)),
        rename(base, "healthy"));
    upstream = new SimulatedUpstream(profiles, Clock.systemUTC(), 8);
    port = upstream.start(vertx, 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    upstream.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void rateLimitedAndBrokenModelsAnswerWithOpenAiErrors() throws Exception {
    HttpResponse<String> limited = post("limited", false);
    HttpResponse<String> broken = post("broken", false);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(limited.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(broken.body()).at("/error/type").asText()).isEqualTo("server_error");
  }

  @Test
  void aBrokenStreamSendsSomeContentThenAnErrorEventAndNoDone() throws Exception {
    HttpResponse<String> response = post("flaky-stream", true);

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> events = data(response.body());
    assertThat(events).doesNotContain("[DONE]");
    JsonNode last = JSON.readTree(events.get(events.size() - 1));
    assertThat(last.at("/error/type").asText()).isEqualTo("server_error");
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("error");
    assertThat(JSON.readTree(events.get(1)).at("/choices/0/delta/content").asText()).isNotBlank();
  }

  @Test
  void midStreamFaultsLeaveNonStreamedAnswersAlone() throws Exception {
    HttpResponse<String> response = post("flaky-stream", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void streamsTheConfiguredNumberOfWordsPerEvent() throws Exception {
    List<String> events = data(post("healthy", true).body());

    JsonNode firstContent = JSON.readTree(events.get(1));
    String text = firstContent.at("/choices/0/delta/content").asText();
    assertThat(text.trim().split("\\s+")).hasSize(8);
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
  }

  private static DemoModelProfile rename(DemoModelProfile p, String model) {
    return new DemoModelProfile(model, p.timeToFirstToken(), p.tokensPerSecond(), p.meanCompletionTokens(),
        p.reasoning(), p.toolCallProbability());
  }

  private static HttpResponse<String> post(String model, boolean stream) throws Exception {
    String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"Describe the water cycle in detail for a school project\"}]}";
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> data(String sse) {
    return Arrays.stream(sse.split("\n\n")).filter(e -> e.startsWith("data: ")).map(e -> e.substring(6)).toList();
  }
}
