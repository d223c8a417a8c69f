package dev.switchboard.gateway.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.AwsAccount;
import dev.switchboard.config.SecretRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.profiles.ProfileFile;

class AwsCredentialChainTest {
  @TempDir Path dir;

  private AwsCredentialChain chain(Map<String, String> env) throws IOException {
    Path file = dir.resolve("credentials");
    Files.writeString(
        file,
        "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = default-secret\n\n"
            + "[prod]\naws_access_key_id = AKIAPROD\naws_secret_access_key = prod-secret\n"
            + "aws_session_token = prod-token\n\n[sso]\nsso_session = corp\n");
    return new AwsCredentialChain(
        env::get,
        () -> ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build());
  }

  @Test
  void configuredKeysComeFirst() throws IOException {
    AwsAccount account =
        new AwsAccount("us-east-1", SecretRef.parse("${AK}"), SecretRef.parse("${SK}"), SecretRef.none(), "prod");

    AwsCredentialsIdentity identity =
        chain(Map.of("AK", "AKIACONFIG", "SK", "config-secret", "AWS_ACCESS_KEY_ID", "AKIAENV",
            "AWS_SECRET_ACCESS_KEY", "env-secret")).resolve(account).orElseThrow();

    assertThat(identity.accessKeyId()).isEqualTo("AKIACONFIG");
    assertThat(identity).isNotInstanceOf(AwsSessionCredentialsIdentity.class);
  }

  @Test
  void thenTheStandardEnvironmentVariables() throws IOException {
    AwsCredentialsIdentity identity =
        chain(Map.of("AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret",
            "AWS_SESSION_TOKEN", "env-token")).resolve(AwsAccount.inRegion("us-east-1")).orElseThrow();

    assertThat(identity.accessKeyId()).isEqualTo("AKIAENV");
    assertThat(((AwsSessionCredentialsIdentity) identity).sessionToken()).isEqualTo("env-token");
  }

  @Test
  void thenTheProfileNamedInConfigOrAwsProfileOrDefault() throws IOException {
    AwsAccount named = new AwsAccount("us-east-1", SecretRef.none(), SecretRef.none(), SecretRef.none(), "prod");

    assertThat(chain(Map.of()).resolve(named).orElseThrow().accessKeyId()).isEqualTo("AKIAPROD");
    assertThat(chain(Map.of("AWS_PROFILE", "prod")).resolve(AwsAccount.inRegion("us-east-1")).orElseThrow().accessKeyId())
        .isEqualTo("AKIAPROD");
    assertThat(chain(Map.of()).resolve(AwsAccount.inRegion("us-east-1")).orElseThrow().accessKeyId())
        .isEqualTo("AKIADEFAULT");
  }

  @Test
  void aProfileWithoutKeysGivesNone() throws IOException {
    AwsAccount sso = new AwsAccount("us-east-1", SecretRef.none(), SecretRef.none(), SecretRef.none(), "sso");

    assertThat(chain(Map.of()).resolve(sso)).isEmpty();
  }
}
