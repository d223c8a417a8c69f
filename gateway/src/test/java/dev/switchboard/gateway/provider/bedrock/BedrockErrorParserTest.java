package dev.switchboard.gateway.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.provider.UpstreamError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BedrockErrorParserTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static UpstreamError parse(int status, String type, String body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (type != null) {
      headers.add("x-amzn-ErrorType", type);
    }
    return BedrockErrorParser.parse(status, Buffer.buffer(body), headers, NOW);
  }

  @Test
  void throttlingFromTheHeaderIsARateLimit() {
    UpstreamError error =
        parse(429, "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/",
            "{\"message\":\"Too many requests, please wait before trying again.\"}");

    assertThat(error.httpStatus()).isEqualTo(429);
    assertThat(error.type()).isEqualTo("rate_limit_error");
    assertThat(error.code()).isEqualTo("rate_limit_exceeded");
    assertThat(error.message()).isEqualTo("Too many requests, please wait before trying again.");
  }

  @Test
  void badCredentialsAre401ThoughAwsSends403() {
    UpstreamError error =
        parse(403, null, "{\"__type\":\"com.amazon.coral.service#UnrecognizedClientException\","
            + "\"Message\":\"The security token included in the request is invalid.\"}");

    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.code()).isEqualTo("invalid_api_key");
    assertThat(error.message()).isEqualTo("The security token included in the request is invalid.");
  }

  @Test
  void accessDeniedStaysAPermissionError() {
    UpstreamError error = parse(403, "AccessDeniedException", "{\"message\":\"You don't have access.\"}");

    assertThat(error.httpStatus()).isEqualTo(403);
    assertThat(error.type()).isEqualTo("permission_error");
  }

  @Test
  void streamExceptionsAreNamedInCamelCase() {
    UpstreamError error =
        BedrockErrorParser.inBand(
            "modelStreamErrorException", "{\"message\":\"boom\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(error.httpStatus()).isEqualTo(502);
    assertThat(error.type()).isEqualTo("server_error");
    assertThat(error.message()).isEqualTo("boom");
  }

  @Test
  void aBodyWithoutBedrocksShapeIsReadLikeAnyOther() {
    UpstreamError error = parse(502, null, "<html>Bad Gateway</html>");

    assertThat(error.httpStatus()).isEqualTo(502);
  }
}
