package dev.switchboard.gateway.dashboard;

import static dev.switchboard.gateway.dashboard.SeededGateway.FROM;
import static dev.switchboard.gateway.dashboard.SeededGateway.TO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  /** Every panel the dashboard draws. */
  static final List<String> PANELS = List.of("source-share", "open-weight-models", "open-weight-authors", "size-classes",
      "category-by-source", "reasoning", "tool-calls", "lengths", "lengths-programming", "categories", "category-authors",
      "author-categories", "geography", "geography-tables", "languages", "retention", "cost-usage-categories",
      "cost-usage-models", "price-elasticity", "latency", "ttft", "throughput", "errors-by-provider", "error-rate", "apps",
      "cache-hits");

  @TempDir static Path dir;
  static SeededGateway gateway;
  static HeadlessChromium browser;
  static DashboardAssertions page;

  @BeforeAll
  static void start() {
    gateway = SeededGateway.seeded(dir);
    gateway.putInTeam(SeededGateway.TEAM_KEY, "research");
    browser = HeadlessChromium.start();
    page = new DashboardAssertions(browser, gateway);
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

    assertThat(page.panelIds()).containsExactlyElementsOf(PANELS);
    for (String panel : PANELS) {
      assertThat(page.state(panel)).as(panel + " state").isEqualTo("ready");
    }
    assertThat(browser.js("return document.getElementById('login').hidden;")).isEqualTo(true);

    JsonNode overview = gateway.stats("overview", WINDOW).at("/series/0/rows/0");
    page.assertKpi("requests", overview.get("requests"));
    page.assertKpi("tokens", overview.get("total_tokens"));
    page.assertKpi("cost", overview.get("cost_usd"));
    page.assertKpi("models", overview.get("models"));
    page.assertKpi("users", overview.get("users"));
    page.assertKpi("error-rate", overview.get("error_rate"));

    page.assertStackedShares("source-share", page.rows("source-share", WINDOW, "share_by_source"), "source");
    page.assertStackedShares("open-weight-models", page.rows("open-weight-models", WINDOW, "share_by_model"), "model");
    page.assertStackedShares("size-classes", page.rows("size-classes", WINDOW, "share_by_size_class"), "size_class");
    page.assertStackedShares("category-by-source", page.rows("category-by-source", WINDOW, "open_weight_categories"), "category");
    page.assertStackedShares("categories", page.rows("categories", WINDOW, "share_by_category"), "category");
    page.assertStackedShares("category-authors", page.rows("category-authors", WINDOW + "&category=Programming", "share_by_author"), "author");

    // The categories figure says which labelling method it used; its selector asks the API again.
    assertThat(page.selected("categories")).isEqualTo("local");
    assertThat(caption("categories")).isEqualTo("method: local classifier");
    new Select(browser.driver().findElement(By.cssSelector("#panel-categories select"))).selectByValue("calibrated");
    browser.await("return document.querySelector('#panel-categories').dataset.state === 'ready'"
        + " && document.querySelector('#panel-categories .data-link').getAttribute('href').includes('method=calibrated');");
    long judged = gateway.stats("categories", WINDOW + "&method=calibrated").get("judged_requests").asLong();
    assertThat(caption("categories")).isEqualTo("method: calibrated, from " + judged + " judged requests");
    assertThat(page.seriesIds(browser.chartOption("categories"))).containsExactly("local_share", "share");
    new Select(browser.driver().findElement(By.cssSelector("#panel-categories select"))).selectByValue("local");
    browser.await("return document.querySelector('#panel-categories').dataset.state === 'ready'"
        + " && !document.querySelector('#panel-categories .data-link').getAttribute('href').includes('method=calibrated');");
    page.assertStackedShares("geography", page.rows("geography", WINDOW, "spend_share_by_continent"), "continent");

    List<JsonNode> authorMix = page.rows("author-categories", WINDOW + "&top=25", "share_by_category");
    String largestAuthor = page.largest(page.rows("author-categories", WINDOW + "&top=25", "window_share_by_category"), "author", "value");
    assertThat(page.selected("author-categories")).isEqualTo(largestAuthor);
    page.assertStackedShares("author-categories", page.where(authorMix, "author", largestAuthor), "category");

    List<JsonNode> reasoning = page.rows("reasoning", WINDOW, "reasoning_share");
    page.assertLine("reasoning", "reasoning_models", page.shareOf(reasoning, "model_kind", "reasoning"), "share");
    page.assertLine("reasoning", "reasoning_tokens", page.rows("reasoning", WINDOW, "reasoning_token_share"), "share");
    page.assertLine("tool-calls", "tool_calls", page.shareOf(page.rows("tool-calls", WINDOW, "tool_call_share"), "finish", "tool_calls"), "share");
    page.assertLine("tool-calls", "tools_offered", page.rows("tool-calls", WINDOW, "tools_offered_share"), "share");
    List<JsonNode> lengths = page.rows("lengths", WINDOW, "mean_lengths");
    page.assertLine("lengths", "mean_prompt", lengths, "mean_prompt");
    page.assertLine("lengths", "mean_completion", lengths, "mean_completion");
    page.assertLine("lengths", "mean_total", lengths, "mean_total");
    List<JsonNode> programming = page.rows("lengths", WINDOW, "programming_vs_all");
    page.assertLine("lengths-programming", "programming_mean_prompt", programming, "programming_mean_prompt");
    page.assertLine("lengths-programming", "all_mean_prompt", programming, "all_mean_prompt");
    List<JsonNode> errorRate = page.rows("errors", WINDOW, "error_rate");
    page.assertLine("error-rate", "error_rate", errorRate, "error_rate");
    page.assertLine("error-rate", "cancellation_rate", errorRate, "cancellation_rate");

    page.assertBars("open-weight-authors", page.rows("open-weight-authors", WINDOW, "tokens_by_author"), "author", "value");
    page.assertBars("languages", page.rows("languages", WINDOW, "share_by_language"), "language", "share");
    page.assertBars("apps", page.rows("apps", WINDOW, "apps"), "app", "share");

    List<JsonNode> latency = page.rows("latency", WINDOW, "latency");
    latency.sort((a, b) -> Double.compare(b.get("requests").asDouble(), a.get("requests").asDouble()) != 0
        ? Double.compare(b.get("requests").asDouble(), a.get("requests").asDouble())
        : a.get("model").asText().compareTo(b.get("model").asText()));
    List<JsonNode> busiest = latency.subList(0, Math.min(12, latency.size()));
    page.assertGroupedBars("latency", busiest, "provider", "latency_ms_p50", "latency_ms_p90", "latency_ms_p99");
    page.assertGroupedBars("ttft", busiest, "provider", "ttft_ms_p50", "ttft_ms_p90", "ttft_ms_p99");
    page.assertGroupedBars("throughput", busiest, "provider", "output_tokens_per_s_p50", "output_tokens_per_s_p90",
        "output_tokens_per_s_p99");
    page.assertGroupedBars("errors-by-provider", page.rows("errors", WINDOW, "errors_by_provider"), "provider", "error_rate",
        "cancellation_rate");

    page.assertShareTable("token_share_by_continent", page.rows("geography", WINDOW, "token_share_by_continent"), "continent");
    page.assertShareTable("token_share_by_country", page.rows("geography", WINDOW, "token_share_by_country"), "country");

    JsonNode cost = gateway.stats("cost-usage", WINDOW);
    page.assertCostUsage("cost-usage-categories", cost, "categories", "category", "median_price_categories");
    page.assertCostUsage("cost-usage-models", cost, "models", "model", "median_price_models");
    page.assertElasticity(gateway.stats("price-elasticity", WINDOW));

    page.assertRetention(SeededGateway.COHORT_MODEL, true);
    String other = page.rows("retention", WINDOW + "&top=50", "retention").stream().map(r -> r.get("model").asText())
        .filter(m -> !m.equals(SeededGateway.COHORT_MODEL)).findFirst().orElseThrow();
    new Select(browser.driver().findElement(By.cssSelector("#panel-retention select"))).selectByValue(other);
    page.assertRetention(other, false);

    for (String panel : PANELS) {
      String href = browser.text("return document.querySelector('#panel-' + arguments[0] + ' .data-link').getAttribute('href');", panel);
      assertThat(href).as(panel + " data link").startsWith("/v1/stats/").contains("format=csv").contains("from=" + FROM);
      HttpResponse<String> csv = gateway.get(href);
      assertThat(csv.statusCode()).as(href).isEqualTo(200);
      assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
      assertThat(csv.body()).as(href).startsWith("series,");
    }

    browser.screenshot(SCREENSHOTS.resolve("dashboard-1280.png"), 1280);
    browser.viewportScreenshot(SCREENSHOTS.resolve("dashboard-top.png"), 1280, 1500);
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
    page.assertKpi("requests", gateway.stats("overview", modelQuery).at("/series/0/rows/0/requests"));
    page.assertStackedShares("source-share", page.rows("source-share", modelQuery, "share_by_source"), "source");
    assertThat(page.seriesIds(browser.chartOption("source-share"))).containsExactly("proprietary");
    // A proprietary model has no open-weight traffic: that figure explains itself instead of drawing.
    assertThat(page.state("open-weight-models")).isEqualTo("empty");
    assertThat(browser.chartOption("open-weight-models")).isNull();
    assertThat(page.emptyText("open-weight-models")).contains("No open-weight traffic");

    loads = browser.loads();
    browser.driver().findElement(By.id("clear-filters")).click();
    browser.awaitLoad(loads);
    assertThat(page.state("open-weight-models")).isEqualTo("ready");

    loads = browser.loads();
    new Select(browser.driver().findElement(By.name("bucket"))).selectByValue("month");
    browser.awaitLoad(loads);
    List<JsonNode> monthly = page.rows("source-share", WINDOW + "&bucket=month", "share_by_source");
    assertThat(page.buckets(monthly)).hasSize(6).first().isEqualTo("2025-06-01");
    page.assertStackedShares("source-share", monthly, "source");
    page.assertLine("lengths", "mean_prompt", page.rows("lengths", WINDOW + "&bucket=month", "mean_lengths"), "mean_prompt");

    loads = browser.loads();
    new Select(browser.driver().findElement(By.name("tokens"))).selectByValue("normalized");
    browser.awaitLoad(loads);
    List<JsonNode> normalized = page.rows("lengths", WINDOW + "&bucket=month&tokens=normalized", "mean_lengths");
    List<JsonNode> nativeCounts = page.rows("lengths", WINDOW + "&bucket=month", "mean_lengths");
    assertThat(normalized.get(0).get("mean_prompt").asDouble()).isNotEqualTo(nativeCounts.get(0).get("mean_prompt").asDouble());
    page.assertLine("lengths", "mean_prompt", normalized, "mean_prompt");

    loads = browser.loads();
    new Select(browser.driver().findElement(By.name("category"))).selectByValue("Roleplay");
    browser.awaitLoad(loads);
    String query = WINDOW + "&bucket=month&tokens=normalized&category=Roleplay";
    page.assertStackedShares("categories", page.rows("categories", query, "share_by_category"), "category");
    assertThat(page.seriesIds(browser.chartOption("categories"))).containsExactly("Roleplay");
    assertThat(page.selected("category-authors")).isEqualTo("Roleplay");
    page.assertStackedShares("category-authors", page.rows("category-authors", query, "share_by_author"), "author");

    // The figure's own selector asks the API again, for that category only.
    new Select(browser.driver().findElement(By.cssSelector("#panel-category-authors select"))).selectByValue("Translation");
    browser.await("return document.querySelector('#panel-category-authors').dataset.state === 'ready'"
        + " && document.querySelector('#panel-category-authors .data-link').getAttribute('href').includes('category=Translation');");
    page.assertStackedShares("category-authors",
        page.rows("category-authors", WINDOW + "&bucket=month&tokens=normalized&category=Translation", "share_by_author"), "author");
  }

  @Test
  void teamAndTagSelectorsLimitEveryFigureToTheirTraffic() {
    openDashboard("?" + WINDOW);
    assertThat(browser.js("return document.getElementById('team-filter').hidden;")).isEqualTo(false);
    assertThat(options("team")).containsExactly("", "research");
    assertThat(options("tag")).containsExactly("", "batch", "chat"); // "untagged" is no tag to filter by
    double all = gateway.stats("overview", WINDOW).at("/series/0/rows/0/requests").asDouble();

    long loads = browser.loads();
    new Select(browser.driver().findElement(By.name("team"))).selectByValue("research");
    browser.awaitLoad(loads);
    assertThat(browser.text("return window.location.search;")).contains("team=research");
    String team = WINDOW + "&team=research";
    JsonNode teamOverview = gateway.stats("overview", team).at("/series/0/rows/0");
    assertThat(teamOverview.get("requests").asLong()).isEqualTo(40).isLessThan((long) all);
    page.assertKpi("requests", teamOverview.get("requests"));
    page.assertKpi("cost", teamOverview.get("cost_usd"));
    page.assertStackedShares("source-share", page.rows("source-share", team, "share_by_source"), "source");
    page.assertBars("apps", page.rows("apps", team, "apps"), "app", "share");
    assertThat(browser.text("return document.querySelector('#panel-apps .data-link').getAttribute('href');"))
        .contains("team=research");

    loads = browser.loads();
    new Select(browser.driver().findElement(By.name("tag"))).selectByValue("batch");
    browser.awaitLoad(loads);
    assertThat(browser.text("return window.location.search;")).contains("team=research").contains("tag=batch");
    JsonNode tagged = gateway.stats("overview", team + "&tag=batch").at("/series/0/rows/0");
    assertThat(tagged.get("requests").asLong()).isEqualTo(25);
    page.assertKpi("requests", tagged.get("requests"));
    page.assertKpi("tokens", tagged.get("total_tokens"));

    // reloaded from its URL, the view keeps both filters
    openDashboard("?" + WINDOW + "&team=research&tag=batch");
    assertThat(browser.text("return document.querySelector('select[name=team]').value;")).isEqualTo("research");
    assertThat(browser.text("return document.querySelector('select[name=tag]').value;")).isEqualTo("batch");
    page.assertKpi("requests", tagged.get("requests"));

    loads = browser.loads();
    browser.driver().findElement(By.id("clear-filters")).click();
    browser.awaitLoad(loads);
    assertThat(browser.text("return window.location.search;")).doesNotContain("team=").doesNotContain("tag=");
    page.assertKpi("requests", gateway.stats("overview", WINDOW).at("/series/0/rows/0/requests"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> options(String select) {
    return (List<String>) browser.js(
        "return [...document.querySelector('select[name=' + arguments[0] + ']').options].map(o => o.value);", select);
  }

  @Test
  void autoRefreshRedrawsWithNewTraffic() {
    // Runs the page's timers 100 times faster, so a 30 s refresh comes every 0.3 s.
    Map<String, Object> fastTimers = browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
        "const every = window.setInterval; window.setInterval = (f, ms, ...a) => every(f, ms / 100, ...a);"));
    try {
      openDashboard("?" + WINDOW + "&refresh=30");
      assertThat(browser.text("return document.querySelector('select[name=refresh]').value;")).isEqualTo("30");
      long before = gateway.stats("overview", WINDOW).at("/series/0/rows/0/requests").asLong();
      page.assertKpi("requests", gateway.stats("overview", WINDOW).at("/series/0/rows/0/requests"));

      gateway.append(List.of(SeededGateway.oneMoreRequest("refresh-" + System.nanoTime(), Instant.parse("2025-11-20T10:00:00Z"))));
      browser.await("return document.querySelector('[data-kpi=requests]').dataset.value === String(arguments[0]);", before + 1);
      assertThat(gateway.stats("overview", WINDOW).at("/series/0/rows/0/requests").asLong()).isEqualTo(before + 1);
    } finally {
      browser.driver().executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", fastTimers.get("identifier")));
    }
  }

  @Test
  void anEmptyWindowShowsWhyNothingIsDrawn() {
    openDashboard("?from=2030-01-01&to=2030-02-01");
    assertThat(gateway.stats("source-share", "from=2030-01-01&to=2030-02-01").at("/series/0/rows").size()).isZero();
    for (String panel : PANELS) {
      assertThat(page.state(panel)).as(panel + " state").isEqualTo("empty");
      assertThat(browser.chartOption(panel)).as(panel + " chart").isNull();
      assertThat(page.emptyText(panel)).as(panel + " empty text").startsWith("No data to draw.").contains("window");
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
    page.assertStackedShares("source-share", page.rows("source-share", WINDOW, "share_by_source"), "source");
    browser.screenshot(SCREENSHOTS.resolve("dashboard-narrow.png"), 420);
  }

  static void openDashboard(String query) {
    long before = 0;
    browser.open(gateway.baseUrl() + "/dashboard/" + query);
    browser.awaitLoad(before);
  }

  private String caption(String panel) {
    return browser.text("return document.querySelector('#panel-' + arguments[0] + ' .panel-caption').textContent;", panel);
  }
}
