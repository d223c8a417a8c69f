package dev.switchboard.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.provider.UpstreamError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks how Gemini error bodies become the errors clients see. */
class GeminiErrorMapperTest {

  @Test
  void resourceExhaustedIs429WithTheRetryDelayRoundedUp() {
    UpstreamError error = parse(429, new String(GeminiFixtures.bytes("gemini-error-429-resource-exhausted.json")));

    assertThat(error.httpStatus()).isEqualTo(429);
    assertThat(error.type()).isEqualTo("rate_limit_error");
    assertThat(error.code()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(error.message()).isEqualTo("You exceeded your current quota, please check your plan.");
    assertThat(error.retryAfterSeconds()).isEqualTo(35);
  }

  @Test
  void invalidApiKeyIs401EvenThoughGeminiSays400() {
    UpstreamError error = parse(400, """
        {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
          "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID",
            "domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}""");

    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.type()).isEqualTo("authentication_error");
    assertThat(error.code()).isEqualTo("INVALID_ARGUMENT");
    assertThat(error.message()).isEqualTo("API key not valid. Please pass a valid API key.");
  }

  @ParameterizedTest(name = "{1} -> {2}")
  @CsvSource({
    "400, INVALID_ARGUMENT, 400, invalid_request_error",
    "400, FAILED_PRECONDITION, 400, invalid_request_error",
    "403, PERMISSION_DENIED, 403, permission_error",
    "404, NOT_FOUND, 404, invalid_request_error",
    "429, RESOURCE_EXHAUSTED, 429, rate_limit_error",
    "500, INTERNAL, 500, server_error",
    "503, UNAVAILABLE, 503, server_error",
    "504, DEADLINE_EXCEEDED, 504, server_error",
    "418, SOMETHING_NEW, 418, invalid_request_error"
  })
  void statusMapsToHttpStatusAndOpenAiType(int http, String status, int expectedHttp, String expectedType) {
    UpstreamError error = parse(http,
        "{\"error\":{\"code\":" + http + ",\"message\":\"m\",\"status\":\"" + status + "\"}}");

    assertThat(error.httpStatus()).isEqualTo(expectedHttp);
    assertThat(error.type()).isEqualTo(expectedType);
    assertThat(error.code()).isEqualTo(status);
    assertThat(error.retryAfterSeconds()).isNull();
  }

  @Test
  void errorWrappedInAnArrayIsRead() {
    UpstreamError error = parse(503,
        "[{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}]");

    assertThat(error.httpStatus()).isEqualTo(503);
    assertThat(error.message()).isEqualTo("The model is overloaded.");
  }

  @Test
  void htmlOrEmptyBodyKeepsTheHttpStatusWithoutLeakingThePage() {
    UpstreamError html = parse(502, "<!DOCTYPE html><html><title>Error 502 (Server Error)!!1</title></html>");
    assertThat(html.httpStatus()).isEqualTo(502);
    assertThat(html.type()).isEqualTo("server_error");
    assertThat(html.message()).isEqualTo("Gemini answered HTTP 502 without an error body.");

    UpstreamError empty = parse(500, "");
    assertThat(empty.httpStatus()).isEqualTo(500);
  }

  @Test
  void retryAfterHeaderIsUsedWhenTheBodyHasNoRetryInfo() {
    UpstreamError error = GeminiErrorMapper.parse(
        429,
        Buffer.buffer("{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}"),
        MultiMap.caseInsensitiveMultiMap().add("Retry-After", "12"));

    assertThat(error.retryAfterSeconds()).isEqualTo(12);
  }

  private static UpstreamError parse(int status, String body) {
    return GeminiErrorMapper.parse(status, Buffer.buffer(body), MultiMap.caseInsensitiveMultiMap());
  }
}
