package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.provider.UpstreamError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpenAiErrorParserTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static UpstreamError parse(int status, String body, MultiMap headers) {
    return OpenAiErrorParser.parse(status, Buffer.buffer(body), headers, NOW);
  }

  private static UpstreamError parse(int status, String body) {
    return parse(status, body, MultiMap.caseInsensitiveMultiMap());
  }

  @Test
  void readsOpenAiEnvelope() {
    assertThat(
            parse(
                404,
                "{\"error\":{\"message\":\"no"
                    + " model\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}"))
        .isEqualTo(
            new UpstreamError(404, "invalid_request_error", "model_not_found", "no model", null));
  }

  @Test
  void rendersIntegerCodeAsText() {
    // OpenRouter: error.code is the HTTP status as an integer
    assertThat(
            parse(
                402,
                "{\"error\":{\"code\":402,\"message\":\"Insufficient credits\",\"metadata\":{}}}"))
        .isEqualTo(new UpstreamError(402, null, "402", "Insufficient credits", null));
  }

  @Test
  void nullCodeStaysNull() {
    assertThat(
            parse(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"code\":null}}")
                .code())
        .isNull();
  }

  @Test
  void readsVllmFlatError() {
    assertThat(
            parse(
                400,
                "{\"object\":\"error\",\"message\":\"too"
                    + " long\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}"))
        .isEqualTo(new UpstreamError(400, "BadRequestError", "400", "too long", null));
  }

  @Test
  void readsGeminiStyleErrorWithRetryDelayInBody() {
    String body =
        """
        [{"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
          "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"34.4s"}]}}]\
        """;

    assertThat(parse(429, body))
        .isEqualTo(
            new UpstreamError(
                429, "RESOURCE_EXHAUSTED", "429", "You exceeded your current quota.", 35));
  }

  @Test
  void readsBareStringErrorAndFastApiDetail() {
    assertThat(parse(404, "{\"error\":\"model 'x' not found\"}").message())
        .isEqualTo("model 'x' not found");
    assertThat(parse(422, "{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"bad\"}]}").message())
        .isEqualTo("[{\"loc\":[\"body\"],\"msg\":\"bad\"}]");
  }

  @Test
  void fallsBackToPlainTextHtmlOrEmptyBodies() {
    assertThat(parse(502, "Bad Gateway\n"))
        .isEqualTo(new UpstreamError(502, null, null, "Bad Gateway", null));
    assertThat(
            parse(503, "<html><head><title>503 Service Unavailable</title></head></html>")
                .message())
        .isEqualTo("The provider returned HTTP 503 with an HTML page: 503 Service Unavailable");
    assertThat(parse(500, "").message())
        .isEqualTo("The provider returned HTTP 500 with an empty body.");
    assertThat(OpenAiErrorParser.parse(500, null, null, NOW).message()).isNotBlank();
    assertThat(parse(500, "{not json").message()).isEqualTo("{not json");
  }

  @Test
  void clipsLongMessages() {
    UpstreamError error = parse(500, "x".repeat(10_000));

    assertThat(error.message()).hasSize(OpenAiErrorParser.MAX_MESSAGE_CHARS + 1).endsWith("…");
  }

  @Test
  void readsRetryAfterSecondsDateAndMillis() {
    String body =
        "{\"error\":{\"message\":\"slow"
            + " down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();

    assertThat(parse(429, body, headers.set("Retry-After", "20")).retryAfterSeconds())
        .isEqualTo(20);
    assertThat(parse(429, body, headers.set("Retry-After", "1.2")).retryAfterSeconds())
        .isEqualTo(2);
    assertThat(
            parse(429, body, headers.set("Retry-After", "Sun, 01 Mar 2026 12:00:30 GMT"))
                .retryAfterSeconds())
        .isEqualTo(30);
    assertThat(
            parse(429, body, headers.set("Retry-After", "Sun, 01 Mar 2026 11:00:00 GMT"))
                .retryAfterSeconds())
        .isEqualTo(0);
    assertThat(parse(429, body, headers.set("retry-after-ms", "1500")).retryAfterSeconds())
        .isEqualTo(2);
    assertThat(
            parse(429, body, MultiMap.caseInsensitiveMultiMap().set("retry-after", "soon"))
                .retryAfterSeconds())
        .isNull();
  }
}
