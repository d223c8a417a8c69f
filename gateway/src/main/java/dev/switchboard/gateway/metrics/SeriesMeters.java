package dev.switchboard.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Holds the meters of one (model, provider, outcome, streamed) series, registered once: building
 * tags and looking a meter up in the registry cost more than the increment itself on every
 * request.
 */
final class SeriesMeters {
  /** The token types counted, in the order of {@link #tokens}. */
  static final String[] TOKEN_TYPES = {"prompt", "completion", "reasoning", "cached_read", "cache_write"};

  final Counter requests;
  final Timer duration;
  final Timer ttft;
  final Counter cost;
  final Counter[] tokens = new Counter[TOKEN_TYPES.length];

  SeriesMeters(MeterRegistry registry, Series s) {
    requests = Counter.builder("switchboard.requests")
        .description("Chat requests by model, provider and outcome")
        .tags("model", s.model(), "provider", s.provider(), "outcome", s.outcome(), "streamed", String.valueOf(s.streamed()))
        .register(registry);
    duration = Timer.builder("switchboard.request.duration")
        .description("Time from request received to last byte sent")
        .tags("model", s.model(), "provider", s.provider(), "outcome", s.outcome())
        .register(registry);
    ttft = Timer.builder("switchboard.request.ttft")
        .description("Time from request received to first streamed content")
        .tags("model", s.model(), "provider", s.provider())
        .register(registry);
    cost = Counter.builder("switchboard.cost")
        .baseUnit("usd")
        .description("Cost from catalog prices")
        .tags("model", s.model(), "provider", s.provider())
        .register(registry);
    for (int i = 0; i < TOKEN_TYPES.length; i++) {
      tokens[i] = Counter.builder("switchboard.tokens")
          .description("Provider-reported tokens by type")
          .tags("model", s.model(), "provider", s.provider(), "type", TOKEN_TYPES[i])
          .register(registry);
    }
  }

  /** Identifies a series by its tag values. */
  record Series(String model, String provider, String outcome, boolean streamed) {}
}
