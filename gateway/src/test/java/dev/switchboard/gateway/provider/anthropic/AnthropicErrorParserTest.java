package dev.switchboard.gateway.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.provider.UpstreamError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks Anthropic error envelopes become the OpenAI errors of wire-formats §7. */
class AnthropicErrorParserTest {

  @ParameterizedTest(name = "{1} {0}")
  @CsvSource(
      nullValues = "null",
      value = {
        "invalid_request_error, 400, 400, invalid_request_error, null",
        "invalid_request_error, 413, 413, invalid_request_error, null",
        "authentication_error, 401, 401, invalid_request_error, invalid_api_key",
        "billing_error, 402, 402, insufficient_quota, insufficient_quota",
        "permission_error, 403, 403, permission_error, null",
        "not_found_error, 404, 404, invalid_request_error, model_not_found",
        "request_too_large, 413, 413, invalid_request_error, request_too_large",
        "rate_limit_error, 429, 429, rate_limit_error, rate_limit_exceeded",
        "api_error, 500, 500, server_error, null",
        "timeout_error, 504, 504, server_error, timeout",
        "overloaded_error, 529, 503, overloaded_error, overloaded",
        "some_future_error, 418, 418, some_future_error, null"
      })
  void mapsEachErrorTypeKeepingTheMessage(
      String nativeType, int status, int expectedStatus, String type, String code) {
    String body =
        "{\"type\":\"error\",\"error\":{\"type\":\""
            + nativeType
            + "\",\"message\":\"Upstream says"
            + " no.\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";

    UpstreamError error =
        AnthropicErrorParser.parse(status, Buffer.buffer(body), MultiMap.caseInsensitiveMultiMap());

    assertThat(error.httpStatus()).isEqualTo(expectedStatus);
    assertThat(error.type()).isEqualTo(type);
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.message()).isEqualTo("Upstream says no.");
  }

  @Test
  void rateLimitKeepsRetryAfterButASpendCapIsNotRetryable() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("retry-after", "17");
    UpstreamError limited =
        AnthropicErrorParser.parse(
            429,
            Buffer.buffer(
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number"
                    + " of request tokens has exceeded your per-minute rate limit\"}}"),
            headers);
    assertThat(limited.retryAfterSeconds()).isEqualTo(17);
    assertThat(limited.code()).isEqualTo("rate_limit_exceeded");

    UpstreamError capped =
        AnthropicErrorParser.parse(
            429,
            Buffer.buffer(
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"You"
                    + " have reached your specified API usage"
                    + " limits.\",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}"),
            MultiMap.caseInsensitiveMultiMap());
    assertThat(capped.type()).isEqualTo("insufficient_quota");
    assertThat(capped.retryAfterSeconds()).isNull();
  }

  @Test
  void nonAnthropicBodiesFallBackToTheGenericReader() {
    UpstreamError html =
        AnthropicErrorParser.parse(
            529,
            Buffer.buffer("<html><title>Overloaded</title></html>"),
            MultiMap.caseInsensitiveMultiMap());
    assertThat(html.httpStatus()).isEqualTo(503);
    assertThat(html.message()).contains("Overloaded");

    UpstreamError empty =
        AnthropicErrorParser.parse(500, Buffer.buffer(), MultiMap.caseInsensitiveMultiMap());
    assertThat(empty.message()).contains("500");
  }
}
