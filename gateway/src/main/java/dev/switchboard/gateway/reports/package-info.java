/** Spend reports per team: each closed day or week, once across gateways, to the alert webhooks. */
package dev.switchboard.gateway.reports;
