package dev.switchboard.gateway.provider.bedrock;

import dev.switchboard.config.AwsAccount;
import dev.switchboard.config.SecretRef;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Finds the AWS keys a Bedrock request is signed with, in the order the AWS SDKs use: the keys in
 * the provider's config, then {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} / {@code
 * AWS_SESSION_TOKEN}, then the profile ({@code profile}, else {@code AWS_PROFILE}, else {@code
 * default}) in {@code ~/.aws/credentials} and {@code ~/.aws/config}. Profiles are read once.
 */
final class AwsCredentialChain {
  private final Function<String, String> env;
  private final Supplier<ProfileFile> profiles;
  private final Map<String, Optional<AwsCredentialsIdentity>> fromProfiles = new ConcurrentHashMap<>();
  private volatile ProfileFile loaded;

  AwsCredentialChain(Function<String, String> env, Supplier<ProfileFile> profiles) {
    this.env = env;
    this.profiles = profiles;
  }

  /** Returns a chain over the process environment and the default profile files. */
  static AwsCredentialChain standard() {
    return new AwsCredentialChain(System::getenv, ProfileFile::defaultProfileFile);
  }

  /**
   * Returns the credentials for {@code account}, if any source has them.
   *
   * @throws SecretRef.MissingSecretException when the config names a variable that is not set
   */
  Optional<AwsCredentialsIdentity> resolve(AwsAccount account) {
    if (account.accessKeyId().isPresent()) {
      return Optional.of(
          identity(
              account.accessKeyId().resolve(env).orElseThrow(),
              account.secretAccessKey().resolve(env).orElseThrow(),
              account.sessionToken().resolve(env).orElse(null)));
    }
    String keyId = env.apply("AWS_ACCESS_KEY_ID");
    String secret = env.apply("AWS_SECRET_ACCESS_KEY");
    if (present(keyId) && present(secret)) {
      return Optional.of(identity(keyId, secret, env.apply("AWS_SESSION_TOKEN")));
    }
    String profile =
        account.profile() != null
            ? account.profile()
            : present(env.apply("AWS_PROFILE")) ? env.apply("AWS_PROFILE") : "default";
    return fromProfiles.computeIfAbsent(profile, this::fromProfile);
  }

  private Optional<AwsCredentialsIdentity> fromProfile(String name) {
    ProfileFile file = loaded;
    if (file == null) {
      file = profiles.get();
      loaded = file;
    }
    Optional<Profile> profile = file.profile(name);
    if (profile.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> keyId = profile.get().property(ProfileProperty.AWS_ACCESS_KEY_ID);
    Optional<String> secret = profile.get().property(ProfileProperty.AWS_SECRET_ACCESS_KEY);
    if (keyId.isEmpty() || secret.isEmpty()) {
      return Optional.empty(); // SSO, role assumption and processes need the full SDK
    }
    return Optional.of(
        identity(
            keyId.get(),
            secret.get(),
            profile.get().property(ProfileProperty.AWS_SESSION_TOKEN).orElse(null)));
  }

  private static AwsCredentialsIdentity identity(String keyId, String secret, String token) {
    return present(token)
        ? AwsSessionCredentialsIdentity.create(keyId, secret, token)
        : AwsCredentialsIdentity.create(keyId, secret);
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
