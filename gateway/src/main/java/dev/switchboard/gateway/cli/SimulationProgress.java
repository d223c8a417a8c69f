package dev.switchboard.gateway.cli;

import dev.switchboard.gateway.simulate.Simulator;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Shows a simulation's progress on stderr: weeks simulated, requests sent, errors and rate, as a
 * bar redrawn twice a second on a terminal, else as a line every ten seconds.
 */
final class SimulationProgress implements Consumer<Simulator.Progress> {
  private final PrintStream out;
  private final boolean terminal;
  private ProgressBar bar;
  private long last = Long.MIN_VALUE;

  SimulationProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void accept(Simulator.Progress p) {
    long now = System.nanoTime();
    long interval = terminal ? 500_000_000L : 10_000_000_000L;
    if (!p.done() && last != Long.MIN_VALUE && now - last < interval) {
      return;
    }
    last = now;
    double seconds = Math.max(1e-3, p.elapsed().toNanos() / 1e9);
    String label = String.format(Locale.ROOT, "weeks (%s)  %,d sent  %,d errors  %.0f req/s  %dm%02ds",
        p.weekStart(), p.sent(), p.errors(), p.sent() / seconds, p.elapsed().toMinutes(), p.elapsed().toSecondsPart());
    if (terminal) {
      if (bar == null) {
        bar = new ProgressBar(out, p.weeks());
      }
      bar.update(p.week(), label);
      if (p.done()) {
        bar.finish();
      }
    } else {
      out.println(p.week() + "/" + p.weeks() + " " + label);
    }
  }
}
