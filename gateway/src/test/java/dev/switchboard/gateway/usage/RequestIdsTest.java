package dev.switchboard.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void idsHaveOpenAisShapeAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = RequestIds.next();
      assertThat(id).matches("chatcmpl-[0-9a-f]{32}");
      assertThat(seen.add(id)).as("id %s repeated", id).isTrue();
    }
  }
}
