/**
 * Speaks to AWS Bedrock's Converse and ConverseStream APIs: requests signed with SigV4 (or a
 * Bedrock API key), bodies translated through the Messages translation (Converse is Messages
 * with other names), the binary event stream decoded with AWS's eventstream library. Depends on
 * the anthropic package's public translation only.
 */
package dev.switchboard.gateway.provider.bedrock;
