package dev.switchboard.config;

/**
 * Holds the cloud-account settings a {@code bedrock} or {@code vertex} provider needs besides a
 * base URL: where the account lives and how requests prove who sends them.
 */
public sealed interface CloudAccount permits AwsAccount, GcpAccount {}
