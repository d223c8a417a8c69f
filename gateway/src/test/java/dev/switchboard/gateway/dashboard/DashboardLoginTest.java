package dev.switchboard.gateway.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.switchboard.gateway.dashboard.DashboardBrowserTest.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Checks the dashboard's login prompt against a stats API that answers 401 without the right
 * Bearer key. Key authentication is built on another branch, so a WireMock front stands in for
 * it: it serves the dashboard from the real gateway, answers {@code /v1/stats*} with the
 * OpenAI-shaped 401 {@code invalid_api_key} unless the request carries the key, and then passes
 * the request on to the real gateway.
 */
class DashboardLoginTest {
  static final String KEY = "sk-sb-dashboard-test-key-0123456789abcdef";
  static final String UNAUTHORIZED = "{\"error\":{\"message\":\"Missing or invalid API key.\",\"type\":\"invalid_request_error\","
      + "\"param\":null,\"code\":\"invalid_api_key\"}}";

  @TempDir static Path dir;
  static SeededGateway gateway;
  static WireMockServer auth;
  static HeadlessChromium browser;

  @BeforeAll
  static void start() {
    gateway = SeededGateway.seeded(dir);
    auth = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    auth.start();
    auth.stubFor(get(urlPathMatching("/dashboard.*")).atPriority(10).willReturn(aResponse().proxiedFrom(gateway.baseUrl())));
    auth.stubFor(get(urlPathMatching("/v1/stats.*")).atPriority(5)
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(UNAUTHORIZED)));
    auth.stubFor(get(urlPathMatching("/v1/stats.*")).atPriority(1).withHeader("Authorization", equalTo("Bearer " + KEY))
        .willReturn(aResponse().proxiedFrom(gateway.baseUrl())));
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (auth != null) {
        auth.stop();
      }
      if (gateway != null) {
        gateway.close();
      }
    }
  }

  @Test
  void withoutAKeyTheDashboardAsksForOneAndShowsNoData() {
    String url = "http://127.0.0.1:" + auth.port() + "/dashboard/?" + WINDOW;
    browser.open(url);
    browser.awaitState("login");

    assertThat(browser.js("return document.getElementById('login').offsetHeight > 0;")).isEqualTo(true);
    assertThat(browser.js("return document.getElementById('login-error').hidden;")).isEqualTo(true);
    for (String panel : DashboardBrowserTest.PANELS) {
      assertThat(browser.text("return document.getElementById('panel-' + arguments[0]).dataset.state;", panel))
          .as(panel).isEqualTo("locked");
      assertThat(browser.chartOption(panel)).as(panel + " chart").isNull();
    }
    assertThat(browser.text("return document.querySelector('[data-kpi=requests]').dataset.value;")).isEmpty();

    // A refused key brings the prompt back with the reason.
    browser.driver().findElement(By.cssSelector("#login-form input[name=key]")).sendKeys("sk-wrong", Keys.ENTER);
    browser.await("return document.body.dataset.state === 'login' && !document.getElementById('login-error').hidden;");
    assertThat(browser.text("return document.getElementById('login-error').textContent;")).contains("refused");

    browser.driver().findElement(By.cssSelector("#login-form input[name=key]")).sendKeys(KEY, Keys.ENTER);
    browser.awaitState("ready");
    assertThat(browser.js("return document.getElementById('login').hidden;")).isEqualTo(true);
    assertThat(browser.text("return sessionStorage.getItem('switchboard.dashboard.key');")).isEqualTo(KEY);
    DashboardAssertions page = new DashboardAssertions(browser, gateway);
    page.assertStackedShares("source-share", page.rows("source-share", WINDOW, "share_by_source"), "source");
    List<LoggedRequest> withKey = auth.findAll(getRequestedFor(urlPathEqualTo("/v1/stats/source-share"))
        .withHeader("Authorization", equalTo("Bearer " + KEY)));
    assertThat(withKey).isNotEmpty();
    assertThat(browser.js("return document.getElementById('logout').hidden;")).isEqualTo(false);

    // The key survives a reload of the tab: no prompt the second time.
    browser.driver().navigate().refresh();
    browser.awaitLoad(0);
    assertThat(browser.text("return document.body.dataset.state;")).isEqualTo("ready");

    // A data link cannot carry the key, so the page fetches the CSV itself, with the key.
    browser.driver().findElement(By.cssSelector("#panel-source-share .data-link")).click();
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> !auth.findAll(
        getRequestedFor(urlPathEqualTo("/v1/stats/source-share")).withQueryParam("format", equalTo("csv"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))).isEmpty());

    browser.driver().findElement(By.id("logout")).click();
    browser.awaitState("login");
    assertThat(browser.text("return sessionStorage.getItem('switchboard.dashboard.key');")).isNull();

    // The only console errors are the browser's own notes on the expected 401 answers.
    assertThat(browser.consoleErrors()).allSatisfy(e -> assertThat(e).contains("status of 401"));
  }
}
