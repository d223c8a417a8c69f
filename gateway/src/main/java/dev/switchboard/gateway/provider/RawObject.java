package dev.switchboard.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An upstream JSON object kept as the bytes it arrived in, with the {@link RelayLayout} a scan
 * found: a same-dialect client gets those bytes with a few members rewritten, and the tree is
 * parsed only when something reads this node as a tree (another dialect's encoder, body storage),
 * so every reader sees exactly the object the upstream sent.
 */
public final class RawObject extends ObjectNode {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long serialVersionUID = 1L;

  private final transient byte[] bytes;
  private final transient RelayLayout layout;
  private final transient LazyMembers members;

  private RawObject(byte[] bytes, RelayLayout layout, LazyMembers members) {
    super(JsonNodeFactory.instance, members);
    this.bytes = bytes;
    this.layout = layout;
    this.members = members;
  }

  /** Returns the object {@code layout} describes within {@code bytes} (not copied: never change them). */
  public static RawObject of(byte[] bytes, RelayLayout layout) {
    return new RawObject(bytes, layout, new LazyMembers(bytes, layout.start(), layout.close() + 1));
  }

  /** Returns the bytes the layout's offsets index. */
  public byte[] bytes() {
    return bytes;
  }

  /** Returns where the members the gateway rewrites are. */
  public RelayLayout layout() {
    return layout;
  }

  /**
   * Returns whether the tree was parsed, after which it may have been changed and the bytes no
   * longer describe this node.
   */
  public boolean parsed() {
    return members.parsed();
  }

  /** The members of the object, parsed from its bytes the first time anything reads them. */
  private static final class LazyMembers extends AbstractMap<String, JsonNode> {
    private final byte[] bytes;
    private final int start;
    private final int end;
    private Map<String, JsonNode> parsed;

    LazyMembers(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.start = start;
      this.end = end;
    }

    boolean parsed() {
      return parsed != null;
    }

    private Map<String, JsonNode> members() {
      if (parsed == null) {
        try {
          JsonNode tree = MAPPER.readTree(bytes, start, end - start);
          Map<String, JsonNode> copy = new LinkedHashMap<>();
          tree.properties().forEach(member -> copy.put(member.getKey(), member.getValue()));
          parsed = copy;
        } catch (IOException e) {
          // the scan that made the layout read these bytes as one JSON object
          throw new UncheckedIOException(e);
        }
      }
      return parsed;
    }

    @Override
    public int size() {
      return members().size();
    }

    @Override
    public boolean isEmpty() {
      return members().isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
      return members().containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
      return members().containsValue(value);
    }

    @Override
    public JsonNode get(Object key) {
      return members().get(key);
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
      return members().put(key, value);
    }

    @Override
    public JsonNode remove(Object key) {
      return members().remove(key);
    }

    @Override
    public void putAll(Map<? extends String, ? extends JsonNode> other) {
      members().putAll(other);
    }

    @Override
    public void clear() {
      members().clear();
    }

    @Override
    public Set<String> keySet() {
      return members().keySet();
    }

    @Override
    public Collection<JsonNode> values() {
      return members().values();
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
      return members().entrySet();
    }
  }
}
