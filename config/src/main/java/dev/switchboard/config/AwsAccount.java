package dev.switchboard.config;

/**
 * Describes the AWS account a {@code bedrock} provider signs its requests for (SigV4).
 *
 * @param region the Bedrock region, e.g. {@code us-east-1}; part of the signature and the
 *     default endpoint
 * @param accessKeyId the access key id; when none is configured the standard environment
 *     variables and then the profile are used
 * @param secretAccessKey the secret key belonging to {@code accessKeyId}
 * @param sessionToken the session token of temporary credentials, if any
 * @param profile the profile read from {@code ~/.aws/credentials} and {@code ~/.aws/config}
 *     when neither config nor environment has keys; null means {@code AWS_PROFILE} or {@code
 *     default}
 */
public record AwsAccount(
    String region,
    SecretRef accessKeyId,
    SecretRef secretAccessKey,
    SecretRef sessionToken,
    String profile)
    implements CloudAccount {

  /** Returns an account in {@code region} whose keys come from the environment or a profile. */
  public static AwsAccount inRegion(String region) {
    return new AwsAccount(region, SecretRef.none(), SecretRef.none(), SecretRef.none(), null);
  }
}
