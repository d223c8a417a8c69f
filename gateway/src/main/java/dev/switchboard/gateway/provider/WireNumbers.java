package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads numbers out of upstream JSON without letting an out-of-range one wrap around. */
public final class WireNumbers {

  private WireNumbers() {}

  /**
   * Returns a JSON number as a long, saturated at {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE}
   * when it does not fit (Jackson's {@code longValue()} would wrap 2^64 + 1 round to 1, turning
   * an absurd count into a plausible one), or null when {@code value} is not a number.
   */
  public static Long saturatedLong(JsonNode value) {
    if (value == null || !value.isNumber()) {
      return null;
    }
    if (value.canConvertToLong()) {
      return value.longValue();
    }
    // a BigInteger, or a double beyond the long range: (long) of a double saturates already
    return value.isIntegralNumber()
        ? (value.bigIntegerValue().signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE)
        : (long) value.doubleValue();
  }
}
