package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthSectionTest {
  private static final String PROVIDERS =
      """
      providers:
        - { id: openai, kind: openai, base_url: https://api.openai.com/v1 }
      """;

  @Test
  void readsStaticKeysUpstreamLimitsAndRetention() {
    SwitchboardConfig config =
        ConfigLoader.parse(
            PROVIDERS
                + """
                auth:
                  mode: keys
                  admin_key: ${SB_ADMIN}
                  body_retention_days: 3
                  keys:
                    - name: ci
                      key: ${SB_CI_KEY}
                      owner: platform-team
                      country: de
                      models: [ "openai/*", "qwen/qwen3-coder" ]
                      rpm: 60
                      tpm: 100000
                      budget_usd_day: 2.5
                      budget_usd_month: 40
                      store_bodies: true
                      team: ml-research
                    - { name: bare, key: "${SB_BARE_KEY}" }
                  upstream_limits:
                    - { provider: openai, model: gpt-4o, rpm: 500 }
                    - { provider: openai, tpm: 2000000 }
                """);

    AuthConfig auth = config.auth();
    assertThat(auth.mode()).isEqualTo(AuthConfig.AuthMode.KEYS);
    assertThat(auth.bodyRetention()).isEqualTo(Duration.ofDays(3));
    StaticKeyConfig ci = auth.keys().get(0);
    assertThat(ci.name()).isEqualTo("ci");
    assertThat(ci.key().envVar()).hasValue("SB_CI_KEY");
    assertThat(ci.key().resolve(Map.of("SB_CI_KEY", "s3cret")::get)).hasValue("s3cret");
    assertThat(ci.owner()).isEqualTo("platform-team");
    assertThat(ci.country()).isEqualTo("DE");
    assertThat(ci.models()).containsExactly("openai/*", "qwen/qwen3-coder");
    assertThat(ci.rpm()).isEqualTo(60);
    assertThat(ci.tpm()).isEqualTo(100_000L);
    assertThat(ci.budgetUsdDay()).isEqualTo(2.5);
    assertThat(ci.budgetUsdMonth()).isEqualTo(40.0);
    assertThat(ci.storeBodies()).isTrue();
    assertThat(ci.team()).isEqualTo("ml-research");
    StaticKeyConfig bare = auth.keys().get(1);
    assertThat(bare.models()).isEmpty();
    assertThat(bare.rpm()).isNull();
    assertThat(bare.tpm()).isNull();
    assertThat(bare.budgetUsdDay()).isNull();
    assertThat(bare.storeBodies()).isFalse();
    assertThat(bare.team()).isNull();
    assertThat(auth.upstreamLimits())
        .containsExactly(
            new UpstreamLimitConfig("openai", "gpt-4o", 500, null),
            new UpstreamLimitConfig("openai", null, null, 2_000_000L));
  }

  @Test
  void defaultsKeepTheTwoArgumentShape() {
    AuthConfig auth = ConfigLoader.parse(PROVIDERS + "auth: { mode: none }\n").auth();
    assertThat(auth.keys()).isEmpty();
    assertThat(auth.upstreamLimits()).isEmpty();
    assertThat(auth.bodyRetention()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void reportsEveryKeyProblemWithItsPath() {
    String yaml =
        PROVIDERS
            + """
            auth:
              mode: keys
              body_retention_days: 0
              keys:
                - { name: a, key: "${K1}", country: XX, rpm: 0, budget_usd_day: -1, models: [ "open ai/*", 3 ] }
                - { name: a, key: "${K1}", tpm: many, colour: red }
                - { key: "${K3}" }
                - { name: d, key: "${K4}", team: "ML Team" }
              upstream_limits:
                - { provider: nope, rpm: 10 }
                - { provider: openai }
            """;
    InvalidConfigException e =
        catchThrowableOfType(InvalidConfigException.class, () -> ConfigLoader.parse(yaml));

    List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
    assertThat(problems)
        .containsExactlyInAnyOrder(
            "auth.admin_key: required when mode is 'keys'",
            "auth.body_retention_days: must be > 0",
            "auth.keys[0].country: not an ISO 3166-1 alpha-2 country code: 'XX'",
            "auth.keys[0].models[1]: expected a non-blank string",
            "auth.keys[0].models[0]: a model pattern must not contain whitespace",
            "auth.keys[0].rpm: must be > 0",
            "auth.keys[0].budget_usd_day: must be >= 0",
            "auth.keys[1].colour: unknown key",
            "auth.keys[1].name: duplicate key name 'a'",
            "auth.keys[1].key: the same secret is declared for another key",
            "auth.keys[1].tpm: expected an integer",
            "auth.keys[2].name: required",
            "auth.keys[3].team: must be 1 to 64 characters of a-z, 0-9, '_', '.' or '-', starting with a letter or digit",
            "auth.upstream_limits[0].provider: unknown provider 'nope'",
            "auth.upstream_limits[1].rpm: set rpm, tpm or both");
  }
}
