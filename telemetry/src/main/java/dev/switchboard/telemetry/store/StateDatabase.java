package dev.switchboard.telemetry.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens connections to the gateway's local embedded database, which holds keys, spend and stored
 * bodies: the telemetry store's own file when it is DuckDB, else {@code telemetry.state_file}.
 */
public interface StateDatabase {

  /** Opens a new connection; the caller closes it. */
  Connection reader() throws SQLException;
}
