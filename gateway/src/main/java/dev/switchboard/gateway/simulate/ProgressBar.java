package dev.switchboard.gateway.simulate;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a simulation's progress on stderr: requests sent, weeks simulated, errors and rate, redrawn
 * in place on a terminal and printed as a line every ten seconds otherwise.
 */
final class ProgressBar {
  private static final int WIDTH = 28;
  private final PrintStream out;
  private final boolean terminal;
  private final int weeks;
  private final long startNanos = System.nanoTime();
  private long lastDraw;
  private long lastLine;

  ProgressBar(PrintStream out, boolean terminal, int weeks) {
    this.out = out;
    this.terminal = terminal;
    this.weeks = weeks;
  }

  /** Redraws (at most twice a second) with the current counts. */
  void update(int week, String weekStart, long sent, long errors, boolean force) {
    long now = System.nanoTime();
    long interval = terminal ? 500_000_000L : 10_000_000_000L;
    if (!force && now - (terminal ? lastDraw : lastLine) < interval) {
      return;
    }
    lastDraw = now;
    lastLine = now;
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    int filled = weeks == 0 ? WIDTH : (int) Math.round(WIDTH * Math.min(1.0, week / (double) weeks));
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String line = String.format(Locale.ROOT, "[%s] week %d/%d (%s)  %,d sent  %,d errors  %.0f req/s  %s",
        bar, week, weeks, weekStart, sent, errors, sent / seconds, elapsed(seconds));
    if (terminal) {
      out.print("\r" + line + "   ");
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Ends the bar's line. */
  void finish() {
    if (terminal) {
      out.println();
    }
  }

  private static String elapsed(double seconds) {
    Duration d = Duration.ofSeconds((long) seconds);
    return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
  }
}
