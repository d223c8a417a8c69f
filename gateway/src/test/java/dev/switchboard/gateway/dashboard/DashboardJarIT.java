package dev.switchboard.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar in demo mode, as a newcomer would, sends one chat request and opens the
 * dashboard: the shaded jar must still hold the pages and ECharts, and the page must draw the
 * gateway's own traffic (the request just sent, plus the demo's background simulation) without
 * console errors.
 */
class DashboardJarIT {
  private static final Path JAR = Path.of("target", "switchboard.jar").toAbsolutePath();
  private static final Pattern LISTENING = Pattern.compile("listening on (http://[^/\\s]+)/v1");

  @TempDir Path workDir;

  @Test
  void theDemoServesADashboardOfItsOwnTraffic() throws Exception {
    Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "--demo", "--port", "0")).directory(workDir.toFile()).redirectErrorStream(true).start();
    try (HeadlessChromium browser = HeadlessChromium.start()) {
      String base = awaitListening(process.getInputStream());
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(chat.statusCode()).isEqualTo(200);

      byte[] echarts = http.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/vendor/echarts.min.js")).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body();
      try (InputStream webjar = getClass().getClassLoader().getResourceAsStream(DashboardAssets.ECHARTS)) {
        assertThat(echarts).isEqualTo(webjar.readAllBytes());
      }

      // The usage writer flushes in the background: wait until this request's own record is stored.
      String requestId = chat.headers().firstValue("x-request-id").orElseThrow();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      int generation = 0;
      while (generation != 200 && System.nanoTime() < deadline) {
        generation = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/generation?id=" + requestId)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        if (generation != 200) {
          Thread.sleep(200);
        }
      }
      assertThat(generation).as("stored record of request %s", requestId).isEqualTo(200);

      // The demo also simulates a year of traffic in the background, so the count is at least ours.
      browser.open(base + "/dashboard/");
      browser.awaitLoad(0);
      String requests = browser.text("return document.querySelector('[data-kpi=requests]').dataset.value;");
      assertThat(Long.parseLong(requests)).isGreaterThanOrEqualTo(1);
      assertThat(browser.text("return document.getElementById('panel-source-share').dataset.state;")).isEqualTo("ready");
      assertThat(browser.consoleErrors()).isEmpty();
    } finally {
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static String awaitListening(InputStream output) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        // Keep reading so a chatty log never fills the pipe and stalls the gateway.
        CompletableFuture.runAsync(() -> out.lines().forEach(l -> { }));
        return m.group(1);
      }
    }
    throw new AssertionError("the gateway exited before listening");
  }
}
