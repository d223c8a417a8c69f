package dev.switchboard.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks how the gateway serves the dashboard's files over real HTTP. */
class DashboardRoutesTest {
  @TempDir static Path dir;
  static SeededGateway gateway;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    gateway = SeededGateway.empty(dir);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).timeout(Duration.ofSeconds(20));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theBarePathRedirectsToTheIndexPage() throws Exception {
    HttpResponse<byte[]> redirect = get("/dashboard");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("location")).hasValue("/dashboard/");

    HttpResponse<byte[]> index = get("/dashboard/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(new String(index.body(), StandardCharsets.UTF_8)).contains("<script src=\"vendor/echarts.min.js\"></script>")
        .contains("type=\"module\" src=\"js/main.js\"");
  }

  @Test
  void pagesAllowOnlyTheirOwnOrigin() throws Exception {
    HttpResponse<byte[]> index = get("/dashboard/");
    assertThat(index.headers().firstValue("content-security-policy").orElseThrow())
        .contains("script-src 'self'").contains("connect-src 'self'").doesNotContain("http");
    assertThat(index.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(new String(index.body(), StandardCharsets.UTF_8)).doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void echartsComesFromTheWebJarGzippedWhenAccepted() throws Exception {
    HttpResponse<byte[]> plain = get("/dashboard/vendor/echarts.min.js");
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
    assertThat(new String(plain.body(), 0, 4000, StandardCharsets.UTF_8)).contains("Apache License");

    HttpResponse<byte[]> gzipped = get("/dashboard/vendor/echarts.min.js", "Accept-Encoding", "gzip");
    assertThat(gzipped.headers().firstValue("content-encoding")).hasValue("gzip");
    assertThat(gzipped.body().length).isLessThan(plain.body().length / 2);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain.body());
    }
  }

  @Test
  void anUnchangedFileAnswers304() throws Exception {
    HttpResponse<byte[]> first = get("/dashboard/js/main.js");
    String etag = first.headers().firstValue("etag").orElseThrow();
    HttpResponse<byte[]> again = get("/dashboard/js/main.js", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/dashboard/js/main.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownFileIsAnOpenAiShaped404() throws Exception {
    HttpResponse<byte[]> missing = get("/dashboard/js/nope.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("\"code\":\"unknown_url\"");
    assertThat(get("/dashboard/../v1/models").statusCode()).isNotEqualTo(500);
  }

  @Test
  void everyFileOfTheDashboardFolderIsServed() throws IOException, Exception {
    Path root = Path.of("src/main/resources", DashboardAssets.WEB_ROOT);
    List<String> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
    assertThat(DashboardAssets.PAGES).containsExactlyInAnyOrderElementsOf(files);
    for (String file : files) {
      HttpResponse<byte[]> response = get("/dashboard/" + file);
      assertThat(response.statusCode()).as(file).isEqualTo(200);
      assertThat(response.body()).as(file).isEqualTo(Files.readAllBytes(root.resolve(file)));
    }
  }
}
