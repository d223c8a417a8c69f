package dev.switchboard.gateway.dialect.responses;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.CHAT_UPSTREAM;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.events;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.fixture;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.read;
import static dev.switchboard.gateway.dialect.responses.ResponsesWire.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.dialect.responses.ResponsesWire.Event;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives {@code POST /v1/responses} through the real server with WireMock playing an
 * OpenAI-compatible chat API from recorded payloads: what the Responses client sees, what went
 * upstream, what was recorded, and the errors in OpenAI's shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsesEndToEndTest {
  @TempDir static Path storeDir;
  private GatewayHarness harness;

  @BeforeAll
  void start() {
    harness = new GatewayHarness(storeDir, ResponsesWire::families);
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
  void openAiCompatibleAnswerIsAResponseWithReasoningTokensAndTheRequestIsTranslated() throws Exception {
    stub(CHAT_UPSTREAM, fixture("openai-compatible", "openai-chat-nonstream-reasoning.json"), "application/json");

    HttpResponse<String> http = respond("""
        {"model":"openai/o3-mini","instructions":"You are careful.","store":false,
         "input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"Be brief."}]},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"How do I cross a river?"}]}],
         "reasoning":{"effort":"high","summary":"auto"},"max_output_tokens":3000,"temperature":1,
         "prompt_cache_key":"session-1","metadata":{"ticket":"42"},"user":"user-7"}""");

    assertThat(http.statusCode()).as(http.body()).isEqualTo(200);
    JsonNode response = read(http.body());
    assertThat(response.get("id").asText()).startsWith("resp_");
    assertThat(response.get("object").asText()).isEqualTo("response");
    assertThat(response.get("status").asText()).isEqualTo("completed");
    assertThat(response.get("model").asText()).isEqualTo("openai/o3-mini");
    assertThat(response.get("instructions").asText()).isEqualTo("You are careful.");
    assertThat(response.at("/metadata/ticket").asText()).isEqualTo("42");
    JsonNode message = response.at("/output/0");
    assertThat(message.get("type").asText()).isEqualTo("message");
    assertThat(message.get("id").asText()).startsWith("msg_");
    assertThat(message.at("/content/0/type").asText()).isEqualTo("output_text");
    assertThat(message.at("/content/0/text").asText()).startsWith("When it comes to crossing a river");
    JsonNode usage = response.get("usage");
    assertThat(usage.get("input_tokens").asLong()).isEqualTo(577);
    assertThat(usage.get("output_tokens").asLong()).isEqualTo(2320);
    assertThat(usage.at("/output_tokens_details/reasoning_tokens").asLong()).isEqualTo(1792);
    assertThat(usage.get("total_tokens").asLong()).isEqualTo(2897);

    JsonNode sent = sentBody(CHAT_UPSTREAM);
    assertThat(sent.get("model").asText()).isEqualTo("o3-mini");
    assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/0/content").asText()).isEqualTo("You are careful.");
    assertThat(sent.at("/messages/1/role").asText()).isEqualTo("system");
    assertThat(sent.at("/messages/2/content/0/text").asText()).isEqualTo("How do I cross a river?");
    assertThat(sent.get("reasoning_effort").asText()).isEqualTo("high");
    assertThat(sent.path("max_tokens").asLong(sent.path("max_completion_tokens").asLong())).isEqualTo(3000);
    assertThat(sent.get("prompt_cache_key").asText()).isEqualTo("session-1");
    assertThat(sent.get("user").asText()).isEqualTo("user-7");
    assertThat(sent.has("metadata")).isFalse();
    assertThat(sent.has("store")).isFalse();

    UsageRecord record = harness.awaitRecord(http.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.usage().completionTokens()).isEqualTo(2320L);
    assertThat(record.usage().reasoningTokens()).isEqualTo(1792L);
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void openAiCompatibleStreamSendsTheFullEventSequenceWithCachedTokens() throws Exception {
    String sse = fixture("openai-compatible", "openai-chat-stream-text-usage.sse")
        .replace("\"cached_tokens\":0", "\"cached_tokens\":64");
    stub(CHAT_UPSTREAM, sse, "text/event-stream");

    HttpResponse<String> http = respond("""
        {"model":"openai/gpt-4o-mini","stream":true,"input":"What is the capital of France?"}""");

    assertThat(http.statusCode()).isEqualTo(200);
    assertThat(http.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<Event> events = events(http.body());
    assertThat(types(events).subList(0, 4))
        .containsExactly(
            "response.created", "response.in_progress", "response.output_item.added",
            "response.content_part.added");
    assertThat(types(events).subList(4, events.size() - 4)).containsOnly("response.output_text.delta");
    assertThat(types(events).subList(events.size() - 4, events.size()))
        .containsExactly(
            "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.completed");
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).data().get("sequence_number").asInt()).isEqualTo(i);
      assertThat(events.get(i).data().get("type").asText()).isEqualTo(events.get(i).type());
    }
    String deltas = events.stream()
        .filter(e -> e.type().equals("response.output_text.delta"))
        .map(e -> e.data().get("delta").asText())
        .reduce("", String::concat);
    JsonNode completed = events.get(events.size() - 1).data().get("response");
    assertThat(completed.get("status").asText()).isEqualTo("completed");
    assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo(deltas).isNotBlank();
    assertThat(events.get(events.size() - 4).data().get("text").asText()).isEqualTo(deltas);
    assertThat(completed.at("/usage/input_tokens").asLong()).isEqualTo(78);
    assertThat(completed.at("/usage/input_tokens_details/cached_tokens").asLong()).isEqualTo(64);
    assertThat(completed.at("/usage/output_tokens").asLong()).isEqualTo(9);
    assertThat(completed.at("/usage/total_tokens").asLong()).isEqualTo(87);
    assertThat(sentBody(CHAT_UPSTREAM).at("/stream_options/include_usage").asBoolean()).isTrue();

    UsageRecord record = harness.awaitRecord(http.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.usage().cachedReadTokens()).isEqualTo(64L);
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void toolLoopCallsAFunctionThenSendsItsOutputBackOnTheNextTurn() throws Exception {
    stub(CHAT_UPSTREAM, fixture("openai-compatible", "openai-chat-stream-tool-call-usage.sse"), "text/event-stream");
    String tools = """
        "tools":[{"type":"function","name":"get_capital","description":"Capital of a country",
                  "parameters":{"type":"object","properties":{"country":{"type":"string"}},"required":["country"]},
                  "strict":true},
                 {"type":"web_search"},{"type":"local_shell"},
                 {"type":"custom","name":"apply_patch","description":"Edit files","format":{"type":"grammar"}}],
        "tool_choice":"auto","parallel_tool_calls":false""";

    HttpResponse<String> first = respond("""
        {"model":"openai/gpt-4o-mini","stream":true,"input":"Capital of France?",%s}""".formatted(tools));

    List<Event> events = events(first.body());
    assertThat(types(events)).contains(
        "response.output_item.added", "response.function_call_arguments.delta",
        "response.function_call_arguments.done", "response.output_item.done", "response.completed");
    Event done = events.stream().filter(e -> e.type().equals("response.function_call_arguments.done")).findFirst().orElseThrow();
    JsonNode call = events.get(events.size() - 1).data().at("/response/output/0");
    assertThat(call.get("type").asText()).isEqualTo("function_call");
    assertThat(call.get("call_id").asText()).isEqualTo("call_ZR5UUuTt3pf61kjwAJIYdVMj");
    assertThat(call.get("name").asText()).isEqualTo("get_capital");
    assertThat(call.get("arguments").asText()).isEqualTo(done.data().get("arguments").asText());
    assertThat(read(call.get("arguments").asText()).has("country")).isTrue();
    assertThat(call.get("status").asText()).isEqualTo("completed");
    JsonNode sentTools = sentBody(CHAT_UPSTREAM).get("tools");
    assertThat(sentTools).hasSize(2); // hosted tools left out
    assertThat(sentTools.at("/0/function/name").asText()).isEqualTo("get_capital");
    assertThat(sentTools.at("/0/function/strict").asBoolean()).isTrue();
    assertThat(sentTools.at("/1/function/name").asText()).isEqualTo("apply_patch");
    assertThat(sentTools.at("/1/function/parameters/required/0").asText()).isEqualTo("input");
    assertThat(sentBody(CHAT_UPSTREAM).get("parallel_tool_calls").asBoolean()).isFalse();

    harness.upstream().resetRequests();
    stub(CHAT_UPSTREAM, fixture("openai-compatible", "openai-chat-stream-text-usage.sse"), "text/event-stream");
    HttpResponse<String> second = respond("""
        {"model":"openai/gpt-4o-mini","stream":true,%s,
         "input":[{"type":"message","role":"user","content":"Capital of France?"},
                  %s,
                  {"type":"function_call_output","call_id":"call_ZR5UUuTt3pf61kjwAJIYdVMj","output":"Paris"}]}"""
        .formatted(tools, call.toString()));

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(types(events(second.body()))).last().isEqualTo("response.completed");
    JsonNode messages = sentBody(CHAT_UPSTREAM).get("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.at("/1/role").asText()).isEqualTo("assistant");
    assertThat(messages.at("/1/content").isNull()).isTrue();
    assertThat(messages.at("/1/tool_calls/0/id").asText()).isEqualTo("call_ZR5UUuTt3pf61kjwAJIYdVMj");
    assertThat(messages.at("/1/tool_calls/0/function/name").asText()).isEqualTo("get_capital");
    assertThat(messages.at("/2/role").asText()).isEqualTo("tool");
    assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo("call_ZR5UUuTt3pf61kjwAJIYdVMj");
    assertThat(messages.at("/2/content").asText()).isEqualTo("Paris");
  }

  @Test
  void customToolCallComesBackAsACustomToolCallWithItsRawInput() throws Exception {
    stub(CHAT_UPSTREAM, """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
         "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
           "tool_calls":[{"id":"call_1","type":"function","function":{"name":"apply_patch",
             "arguments":"{\\"input\\":\\"*** Begin Patch\\\\n*** End Patch\\"}"}}]}}],
         "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""", "application/json");

    JsonNode response = read(respond("""
        {"model":"openai/gpt-4o-mini","input":"Patch it",
         "tools":[{"type":"custom","name":"apply_patch","description":"Edit files"}]}""").body());

    JsonNode call = response.at("/output/0");
    assertThat(call.get("type").asText()).isEqualTo("custom_tool_call");
    assertThat(call.get("input").asText()).isEqualTo("*** Begin Patch\n*** End Patch");
    assertThat(call.get("call_id").asText()).isEqualTo("call_1");
  }

  @Test
  void callOfANamespacedFunctionNamesItsNamespace() throws Exception {
    stub(CHAT_UPSTREAM, """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
         "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
           "tool_calls":[{"id":"call_1","type":"function","function":{"name":"multi_agent_v1__close_agent",
             "arguments":"{}"}}]}}],
         "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""", "application/json");

    JsonNode response = read(respond("""
        {"model":"openai/gpt-4o-mini","input":"Close it",
         "tools":[{"type":"namespace","name":"multi_agent_v1","description":"Sub-agents",
           "tools":[{"type":"function","name":"close_agent","parameters":{"type":"object","properties":{}}}]}]}""").body());

    JsonNode call = response.at("/output/0");
    assertThat(call.get("type").asText()).isEqualTo("function_call");
    assertThat(call.get("name").asText()).isEqualTo("close_agent");
    assertThat(call.get("namespace").asText()).isEqualTo("multi_agent_v1");
  }

  @Test
  void maxOutputTokensFinishIsAnIncompleteResponse() throws Exception {
    stub(CHAT_UPSTREAM, """
        {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
         "choices":[{"index":0,"finish_reason":"length","message":{"role":"assistant","content":"Paris is"}}],
         "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}""", "application/json");

    JsonNode response = read(respond("""
        {"model":"openai/gpt-4o-mini","input":"Capital?","max_output_tokens":2}""").body());

    assertThat(response.get("status").asText()).isEqualTo("incomplete");
    assertThat(response.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
    assertThat(response.get("max_output_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void previousResponseIdIsRefusedWithAClearBadRequest() {
    HttpResponse<String> http = respond("""
        {"model":"openai/gpt-4o-mini","input":"And then?","previous_response_id":"resp_123","store":true}""");

    assertThat(http.statusCode()).isEqualTo(400);
    JsonNode error = read(http.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("param").asText()).isEqualTo("previous_response_id");
    assertThat(error.get("message").asText()).contains("Stored responses are not supported", "'store': false");
    harness.upstream().verify(0, postRequestedFor(urlEqualTo(CHAT_UPSTREAM)));
  }

  @Test
  void storeTrueAloneIsAccepted() {
    stub(CHAT_UPSTREAM, fixture("openai-compatible", "openai-chat-nonstream-reasoning.json"), "application/json");

    HttpResponse<String> http = respond("""
        {"model":"openai/o3-mini","input":"Hi","store":true}""");

    assertThat(http.statusCode()).isEqualTo(200);
  }

  @Test
  void badInputIsA400NamingTheParameter() {
    assertError(respond("{\"model\":\"openai/gpt-4o-mini\"}"), 400, "input");
    assertError(respond("{\"input\":\"Hi\"}"), 400, "model");
    assertError(respond("{\"model\":\"openai/gpt-4o-mini\",\"input\":42}"), 400, "input");
    assertError(respond("""
        {"model":"openai/gpt-4o-mini","input":[{"role":"user","content":[{"type":"input_image","file_id":"file-1"}]}]}"""),
        400, "input[0].content[0].file_id");
    assertError(respond("""
        {"model":"openai/gpt-4o-mini","input":[{"type":"item_reference","id":"msg_1"}]}"""), 400, "input[0]");
    assertError(respond("{not json"), 400, null);
    harness.upstream().verify(0, postRequestedFor(urlEqualTo(CHAT_UPSTREAM)));
  }

  @Test
  void oversizeBodyIsA413InOpenAisShape() {
    String big = "x".repeat((int) GatewayHarness.MAX_BODY_BYTES);

    HttpResponse<String> http = respond("{\"model\":\"openai/gpt-4o-mini\",\"input\":\"" + big + "\"}");

    assertThat(http.statusCode()).isEqualTo(413);
    assertThat(read(http.body()).at("/error/code").asText()).isEqualTo("request_too_large");
  }

  @Test
  void unknownModelIsA404InOpenAisShape() {
    HttpResponse<String> http = respond("{\"model\":\"nobody/nothing\",\"input\":\"Hi\"}");

    assertError(http, 404, "model");
    assertThat(read(http.body()).at("/error/code").asText()).isEqualTo("model_not_found");
  }

  @Test
  void upstreamRejectionIsReturnedInOpenAisShape() {
    harness.upstream().stubFor(post(urlEqualTo(CHAT_UPSTREAM)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody(fixture("openai-compatible", "openai-chat-error-401-invalid-api-key.json"))));

    HttpResponse<String> http = respond("{\"model\":\"openai/gpt-4o-mini\",\"input\":\"Hi\",\"stream\":true}");

    assertThat(http.statusCode()).isEqualTo(401);
    assertThat(http.headers().firstValue("content-type").orElse("")).startsWith("application/json");
    assertThat(read(http.body()).at("/error/message").asText()).startsWith("Incorrect API key provided");
    assertThat(read(http.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
  }

  @Test
  void imagesAndFilesBecomeChatParts() throws Exception {
    stub(CHAT_UPSTREAM, fixture("openai-compatible", "openai-chat-nonstream-reasoning.json"), "application/json");

    respond("""
        {"model":"openai/o3-mini","input":[{"role":"user","content":[
           {"type":"input_text","text":"What is this?"},
           {"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"},
           {"type":"input_file","filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}]}],
         "text":{"format":{"type":"json_schema","name":"answer","strict":true,
           "schema":{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false}}}}""");

    JsonNode sent = sentBody(CHAT_UPSTREAM);
    JsonNode parts = sent.at("/messages/0/content");
    assertThat(parts.at("/1/type").asText()).isEqualTo("image_url");
    assertThat(parts.at("/1/image_url/url").asText()).startsWith("data:image/png");
    assertThat(parts.at("/1/image_url/detail").asText()).isEqualTo("low");
    assertThat(parts.at("/2/file/filename").asText()).isEqualTo("a.pdf");
    assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_schema");
    assertThat(sent.at("/response_format/json_schema/name").asText()).isEqualTo("answer");
    assertThat(sent.at("/response_format/json_schema/strict").asBoolean()).isTrue();
  }

  private void assertError(HttpResponse<String> http, int status, String param) {
    assertThat(http.statusCode()).as(http.body()).isEqualTo(status);
    JsonNode error = read(http.body()).get("error");
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.has("type")).isTrue();
    if (param != null) {
      assertThat(error.get("param").asText()).isEqualTo(param);
    }
  }

  private HttpResponse<String> respond(String body) {
    return ResponsesWire.respond(harness, body);
  }

  private void stub(String path, String body, String contentType) {
    ResponsesWire.stub(harness, path, body, contentType);
  }

  private JsonNode sentBody(String path) {
    return ResponsesWire.sentBody(harness, path);
  }
}
