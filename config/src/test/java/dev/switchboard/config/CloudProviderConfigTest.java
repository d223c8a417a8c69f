package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudProviderConfigTest {

  private static ProviderConfig only(String providersYaml) {
    SwitchboardConfig config =
        ConfigLoader.parse(
            "providers:\n" + providersYaml + "models:\n  - { name: m, targets: [ { provider: p, model: x } ] }\n");
    return config.providers().get(0);
  }

  private static List<String> problems(String providersYaml) {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class,
            () ->
                ConfigLoader.parse(
                    "providers:\n"
                        + providersYaml
                        + "models:\n  - { name: m, targets: [ { provider: p, model: x } ] }\n"));
    assertThat(e).as("expected InvalidConfigException").isNotNull();
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void bedrockNeedsOnlyARegionAndDefaultsToTheRegionalRuntimeEndpoint() {
    ProviderConfig p = only("  - { id: p, kind: bedrock, region: eu-central-1 }\n");

    assertThat(p.kind()).isEqualTo(ProviderKind.BEDROCK);
    assertThat(p.baseUrl()).isEqualTo(URI.create("https://bedrock-runtime.eu-central-1.amazonaws.com"));
    assertThat(p.aws()).isEqualTo(AwsAccount.inRegion("eu-central-1"));
  }

  @Test
  void bedrockKeysComeFromConfigAsSecrets() {
    ProviderConfig p =
        only(
            "  - id: p\n    kind: bedrock\n    region: us-east-1\n    base_url: http://127.0.0.1:9\n"
                + "    access_key_id: ${AK}\n    secret_access_key: ${SK}\n    session_token: ${ST}\n"
                + "    profile: prod\n");

    assertThat(p.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9"));
    assertThat(p.aws().accessKeyId().envVar()).contains("AK");
    assertThat(p.aws().secretAccessKey().envVar()).contains("SK");
    assertThat(p.aws().sessionToken().envVar()).contains("ST");
    assertThat(p.aws().profile()).isEqualTo("prod");
  }

  @Test
  void vertexDefaultsToTheRegionalOrGlobalEndpoint() {
    ProviderConfig regional =
        only(
            "  - { id: p, kind: vertex, project: acme, location: us-east5,"
                + " credentials_file: /etc/sa.json }\n");
    ProviderConfig global =
        only("  - { id: p, kind: vertex, project: acme, location: global, access_token: \"${TOK}\" }\n");

    assertThat(regional.baseUrl()).isEqualTo(URI.create("https://us-east5-aiplatform.googleapis.com/v1"));
    assertThat(regional.gcp().credentialsFile()).isEqualTo(Path.of("/etc/sa.json"));
    assertThat(global.baseUrl()).isEqualTo(URI.create("https://aiplatform.googleapis.com/v1"));
    assertThat(global.gcp().accessToken().envVar()).contains("TOK");
  }

  @Test
  void cloudKeysAreCheckedAndRefusedOnOtherKinds() {
    assertThat(
            problems(
                "  - { id: p, kind: bedrock, access_key_id: AKIA, project: x }\n"
                    + "  - { id: q, kind: vertex, location: 'us east', credentials_file: a, access_token: b }\n"
                    + "  - { id: r, kind: openai, base_url: https://x.test, region: us-east-1 }\n"))
        .containsExactly(
            "providers[0].project: only applies to kind vertex",
            "providers[0].region: required",
            "providers[0].secret_access_key: required with access_key_id",
            "providers[1].project: required",
            "providers[1].location: expected a region name like us-east-1",
            "providers[1].access_token: set either credentials_file or access_token, not both",
            "providers[2].region: only applies to kind bedrock");
  }
}
