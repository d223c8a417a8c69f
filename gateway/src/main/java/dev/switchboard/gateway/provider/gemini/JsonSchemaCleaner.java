package dev.switchboard.gateway.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a tool's JSON Schema into the OpenAPI subset Gemini's {@code parameters} accepts
 * (https://ai.google.dev/api/caching#Schema), which every Gemini model and Vertex take. Keywords
 * Gemini rejects ({@code $schema}, {@code additionalProperties}, {@code title}, {@code default},
 * {@code examples}...) are dropped; local {@code $ref}s are inlined; {@code oneOf} becomes {@code
 * anyOf}; {@code const} becomes a one-value {@code enum}; {@code "type": ["string", "null"]}
 * becomes {@code "type": "string", "nullable": true}.
 */
final class JsonSchemaCleaner {

  private static final Set<String> KEPT =
      Set.of(
          "type", "format", "description", "nullable", "enum", "items", "properties", "required",
          "anyOf", "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength",
          "pattern", "minProperties", "maxProperties", "propertyOrdering");

  /** Gemini accepts only these string formats; others (uri, email...) are refused. */
  private static final Set<String> STRING_FORMATS = Set.of("enum", "date-time");

  /** Bounds $ref inlining so that recursive schemas terminate. */
  private static final int MAX_REF_DEPTH = 8;

  private final JsonNode root;

  private JsonSchemaCleaner(JsonNode root) {
    this.root = root;
  }

  /**
   * Returns the cleaned schema, or null when it declares no parameters at all (Gemini refuses an
   * object schema with empty {@code properties}).
   */
  static JsonNode clean(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return null;
    }
    ObjectNode cleaned = new JsonSchemaCleaner(schema).cleanNode(schema, 0);
    boolean isObject = "object".equals(cleaned.path("type").asText());
    if (cleaned.isEmpty() || isObject && cleaned.path("properties").isEmpty()) {
      return null;
    }
    return cleaned;
  }

  private ObjectNode cleanNode(JsonNode schema, int refDepth) {
    ObjectNode out = GeminiJson.MAPPER.createObjectNode();
    if (!schema.isObject()) {
      return out;
    }
    JsonNode source = schema;
    if (schema.has("$ref")) {
      JsonNode target = resolve(schema.get("$ref").asText());
      if (target == null || refDepth >= MAX_REF_DEPTH) {
        out.put("type", "object"); // unresolvable or too deep: any object
        copyDescription(schema, out);
        return out;
      }
      source = merge(target, schema);
      refDepth++;
    }
    JsonNode allOf = source.get("allOf");
    if (allOf != null && allOf.isArray() && allOf.size() == 1 && allOf.get(0).isObject()) {
      // pydantic wraps a $ref that has its own description as {"allOf": [{"$ref": ...}]}
      ObjectNode unwrapped = ((ObjectNode) allOf.get(0)).deepCopy();
      for (Map.Entry<String, JsonNode> field : source.properties()) {
        if (!field.getKey().equals("allOf")) {
          unwrapped.set(field.getKey(), field.getValue());
        }
      }
      return cleanNode(unwrapped, refDepth);
    }
    for (Map.Entry<String, JsonNode> field : source.properties()) {
      copy(field.getKey(), field.getValue(), out, refDepth);
    }
    if (source.has("const") && !out.has("enum")) {
      out.putArray("enum").add(source.get("const").asText());
      if (!out.has("type")) {
        out.put("type", "string"); // Gemini enums are string-typed
      }
    }
    dropUnsupportedFormat(out);
    dropUnknownRequired(out);
    return out;
  }

  private void copy(String key, JsonNode value, ObjectNode out, int refDepth) {
    switch (key) {
      case "type" -> copyType(value, out);
      case "properties" -> {
        ObjectNode properties = out.putObject("properties");
        for (Map.Entry<String, JsonNode> property : value.properties()) {
          properties.set(property.getKey(), cleanNode(property.getValue(), refDepth));
        }
        if (properties.isEmpty()) {
          out.remove("properties");
        }
      }
      case "items" -> out.set("items", cleanNode(value, refDepth));
      case "anyOf", "oneOf" -> {
        ArrayNode variants = out.withArrayProperty("anyOf");
        value.forEach(v -> variants.add(cleanNode(v, refDepth)));
      }
      case "enum" -> {
        ArrayNode values = out.putArray("enum");
        value.forEach(v -> values.add(v.asText())); // Gemini enums are strings
      }
      default -> {
        if (KEPT.contains(key)) {
          out.set(key, value);
        }
      }
    }
  }

  private static void copyType(JsonNode type, ObjectNode out) {
    if (type.isTextual()) {
      if ("null".equals(type.textValue())) {
        out.put("nullable", true);
      } else {
        out.put("type", type.textValue());
      }
      return;
    }
    if (!type.isArray()) {
      return;
    }
    ArrayNode others = GeminiJson.MAPPER.createArrayNode();
    for (JsonNode t : type) {
      if ("null".equals(t.asText())) {
        out.put("nullable", true);
      } else {
        others.add(t.asText());
      }
    }
    if (others.size() == 1) {
      out.put("type", others.get(0).asText());
    } else if (others.size() > 1) {
      ArrayNode variants = out.withArrayProperty("anyOf");
      others.forEach(t -> variants.addObject().put("type", t.asText()));
    }
  }

  private static void dropUnsupportedFormat(ObjectNode out) {
    if ("string".equals(out.path("type").asText())
        && out.has("format")
        && !STRING_FORMATS.contains(out.get("format").asText())) {
      out.remove("format");
    }
  }

  private static void dropUnknownRequired(ObjectNode out) {
    JsonNode required = out.get("required");
    if (required == null) {
      return;
    }
    ArrayNode kept = GeminiJson.MAPPER.createArrayNode();
    // Gemini refuses a required property that is not declared
    required.forEach(r -> {
      if (out.path("properties").has(r.asText())) {
        kept.add(r.asText());
      }
    });
    if (kept.isEmpty()) {
      out.remove("required");
    } else {
      out.set("required", kept);
    }
  }

  /** Resolves a local JSON pointer such as {@code #/$defs/Address}; remote refs give null. */
  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#")) {
      return null;
    }
    JsonNode target = root.at(ref.substring(1));
    return target.isObject() ? target : null;
  }

  /** Returns {@code base} overlaid with the sibling keywords of {@code overlay} (minus the ref). */
  private static JsonNode merge(JsonNode base, JsonNode overlay) {
    ObjectNode merged = ((ObjectNode) base).deepCopy();
    for (Map.Entry<String, JsonNode> field : overlay.properties()) {
      if (!field.getKey().equals("$ref")) {
        merged.set(field.getKey(), field.getValue());
      }
    }
    return merged;
  }

  private static void copyDescription(JsonNode from, ObjectNode to) {
    if (from.path("description").isTextual()) {
      to.put("description", from.get("description").asText());
    }
  }
}
