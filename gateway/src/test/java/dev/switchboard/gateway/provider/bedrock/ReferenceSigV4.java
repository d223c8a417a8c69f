package dev.switchboard.gateway.provider.bedrock;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes Signature V4 by the letter of AWS's description
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html),
 * as a yardstick for the SDK signer: the SDK always signs {@code x-amz-content-sha256}, which the
 * published test suite's requests do not have, so the suite checks this yardstick and the
 * yardstick checks the SDK.
 */
final class ReferenceSigV4 {

  private ReferenceSigV4() {}

  /** Returns the {@code Authorization} value for a request with exactly {@code headers} signed. */
  static String authorization(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      String keyId,
      String secret,
      String amzDate,
      String region,
      String service) {
    TreeMap<String, String> canonical = new TreeMap<>();
    headers.forEach((k, v) -> canonical.put(k.toLowerCase(), v.trim().replaceAll(" +", " ")));
    StringBuilder headerBlock = new StringBuilder();
    canonical.forEach((k, v) -> headerBlock.append(k).append(':').append(v).append('\n'));
    String signedHeaders = String.join(";", canonical.keySet());
    String request =
        method + "\n"
            + encodePath(uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + "\n"
            + (uri.getRawQuery() == null ? "" : uri.getRawQuery()) + "\n"
            + headerBlock + "\n"
            + signedHeaders + "\n"
            + hex(sha256(body));
    String date = amzDate.substring(0, 8);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(request.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return "AWS4-HMAC-SHA256 Credential=" + keyId + "/" + scope
        + ", SignedHeaders=" + signedHeaders
        + ", Signature=" + hex(hmac(key, toSign));
  }

  /** Encodes an already encoded path once more, as every service but S3 expects. */
  private static String encodePath(String rawPath) {
    StringBuilder out = new StringBuilder();
    for (byte b : rawPath.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
