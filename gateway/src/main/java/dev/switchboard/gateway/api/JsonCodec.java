package dev.switchboard.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Reads and writes JSON with the one shared, thread-safe Jackson mapper. */
public final class JsonCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonCodec() {}

  /** Returns the shared mapper (thread-safe once configured). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Returns a new empty object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses bytes as one JSON value; throws {@link JsonProcessingException} on malformed input. */
  public static JsonNode read(Buffer bytes) throws IOException {
    return MAPPER.readTree(bytes.getBytes());
  }

  /**
   * Appends a tree's JSON to {@code target}, through Jackson's recycled buffer: no intermediate
   * byte array, one copy into the target.
   */
  public static Buffer writeTo(Buffer target, JsonNode node) {
    try {
      MAPPER.writeValue(new BufferOutput(target), node);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adapts a growing Vert.x buffer to the stream Jackson flushes into. */
  private static final class BufferOutput extends OutputStream {
    private final Buffer target;

    BufferOutput(Buffer target) {
      this.target = target;
    }

    @Override
    public void write(int b) {
      target.appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      target.appendBytes(bytes, offset, length);
    }
  }

  /** Serializes a tree to bytes. */
  public static Buffer write(JsonNode node) {
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
