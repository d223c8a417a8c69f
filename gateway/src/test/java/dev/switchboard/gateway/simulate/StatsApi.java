package dev.switchboard.gateway.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads analyses from a gateway's {@code /v1/stats/{analysis}} over HTTP, as the admin. */
final class StatsApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String adminKey;
  private final String window;
  private final Map<String, Set<String>> accepted = new HashMap<>();

  StatsApi(URI base, String adminKey, String window) throws Exception {
    this.base = base;
    this.adminKey = adminKey;
    this.window = window;
    for (JsonNode analysis : fetch(URI.create(base + "/v1/stats")).path("data")) {
      Set<String> names = new HashSet<>();
      analysis.path("parameters").forEach(p -> names.add(p.path("name").asText()));
      accepted.put(analysis.path("name").asText(), names);
    }
  }

  /**
   * Returns the JSON result of {@code analysis} over the window; of the {@code extra} parameters
   * ({@code top=100&min_users=1}) only those the analysis accepts are sent.
   */
  JsonNode get(String analysis, String extra) throws Exception {
    Set<String> names = accepted.get(analysis);
    if (names == null) {
      throw new AssertionError("the gateway lists no analysis " + analysis);
    }
    StringBuilder query = new StringBuilder(window);
    for (String parameter : extra.isEmpty() ? new String[0] : extra.split("&")) {
      if (names.contains(parameter.substring(0, parameter.indexOf('=')))) {
        query.append('&').append(parameter);
      }
    }
    return fetch(URI.create(base + "/v1/stats/" + analysis + "?" + query));
  }

  private JsonNode fetch(URI uri) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + adminKey).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + uri + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Returns the rows of series {@code name} of {@code result}. */
  static List<JsonNode> rows(JsonNode result, String name) {
    for (JsonNode series : result.path("series")) {
      if (series.path("name").asText().equals(name)) {
        List<JsonNode> rows = new ArrayList<>();
        series.path("rows").forEach(rows::add);
        return rows;
      }
    }
    throw new AssertionError(result.path("analysis").asText() + " has no series " + name);
  }
}
