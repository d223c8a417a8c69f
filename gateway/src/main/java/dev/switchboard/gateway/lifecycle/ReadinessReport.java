package dev.switchboard.gateway.lifecycle;

import java.util.Map;

/**
 * What {@code /ready} answers: whether this instance should get traffic, and each check's state.
 *
 * @param status {@code ready}, {@code not_ready} (a check failed) or {@code draining}
 * @param checks each check's name and {@code ok} or why it failed, in registration order
 */
public record ReadinessReport(String status, Map<String, String> checks) {

  /** Returns whether a load balancer should send requests here. */
  public boolean ready() {
    return status.equals("ready");
  }
}
