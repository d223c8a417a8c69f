package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.telemetry.store.DuckDbUsageStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged jar as a user would: demo mode with an empty environment, help, bad config. */
class SwitchboardJarIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path workDir;

  @Test
  void demoModeAnswersChatWithNoEnvironmentAndFlushesUsageOnShutdown() throws Exception {
    Process process = start("--demo", "--port", "0");
    String id;
    try {
      String base = awaitListening(process);
      HttpClient http = HttpClient.newHttpClient();
      String body =
          "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello in three words\"}]}";
      HttpResponse<String> chat =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(chat.statusCode()).isEqualTo(200);
      JsonNode answer = JSON.readTree(chat.body());
      assertThat(answer.at("/choices/0/message/content").asText()).isNotBlank();
      assertThat(answer.at("/usage/prompt_tokens").asInt()).isPositive();
      id = answer.path("id").asText();
    } finally {
      process.destroy(); // SIGTERM: the shutdown hook flushes queued usage records
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    Path store = workDir.resolve("data").resolve("switchboard-demo.duckdb");
    assertThat(store).exists();
    try (DuckDbUsageStore reopened = DuckDbUsageStore.open(store)) {
      // the demo also simulates a year in the background; the client's own request is kept too
      assertThat(reopened.findById(id)).isPresent();
      assertThat(reopened.count()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void helpListsEveryOption() throws Exception {
    Process process = start("--help");
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(out).contains("--config", "--port", "--demo", "--help", "serve");
  }

  @Test
  void invalidConfigIsRefusedWithEveryProblemAndExitCode2() throws Exception {
    Path config = workDir.resolve("bad.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "server: { port: 99999 }",
            "providers:",
            "  - id: openai",
            "    kind: openai",
            "    base_url: not a url",
            "  - id: openai",
            "    kind: carrier-pigeon",
            "    base_url: https://example.com/v1",
            "models:",
            "  - name: m",
            "    targets: [ { provider: nobody, model: x } ]",
            ""));

    Process process = start("--config", config.toString());
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(err)
        .contains("server.port")
        .contains("providers[0].base_url")
        .contains("providers[1].id")
        .contains("providers[1].kind")
        .contains("models[0].targets[0].provider");
  }

  private Process start(String... args) throws IOException {
    return JarProcess.builder(workDir, args).start();
  }

  private static String awaitListening(Process process) throws IOException {
    return JarProcess.awaitListening(process);
  }
}
