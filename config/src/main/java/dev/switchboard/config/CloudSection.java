package dev.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the cloud-account keys of a {@code bedrock} or {@code vertex} provider entry and rejects
 * them on the other kinds.
 */
final class CloudSection {
  private static final List<String> AWS_KEYS =
      List.of("region", "access_key_id", "secret_access_key", "session_token", "profile");
  private static final List<String> GCP_KEYS =
      List.of("project", "location", "credentials_file", "token_url", "access_token");

  /** Every key this section reads. */
  static final List<String> KEYS =
      List.of(
          "region",
          "access_key_id",
          "secret_access_key",
          "session_token",
          "profile",
          "project",
          "location",
          "credentials_file",
          "token_url",
          "access_token");

  private CloudSection() {}

  /** Returns whether providers of {@code kind} carry a cloud account (and a default base URL). */
  static boolean needsAccount(ProviderKind kind) {
    return kind == ProviderKind.BEDROCK || kind == ProviderKind.VERTEX;
  }

  /** Reads the account for {@code kind}; null when the kind has none or the entry has problems. */
  static CloudAccount read(YamlNodeReader entry, ProviderKind kind) {
    Set<String> own =
        Set.copyOf(
            kind == ProviderKind.BEDROCK ? AWS_KEYS : kind == ProviderKind.VERTEX ? GCP_KEYS : List.of());
    for (String key : KEYS) {
      if (entry.has(key) && !own.contains(key)) {
        entry.problem(
            key, "only applies to kind " + (AWS_KEYS.contains(key) ? "bedrock" : "vertex"));
      }
    }
    return switch (kind) {
      case BEDROCK -> aws(entry);
      case VERTEX -> gcp(entry);
      default -> null;
    };
  }

  /** Returns the public endpoint of the account's service. */
  static URI defaultBaseUrl(CloudAccount account) {
    if (account instanceof AwsAccount aws) {
      return URI.create("https://bedrock-runtime." + aws.region() + ".amazonaws.com");
    }
    GcpAccount gcp = (GcpAccount) account;
    return URI.create(
        gcp.location().equals("global")
            ? "https://aiplatform.googleapis.com/v1"
            : "https://" + gcp.location() + "-aiplatform.googleapis.com/v1");
  }

  private static AwsAccount aws(YamlNodeReader entry) {
    Optional<String> region = entry.requiredString("region").flatMap(r -> hostLabel(entry, "region", r));
    SecretRef keyId = secret(entry, "access_key_id");
    SecretRef secret = secret(entry, "secret_access_key");
    if (keyId.isPresent() != secret.isPresent()) {
      entry.problem(
          keyId.isPresent() ? "secret_access_key" : "access_key_id",
          "required with " + (keyId.isPresent() ? "access_key_id" : "secret_access_key"));
      return null;
    }
    String profile = entry.nonBlankString("profile").orElse(null);
    return region
        .map(r -> new AwsAccount(r, keyId, secret, secret(entry, "session_token"), profile))
        .orElse(null);
  }

  private static GcpAccount gcp(YamlNodeReader entry) {
    Optional<String> project = entry.requiredString("project");
    Optional<String> location =
        entry.requiredString("location").flatMap(l -> hostLabel(entry, "location", l));
    Path keyFile = entry.nonBlankString("credentials_file").map(Path::of).orElse(null);
    SecretRef token = secret(entry, "access_token");
    if (keyFile != null && token.isPresent()) {
      entry.problem("access_token", "set either credentials_file or access_token, not both");
      return null;
    }
    URI tokenUrl = null;
    Optional<String> tokenText = entry.nonBlankString("token_url");
    if (tokenText.isPresent()) {
      try {
        tokenUrl = new URI(tokenText.get().trim());
      } catch (URISyntaxException e) {
        entry.problem("token_url", "not a URL");
        return null;
      }
      if (!tokenUrl.isAbsolute() || tokenUrl.getHost() == null) {
        entry.problem("token_url", "not a URL (expected http(s)://host[:port][/path])");
        return null;
      }
    }
    if (project.isEmpty() || location.isEmpty()) {
      return null;
    }
    return new GcpAccount(project.get(), location.get(), keyFile, tokenUrl, token);
  }

  private static SecretRef secret(YamlNodeReader entry, String key) {
    return entry.string(key).map(SecretRef::parse).orElse(SecretRef.none());
  }

  /** Accepts a region or location that can stand in a host name ({@code us-east-1}, {@code global}). */
  private static Optional<String> hostLabel(YamlNodeReader entry, String key, String value) {
    if (!value.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      entry.problem(key, "expected a region name like us-east-1");
      return Optional.empty();
    }
    return Optional.of(value);
  }
}
