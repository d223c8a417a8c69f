/** Budget alerts: thresholds crossed, claimed once, delivered to signed webhooks with retries. */
package dev.switchboard.gateway.alerts;
