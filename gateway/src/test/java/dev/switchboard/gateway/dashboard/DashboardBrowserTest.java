package dev.switchboard.gateway.dashboard;

import static dev.switchboard.gateway.dashboard.SeededGateway.FROM;
import static dev.switchboard.gateway.dashboard.SeededGateway.TO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Opens the dashboard in headless Chromium against a real gateway on a seeded store, and checks
 * that every figure draws what the stats API answers, that the controls change what is drawn, that
 * an empty window explains itself, and that the browser console stays free of errors.
 */
class DashboardBrowserTest {
  static final String WINDOW = "from=" + FROM + "&to=" + TO;
  static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
  static final double EPS = 1e-9;

  /** Every panel the dashboard draws. */
  static final List<String> PANELS = List.of("source-share", "open-weight-models", "open-weight-authors", "size-classes",
      "category-by-source", "reasoning", "tool-calls", "lengths", "lengths-programming", "categories", "category-authors",
      "author-categories", "geography", "geography-tables", "languages", "retention", "cost-usage-categories",
      "cost-usage-models", "price-elasticity", "latency", "ttft", "throughput", "errors-by-provider", "error-rate", "apps");

  @TempDir static Path dir;
  static SeededGateway gateway;
  static HeadlessChromium browser;

  @BeforeAll
  static void start() {
    gateway = SeededGateway.seeded(dir);
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (gateway != null) {
        gateway.close();
      }
    }
  }

  @BeforeEach
  void clearConsole() {
    browser.resize(1280, 900);
    browser.consoleErrors();
  }

  @AfterEach
  void consoleHasNoErrors() {
    assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void everyFigureDrawsWhatTheApiAnswers() {
    openDashboard("?" + WINDOW);

    assertThat(panelIds()).containsExactlyElementsOf(PANELS);
    for (String panel : PANELS) {
      assertThat(state(panel)).as(panel + " state").isEqualTo("ready");
    }
    assertThat(browser.js("return document.getElementById('login').hidden;")).isEqualTo(true);

    JsonNode overview = gateway.stats("overview", WINDOW).at("/series/0/rows/0");
    assertKpi("requests", overview.get("requests"));
    assertKpi("tokens", overview.get("total_tokens"));
    assertKpi("cost", overview.get("cost_usd"));
    assertKpi("models", overview.get("models"));
    assertKpi("users", overview.get("users"));
    assertKpi("error-rate", overview.get("error_rate"));

    assertStackedShares("source-share", rows("source-share", WINDOW, "share_by_source"), "source");
    assertStackedShares("open-weight-models", rows("open-weight-models", WINDOW, "share_by_model"), "model");
    assertStackedShares("size-classes", rows("size-classes", WINDOW, "share_by_size_class"), "size_class");
    assertStackedShares("category-by-source", rows("category-by-source", WINDOW, "open_weight_categories"), "category");
    assertStackedShares("categories", rows("categories", WINDOW, "share_by_category"), "category");
    assertStackedShares("category-authors", rows("category-authors", WINDOW + "&category=Programming", "share_by_author"), "author");
    assertStackedShares("geography", rows("geography", WINDOW, "spend_share_by_continent"), "continent");

    List<JsonNode> authorMix = rows("author-categories", WINDOW + "&top=25", "share_by_category");
    String largestAuthor = largest(rows("author-categories", WINDOW + "&top=25", "window_share_by_category"), "author", "value");
    assertThat(selected("author-categories")).isEqualTo(largestAuthor);
    assertStackedShares("author-categories", where(authorMix, "author", largestAuthor), "category");

    List<JsonNode> reasoning = rows("reasoning", WINDOW, "reasoning_share");
    assertLine("reasoning", "reasoning_models", shareOf(reasoning, "model_kind", "reasoning"), "share");
    assertLine("reasoning", "reasoning_tokens", rows("reasoning", WINDOW, "reasoning_token_share"), "share");
    assertLine("tool-calls", "tool_calls", shareOf(rows("tool-calls", WINDOW, "tool_call_share"), "finish", "tool_calls"), "share");
    assertLine("tool-calls", "tools_offered", rows("tool-calls", WINDOW, "tools_offered_share"), "share");
    List<JsonNode> lengths = rows("lengths", WINDOW, "mean_lengths");
    assertLine("lengths", "mean_prompt", lengths, "mean_prompt");
    assertLine("lengths", "mean_completion", lengths, "mean_completion");
    assertLine("lengths", "mean_total", lengths, "mean_total");
    List<JsonNode> programming = rows("lengths", WINDOW, "programming_vs_all");
    assertLine("lengths-programming", "programming_mean_prompt", programming, "programming_mean_prompt");
    assertLine("lengths-programming", "all_mean_prompt", programming, "all_mean_prompt");
    List<JsonNode> errorRate = rows("errors", WINDOW, "error_rate");
    assertLine("error-rate", "error_rate", errorRate, "error_rate");
    assertLine("error-rate", "cancellation_rate", errorRate, "cancellation_rate");

    assertBars("open-weight-authors", rows("open-weight-authors", WINDOW, "tokens_by_author"), "author", "value");
    assertBars("languages", rows("languages", WINDOW, "share_by_language"), "language", "share");
    assertBars("apps", rows("apps", WINDOW, "apps"), "app", "share");

    List<JsonNode> latency = rows("latency", WINDOW, "latency");
    latency.sort((a, b) -> Double.compare(b.get("requests").asDouble(), a.get("requests").asDouble()) != 0
        ? Double.compare(b.get("requests").asDouble(), a.get("requests").asDouble())
        : a.get("model").asText().compareTo(b.get("model").asText()));
    List<JsonNode> busiest = latency.subList(0, Math.min(12, latency.size()));
    assertGroupedBars("latency", busiest, "provider", "latency_ms_p50", "latency_ms_p90", "latency_ms_p99");
    assertGroupedBars("ttft", busiest, "provider", "ttft_ms_p50", "ttft_ms_p90", "ttft_ms_p99");
    assertGroupedBars("throughput", busiest, "provider", "output_tokens_per_s_p50", "output_tokens_per_s_p90",
        "output_tokens_per_s_p99");
    assertGroupedBars("errors-by-provider", rows("errors", WINDOW, "errors_by_provider"), "provider", "error_rate",
        "cancellation_rate");

    assertShareTable("token_share_by_continent", rows("geography", WINDOW, "token_share_by_continent"), "continent");
    assertShareTable("token_share_by_country", rows("geography", WINDOW, "token_share_by_country"), "country");

    JsonNode cost = gateway.stats("cost-usage", WINDOW);
    assertCostUsage("cost-usage-categories", cost, "categories", "category", "median_price_categories");
    assertCostUsage("cost-usage-models", cost, "models", "model", "median_price_models");
    assertElasticity(gateway.stats("price-elasticity", WINDOW));

    assertRetention(SeededGateway.COHORT_MODEL, true);
    String other = rows("retention", WINDOW + "&top=50", "retention").stream().map(r -> r.get("model").asText())
        .filter(m -> !m.equals(SeededGateway.COHORT_MODEL)).findFirst().orElseThrow();
    new Select(browser.driver().findElement(By.cssSelector("#panel-retention select"))).selectByValue(other);
    assertRetention(other, false);

    for (String panel : PANELS) {
      String href = browser.text("return document.querySelector('#panel-' + arguments[0] + ' .data-link').getAttribute('href');", panel);
      assertThat(href).as(panel + " data link").startsWith("/v1/stats/").contains("format=csv").contains("from=" + FROM);
      HttpResponse<String> csv = gateway.get(href);
      assertThat(csv.statusCode()).as(href).isEqualTo(200);
      assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
      assertThat(csv.body()).as(href).startsWith("series,");
    }

    browser.screenshot(SCREENSHOTS.resolve("dashboard-1280.png"), 1280);
  }

  @Test
  void controlsChangeWhatIsDrawn() {
    openDashboard("?" + WINDOW);
    String model = "anthropic/claude-sonnet-4.5";
    String modelQuery = WINDOW + "&model=" + URLEncoder.encode(model, StandardCharsets.UTF_8);

    long loads = browser.loads();
    WebElement modelInput = browser.driver().findElement(By.name("model"));
    modelInput.sendKeys(model, Keys.ENTER);
    browser.awaitLoad(loads);
    assertThat(browser.text("return window.location.search;")).contains("model=anthropic%2Fclaude-sonnet-4.5");
    double all = gateway.stats("overview", WINDOW).at("/series/0/rows/0/requests").asDouble();
    double filtered = gateway.stats("overview", modelQuery).at("/series/0/rows/0/requests").asDouble();
    assertThat(filtered).isLessThan(all);
    assertKpi("requests", gateway.stats("overview", modelQuery).at("/series/0/rows/0/requests"));
    assertStackedShares("source-share", rows("source-share", modelQuery, "share_by_source"), "source");
    assertThat(seriesIds(browser.chartOption("source-share"))).containsExactly("proprietary");
    // A proprietary model has no open-weight traffic: that figure explains itself instead of drawing.
    assertThat(state("open-weight-models")).isEqualTo("empty");
    assertThat(browser.chartOption("open-weight-models")).isNull();
    assertThat(emptyText("open-weight-models")).contains("No open-weight traffic");

    loads = browser.loads();
    browser.driver().findElement(By.id("clear-filters")).click();
    browser.awaitLoad(loads);
    assertThat(state("open-weight-models")).isEqualTo("ready");

    loads = browser.loads();
    new Select(browser.driver().findElement(By.name("bucket"))).selectByValue("month");
    browser.awaitLoad(loads);
    List<JsonNode> monthly = rows("source-share", WINDOW + "&bucket=month", "share_by_source");
    assertThat(buckets(monthly)).hasSize(6).first().isEqualTo("2025-06-01");
    assertStackedShares("source-share", monthly, "source");
    assertLine("lengths", "mean_prompt", rows("lengths", WINDOW + "&bucket=month", "mean_lengths"), "mean_prompt");

    loads = browser.loads();
    new Select(browser.driver().findElement(By.name("tokens"))).selectByValue("normalized");
    browser.awaitLoad(loads);
    List<JsonNode> normalized = rows("lengths", WINDOW + "&bucket=month&tokens=normalized", "mean_lengths");
    List<JsonNode> nativeCounts = rows("lengths", WINDOW + "&bucket=month", "mean_lengths");
    assertThat(normalized.get(0).get("mean_prompt").asDouble()).isNotEqualTo(nativeCounts.get(0).get("mean_prompt").asDouble());
    assertLine("lengths", "mean_prompt", normalized, "mean_prompt");

    loads = browser.loads();
    new Select(browser.driver().findElement(By.name("category"))).selectByValue("Roleplay");
    browser.awaitLoad(loads);
    String query = WINDOW + "&bucket=month&tokens=normalized&category=Roleplay";
    assertStackedShares("categories", rows("categories", query, "share_by_category"), "category");
    assertThat(seriesIds(browser.chartOption("categories"))).containsExactly("Roleplay");
    assertThat(selected("category-authors")).isEqualTo("Roleplay");
    assertStackedShares("category-authors", rows("category-authors", query, "share_by_author"), "author");

    // The figure's own selector asks the API again, for that category only.
    new Select(browser.driver().findElement(By.cssSelector("#panel-category-authors select"))).selectByValue("Translation");
    browser.await("return document.querySelector('#panel-category-authors').dataset.state === 'ready'"
        + " && document.querySelector('#panel-category-authors .data-link').getAttribute('href').includes('category=Translation');");
    assertStackedShares("category-authors",
        rows("category-authors", WINDOW + "&bucket=month&tokens=normalized&category=Translation", "share_by_author"), "author");
  }

  @Test
  void anEmptyWindowShowsWhyNothingIsDrawn() {
    openDashboard("?from=2030-01-01&to=2030-02-01");
    assertThat(gateway.stats("source-share", "from=2030-01-01&to=2030-02-01").at("/series/0/rows").size()).isZero();
    for (String panel : PANELS) {
      assertThat(state(panel)).as(panel + " state").isEqualTo("empty");
      assertThat(browser.chartOption(panel)).as(panel + " chart").isNull();
      assertThat(emptyText(panel)).as(panel + " empty text").startsWith("No data to draw.").contains("window");
      assertThat(browser.js("return document.querySelector('#panel-' + arguments[0] + ' .empty').offsetHeight > 0;", panel))
          .as(panel + " empty state visible").isEqualTo(true);
    }
    assertThat(browser.text("return document.getElementById('overview').dataset.state;")).isEqualTo("empty");
    assertThat(browser.text("return document.querySelector('[data-kpi=requests] .kpi-value').textContent;")).isEqualTo("—");
    browser.screenshot(SCREENSHOTS.resolve("dashboard-empty-window.png"), 1280);
  }

  @Test
  void aNarrowWindowStacksThePanelsInOneColumn() {
    browser.resize(420, 900);
    openDashboard("?" + WINDOW);
    assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth;")).isEqualTo(true);
    assertThat(browser.js("return new Set([...document.querySelectorAll('.panel')].map(p => p.offsetLeft)).size;"))
        .isEqualTo(1L);
    assertThat(browser.js("return [...document.querySelectorAll('.panel .chart canvas')].every(c =>"
        + " c.getBoundingClientRect().width <= c.closest('.panel').clientWidth + 1);")).isEqualTo(true);
    assertStackedShares("source-share", rows("source-share", WINDOW, "share_by_source"), "source");
    browser.screenshot(SCREENSHOTS.resolve("dashboard-narrow.png"), 420);
  }

  // ---- helpers: the page

  static void openDashboard(String query) {
    long before = 0;
    browser.open(gateway.baseUrl() + "/dashboard/" + query);
    browser.awaitLoad(before);
  }

  static List<String> panelIds() {
    @SuppressWarnings("unchecked")
    List<String> ids = (List<String>) browser.js("return [...document.querySelectorAll('.panel')].map(p => p.dataset.panel);");
    return ids;
  }

  static String state(String panel) {
    return browser.text("return document.getElementById('panel-' + arguments[0]).dataset.state;", panel);
  }

  static String selected(String panel) {
    return browser.text("return document.querySelector('#panel-' + arguments[0] + ' select').value;", panel);
  }

  static String emptyText(String panel) {
    return browser.text("return document.querySelector('#panel-' + arguments[0] + ' .empty').textContent.trim();", panel);
  }

  static void assertKpi(String kpi, JsonNode expected) {
    String value = browser.text("return document.querySelector('[data-kpi=' + arguments[0] + ']').dataset.value;", kpi);
    assertThat(Double.parseDouble(value)).as("overview " + kpi).isCloseTo(expected.asDouble(), within(EPS));
  }

  // ---- helpers: the API

  static List<JsonNode> rows(String analysis, String query, String series) {
    for (JsonNode s : gateway.stats(analysis, query).get("series")) {
      if (s.get("name").asText().equals(series)) {
        List<JsonNode> rows = new ArrayList<>();
        s.get("rows").forEach(rows::add);
        return rows;
      }
    }
    throw new AssertionError(analysis + " has no series " + series);
  }

  static List<JsonNode> where(List<JsonNode> rows, String column, String value) {
    return rows.stream().filter(r -> r.get(column).asText().equals(value)).toList();
  }

  static String largest(List<JsonNode> rows, String key, String value) {
    Map<String, Double> totals = new LinkedHashMap<>();
    rows.forEach(r -> totals.merge(r.get(key).asText(), r.get(value).asDouble(), Double::sum));
    return totals.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  static List<String> buckets(List<JsonNode> rows) {
    return new ArrayList<>(new TreeSet<>(rows.stream().map(r -> r.get("bucket").asText()).toList()));
  }

  /** Returns per bucket the share of one key (0 where the bucket has rows but none for the key). */
  static List<JsonNode> shareOf(List<JsonNode> rows, String keyColumn, String key) {
    Map<String, Double> shares = new LinkedHashMap<>();
    for (JsonNode r : rows) {
      shares.merge(r.get("bucket").asText(), r.get(keyColumn).asText().equals(key) ? r.get("share").asDouble() : 0.0, Double::sum);
    }
    List<JsonNode> out = new ArrayList<>();
    shares.forEach((bucket, share) -> out.add(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
        .put("bucket", bucket).put("share", share)));
    return out;
  }

  // ---- helpers: the charts

  static List<String> seriesIds(JsonNode option) {
    List<String> ids = new ArrayList<>();
    option.get("series").forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }

  static JsonNode series(JsonNode option, String id) {
    for (JsonNode s : option.get("series")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no series " + id + " in " + seriesIds(option));
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static JsonNode chart(String panel) {
    JsonNode option = browser.chartOption(panel);
    assertThat(option).as(panel + " has a chart").isNotNull();
    return option;
  }

  /** Checks a stacked share figure: one series per key, each bucket's share where the API puts it, 0 elsewhere. */
  static void assertStackedShares(String panel, List<JsonNode> rows, String key) {
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
  static void assertLine(String panel, String seriesId, List<JsonNode> rows, String column) {
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
  static void assertBars(String panel, List<JsonNode> rows, String name, String value) {
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
  static void assertGroupedBars(String panel, List<JsonNode> rows, String labelColumn, String... columns) {
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

  static void assertShareTable(String series, List<JsonNode> rows, String name) {
    @SuppressWarnings("unchecked")
    List<List<Object>> drawn = (List<List<Object>>) browser.js("return [...document.querySelectorAll("
        + "'#panel-geography-tables table[data-series=' + arguments[0] + '] tbody tr')].map(tr => [tr.dataset.key, tr.dataset.share]);", series);
    assertThat(drawn).as(series).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(drawn.get(i).get(0)).isEqualTo(rows.get(i).get(name).asText());
      assertThat(Double.parseDouble((String) drawn.get(i).get(1))).isCloseTo(rows.get(i).get("share").asDouble(), within(EPS));
    }
  }

  static void assertCostUsage(String panel, JsonNode result, String seriesName, String name, String medianKey) {
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

  static void assertElasticity(JsonNode result) {
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

  static double slope(JsonNode twoPoints) {
    JsonNode a = twoPoints.get(0);
    JsonNode b = twoPoints.get(1);
    return (b.get(1).asDouble() - a.get(1).asDouble()) / (b.get(0).asDouble() - a.get(0).asDouble());
  }

  /** Checks the retention figure for {@code model}: a line per cohort with R(k) at month k, foundational cohorts bold. */
  static void assertRetention(String model, boolean expectFoundational) {
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
