package dev.switchboard.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives Debian's Chromium headless through its chromedriver, with a fresh profile, the browser
 * console captured, and helpers to wait for the dashboard and read its charts back.
 */
final class HeadlessChromium implements AutoCloseable {
  static final String CHROMIUM = System.getenv().getOrDefault("SWITCHBOARD_CHROMIUM", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getenv().getOrDefault("SWITCHBOARD_CHROMEDRIVER", "/usr/bin/chromedriver");
  private static final ObjectMapper JSON = new ObjectMapper();
  // Selenium warns that it has no DevTools bindings for this Chromium; the tests use none.
  private static final java.util.logging.Logger DEVTOOLS_LOG = quiet("org.openqa.selenium.devtools");

  // Serializes a chart's option: the functions (formatters) drop out, the data stays.
  private static final String CHART_OPTION =
      "const el = document.querySelector('#panel-' + arguments[0] + ' .chart');"
          + " const chart = el && echarts.getInstanceByDom(el);"
          + " return chart ? JSON.stringify(chart.getOption()) : null;";

  private final Path profile;
  private final ChromeDriver driver;

  private HeadlessChromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  /** Starts the browser; fails (never skips) when Chromium or its driver is not installed. */
  static HeadlessChromium start() {
    for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(Path.of(binary))) {
        throw new AssertionError(binary + " is not installed: the dashboard tests need Debian's chromium and"
            + " chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does this), or"
            + " SWITCHBOARD_CHROMIUM / SWITCHBOARD_CHROMEDRIVER pointing at them.");
      }
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("switchboard-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,900", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    return new HeadlessChromium(profile, new ChromeDriver(service, options));
  }

  ChromeDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  String text(String script, Object... args) {
    Object value = js(script, args);
    return value == null ? null : value.toString();
  }

  /** Returns the number of finished dashboard loads so far (0 before the first). */
  long loads() {
    Object value = js("return Number(document.body.dataset.loads || 0);");
    return ((Number) value).longValue();
  }

  /** Waits until the dashboard has finished a load after {@code previous} loads, or shows the login prompt. */
  void awaitLoad(long previous) {
    wait("a finished dashboard load after " + previous + " or the login prompt").until(d -> {
      String state = text("return document.body.dataset.state || '';");
      return "login".equals(state) || ("ready".equals(state) && loads() > previous);
    });
  }

  /** Waits until the body's state is {@code state}. */
  void awaitState(String state) {
    wait("dashboard state " + state).until(d -> state.equals(text("return document.body.dataset.state || '';")));
  }

  /** Waits until {@code script} returns true. */
  void await(String script, Object... args) {
    wait("true from: " + script).until(d -> Boolean.TRUE.equals(js(script, args)));
  }

  private WebDriverWait wait(String what) {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    wait.withMessage(() -> "waited 60 s for " + what);
    return wait;
  }

  /** Returns the option of the panel's chart as drawn, or null when the panel has no chart. */
  JsonNode chartOption(String panel) {
    String option = text(CHART_OPTION, panel);
    try {
      return option == null ? null : JSON.readTree(option);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns and clears the browser console entries at SEVERE level. */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves a screenshot of the whole page at {@code width} pixels wide, then restores the window. */
  void screenshot(Path file, int width) {
    Dimension before = driver.manage().window().getSize();
    resize(width, 900);
    long height = ((Number) js("return document.documentElement.scrollHeight;")).longValue();
    resize(width, (int) Math.min(height + 140, 16_000));
    // Charts follow their containers' size; give them a frame to settle.
    js("return new Promise(r => requestAnimationFrame(() => setTimeout(r, 400)));");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** Saves a screenshot of what a {@code width} x {@code height} window shows. */
  void viewportScreenshot(Path file, int width, int height) {
    Dimension before = driver.manage().window().getSize();
    resize(width, height);
    js("window.scrollTo(0, 0); return new Promise(r => requestAnimationFrame(() => setTimeout(r, 400)));");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temp profile is harmless
      }
    }
  }
}
