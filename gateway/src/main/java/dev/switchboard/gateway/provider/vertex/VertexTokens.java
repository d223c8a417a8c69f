package dev.switchboard.gateway.provider.vertex;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.switchboard.config.GcpAccount;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.provider.UpstreamFailure;
import dev.switchboard.gateway.provider.UpstreamFailures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Hands out OAuth2 access tokens for Vertex AI providers: a configured token as is, or one
 * obtained with a service-account key file (JWT bearer flow, by Google's auth library), cached
 * and refreshed once less than {@link #REFRESH_MARGIN} of its life is left. Refreshes run on a
 * worker thread, one at a time per provider.
 */
final class VertexTokens {
  /** How long before expiry a cached token is replaced. */
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  private static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

  private final Clock clock;
  private final Function<String, String> env;
  private final Map<String, Source> sources = new ConcurrentHashMap<>();

  VertexTokens(Clock clock, Function<String, String> env) {
    this.clock = clock;
    this.env = env;
  }

  /** Returns a token for {@code provider}, or fails with an {@link UpstreamFailure}. */
  Future<String> token(ProviderConfig provider) {
    GcpAccount account = provider.gcp();
    if (account.accessToken().isPresent()) {
      try {
        return Future.succeededFuture(account.accessToken().resolve(env).orElseThrow());
      } catch (SecretRef.MissingSecretException e) {
        return Future.failedFuture(UpstreamFailures.missingKey(provider.id(), e.variable()));
      }
    }
    return sources.computeIfAbsent(provider.id(), id -> new Source(provider)).token();
  }

  /** One provider's credentials, loaded on first use, and the refresh under way if any. */
  private final class Source {
    private final ProviderConfig provider;
    private GoogleCredentials credentials;
    private Future<String> refreshing;

    Source(ProviderConfig provider) {
      this.provider = provider;
    }

    synchronized Future<String> token() {
      if (credentials != null) {
        AccessToken current = credentials.getAccessToken();
        if (current != null && fresh(current)) {
          return Future.succeededFuture(current.getTokenValue());
        }
      }
      if (refreshing == null) {
        refreshing = blocking(this::refresh).andThen(done -> clearRefreshing());
      }
      return refreshing;
    }

    private synchronized void clearRefreshing() {
      refreshing = null;
    }

    private boolean fresh(AccessToken token) {
      return token.getExpirationTime() != null
          && token.getExpirationTime().toInstant().isAfter(clock.instant().plus(REFRESH_MARGIN));
    }

    /** Loads the key file (first time) and asks the token endpoint for a new token. */
    private String refresh() {
      try {
        GoogleCredentials loaded;
        synchronized (this) {
          if (credentials == null) {
            credentials = load();
          }
          loaded = credentials;
        }
        loaded.refresh();
        AccessToken token = loaded.getAccessToken();
        if (token == null) {
          throw UpstreamFailures.misconfigured(provider.id(), "the token endpoint returned no token");
        }
        return token.getTokenValue();
      } catch (IOException e) {
        throw new UpstreamFailure(
            UpstreamFailure.Kind.UNREACHABLE,
            new dev.switchboard.gateway.provider.UpstreamError(
                502,
                "upstream_error",
                "token_unavailable",
                "Provider '" + provider.id() + "' could not obtain an access token: " + e.getMessage(),
                null));
      }
    }

    private GoogleCredentials load() throws IOException {
      GcpAccount account = provider.gcp();
      Path file = account.credentialsFile();
      if (file == null) {
        String fromEnv = env.apply("GOOGLE_APPLICATION_CREDENTIALS");
        if (fromEnv == null || fromEnv.isBlank()) {
          throw UpstreamFailures.misconfigured(
              provider.id(),
              "no credentials_file or access_token, and GOOGLE_APPLICATION_CREDENTIALS is not set");
        }
        file = Path.of(fromEnv);
      }
      GoogleCredentials loaded;
      try (InputStream in = Files.newInputStream(file)) {
        loaded = GoogleCredentials.fromStream(in);
      }
      if (loaded instanceof ServiceAccountCredentials account2 && account.tokenUrl() != null) {
        loaded = account2.toBuilder().setTokenServerUri(account.tokenUrl()).build();
      }
      return loaded.createScopedRequired() ? loaded.createScoped(SCOPE) : loaded;
    }
  }

  private static <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    Context context = Vertx.currentContext();
    if (context == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return context.executeBlocking(work, false);
  }
}
