package dev.switchboard.gateway;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.gateway.lifecycle.Readiness;
import dev.switchboard.gateway.observability.Tracing;
import dev.switchboard.gateway.routing.ModelRouter;
import dev.switchboard.gateway.routing.RoutingRuntime;
import dev.switchboard.gateway.usage.UsageRecorder;
import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.store.UsageStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/** Bundles the thread-safe services every server verticle instance shares. */
record GatewayServices(
    SwitchboardConfig config,
    ModelRouter router,
    UsageRecorder recorder,
    UsageStore store,
    AggregateSource aggregates,
    PrometheusMeterRegistry prometheus,
    Clock clock,
    AccessControl access,
    RoutingRuntime routing,
    Readiness readiness,
    Tracing tracing) {}
