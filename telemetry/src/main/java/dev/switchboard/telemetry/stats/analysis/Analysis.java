package dev.switchboard.telemetry.stats.analysis;

import java.util.Set;

/** Computes one analysis of the study from aggregates; stateless and thread-safe. */
public interface Analysis {

  /** Returns the URL name ({@code source-share}). */
  String name();

  /** Returns a one-line description. */
  String description();

  /** Returns the parameters it accepts besides the common filters. */
  Set<Param> params();

  /** Runs the analysis in {@code context}'s window. */
  AnalysisResult run(AnalysisContext context);
}
