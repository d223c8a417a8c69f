package dev.switchboard.gateway.provider.openaicompat;

/** Accumulates text up to a fixed number of UTF-16 code units and drops the rest. */
final class BoundedText {

  private final StringBuilder text = new StringBuilder();
  private final int maxChars;
  private boolean truncated;

  BoundedText(int maxChars) {
    this.maxChars = maxChars;
  }

  /** Appends as much of {@code s} as still fits, never splitting a surrogate pair. */
  void append(String s) {
    if (s == null || s.isEmpty() || truncated) {
      return;
    }
    int room = maxChars - text.length();
    if (s.length() <= room) {
      text.append(s);
      return;
    }
    int end = room;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    text.append(s, 0, end);
    truncated = true;
  }

  /** Returns whether some text was dropped. */
  boolean truncated() {
    return truncated;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
