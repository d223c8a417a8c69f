package dev.switchboard.gateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.config.StateConfig;
import org.junit.jupiter.api.Test;

/** Checks how {@code state.database} is resolved before anything is opened. */
class StateStoresTest {

  @Test
  void noDatabaseKeepsTheEmbeddedStores() {
    assertThat(StateStores.databaseUrl(StateConfig.defaults())).isEmpty();
  }

  @Test
  void anUnsetVariableIsReportedWithItsPathAndName() {
    Throwable e = catchThrowable(() -> StateStores.databaseUrl(
        StateConfig.defaults().withDatabase("${SB_TEST_UNSET_DATABASE_URL_7f3a}")));

    assertThat(e).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("state.database: ")
        .hasMessageContaining("SB_TEST_UNSET_DATABASE_URL_7f3a");
  }

  @Test
  void aLiteralUrlIsCheckedAndItsPasswordNeverRepeated() {
    Throwable e = catchThrowable(() -> StateStores.databaseUrl(
        StateConfig.defaults().withDatabase("mysql://sb:hunter2@db:3306/switchboard")));

    assertThat(e).hasMessageStartingWith("state.database: expected postgresql://").hasMessageNotContaining("hunter2");
    assertThat(StateStores.databaseUrl(StateConfig.defaults().withDatabase("postgresql://sb:pw@db:5432/sb")))
        .contains("postgresql://sb:pw@db:5432/sb");
  }
}
