package dev.switchboard.gateway.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.switchboard.gateway.GatewayHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relay writes the events of one event-loop turn together; what the client receives must not
 * depend on how the upstream packed its events: a whole stream in one write and the same stream
 * dribbled in many small pieces give the client the same bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamRelayPackingTest {
  private static final String CHAT = "/v1/chat/completions";

  @TempDir static Path storeDir;
  private GatewayHarness harness;

  @BeforeAll
  void start() {
    harness = new GatewayHarness(storeDir);
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  static Stream<Arguments> streams() {
    return Stream.of(
        Arguments.of("openai-chat-stream-text-usage.sse", false),
        Arguments.of("openai-chat-stream-text-usage.sse", true),
        Arguments.of("openai-chat-stream-tool-call-usage.sse", true),
        Arguments.of("deepseek-reasoner-stream-usage.sse", false),
        Arguments.of("openrouter-stream-processing-comments-usage-cost.sse", true));
  }

  @ParameterizedTest(name = "{0} include_usage={1}")
  @MethodSource("streams")
  void theClientGetsTheSameBytesHoweverTheUpstreamPacksItsEvents(String fixture, boolean includeUsage) {
    String whole = relay(fixture, includeUsage, r -> r);
    String dribbled = relay(fixture, includeUsage, r -> r.withChunkedDribbleDelay(25, 250));

    assertThat(whole).startsWith("data: {").endsWith("data: [DONE]\n\n");
    assertThat(whole.split("\n\n")).hasSizeGreaterThan(3);
    assertThat(sameIds(dribbled)).isEqualTo(sameIds(whole));
  }

  private String relay(String fixture, boolean includeUsage, UnaryOperator<ResponseDefinitionBuilder> packing) {
    harness.upstream().resetAll();
    harness.upstream().stubFor(post(urlEqualTo(CHAT)).willReturn(packing.apply(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(GatewayHarness.fixture(fixture)))));
    String options = includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "";
    HttpResponse<String> response = harness.post(CHAT,
        "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true" + options
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** Replaces the per-request id, the one part that differs between two requests. */
  private static String sameIds(String sse) {
    return sse.replaceAll("chatcmpl-[0-9a-f]{32}", "chatcmpl-ID");
  }
}
