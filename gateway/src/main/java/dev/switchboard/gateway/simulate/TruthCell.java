package dev.switchboard.gateway.simulate;

/**
 * Sums one cell of the ground truth; tokens and cost only over answers whose usage was reported.
 *
 * @param reported requests whose answer reported usage
 */
public record TruthCell(
    long requests, long reported, long promptTokens, long completionTokens, long reasoningTokens, double costUsd) {

  static final TruthCell EMPTY = new TruthCell(0, 0, 0, 0, 0, 0);

  /** Returns prompt plus completion tokens. */
  public long tokens() {
    return promptTokens + completionTokens;
  }

  TruthCell plus(Observed o) {
    if (!o.hasUsage()) {
      return new TruthCell(requests + 1, reported, promptTokens, completionTokens, reasoningTokens, costUsd);
    }
    return new TruthCell(requests + 1, reported + 1, promptTokens + o.promptTokens(),
        completionTokens + o.completionTokens(),
        reasoningTokens + (o.reasoningTokens() == null ? 0 : o.reasoningTokens()),
        costUsd + (o.costUsd() == null ? 0 : o.costUsd()));
  }

  /** Returns the sum of this cell and {@code other}. */
  public TruthCell plus(TruthCell other) {
    return new TruthCell(requests + other.requests, reported + other.reported,
        promptTokens + other.promptTokens, completionTokens + other.completionTokens,
        reasoningTokens + other.reasoningTokens, costUsd + other.costUsd);
  }
}
