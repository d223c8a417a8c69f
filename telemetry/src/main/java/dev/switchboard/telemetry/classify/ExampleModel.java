package dev.switchboard.telemetry.classify;

/** A model learned from the project's example requests that scores a text against every category. */
interface ExampleModel {
  /**
   * Adds the model's per-category scores for the first {@code maxChars} of {@code text} into
   * {@code scores} (one slot per category, in {@link dev.switchboard.telemetry.Category} order) and
   * returns how many distinct features the text has, known to the model or not.
   */
  int score(String text, int maxChars, double[] scores);
}
