/**
 * Serves the admin API under {@code /v1/admin}: creating, listing, changing and revoking gateway
 * keys. Thin handlers over {@link dev.switchboard.gateway.auth.KeyDirectory}; the admin key is
 * checked by the auth decorator before any of them runs.
 */
package dev.switchboard.gateway.admin;
