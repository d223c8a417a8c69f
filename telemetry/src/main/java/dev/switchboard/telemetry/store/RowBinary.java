package dev.switchboard.telemetry.store;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes values in ClickHouse's {@code RowBinary} format: little-endian numbers, strings as a
 * LEB128 length and UTF-8 bytes, a Nullable as one byte (1 = NULL) before the value. It is what the
 * server parses cheapest: no text, no field names. See
 * https://clickhouse.com/docs/en/interfaces/formats#rowbinary.
 */
final class RowBinary {
  private final Buffer out;

  RowBinary(int initialBytes) {
    this.out = Buffer.buffer(initialBytes);
  }

  Buffer buffer() {
    return out;
  }

  void string(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    long n = bytes.length;
    while (n >= 0x80) {
      out.appendByte((byte) (n | 0x80));
      n >>>= 7;
    }
    out.appendByte((byte) n);
    out.appendBytes(bytes);
  }

  void nullableString(String value) {
    if (notNull(value)) {
      string(value);
    }
  }

  void int64(long value) {
    out.appendLongLE(value);
  }

  void nullableInt64(Long value) {
    if (notNull(value)) {
      out.appendLongLE(value);
    }
  }

  void int32(int value) {
    out.appendIntLE(value);
  }

  void nullableInt32(Integer value) {
    if (notNull(value)) {
      out.appendIntLE(value);
    }
  }

  /** Writes a DateTime: seconds since the epoch as UInt32. */
  void dateTime(long epochSeconds) {
    out.appendUnsignedIntLE(epochSeconds);
  }

  void bool(boolean value) {
    out.appendByte((byte) (value ? 1 : 0));
  }

  void nullableBool(Boolean value) {
    if (notNull(value)) {
      bool(value);
    }
  }

  void nullableFloat64(Double value) {
    if (notNull(value)) {
      out.appendLongLE(Double.doubleToRawLongBits(value));
    }
  }

  private boolean notNull(Object value) {
    out.appendByte((byte) (value == null ? 1 : 0));
    return value != null;
  }
}
