package dev.switchboard.gateway.provider.openaicompat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.TokenUsage;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat completions client in front of an OpenAI upstream gets plain answers as the upstream's
 * bytes with the gateway's edits, through the real server: what it reads and what is recorded
 * match the tree path's contract (our id and model, cost in usage, upstream-only members kept).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayedAnswerEndToEndTest {
  private static final String ROUTE = "openai/gpt-4o-mini";
  private static final String ANSWER =
      "{\"id\":\"chatcmpl-upstream\",\"object\":\"chat.completion\",\"created\":1782955818,"
          + "\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Paris \\u00e9t\\u00e9.\",\"refusal\":null,"
          + "\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,"
          + "\"completion_tokens\":5,\"total_tokens\":25,\"prompt_tokens_details\":{\"cached_tokens\":16},"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":0}},\"system_fingerprint\":\"fp_d0469e1700\"}";

  private GatewayHarness harness;

  @BeforeAll
  void start(@TempDir Path storeDir) {
    harness = new GatewayHarness(storeDir, FlavorUpstreams::extra);
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @Test
  void aPlainAnswerKeepsTheUpstreamsMembersAndGetsOurs() {
    serve("application/json", ANSWER.getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response = chat(false, "");

    JsonNode body = ClientView.read(response.body());
    String id = response.headers().firstValue("x-request-id").orElseThrow();
    assertThat(body.get("id").asText()).isEqualTo(id);
    assertThat(body.get("model").asText()).isEqualTo(ROUTE);
    assertThat(body.get("object").asText()).isEqualTo("chat.completion");
    assertThat(body.get("service_tier").asText()).isEqualTo("default");
    assertThat(body.get("system_fingerprint").asText()).isEqualTo("fp_d0469e1700");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Paris \u00e9t\u00e9.");
    assertThat(body.at("/choices/0/message/annotations").isArray()).isTrue();
    assertThat(body.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(16);
    UsageRecord record = harness.awaitRecord(id);
    assertThat(body.at("/usage/cost").doubleValue()).isEqualTo(record.costUsd());
    assertThat(record.usage()).isEqualTo(new TokenUsage(20L, 5L, 0L, 16L, 0L));
    assertThat(record.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.servedModel()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(record.normalizedCompletionTokens()).isPositive();
  }

  @Test
  void aRecordedStreamIsRelayedChunkByChunkWithUsageOnlyWhenAsked() {
    serve("text/event-stream", GatewayHarness.fixture("openai-chat-stream-text-usage.sse"));

    HttpResponse<String> asked = chat(true, ",\"stream_options\":{\"include_usage\":true}");
    HttpResponse<String> notAsked = chat(true, "");

    List<JsonNode> chunks = ClientView.ofStream(asked.body()).chunks();
    String id = asked.headers().firstValue("x-request-id").orElseThrow();
    assertThat(chunks).allSatisfy(chunk -> {
      assertThat(chunk.get("id").asText()).isEqualTo(id);
      assertThat(chunk.get("model").asText()).isEqualTo(ROUTE);
      assertThat(chunk.has("obfuscation")).isTrue(); // an upstream member, relayed as sent
    });
    JsonNode last = chunks.get(chunks.size() - 1);
    UsageRecord record = harness.awaitRecord(id);
    assertThat(last.at("/usage/cost").doubleValue()).isEqualTo(record.costUsd());
    assertThat(last.at("/usage/prompt_tokens").asLong()).isEqualTo(record.usage().promptTokens());
    assertThat(asked.body()).endsWith("data: [DONE]\n\n");
    assertThat(notAsked.body()).doesNotContain("\"usage\"");
    assertThat(ClientView.ofStream(notAsked.body()).content())
        .isEqualTo(ClientView.ofStream(asked.body()).content())
        .isNotEmpty();
    assertThat(record.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.servedModel()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(record.normalizedCompletionTokens()).isPositive();
  }

  private void serve(String contentType, byte[] body) {
    harness.upstream().stubFor(
        post(urlPathEqualTo(FlavorUpstreams.chatPath(ROUTE)))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body)));
  }

  private HttpResponse<String> chat(boolean stream, String extraJson) {
    return harness.post(
        "/v1/chat/completions",
        "{\"model\":\"" + ROUTE + "\",\"stream\":" + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]" + extraJson + "}");
  }
}
