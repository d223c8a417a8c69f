package dev.switchboard.gateway.provider;

import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.routing.ResolvedTarget;

/** Bundles what an adapter needs for one upstream attempt. */
public record UpstreamCall(ChatRequest request, ResolvedTarget target, String requestId) {}
