package dev.switchboard.gateway.provider.bedrock;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs requests with AWS Signature Version 4
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html)
 * using the AWS SDK's signer, and returns the headers to send: {@code Authorization}, {@code
 * X-Amz-Date} and, for temporary credentials, {@code X-Amz-Security-Token}.
 */
final class SigV4Signer {
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final Clock clock;

  SigV4Signer(Clock clock) {
    this.clock = clock;
  }

  /**
   * Returns the headers of the signed request, {@code headers} included (Host excepted: the HTTP
   * client writes the same value itself).
   *
   * @param uri the request URI as sent, its path already percent-encoded
   */
  Map<String, String> sign(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      AwsCredentialsIdentity credentials,
      String service,
      String region) {
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
    headers.forEach(request::putHeader);
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(credentials)
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
      if (!header.getKey().equalsIgnoreCase("Host")) {
        out.put(header.getKey(), String.join(",", header.getValue()));
      }
    }
    return out;
  }
}
