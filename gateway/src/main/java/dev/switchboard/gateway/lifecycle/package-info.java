/**
 * Runs a gateway as one of a fleet: reports readiness ({@code /ready}: stores reachable, not
 * draining) beside liveness, and drains on shutdown so a rolling deploy cuts no answer.
 */
package dev.switchboard.gateway.lifecycle;
