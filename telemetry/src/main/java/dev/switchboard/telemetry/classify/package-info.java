/**
 * Classifies a request locally, with no network: a primary task category with secondary tags and
 * sub-tags (weighted multilingual lexicons plus structural signals such as code, stack traces,
 * coding tools and character cards) and the language of the user-authored text (lingua, with
 * Simplified/Traditional Chinese decided by characters). Receives plain records; knows nothing of
 * HTTP or Vert.x.
 */
package dev.switchboard.telemetry.classify;
