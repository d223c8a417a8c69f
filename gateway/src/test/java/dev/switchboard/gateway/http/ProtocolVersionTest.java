package dev.switchboard.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.GatewayHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that a client asking for a cleartext HTTP/2 upgrade (Java's HttpClient does on every new
 * connection) is answered on HTTP/1.1, request after request on the same connection.
 */
class ProtocolVersionTest {
  @TempDir Path dir;
  private GatewayHarness harness;

  @BeforeEach
  void start() {
    harness = new GatewayHarness(dir);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void anUpgradeToCleartextHttp2IsDeclinedAndHttp11Served() throws Exception {
    HttpClient http2First = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> models = http2First.send(
          HttpRequest.newBuilder(URI.create(harness.baseUrl() + "/v1/models")).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(models.statusCode()).isEqualTo(200);
      assertThat(models.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(models.body()).contains("\"object\":\"list\"");
    }
  }
}
