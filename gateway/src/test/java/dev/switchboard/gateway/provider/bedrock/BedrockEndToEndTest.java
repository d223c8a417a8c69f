package dev.switchboard.gateway.provider.bedrock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.AwsAccount;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real gateway with WireMock playing Bedrock Runtime (Converse payloads, ConverseStream
 * framed as eventstream messages) through the chat and Messages dialects, and checks what the
 * client sees, what was signed and sent upstream, and the usage record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BedrockEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLAUDE = "anthropic/claude-sonnet-4.5";
  private static final String CLAUDE_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  private static final String CLAUDE_PATH = "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0";
  private static final String LLAMA = "meta/llama-3.3-70b";
  private static final String LLAMA_PATH = "/keyed/model/meta.llama3-3-70b-instruct-v1%3A0";
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
  private static final String SIGNATURE =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/bedrock/aws4_request, "
          + "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}";

  @TempDir static Path storeDir;
  private GatewayHarness harness;

  @BeforeAll
  void start() {
    harness =
        new GatewayHarness(
            storeDir,
            root ->
                new GatewayHarness.Extra(
                    List.of(
                        new ProviderConfig("aws", ProviderKind.BEDROCK, URI.create(root), SecretRef.none(),
                            Map.of(), null, null,
                            new AwsAccount("us-east-1", SecretRef.parse("AKIDEXAMPLE"),
                                SecretRef.parse("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                SecretRef.parse("session-token-1"), null)),
                        new ProviderConfig("aws-key", ProviderKind.BEDROCK, URI.create(root + "/keyed"),
                            SecretRef.parse("bedrock-api-key-123"), Map.of(), null, null,
                            AwsAccount.inRegion("us-west-2"))),
                    List.of(
                        new ModelRoute(CLAUDE, List.of(new RouteTarget("aws", CLAUDE_ID, null))),
                        new ModelRoute(LLAMA, List.of(new RouteTarget("aws-key", "meta.llama3-3-70b-instruct-v1:0", null))))));
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
  void chatRequestIsSignedMappedToConverseAndItsAnswerRecorded() throws Exception {
    stub(CLAUDE_PATH + "/converse", 200, BedrockFixtures.bytes("converse-text.json"), "application/json");

    HttpResponse<String> response =
        harness.post(
            "/v1/chat/completions",
            """
            {"model":"anthropic/claude-sonnet-4.5","max_tokens":256,"temperature":0.2,"stop":["END"],
             "messages":[{"role":"system","content":"You are terse."},
                         {"role":"user","content":"Hello"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello! How can I help you today?");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
    assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(11);
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(CLAUDE_PATH + "/converse"))
            .withHeader("Authorization", matching(SIGNATURE))
            .withHeader("X-Amz-Date", matching("\\d{8}T\\d{6}Z"))
            .withHeader("X-Amz-Security-Token", equalTo("session-token-1"))
            .withRequestBody(matchingJsonPath("$.system[0].text", equalTo("You are terse.")))
            .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
            .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo("Hello")))
            .withRequestBody(matchingJsonPath("$.inferenceConfig.maxTokens", equalTo("256")))
            .withRequestBody(matchingJsonPath("$.inferenceConfig.temperature", equalTo("0.2")))
            .withRequestBody(matchingJsonPath("$.inferenceConfig.stopSequences[0]", equalTo("END")))
            .withRequestBody(matchingJsonPath("$.model", absent())));

    UsageRecord record = harness.awaitRecord(body.get("id").asText());
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.provider()).isEqualTo("aws");
    assertThat(record.servedModel()).isEqualTo(CLAUDE_ID);
    assertThat(record.usage().promptTokens()).isEqualTo(12);
    assertThat(record.usage().completionTokens()).isEqualTo(11);
    assertThat(record.api()).isEqualTo("chat");
  }

  @Test
  void toolCallsAndToolResultsTravelAsToolUseBlocks() throws Exception {
    stub(CLAUDE_PATH + "/converse", 200, BedrockFixtures.bytes("converse-tool-use.json"), "application/json");

    HttpResponse<String> response =
        harness.post(
            "/v1/chat/completions",
            """
            {"model":"anthropic/claude-sonnet-4.5","tool_choice":"required",
             "tools":[{"type":"function","function":{"name":"top_song","description":"Most popular song",
               "parameters":{"type":"object","properties":{"sign":{"type":"string"}},"required":["sign"]}}}],
             "messages":[{"role":"user","content":"What is the most popular song on WZPZ?"},
                         {"role":"assistant","content":null,"tool_calls":[{"id":"tooluse_prev","type":"function",
                           "function":{"name":"top_song","arguments":"{\\"sign\\":\\"WKRP\\"}"}}]},
                         {"role":"tool","tool_call_id":"tooluse_prev","content":"Elemental Hotel"},
                         {"role":"user","content":"And on WZPZ?"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    JsonNode call = body.at("/choices/0/message/tool_calls/0");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(call.get("id").asText()).isEqualTo("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q");
    assertThat(call.at("/function/name").asText()).isEqualTo("top_song");
    assertThat(JSON.readTree(call.at("/function/arguments").asText()).get("sign").asText()).isEqualTo("WZPZ");
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(CLAUDE_PATH + "/converse"))
            .withRequestBody(matchingJsonPath("$.toolConfig.tools[0].toolSpec.name", equalTo("top_song")))
            .withRequestBody(matchingJsonPath("$.toolConfig.tools[0].toolSpec.inputSchema.json.required[0]", equalTo("sign")))
            .withRequestBody(matchingJsonPath("$.toolConfig.toolChoice.any", matching(".*")))
            .withRequestBody(matchingJsonPath("$.messages[1].content[0].toolUse.toolUseId", equalTo("tooluse_prev")))
            .withRequestBody(matchingJsonPath("$.messages[1].content[0].toolUse.input.sign", equalTo("WKRP")))
            .withRequestBody(matchingJsonPath("$.messages[2].content[0].toolResult.toolUseId", equalTo("tooluse_prev")))
            .withRequestBody(matchingJsonPath("$.messages[2].content[0].toolResult.content[0].text", equalTo("Elemental Hotel"))));
    UsageRecord record = harness.awaitRecord(body.get("id").asText());
    assertThat(record.toolCalls()).isEqualTo(1);
    assertThat(record.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
  }

  @Test
  void reasoningAndCacheWritesAreMeasuredAndCachePointsSent() throws Exception {
    stub(CLAUDE_PATH + "/converse", 200, BedrockFixtures.bytes("converse-reasoning-cache.json"), "application/json");

    HttpResponse<String> response =
        harness.post(
            "/v1/chat/completions",
            """
            {"model":"anthropic/claude-sonnet-4.5","reasoning_effort":"low","max_tokens":4000,
             "messages":[{"role":"user","content":[
               {"type":"text","text":"<long document>","cache_control":{"type":"ephemeral"}},
               {"type":"text","text":"Summarise it."}]}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("The document describes the quarterly results.");
    assertThat(body.at("/choices/0/message/reasoning").asText()).isEqualTo("The user wants a summary of the cached document.");
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(CLAUDE_PATH + "/converse"))
            .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo("<long document>")))
            .withRequestBody(matchingJsonPath("$.messages[0].content[1].cachePoint.type", equalTo("default")))
            .withRequestBody(matchingJsonPath("$.messages[0].content[2].text", equalTo("Summarise it.")))
            .withRequestBody(matchingJsonPath("$.additionalModelRequestFields.thinking.type", equalTo("enabled"))));
    UsageRecord record = harness.awaitRecord(body.get("id").asText());
    assertThat(record.usage().promptTokens()).isEqualTo(4 + 1108);
    assertThat(record.usage().cacheWriteTokens()).isEqualTo(1108);
    assertThat(record.usage().cachedReadTokens()).isEqualTo(0);
    assertThat(record.usage().completionTokens()).isEqualTo(227);
  }

  @Test
  void streamedAnswerArrivesAsChatChunksWithFinalUsage() throws Exception {
    stub(CLAUDE_PATH + "/converse-stream", 200, BedrockFixtures.eventStream("converse-stream-text.events.jsonl"), EVENT_STREAM);

    HttpResponse<String> response =
        harness.post(
            "/v1/chat/completions",
            """
            {"model":"anthropic/claude-sonnet-4.5","stream":true,"stream_options":{"include_usage":true},
             "messages":[{"role":"user","content":"Hello"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> chunks = chunks(response.body());
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
    assertThat(text).hasToString("Hello! How can I help you today?");
    assertThat(chunks).anySatisfy(c -> assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("stop"));
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
    assertThat(last.at("/usage/completion_tokens").asInt()).isEqualTo(11);
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(CLAUDE_PATH + "/converse-stream"))
            .withHeader("Accept", equalTo(EVENT_STREAM))
            .withHeader("Authorization", matching(SIGNATURE)));
    UsageRecord record = harness.awaitRecord(last.get("id").asText());
    assertThat(record.streamed()).isTrue();
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.usage().completionTokens()).isEqualTo(11);
  }

  @Test
  void responsesClientStreamsThroughConverseWithExactUsage() throws Exception {
    stub(CLAUDE_PATH + "/converse-stream", 200, BedrockFixtures.eventStream("converse-stream-text.events.jsonl"), EVENT_STREAM);

    HttpResponse<String> response =
        harness.post(
            "/v1/responses",
            """
            {"model":"anthropic/claude-sonnet-4.5","stream":true,"store":false,
             "instructions":"Be brief.","input":[{"type":"message","role":"user","content":"Hello"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode completed = null;
    StringBuilder text = new StringBuilder();
    for (String line : response.body().split("\n")) {
      if (!line.startsWith("data: ")) {
        continue;
      }
      JsonNode event = JSON.readTree(line.substring(6));
      if ("response.output_text.delta".equals(event.path("type").asText())) {
        text.append(event.path("delta").asText());
      } else if ("response.completed".equals(event.path("type").asText())) {
        completed = event.path("response");
      }
    }
    assertThat(text).hasToString("Hello! How can I help you today?");
    assertThat(completed).isNotNull();
    assertThat(completed.at("/usage/input_tokens").asInt()).isEqualTo(12);
    assertThat(completed.at("/usage/output_tokens").asInt()).isEqualTo(11);
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(CLAUDE_PATH + "/converse-stream"))
            .withHeader("Authorization", matching(SIGNATURE))
            .withRequestBody(matchingJsonPath("$.system[0].text", equalTo("Be brief."))));
    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.api()).isEqualTo("responses");
    assertThat(record.usage().promptTokens()).isEqualTo(12);
    assertThat(record.usage().completionTokens()).isEqualTo(11);
  }

  @Test
  void messagesClientStreamsReasoningAndAToolCallWithApiKeyAuth() throws Exception {
    stub(LLAMA_PATH + "/converse-stream", 200, BedrockFixtures.eventStream("converse-stream-tool-use.events.jsonl"), EVENT_STREAM);

    HttpResponse<String> response =
        harness.post(
            "/v1/messages",
            """
            {"model":"meta/llama-3.3-70b","max_tokens":512,"stream":true,
             "system":[{"type":"text","text":"You pick songs.","cache_control":{"type":"ephemeral"}}],
             "tools":[{"name":"top_song","input_schema":{"type":"object"}}],
             "messages":[{"role":"user","content":"Top song on WZPZ?"}]}""",
            "x-api-key", "sk-any",
            "anthropic-version", "2023-06-01");

    assertThat(response.statusCode()).isEqualTo(200);
    String sse = response.body();
    assertThat(sse).contains("event: message_start");
    assertThat(sse).contains("\"thinking\":\"The user asks for the top song; \"");
    assertThat(sse).contains("\"name\":\"top_song\"");
    assertThat(sse).contains("\"partial_json\":\"{\\\"sign\\\": \"");
    assertThat(sse).contains("\"stop_reason\":\"tool_use\"");
    assertThat(sse).contains("event: message_stop");
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(LLAMA_PATH + "/converse-stream"))
            .withHeader("Authorization", equalTo("Bearer bedrock-api-key-123"))
            .withHeader("X-Amz-Date", absent())
            .withRequestBody(matchingJsonPath("$.system[0].text", equalTo("You pick songs.")))
            .withRequestBody(matchingJsonPath("$.system[1].cachePoint.type", equalTo("default")))
            .withRequestBody(matchingJsonPath("$.toolConfig.tools[0].toolSpec.name", equalTo("top_song")))
            .withRequestBody(matchingJsonPath("$.additionalModelRequestFields", absent())));
    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.api()).isEqualTo("messages");
    assertThat(record.provider()).isEqualTo("aws-key");
    assertThat(record.toolCalls()).isEqualTo(1);
    assertThat(record.usage().promptTokens()).isEqualTo(375 + 1108);
    assertThat(record.usage().cachedReadTokens()).isEqualTo(1108);
    assertThat(record.usage().completionTokens()).isEqualTo(96);
  }

  @Test
  void throttlingIsA429WithTheUpstreamMessage() throws Exception {
    harness.upstream().stubFor(
        post(urlEqualTo(CLAUDE_PATH + "/converse"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")
                    .withBody(BedrockFixtures.bytes("error-throttling.json"))));

    HttpResponse<String> response =
        harness.post("/v1/chat/completions", "{\"model\":\"anthropic/claude-sonnet-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(429);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("message").asText()).contains("Too many requests");
  }

  @Test
  void validationErrorIsA400ForTheClient() throws Exception {
    harness.upstream().stubFor(
        post(urlEqualTo(LLAMA_PATH + "/converse"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/")
                    .withBody(BedrockFixtures.bytes("error-validation.json"))));

    HttpResponse<String> response =
        harness.post("/v1/chat/completions", "{\"model\":\"meta/llama-3.3-70b\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("message").asText()).isEqualTo("The provided model identifier is invalid.");
  }

  @Test
  void throttlingInsideTheStreamEndsItWithAnErrorAndKeepsTheText() throws Exception {
    stub(CLAUDE_PATH + "/converse-stream", 200, BedrockFixtures.eventStream("converse-stream-throttled.events.jsonl"), EVENT_STREAM);

    HttpResponse<String> response =
        harness.post(
            "/v1/chat/completions",
            "{\"model\":\"anthropic/claude-sonnet-4.5\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Story\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    List<JsonNode> chunks = chunks(response.body());
    assertThat(chunks).anySatisfy(c -> assertThat(c.at("/choices/0/delta/content").asText()).isEqualTo("Once upon"));
    JsonNode last = chunks.get(chunks.size() - 1);
    assertThat(last.at("/error/message").asText()).contains("Too many tokens");
    UsageRecord record = harness.awaitRecord(chunks.get(0).get("id").asText());
    assertThat(record.finishReason()).isEqualTo(FinishReason.ERROR);
  }

  private void stub(String path, int status, byte[] body, String contentType) {
    harness.upstream().stubFor(
        post(urlEqualTo(path))
            .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
  }

  private static List<JsonNode> chunks(String sse) throws Exception {
    List<JsonNode> chunks = new ArrayList<>();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
        chunks.add(JSON.readTree(line.substring(6)));
      }
    }
    return chunks;
  }
}
