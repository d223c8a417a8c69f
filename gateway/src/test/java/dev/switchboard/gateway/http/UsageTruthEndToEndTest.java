package dev.switchboard.gateway.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.UsageRecord;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that the usage a chat answer carries is the usage recorded: xAI's recorded stream leaves
 * 313 reasoning tokens out of {@code completion_tokens} (only {@code total_tokens} has them); the
 * client must see them counted, as the record does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageTruthEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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

  @Test
  void hiddenReasoningIsInTheStreamedUsageTheClientSeesAndInTheRecord() throws Exception {
    String body;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/openai-compatible/xai-chat-stream-reasoning-content.sse")) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    harness.upstream().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body)));

    HttpResponse<String> response =
        harness.post("/v1/chat/completions",
            "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    JsonNode usage = null;
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data: {") && line.contains("\"usage\":{")) {
        usage = JSON.readTree(line.substring(6)).get("usage");
      }
    }
    assertThat(usage).isNotNull();
    assertThat(usage.get("completion_tokens").asLong()).isEqualTo(27 + 313);
    assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asLong()).isEqualTo(313);
    assertThat(usage.get("total_tokens").asLong())
        .isEqualTo(usage.get("prompt_tokens").asLong() + usage.get("completion_tokens").asLong());
    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.usage().completionTokens()).isEqualTo(usage.get("completion_tokens").asLong());
    assertThat(record.usage().reasoningTokens()).isEqualTo(313);
    assertThat(record.usage().promptTokens()).isEqualTo(usage.get("prompt_tokens").asLong());
  }
}
