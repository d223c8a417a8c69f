package dev.switchboard.gateway.dialect.responses;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.FinishReason;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends Responses requests to an OpenAI upstream, which speaks Responses too: the client's own
 * body goes to {@code /responses} and the upstream's answer and events come back verbatim, while
 * the record is measured from them like any other answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsesLosslessEndToEndTest {
  private static final String UPSTREAM = "/oai/v1/responses";
  private static final String MODEL = "openai/gpt-5-codex";
  private static final String DIR = "openai-compatible-constructed";
  private static final String CODEX_BODY = """
      {"model":"openai/gpt-5-codex","instructions":"You are a coding agent.","stream":true,"store":false,
       "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"List the files"}]},
                {"type":"reasoning","id":"rs_prev","summary":[],"encrypted_content":"gAAAAABprevious"},
                {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Sure."}]}],
       "tools":[{"type":"function","name":"shell","parameters":{"type":"object","properties":{}}},
                {"type":"web_search"},{"type":"custom","name":"apply_patch","format":{"type":"grammar","syntax":"lark","definition":"start: x"}}],
       "tool_choice":"auto","parallel_tool_calls":false,"reasoning":{"effort":"medium","summary":"auto"},
       "include":["reasoning.encrypted_content"],"prompt_cache_key":"019a-session","text":{"verbosity":"medium"}}""";

  @TempDir static Path storeDir;
  private GatewayHarness harness;

  @BeforeAll
  void start() {
    harness = new GatewayHarness(storeDir, root -> new GatewayHarness.Extra(
        List.of(new ProviderConfig("oai", ProviderKind.OPENAI, URI.create(root + "/oai/v1"),
            SecretRef.parse(GatewayHarness.UPSTREAM_KEY), Map.of(), null, null)),
        List.of(new ModelRoute(MODEL, List.of(new RouteTarget("oai", "gpt-5-codex", null))))));
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @BeforeEach
  void resetUpstream() {
    harness.upstream().resetAll();
  }

  @Test
  void codexStreamGoesUpstreamAsSentAndItsEventsComeBackVerbatim() {
    String sse = ResponsesWire.fixture(DIR, "openai-responses-stream-reasoning-text-call.sse");
    stub(sse, "text/event-stream");

    HttpResponse<String> http = harness.post(ResponsesWire.RESPONSES, CODEX_BODY);

    assertThat(http.statusCode()).isEqualTo(200);
    assertThat(http.body()).isEqualTo(sse);
    ObjectNode expected = (ObjectNode) ResponsesWire.read(CODEX_BODY);
    expected.put("model", "gpt-5-codex");
    assertThat(sentBody()).isEqualTo(expected);
    LoggedHeaders.assertBearer(harness, UPSTREAM);
    UsageRecord record = harness.awaitRecord(http.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.usage().promptTokens()).isEqualTo(1200L);
    assertThat(record.usage().cachedReadTokens()).isEqualTo(1024L);
    assertThat(record.usage().completionTokens()).isEqualTo(180L);
    assertThat(record.usage().reasoningTokens()).isEqualTo(128L);
    assertThat(record.toolCalls()).isEqualTo(1);
    assertThat(record.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void reasoningCarriedForAnotherUpstreamIsNotSentToOpenAi() {
    stub(ResponsesWire.fixture(DIR, "openai-responses-nonstream-reasoning-text.json"), "application/json");
    String carried = ReasoningCarrier.wrap(
        ResponsesWire.read("[{\"type\":\"reasoning.text\",\"text\":\"t\",\"signature\":\"s\",\"format\":\"anthropic-claude-v1\"}]"),
        ResponsesWire.read("[]"));
    String body = CODEX_BODY.replace("\"stream\":true", "\"stream\":false").replace(
        "{\"type\":\"reasoning\",\"id\":\"rs_prev\"",
        "{\"type\":\"reasoning\",\"id\":\"rs_claude\",\"summary\":[],\"encrypted_content\":\"" + carried + "\"},"
            + "{\"type\":\"reasoning\",\"id\":\"rs_prev\"");

    HttpResponse<String> http = harness.post(ResponsesWire.RESPONSES, body);

    assertThat(http.statusCode()).isEqualTo(200);
    JsonNode input = sentBody().get("input");
    assertThat(input).hasSize(3);
    assertThat(input.get(1).get("id").asText()).isEqualTo("rs_prev");
    assertThat(input.get(1).get("encrypted_content").asText()).isEqualTo("gAAAAABprevious");
  }

  @Test
  void plainAnswerComesBackVerbatimAndIsRecorded() {
    String json = ResponsesWire.fixture(DIR, "openai-responses-nonstream-reasoning-text.json");
    stub(json, "application/json");

    HttpResponse<String> http = harness.post(ResponsesWire.RESPONSES, CODEX_BODY.replace("\"stream\":true", "\"stream\":false"));

    assertThat(http.statusCode()).isEqualTo(200);
    assertThat(ResponsesWire.read(http.body())).isEqualTo(ResponsesWire.read(json));
    assertThat(sentBody().get("stream").asBoolean()).isFalse();
    UsageRecord record = harness.awaitRecord(http.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.usage().completionTokens()).isEqualTo(60L);
    assertThat(record.usage().reasoningTokens()).isEqualTo(40L);
    assertThat(record.usage().cachedReadTokens()).isEqualTo(1024L);
  }

  @Test
  void upstreamFailureInTheStreamIsRelayedAndRecordedAsAnUpstreamError() {
    String sse = ResponsesWire.fixture(DIR, "openai-responses-stream-reasoning-text-call.sse");
    String cut = sse.substring(0, sse.indexOf("event: response.output_item.added"))
        + "event: response.failed\ndata: {\"type\":\"response.failed\",\"sequence_number\":8,\"response\":"
        + "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"failed\",\"output\":[],"
        + "\"error\":{\"code\":\"server_error\",\"message\":\"The model failed.\"}}}\n\n";
    stub(cut, "text/event-stream");

    HttpResponse<String> http = harness.post(ResponsesWire.RESPONSES, CODEX_BODY);

    assertThat(http.body()).isEqualTo(cut);
    UsageRecord record = harness.awaitRecord(http.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
  }

  @Test
  void theSdkReadsTheRelayedStream() {
    stub(ResponsesWire.fixture(DIR, "openai-responses-stream-reasoning-text-call.sse"), "text/event-stream");
    OpenAIClient client = OpenAIOkHttpClient.builder()
        .baseUrl(harness.baseUrl() + "/v1").apiKey("sk-unused").maxRetries(0).build();
    List<ResponseStreamEvent> events;
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
        ResponseCreateParams.builder().model(MODEL).input("List the files").build())) {
      events = stream.stream().collect(Collectors.toList());
    } finally {
      client.close();
    }

    events.forEach(ResponseStreamEvent::validate);
    assertThat(events.get(events.size() - 1).asCompleted().response().output()).hasSize(3);
  }

  @Test
  void chatClientsOfTheSameModelStillGetChatCompletions() {
    harness.upstream().stubFor(post(urlEqualTo("/oai/v1/chat/completions")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(ResponsesWire.fixture("openai-compatible", "openai-chat-nonstream-reasoning.json"))));

    HttpResponse<String> http = harness.post("/v1/chat/completions",
        "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(http.statusCode()).isEqualTo(200);
    harness.upstream().verify(0, postRequestedFor(urlEqualTo(UPSTREAM)));
  }

  private void stub(String body, String contentType) {
    harness.upstream().stubFor(post(urlEqualTo(UPSTREAM))
        .willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
  }

  private JsonNode sentBody() {
    return ResponsesWire.read(
        harness.upstream().findAll(postRequestedFor(urlEqualTo(UPSTREAM))).get(0).getBodyAsString());
  }

  /** Checks the upstream got the provider's key, never the client's. */
  private static final class LoggedHeaders {
    static void assertBearer(GatewayHarness harness, String path) {
      assertThat(harness.upstream().findAll(postRequestedFor(urlEqualTo(path))).get(0).getHeader("Authorization"))
          .isEqualTo("Bearer " + GatewayHarness.UPSTREAM_KEY);
    }
  }
}
