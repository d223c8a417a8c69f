package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Checks the {@code state} section and {@code routing.affinity}: defaults, values, problems. */
class StateAndAffinityConfigTest {

  @Test
  void defaultsKeepStateLocalAndAffinityOff() {
    SwitchboardConfig config = ConfigLoader.parse("server: { port: 8080 }\n");

    assertThat(config.state().redisUrl()).isEmpty();
    assertThat(config.state().databaseUrl()).isEmpty();
    assertThat(config.state().databaseCacheGrace()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.state().redisFailure()).isEqualTo(StateConfig.RedisFailure.OPEN);
    assertThat(config.routing().affinity()).isEqualTo(AffinityConfig.defaults());
    assertThat(config.routing().affinity().enabled()).isFalse();
    assertThat(config.routing().affinity().ttl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void readsRedisUrlLiteralOrVariableAndAffinitySettings() {
    SwitchboardConfig literal =
        ConfigLoader.parse(
            """
            state: { redis: "redis://127.0.0.1:6390/2", redis_failure: closed }
            routing: { affinity: { enabled: true, ttl_ms: 3600000, max_entries: 5000 } }
            """);
    SwitchboardConfig variable = ConfigLoader.parse("state: { redis: \"${SB_REDIS_URL}\" }\n");

    assertThat(literal.state().redisUrl().orElseThrow().resolve(name -> null))
        .contains("redis://127.0.0.1:6390/2");
    assertThat(literal.routing().affinity())
        .isEqualTo(new AffinityConfig(true, Duration.ofHours(1), 5000));
    assertThat(variable.state().redisUrl().orElseThrow().envVar()).contains("SB_REDIS_URL");
    assertThat(literal.state().failClosed()).isTrue();
    assertThat(variable.state().failClosed()).isFalse();
    // the URL, which may hold a password, is never printed
    assertThat(literal.state().redis().toString()).isEqualTo("***");
  }

  @Test
  void reportsEveryStateAndAffinityProblemWithItsPath() {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class,
            () ->
                ConfigLoader.parse(
                    """
                    state: { redis: "http://cache:6379", database: x, redis_failure: shut }
                    routing: { affinity: { enabled: yes-please, ttl_ms: 0, max_entries: -3, sticky: true } }
                    """));

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            new ConfigProblem("state.database", "expected postgresql://user:password@host:5432/database"),
            new ConfigProblem("state.redis", "expected redis://host:port/db or rediss://..."),
            new ConfigProblem("state.redis_failure", "unknown value 'shut' (allowed: open, closed)"),
            new ConfigProblem("routing.affinity.sticky", "unknown key"),
            new ConfigProblem("routing.affinity.enabled", "expected true or false"),
            new ConfigProblem("routing.affinity.ttl_ms", "must be > 0"),
            new ConfigProblem("routing.affinity.max_entries", "must be > 0"));
  }

  @Test
  void readsDatabaseUrlLiteralOrVariableAndCacheGrace() {
    SwitchboardConfig literal =
        ConfigLoader.parse(
            "state:\n"
                + "  database: \"postgresql://sb:pw@db.internal:5432/switchboard\"\n"
                + "  database_cache_grace_ms: 60000\n");
    SwitchboardConfig variable = ConfigLoader.parse("state: { database: \"${SB_DATABASE_URL}\" }\n");

    assertThat(literal.state().databaseUrl().orElseThrow().resolve(name -> null))
        .contains("postgresql://sb:pw@db.internal:5432/switchboard");
    assertThat(literal.state().databaseCacheGrace()).isEqualTo(Duration.ofMinutes(1));
    assertThat(variable.state().databaseUrl().orElseThrow().envVar()).contains("SB_DATABASE_URL");
    // the URL holds a password: never printed
    assertThat(literal.state().database().toString()).isEqualTo("***");
  }

  @Test
  void reportsDatabaseProblemsWithTheirPathAndWithoutThePassword() {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class,
            () -> ConfigLoader.parse(
                "state: { database: \"postgresql://sb:hunter2@:5432/db\", database_cache_grace_ms: 0 }\n"));

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            new ConfigProblem("state.database", "missing host"),
            new ConfigProblem("state.database_cache_grace_ms", "must be > 0"));
    assertThat(e.getMessage()).doesNotContain("hunter2");
  }

  @Test
  void databaseUrlNeedsPostgresSchemeHostAndDatabase() {
    assertThat(PostgresUrl.problem("postgresql://sb:pw@db:5432/switchboard")).isEmpty();
    assertThat(PostgresUrl.problem("postgres://db/switchboard")).isEmpty();
    assertThat(PostgresUrl.problem("mysql://db:3306/switchboard")).isPresent();
    assertThat(PostgresUrl.problem("postgresql://db:5432/")).isPresent();
    assertThat(PostgresUrl.problem("postgresql://db:99999/switchboard")).isPresent();
  }

  @Test
  void redisUrlNeedsHostPortAndNumericDatabase() {
    assertThat(RedisUrl.problem("redis://cache:6379/0")).isEmpty();
    assertThat(RedisUrl.problem("rediss://user:pw@cache.internal:6380")).isEmpty();
    assertThat(RedisUrl.problem("redis://cache:6379/sessions")).isPresent();
    assertThat(RedisUrl.problem("redis:///0")).contains("missing host");
    assertThat(RedisUrl.problem("redis://cache:70000/0")).isPresent();
  }
}
