package dev.switchboard.gateway.dashboard;

import static dev.switchboard.gateway.dashboard.DashboardBrowserTest.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what the dashboard drew (read back from each ECharts instance and from the page) with
 * what the stats API answers for the same query.
 */
final class DashboardAssertions {
  static final double EPS = 1e-9;

  private final HeadlessChromium browser;
  private final SeededGateway gateway;

  DashboardAssertions(HeadlessChromium browser, SeededGateway gateway) {
    this.browser = browser;
    this.gateway = gateway;
  }

  List<String> panelIds() {
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) browser.js("return [...document.querySelectorAll('.panel')].map(p => p.dataset.panel);");
    return ids;
  }

  String state(String panel) {
    return browser.text("return document.getElementById('panel-' + arguments[0]).dataset.state;", panel);
  }

  String selected(String panel) {
    return browser.text("return document.querySelector('#panel-' + arguments[0] + ' select').value;", panel);
  }

  String emptyText(String panel) {
    return browser.text("return document.querySelector('#panel-' + arguments[0] + ' .empty').textContent.trim();", panel);
  }

  void assertKpi(String kpi, JsonNode expected) {
    String value = browser.text("return document.querySelector('[data-kpi=' + arguments[0] + ']').dataset.value;", kpi);
    assertThat(Double.parseDouble(value)).as("overview " + kpi).isCloseTo(expected.asDouble(), within(EPS));
  }

  List<JsonNode> rows(String analysis, String query, String series) {
    for (JsonNode s : gateway.stats(analysis, query).get("series")) {
      if (s.get("name").asText().equals(series)) {
        List<JsonNode> rows = new ArrayList<>();
        s.get("rows").forEach(rows::add);
        return rows;
      }
    }
    throw new AssertionError(analysis + " has no series " + series);
  }

  List<JsonNode> where(List<JsonNode> rows, String column, String value) {
    return rows.stream().filter(r -> r.get(column).asText().equals(value)).toList();
  }

  String largest(List<JsonNode> rows, String key, String value) {
    Map<String, Double> totals = new LinkedHashMap<>();
    rows.forEach(r -> totals.merge(r.get(key).asText(), r.get(value).asDouble(), Double::sum));
    return totals.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  List<String> buckets(List<JsonNode> rows) {
    return new ArrayList<>(new TreeSet<>(rows.stream().map(r -> r.get("bucket").asText()).toList()));
  }

  /** Returns per bucket the share of one key (0 where the bucket has rows but none for the key). */
  List<JsonNode> shareOf(List<JsonNode> rows, String keyColumn, String key) {
    Map<String, Double> shares = new LinkedHashMap<>();
    for (JsonNode r : rows) {
      shares.merge(r.get("bucket").asText(), r.get(keyColumn).asText().equals(key) ? r.get("share").asDouble() : 0.0, Double::sum);
    }
    List<JsonNode> out = new ArrayList<>();
    shares.forEach((bucket, share) -> out.add(JsonNodeFactory.instance.objectNode()
        .put("bucket", bucket).put("share", share)));
    return out;
  }

  List<String> seriesIds(JsonNode option) {
    List<String> ids = new ArrayList<>();
    option.get("series").forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }

  JsonNode series(JsonNode option, String id) {
    for (JsonNode s : option.get("series")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no series " + id + " in " + seriesIds(option));
  }

  List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  JsonNode chart(String panel) {
    JsonNode option = browser.chartOption(panel);
    assertThat(option).as(panel + " has a chart").isNotNull();
    return option;
  }

  /** Checks a stacked share figure: one series per key, each bucket's share where the API puts it, 0 elsewhere. */
  void assertStackedShares(String panel, List<JsonNode> rows, String key) {
    assertThat(rows).as(panel + " API rows").isNotEmpty();
    JsonNode option = chart(panel);
    List<String> buckets = texts(option.at("/xAxis/0/data"));
    assertThat(buckets).as(panel + " buckets").containsExactlyElementsOf(buckets(rows));
    Set<String> keys = new LinkedHashSet<>(rows.stream().map(r -> r.get(key).asText()).toList());
    assertThat(seriesIds(option)).as(panel + " series").containsExactlyInAnyOrderElementsOf(keys);
    Map<String, double[]> expected = new LinkedHashMap<>();
    keys.forEach(k -> expected.put(k, new double[buckets.size()]));
    rows.forEach(r -> expected.get(r.get(key).asText())[buckets.indexOf(r.get("bucket").asText())] += r.get("share").asDouble());
    for (String k : keys) {
      JsonNode data = series(option, k).get("data");
      assertThat(data.size()).isEqualTo(buckets.size());
      for (int i = 0; i < buckets.size(); i++) {
        assertThat(data.get(i).asDouble()).as(panel + " " + k + " @ " + buckets.get(i)).isCloseTo(expected.get(k)[i], within(EPS));
      }
    }
  }

  /** Checks one line: a point per API row at its bucket with the row's value, nothing elsewhere. */
  void assertLine(String panel, String seriesId, List<JsonNode> rows, String column) {
    assertThat(rows).as(panel + " API rows").isNotEmpty();
    JsonNode option = chart(panel);
    List<String> buckets = texts(option.at("/xAxis/0/data"));
    JsonNode data = series(option, seriesId).get("data");
    int drawn = 0;
    for (JsonNode point : data) {
      drawn += point.isNull() ? 0 : 1;
    }
    assertThat(drawn).as(panel + " " + seriesId + " points").isEqualTo(rows.size());
    for (JsonNode r : rows) {
      int i = buckets.indexOf(r.get("bucket").asText());
      assertThat(i).as(panel + " bucket " + r.get("bucket")).isNotNegative();
      assertThat(data.get(i).asDouble()).as(panel + " " + seriesId + " @ " + r.get("bucket")).isCloseTo(r.get(column).asDouble(), within(EPS));
    }
  }

  /** Checks horizontal bars: one bar per API row, in the API's order from the top. */
  void assertBars(String panel, List<JsonNode> rows, String name, String value) {
    JsonNode option = chart(panel);
    List<String> labels = texts(option.at("/yAxis/0/data"));
    JsonNode data = option.at("/series/0/data");
    assertThat(labels).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      int drawn = rows.size() - 1 - i; // the category axis runs bottom-up
      assertThat(labels.get(drawn)).isEqualTo(rows.get(i).get(name).asText());
      assertThat(data.get(drawn).asDouble()).as(panel + " " + labels.get(drawn)).isCloseTo(rows.get(i).get(value).asDouble(), within(EPS));
    }
  }

  /** Checks grouped bars: one group per API row (its label names the provider), one series per column. */
  void assertGroupedBars(String panel, List<JsonNode> rows, String labelColumn, String... columns) {
    JsonNode option = chart(panel);
    List<String> labels = texts(option.at("/xAxis/0/data"));
    assertThat(labels).hasSize(rows.size());
    assertThat(seriesIds(option)).containsExactly(columns);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(labels.get(i)).contains(rows.get(i).get(labelColumn).asText());
      for (String column : columns) {
        JsonNode expected = rows.get(i).get(column);
        JsonNode drawn = series(option, column).get("data").get(i);
        if (expected.isNull()) {
          assertThat(drawn.isNull()).as(panel + " " + column + " " + labels.get(i)).isTrue();
        } else {
          assertThat(drawn.asDouble()).as(panel + " " + column + " " + labels.get(i)).isCloseTo(expected.asDouble(), within(EPS));
        }
      }
    }
  }

  void assertShareTable(String series, List<JsonNode> rows, String name) {
    @SuppressWarnings("unchecked")
    List<List<Object>> drawn = (List<List<Object>>) browser.js("return [...document.querySelectorAll("
        + "'#panel-geography-tables table[data-series=' + arguments[0] + '] tbody tr')].map(tr => [tr.dataset.key, tr.dataset.share]);", series);
    assertThat(drawn).as(series).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(drawn.get(i).get(0)).isEqualTo(rows.get(i).get(name).asText());
      assertThat(Double.parseDouble((String) drawn.get(i).get(1))).isCloseTo(rows.get(i).get("share").asDouble(), within(EPS));
    }
  }

  void assertCostUsage(String panel, JsonNode result, String seriesName, String name, String medianKey) {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode s : result.get("series")) {
      if (s.get("name").asText().equals(seriesName)) {
        s.get("rows").forEach(rows::add);
      }
    }
    assertThat(rows).as(panel + " API rows").isNotEmpty();
    JsonNode points = series(chart(panel), "points");
    Map<String, JsonNode> drawn = new LinkedHashMap<>();
    points.get("data").forEach(p -> drawn.put(p.get(2).asText(), p));
    assertThat(drawn.keySet()).containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> r.get(name).asText()).toList());
    for (JsonNode r : rows) {
      JsonNode p = drawn.get(r.get(name).asText());
      assertThat(p.get(0).asDouble()).isCloseTo(r.get("tokens").asDouble(), within(EPS));
      assertThat(p.get(1).asDouble()).isCloseTo(r.get("price_per_mtok").asDouble(), within(EPS));
      assertThat(p.get(3).asText()).isEqualTo(r.get("quadrant").asText());
    }
    List<Double> medians = new ArrayList<>();
    points.at("/markLine/data").forEach(line -> {
      if (line.has("yAxis")) {
        medians.add(line.get("yAxis").asDouble());
      }
    });
    assertThat(medians).hasSize(1);
    assertThat(medians.get(0)).isCloseTo(result.get(medianKey).asDouble(), within(EPS));
  }

  void assertElasticity(JsonNode result) {
    JsonNode option = chart("price-elasticity");
    List<JsonNode> models = new ArrayList<>();
    JsonNode fit = null;
    for (JsonNode s : result.get("series")) {
      if (s.get("name").asText().equals("models")) {
        s.get("rows").forEach(models::add);
      } else if (s.get("name").asText().equals("fit")) {
        fit = s.at("/rows/0");
      }
    }
    assertThat(fit).isNotNull();
    assertThat(fit.isMissingNode()).as("the seeded store has enough models for a fit").isFalse();
    JsonNode points = series(option, "models").get("data");
    assertThat(points.size()).isEqualTo(models.size());
    for (int i = 0; i < models.size(); i++) {
      assertThat(points.get(i).get(0).asDouble()).isCloseTo(models.get(i).get("ln_price").asDouble(), within(EPS));
      assertThat(points.get(i).get(1).asDouble()).isCloseTo(models.get(i).get("ln_tokens").asDouble(), within(EPS));
      assertThat(points.get(i).get(2).asText()).isEqualTo(models.get(i).get("model").asText());
    }
    JsonNode line = series(option, "fit").get("data");
    for (JsonNode end : line) {
      assertThat(end.get(1).asDouble()).isCloseTo(fit.get("intercept").asDouble() + fit.get("slope").asDouble() * end.get(0).asDouble(), within(1e-6));
    }
    assertThat(slope(line)).isCloseTo(fit.get("slope").asDouble(), within(1e-6));
    assertThat(slope(series(option, "ci95_low").get("data"))).isCloseTo(fit.get("ci95_low").asDouble(), within(1e-6));
    assertThat(slope(series(option, "ci95_high").get("data"))).isCloseTo(fit.get("ci95_high").asDouble(), within(1e-6));
  }

  double slope(JsonNode twoPoints) {
    JsonNode a = twoPoints.get(0);
    JsonNode b = twoPoints.get(1);
    return (b.get(1).asDouble() - a.get(1).asDouble()) / (b.get(0).asDouble() - a.get(0).asDouble());
  }

  /** Checks the retention figure for {@code model}: a line per cohort with R(k) at month k, foundational cohorts bold. */
  void assertRetention(String model, boolean expectFoundational) {
    assertThat(selected("retention")).isEqualTo(model);
    List<JsonNode> curves = where(rows("retention", WINDOW + "&top=50", "retention"), "model", model);
    List<JsonNode> cohorts = where(rows("retention", WINDOW + "&top=50", "cohorts"), "model", model);
    JsonNode option = chart("retention");
    assertThat(seriesIds(option)).containsExactlyInAnyOrderElementsOf(new TreeSet<>(curves.stream().map(r -> r.get("cohort").asText()).toList()));
    for (JsonNode r : curves) {
      JsonNode point = series(option, r.get("cohort").asText()).get("data").get(r.get("k").asInt());
      assertThat(point.asDouble()).as(model + " " + r.get("cohort") + " k=" + r.get("k")).isCloseTo(r.get("retention").asDouble(), within(EPS));
    }
    Set<String> foundational = new TreeSet<>();
    cohorts.stream().filter(c -> c.get("foundational").asBoolean()).forEach(c -> foundational.add(c.get("cohort").asText()));
    if (expectFoundational) {
      assertThat(foundational).containsExactly(SeededGateway.FOUNDATIONAL_COHORT);
    }
    for (JsonNode s : option.get("series")) {
      double width = s.at("/lineStyle/width").asDouble();
      if (foundational.contains(s.get("id").asText())) {
        assertThat(width).as("foundational cohort " + s.get("id") + " is bold").isEqualTo(4.0);
        assertThat(s.get("name").asText()).contains("foundational");
      } else {
        assertThat(width).as("cohort " + s.get("id") + " is thin").isLessThan(2.0);
      }
    }
  }
}
