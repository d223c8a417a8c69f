/**
 * Keeps keys, key spend and stored bodies in a PostgreSQL several gateways share ({@code
 * state.database}), through Vert.x's reactive client: schema migrations, key-change notifications
 * ({@code LISTEN/NOTIFY}) and additive spend. The only package that names PostgreSQL.
 */
package dev.switchboard.gateway.state.postgres;
