/**
 * Speaks OpenAI's embeddings API ({@code POST /v1/embeddings}) at the edge of the one pipeline: the
 * request becomes a chat-shaped request whose messages are the inputs (so limits, routing and
 * records work as for chat), the answer the providers' vectors. Knows no provider.
 */
package dev.switchboard.gateway.dialect.embeddings;
