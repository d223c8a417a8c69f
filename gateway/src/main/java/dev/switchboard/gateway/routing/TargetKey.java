package dev.switchboard.gateway.routing;

/**
 * Identifies one deployment (a provider account serving an upstream model); breakers and live
 * stats are kept per key, shared by every route that uses the deployment.
 */
public record TargetKey(String provider, String model) {

  @Override
  public String toString() {
    return provider + ":" + model;
  }
}
