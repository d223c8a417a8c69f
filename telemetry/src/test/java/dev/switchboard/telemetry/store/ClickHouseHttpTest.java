package dev.switchboard.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which ClickHouse error answers pass like a refused connection (a server shutting down or starting). */
class ClickHouseHttpTest {

  @Test
  void aTableOrDatabaseMissingWhileTheServerShutsDownIsRetried() {
    // as clickhouse-server answers for a moment after SIGTERM (seen in ClickHouseOutageTest)
    assertThat(ClickHouseHttp.shuttingDown("Code: 60, e.displayText() = DB::Exception: Table outage.usage_records"
        + " doesn't exist., e.what() = DB::Exception")).isTrue();
    assertThat(ClickHouseHttp.shuttingDown("Code: 81. DB::Exception: Database switchboard does not exist."
        + " (UNKNOWN_DATABASE) (version 24.8.1)")).isTrue();
  }

  @Test
  void otherErrorAnswersAreNotRetried() {
    assertThat(ClickHouseHttp.shuttingDown("Code: 516. DB::Exception: default: Authentication failed")).isFalse();
    assertThat(ClickHouseHttp.shuttingDown("Code: 62. DB::Exception: Syntax error")).isFalse();
    assertThat(ClickHouseHttp.shuttingDown("Code: 601, e.displayText() = something else")).isFalse();
  }
}
