package dev.switchboard.gateway.routing;

import dev.switchboard.config.catalog.ModelInfo;

/**
 * Tells whether a prompt fits a target's context window from the catalog. A target whose window
 * the catalog does not know is assumed to fit: the operator chose it.
 */
public final class ContextWindow {
  /** Room left for the answer: a prompt that leaves less is refused upstream or cut short. */
  public static final int MIN_OUTPUT_TOKENS = 256;

  private ContextWindow() {}

  /** Returns the target's context length in tokens, or null when unknown. */
  public static Integer of(ResolvedTarget target) {
    return target.catalogEntry().map(ModelInfo::contextLength).orElse(null);
  }

  /** Returns whether {@code promptTokens} (0: not estimated) plus a minimal answer fit the target. */
  public static boolean fits(ResolvedTarget target, long promptTokens) {
    Integer window = of(target);
    return promptTokens <= 0 || window == null || promptTokens + MIN_OUTPUT_TOKENS <= window;
  }

  /** Returns the prompt size that still fits a window of {@code window} tokens. */
  public static long budget(int window) {
    return Math.max(0, (long) window - MIN_OUTPUT_TOKENS);
  }
}
