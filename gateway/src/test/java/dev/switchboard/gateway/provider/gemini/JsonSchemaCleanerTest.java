package dev.switchboard.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Checks the rewrite of tool JSON Schemas into Gemini's OpenAPI subset. */
class JsonSchemaCleanerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void inlinesLocalRefsAsPydanticWritesThem() throws Exception {
    JsonNode cleaned = clean("""
        {"$defs":{"Address":{"title":"Address","type":"object",
            "properties":{"street":{"type":"string"},"zip":{"type":"string","format":"postal"}},
            "required":["street"]}},
         "type":"object","title":"Order",
         "properties":{"ship_to":{"$ref":"#/$defs/Address","description":"Where to ship"},
                       "bill_to":{"allOf":[{"$ref":"#/$defs/Address"}],"description":"Who pays"},
                       "items":{"type":"array","items":{"$ref":"#/$defs/Address"}}},
         "required":["ship_to","missing"]}""");

    assertThat(cleaned.has("$defs")).isFalse();
    assertThat(cleaned.has("title")).isFalse();
    assertThat(cleaned.at("/properties/ship_to/type").asText()).isEqualTo("object");
    assertThat(cleaned.at("/properties/ship_to/description").asText()).isEqualTo("Where to ship");
    assertThat(cleaned.at("/properties/ship_to/properties/street/type").asText()).isEqualTo("string");
    assertThat(cleaned.at("/properties/ship_to/properties/zip").has("format")).isFalse();
    assertThat(cleaned.at("/properties/bill_to/description").asText()).isEqualTo("Who pays");
    assertThat(cleaned.at("/properties/bill_to/required/0").asText()).isEqualTo("street");
    assertThat(cleaned.at("/properties/items/items/properties/street/type").asText()).isEqualTo("string");
    assertThat(cleaned.get("required")).hasSize(1); // "missing" is not declared
  }

  @Test
  void recursiveRefsStopAtABoundedDepth() throws Exception {
    JsonNode cleaned = clean("""
        {"$defs":{"Node":{"type":"object","properties":{"name":{"type":"string"},
            "children":{"type":"array","items":{"$ref":"#/$defs/Node"}}}}},
         "type":"object","properties":{"root":{"$ref":"#/$defs/Node"}}}""");

    JsonNode node = cleaned.at("/properties/root");
    int depth = 0;
    while (node.at("/properties/children/items").isObject()) {
      node = node.at("/properties/children/items");
      depth++;
    }
    assertThat(depth).isBetween(1, 10);
    assertThat(node.get("type").asText()).isEqualTo("object");
  }

  @Test
  void rewritesKeywordsGeminiSpellsDifferently() throws Exception {
    JsonNode cleaned = clean("""
        {"type":"object","properties":{
          "kind":{"const":"circle"},
          "size":{"oneOf":[{"type":"integer"},{"type":"string","format":"date-time"}]},
          "tag":{"type":["string","integer","null"]},
          "when":{"type":"string","format":"date-time","default":"now","examples":["x"]}}}""");

    assertThat(cleaned.at("/properties/kind/enum/0").asText()).isEqualTo("circle");
    assertThat(cleaned.at("/properties/kind/type").asText()).isEqualTo("string");
    assertThat(cleaned.at("/properties/size/anyOf")).hasSize(2);
    assertThat(cleaned.at("/properties/size/anyOf/1/format").asText()).isEqualTo("date-time");
    assertThat(cleaned.at("/properties/tag/nullable").asBoolean()).isTrue();
    assertThat(cleaned.at("/properties/tag/anyOf/1/type").asText()).isEqualTo("integer");
    assertThat(cleaned.at("/properties/when/format").asText()).isEqualTo("date-time");
    assertThat(cleaned.at("/properties/when").has("default")).isFalse();
    assertThat(cleaned.at("/properties/when").has("examples")).isFalse();
  }

  @Test
  void schemaWithoutParametersIsLeftOut() throws Exception {
    assertThat(clean("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}")).isNull();
    assertThat(clean("{}")).isNull();
    assertThat(JsonSchemaCleaner.clean(null)).isNull();
  }

  private static JsonNode clean(String schema) throws Exception {
    return JsonSchemaCleaner.clean(JSON.readTree(schema));
  }
}
