package dev.switchboard.gateway.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.KeyedGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Checks that {@code /v1/responses} is guarded by gateway keys like chat, in OpenAI's error shape. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsesKeysEndToEndTest {
  private static final String BODY = "{\"model\":\"openai/gpt-4o-mini\",\"input\":\"Capital of France?\"}";

  @TempDir static Path storeDir;
  private KeyedGateway gateway;

  @BeforeAll
  void start() {
    gateway = new KeyedGateway(storeDir);
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void missingOrUnknownKeysAre401AndAStaticKeyIsServed() {
    HttpResponse<String> missing = gateway.harness().post(ResponsesWire.RESPONSES, BODY);
    assertThat(missing.statusCode()).isEqualTo(401);
    JsonNode error = ResponsesWire.read(missing.body()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.get("code").asText()).isEqualTo("invalid_api_key");

    HttpResponse<String> unknown = gateway.harness().post(
        ResponsesWire.RESPONSES, BODY, "Authorization", "Bearer sk-sb-not-a-real-key");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(ResponsesWire.read(unknown.body()).at("/error/message").asText())
        .isEqualTo("Incorrect API key provided.");

    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
    HttpResponse<String> served = gateway.harness().post(
        ResponsesWire.RESPONSES, BODY, "Authorization", "Bearer " + KeyedGateway.STATIC_KEY);
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(ResponsesWire.read(served.body()).get("object").asText()).isEqualTo("response");
  }
}
