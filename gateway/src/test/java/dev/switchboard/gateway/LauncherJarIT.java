package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/switchboard}, the README's run command: it records the AOT start-up cache once per
 * jar (the build does it after packaging; if that run failed, the first call here does it), and on a
 * machine with a JDK 25+ it starts from that cache (the JVM is told to refuse to start rather than
 * run without it, so an unusable cache fails this test).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherJarIT {
  private static final Path LAUNCHER = Path.of("..", "bin", "switchboard").toAbsolutePath().normalize();
  private static final Path CACHE = Path.of("target", "switchboard.aot").toAbsolutePath();
  private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

  @TempDir Path workDir;

  @Test
  @Order(1)
  void recordCacheOnlyReturnsAtOnceWhenTheCacheIsCurrent() throws Exception {
    boolean jdk25 = newestInstalledJdk() >= 25;
    String first = recordCache();
    if (first.contains("recording the start-up cache")) {
      // the build's recording failed or went stale: leave the reason in the test log
      System.err.println("LauncherJarIT: the build left no current start-up cache; recorded it now:\n" + first);
    }
    assertThat(Files.exists(CACHE)).as("AOT cache recorded").isEqualTo(jdk25);
    assertThat(recordCache()).doesNotContain("recording the start-up cache");
  }

  private static String recordCache() throws Exception {
    Process process = new ProcessBuilder(LAUNCHER.toString(), "--record-cache").redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  @Order(2)
  void launcherServesTheDemoFromTheStartupCacheWhenAJdk25IsInstalled() throws Exception {
    boolean jdk25 = newestInstalledJdk() >= 25;
    // the launcher records the cache whenever it can find a JDK 25+ (the build, or the test above)
    assertThat(Files.exists(CACHE)).as("AOT cache recorded").isEqualTo(jdk25);

    ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "--demo", "--port", "0")
        .directory(workDir.toFile())
        .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    if (jdk25) {
      // AOTMode=on: the JVM exits with an error instead of starting without the cache
      builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on");
    }
    Process process = builder.start();
    try {
      String base = JarProcess.awaitListening(process);
      HttpResponse<String> chat = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(chat.statusCode()).isEqualTo(200);
      assertThat(chat.body()).contains("\"choices\"");
    } finally {
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Returns the feature release of the newest JDK under /usr/lib/jvm (where the launcher looks), 0 if none. */
  private static int newestInstalledJdk() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return 0;
    }
    int newest = 0;
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.toList()) {
        Path release = home.resolve("release");
        if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin").resolve("java"))) {
          Matcher m = JAVA_VERSION.matcher(Files.readString(release));
          if (m.find()) {
            newest = Math.max(newest, Integer.parseInt(m.group(1)));
          }
        }
      }
    }
    return newest;
  }
}
