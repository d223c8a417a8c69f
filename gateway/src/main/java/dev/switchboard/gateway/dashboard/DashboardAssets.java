package dev.switchboard.gateway.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the dashboard's files from the classpath once: the pages under {@link #WEB_ROOT} and
 * ECharts from its WebJar, served as {@code vendor/echarts.min.js}. Loading reads the jar, so call
 * {@link #bundled()} from a worker thread.
 */
public final class DashboardAssets {
  /** Where the pages live on the classpath. */
  static final String WEB_ROOT = "switchboard/dashboard/";
  /** The page files; a test checks this list against the resource folder. */
  static final List<String> PAGES =
      List.of(
          "index.html",
          "dashboard.css",
          "favicon.svg",
          "js/api.js",
          "js/charts.js",
          "js/figure-kit.js",
          "js/figures-operations.js",
          "js/figures-people.js",
          "js/figures-price.js",
          "js/figures-sources.js",
          "js/figures-usage.js",
          "js/format.js",
          "js/main.js",
          "js/overview.js",
          "js/panel.js",
          "js/panels.js",
          "js/result.js",
          "js/state.js");
  /** Must match the org.webjars.npm:echarts version in the root pom. */
  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  static final String ECHARTS_PATH = "vendor/echarts.min.js";

  private final Map<String, DashboardAsset> files;

  private DashboardAssets(Map<String, DashboardAsset> files) {
    this.files = Map.copyOf(files);
  }

  /** Returns the bundled dashboard, loading it on first use; fails if a file is missing from the jar. */
  public static DashboardAssets bundled() {
    return Holder.BUNDLED;
  }

  /** Finds the file at {@code path} relative to {@code /dashboard/} ({@code ""} is the index page). */
  Optional<DashboardAsset> find(String path) {
    return Optional.ofNullable(files.get(path.isEmpty() ? "index.html" : path));
  }

  private static DashboardAssets load() {
    Map<String, DashboardAsset> files = new LinkedHashMap<>();
    for (String page : PAGES) {
      files.put(page, DashboardAsset.of(page, read(WEB_ROOT + page)));
    }
    files.put(ECHARTS_PATH, DashboardAsset.of(ECHARTS_PATH, read(ECHARTS)));
    return new DashboardAssets(files);
  }

  private static byte[] read(String resource) {
    try (InputStream in = DashboardAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("dashboard file missing from the classpath: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // Loaded by the JVM on first access, once, however many verticles ask.
  private static final class Holder {
    static final DashboardAssets BUNDLED = load();
  }
}
