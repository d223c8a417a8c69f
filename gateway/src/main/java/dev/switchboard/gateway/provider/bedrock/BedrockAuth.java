package dev.switchboard.gateway.provider.bedrock;

import dev.switchboard.config.AwsAccount;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.provider.UpstreamFailures;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Proves who sends a Bedrock request: a Bedrock API key as a bearer token when the provider has
 * one ({@code api_key}, https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html),
 * else a SigV4 signature (service {@code bedrock}) with the keys the credential chain finds.
 */
final class BedrockAuth {
  static final String SERVICE = "bedrock";

  private final AwsCredentialChain credentials;
  private final SigV4Signer signer;

  BedrockAuth(AwsCredentialChain credentials, Clock clock) {
    this.credentials = credentials;
    this.signer = new SigV4Signer(clock);
  }

  /**
   * Adds the credentials for a POST of {@code body} to {@code url} to {@code options} (whose
   * {@code Content-Type} is set).
   *
   * @throws dev.switchboard.gateway.provider.UpstreamFailure when there are no credentials
   */
  void authorize(ProviderConfig provider, RequestOptions options, String url, byte[] body) {
    try {
      Optional<String> apiKey = provider.apiKey().resolve();
      if (apiKey.isPresent()) {
        options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey.get());
        return;
      }
      AwsAccount account = provider.aws();
      AwsCredentialsIdentity identity =
          credentials
              .resolve(account)
              .orElseThrow(
                  () ->
                      UpstreamFailures.misconfigured(
                          provider.id(),
                          "no AWS credentials (set api_key, access_key_id and secret_access_key,"
                              + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile)"));
      String contentType = options.getHeaders().get(HttpHeaders.CONTENT_TYPE);
      Map<String, String> signed =
          signer.sign(
              "POST",
              URI.create(url),
              Map.of("Content-Type", contentType),
              body,
              identity,
              SERVICE,
              account.region());
      signed.forEach(options::putHeader);
    } catch (SecretRef.MissingSecretException e) {
      throw UpstreamFailures.missingKey(provider.id(), e.variable());
    }
  }
}
