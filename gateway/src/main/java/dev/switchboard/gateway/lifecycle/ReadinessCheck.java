package dev.switchboard.gateway.lifecycle;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * Names one thing a gateway needs to serve (a store, a shared cache) and how to probe it.
 *
 * @param name how {@code /ready} lists it
 * @param probe succeeds when the thing answers; its failure's message says why not (no secrets)
 * @param release frees what the probe holds (its connection) when the gateway stops
 */
public record ReadinessCheck(String name, Supplier<Future<?>> probe, Runnable release) {

  /** Returns a check that holds nothing of its own. */
  public ReadinessCheck(String name, Supplier<Future<?>> probe) {
    this(name, probe, () -> {});
  }
}
