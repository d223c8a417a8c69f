package dev.switchboard.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.KeyedGateway;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the Grafana dashboard shipped in the jar against a running gateway: after plain, streamed
 * and rate-limited traffic, every metric its PromQL names is one that {@code /metrics} exports.
 */
class GrafanaDashboardTest {
  private static final String DASHBOARD = "/grafana/switchboard.json";
  // PromQL words that are not metric names: functions, aggregations, modifiers
  private static final Set<String> PROMQL = Set.of(
      "sum", "avg", "min", "max", "count", "by", "without", "rate", "irate", "increase", "delta",
      "histogram_quantile", "clamp_min", "clamp_max", "abs", "topk", "bottomk", "on", "ignoring",
      "group_left", "group_right", "offset", "and", "or", "unless", "bool", "time", "vector");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  @TempDir Path dir;

  @Test
  void everyDashboardQueryNamesAMetricTheGatewayExports() throws IOException {
    List<String> queries = queries();
    assertThat(queries).hasSizeGreaterThan(15);
    Set<String> exported;
    try (KeyedGateway gateway = new KeyedGateway(dir)) {
      gateway.stubUpstream("openai-chat-stream-text-usage.sse");
      JsonNode key = gateway.createKey("{\"name\":\"one-a-minute\",\"rpm\":1}");
      String limited = key.get("key").asText();
      HttpResponse<String> streamed = gateway.chat(limited, KeyedGateway.chatBody("openai/gpt-4o-mini", true));
      HttpResponse<String> refused = gateway.chat(limited, KeyedGateway.chatBody("openai/gpt-4o-mini", true));
      assertThat(streamed.statusCode()).isEqualTo(200);
      assertThat(refused.statusCode()).isEqualTo(429);
      exported = awaitExported(gateway, "switchboard_limits_refused_total");
      // the refusal is counted by key id (never the secret) and reason
      assertThat(gateway.harness().get("/metrics").body())
          .contains("switchboard_limits_refused_total{key=\"" + key.get("id").asText() + "\",reason=\"requests\"} 1.0")
          .doesNotContain(limited);
    }

    Set<String> named = new TreeSet<>();
    queries.forEach(q -> named.addAll(metricNames(q)));
    assertThat(named).contains(
        "gen_ai_client_operation_duration_seconds_bucket", "switchboard_routing_attempts_total",
        "switchboard_routing_breaker_state", "switchboard_cost_usd_total");
    assertThat(exported).containsAll(named);
  }

  /** Reads every panel target's expression. */
  private static List<String> queries() throws IOException {
    JsonNode dashboard;
    try (InputStream in = GrafanaDashboardTest.class.getResourceAsStream(DASHBOARD)) {
      assertThat(in).as(DASHBOARD).isNotNull();
      dashboard = KeyedGateway.JSON.readTree(in);
    }
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.get("expr").asText());
      }
    }
    return queries;
  }

  /** Returns the metric names a PromQL expression reads (label lists and matchers left out). */
  static Set<String> metricNames(String promql) {
    String bare = promql
        .replaceAll("\\{[^}]*}", " ") // label matchers
        .replaceAll("\\[[^]]*]", " ") // ranges
        .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ") // grouping labels
        .replaceAll("\"[^\"]*\"", " ");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      String word = m.group();
      boolean number = bare.length() > m.start() && m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
      if (!PROMQL.contains(word) && !number) {
        names.add(word);
      }
    }
    return names;
  }

  /** Scrapes /metrics until {@code expected} shows (records reach the meters after the answer). */
  private static Set<String> awaitExported(KeyedGateway gateway, String expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Set<String> names = exportedNames(gateway.harness().get("/metrics").body());
    while (!names.contains(expected) && System.nanoTime() < deadline) {
      pause();
      names = exportedNames(gateway.harness().get("/metrics").body());
    }
    return names;
  }

  /** Returns the series names of a Prometheus text exposition. */
  static Set<String> exportedNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        Matcher m = IDENTIFIER.matcher(line);
        if (m.lookingAt()) {
          names.add(m.group());
        }
      }
    }
    return names;
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
