package dev.switchboard.gateway.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks how request tags are read and normalized, and their bounds. */
class RequestTagsTest {

  private static ChatRequest request(String metadata) {
    return ChatRequestParser.parse(Buffer.buffer("{\"model\":\"openai/gpt-4o-mini\"," + metadata
        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
  }

  @Test
  void headerComesFirstThenMetadataDistinctLowercaseAndOnlyAllowedCharacters() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(RequestTags.HEADER, "Team-ML, nightly eval!,ml")
        .add(RequestTags.HEADER, "v1.2");
    List<String> tags = RequestTags.of(request("\"metadata\":{\"tags\":[\"NIGHTLYEVAL\",\"x_y\",7]},"), headers);

    assertThat(tags).containsExactly("team-ml", "nightlyeval", "ml", "v1.2", "x_y");
    assertThat(RequestTags.joined(tags)).isEqualTo("team-ml,nightlyeval,ml,v1.2,x_y");
  }

  @Test
  void atMostTenTagsOfAtMost64CharactersAndNothingMeansNone() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      many.append("t").append(i).append(',');
    }
    String longTag = "a".repeat(200);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(RequestTags.HEADER, longTag + "," + many);

    List<String> tags = RequestTags.of(request(""), headers);

    assertThat(tags).hasSize(RequestTags.MAX_TAGS);
    assertThat(tags.get(0)).hasSize(RequestTags.MAX_LENGTH);
    assertThat(RequestTags.of(request("\"metadata\":{\"tags\":\" ,!!,\"},"), MultiMap.caseInsensitiveMultiMap())).isEmpty();
    assertThat(RequestTags.joined(List.of())).isNull();
  }
}
