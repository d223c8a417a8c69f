package dev.switchboard.gateway.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks signing against AWS's published Signature V4 test suite (aws-sig-v4-test-suite:
 * get-vanilla, post-vanilla, post-x-www-form-urlencoded; credentials AKIDEXAMPLE, 2015-08-30
 * 12:36:00 UTC, region us-east-1, service "service"). The SDK signer always adds and signs {@code
 * x-amz-content-sha256}, which the suite's requests lack; so the suite checks a by-the-letter
 * reference, and the SDK signer must agree with that reference on the same requests plus that
 * header, for the suite's requests and for a Bedrock request with a session token.
 */
class SigV4SignerTest {
  private static final String KEY_ID = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String AMZ_DATE = "20150830T123600Z";
  private static final URI EXAMPLE = URI.create("https://example.amazonaws.com/");
  private static final SigV4Signer SIGNER =
      new SigV4Signer(Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC));
  private static final String SCOPE = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";

  private static String reference(String method, Map<String, String> extra, String body) {
    Map<String, String> headers = new LinkedHashMap<>(extra);
    headers.put("Host", "example.amazonaws.com");
    headers.put("X-Amz-Date", AMZ_DATE);
    return ReferenceSigV4.authorization(
        method, EXAMPLE, headers, body.getBytes(StandardCharsets.UTF_8), KEY_ID, SECRET, AMZ_DATE,
        "us-east-1", "service");
  }

  @Test
  void referenceReproducesGetVanilla() {
    assertThat(reference("GET", Map.of(), ""))
        .isEqualTo(
            "AWS4-HMAC-SHA256 " + SCOPE + "SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void referenceReproducesPostVanilla() {
    assertThat(reference("POST", Map.of(), ""))
        .isEqualTo(
            "AWS4-HMAC-SHA256 " + SCOPE + "SignedHeaders=host;x-amz-date, "
                + "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  }

  @Test
  void referenceReproducesPostWithAFormBody() {
    assertThat(reference("POST", Map.of("Content-Type", "application/x-www-form-urlencoded"), "Param1=value1"))
        .isEqualTo(
            "AWS4-HMAC-SHA256 " + SCOPE + "SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
  }

  @Test
  void sdkSignerAgreesWithTheReferenceOnTheSuitesRequests() {
    String[][] cases = {{"GET", ""}, {"POST", ""}, {"POST", "Param1=value1"}};
    for (String[] c : cases) {
      Map<String, String> in =
          c[1].isEmpty() ? Map.of() : Map.of("Content-Type", "application/x-www-form-urlencoded");
      byte[] body = c[1].getBytes(StandardCharsets.UTF_8);
      Map<String, String> signed =
          SIGNER.sign(c[0], EXAMPLE, in, body, AwsCredentialsIdentity.create(KEY_ID, SECRET), "service", "us-east-1");

      Map<String, String> withHash = new LinkedHashMap<>(in);
      withHash.put("x-amz-content-sha256", ReferenceSigV4.hex(ReferenceSigV4.sha256(body)));
      assertThat(signed).containsEntry("X-Amz-Date", AMZ_DATE);
      assertThat(signed.get("x-amz-content-sha256")).isEqualTo(withHash.get("x-amz-content-sha256"));
      assertThat(signed.get("Authorization")).isEqualTo(reference(c[0], withHash, c[1]));
    }
  }

  @Test
  void bedrockRequestSignsTheSessionTokenAndTheDoublyEncodedModelPath() {
    URI uri =
        URI.create(
            "https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse");
    byte[] body = "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
    Map<String, String> signed =
        SIGNER.sign(
            "POST", uri, Map.of("Content-Type", "application/json"), body,
            AwsSessionCredentialsIdentity.create(KEY_ID, SECRET, "session-token"), "bedrock", "us-east-1");

    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Host", "bedrock-runtime.us-east-1.amazonaws.com");
    headers.put("X-Amz-Date", AMZ_DATE);
    headers.put("X-Amz-Security-Token", "session-token");
    headers.put("x-amz-content-sha256", ReferenceSigV4.hex(ReferenceSigV4.sha256(body)));
    assertThat(signed).containsEntry("X-Amz-Security-Token", "session-token");
    assertThat(signed.get("Authorization"))
        .isEqualTo(
            ReferenceSigV4.authorization(
                "POST", uri, headers, body, KEY_ID, SECRET, AMZ_DATE, "us-east-1", "bedrock"));
  }
}
