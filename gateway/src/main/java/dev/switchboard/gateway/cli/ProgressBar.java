package dev.switchboard.gateway.cli;

import java.io.PrintStream;

/** Draws a one-line progress bar on a terminal stream, redrawn in place with carriage returns. */
public final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final long total;

  public ProgressBar(PrintStream out, long total) {
    this.out = out;
    this.total = Math.max(1, total);
  }

  /** Shows {@code done} of the total, with a label for the current step. */
  public void update(long done, String label) {
    int filled = (int) (WIDTH * Math.min(done, total) / total);
    out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + label + "\u001b[K");
    out.flush();
  }

  /** Ends the bar's line. */
  public void finish() {
    out.println();
    out.flush();
  }
}
