package dev.switchboard.config;

/**
 * Caps what a target may cost, in USD per 1M tokens; a null cap is no limit.
 *
 * @param prompt most per 1M input tokens
 * @param completion most per 1M output tokens
 */
public record PriceCap(Double prompt, Double completion) {

  private static final PriceCap NONE = new PriceCap(null, null);

  /** Returns a cap that allows any price. */
  public static PriceCap none() {
    return NONE;
  }

  /** Returns whether neither price is capped. */
  public boolean isNone() {
    return prompt == null && completion == null;
  }
}
