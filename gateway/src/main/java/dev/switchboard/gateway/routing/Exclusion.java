package dev.switchboard.gateway.routing;

/** Records why a target was left out of a routing plan. */
public record Exclusion(ResolvedTarget target, Reason reason) {

  /** Names why a target cannot serve a request. */
  public enum Reason {
    IGNORED("listed in provider.ignore"),
    NOT_ALLOWED("not in provider.only"),
    DATA_COLLECTION("may collect data (provider.data_collection is deny)"),
    PRICE_UNKNOWN("price unknown (provider.max_price is set)"),
    OVER_MAX_PRICE("price above provider.max_price"),
    OVER_TARGET_CAP("price above the target's configured max_price"),
    MISSING_CAPABILITY("does not support every requested parameter (provider.require_parameters)"),
    FALLBACKS_DISABLED("not a primary provider (provider.allow_fallbacks is false)"),
    CONTEXT_TOO_SMALL("context window smaller than the prompt"),
    BREAKER_OPEN("circuit breaker open");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** Returns a short explanation for error messages. */
    public String description() {
      return description;
    }
  }
}
