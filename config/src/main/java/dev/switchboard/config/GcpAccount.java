package dev.switchboard.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * Describes the Google Cloud project a {@code vertex} provider calls models in, and how it gets
 * OAuth2 access tokens.
 *
 * @param project the project id
 * @param location the region, e.g. {@code us-central1}, or {@code global}
 * @param credentialsFile a service-account key file (JSON); tokens are obtained with the OAuth2
 *     JWT bearer flow and refreshed before they expire. Null when {@code accessToken} is set
 * @param tokenUrl the OAuth2 token endpoint, or null for the one the key file names
 * @param accessToken a fixed access token used instead of a key file (e.g. from {@code gcloud auth
 *     print-access-token}); {@link SecretRef#none()} when a key file is used
 */
public record GcpAccount(
    String project, String location, Path credentialsFile, URI tokenUrl, SecretRef accessToken)
    implements CloudAccount {}
