/** Spend governance above single keys: teams and organizations, end users, sessions and tags. */
package dev.switchboard.gateway.teams;
