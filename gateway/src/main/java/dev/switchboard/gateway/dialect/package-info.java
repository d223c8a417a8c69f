/**
 * The ingress dialects at the edge of the one request pipeline: each decodes its API's requests
 * into the chat shape the router and adapters speak, and encodes answers, streams and errors back.
 */
package dev.switchboard.gateway.dialect;
