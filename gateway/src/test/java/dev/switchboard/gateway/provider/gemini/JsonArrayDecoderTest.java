package dev.switchboard.gateway.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.gateway.provider.MalformedStreamException;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonArrayDecoderTest {
  private static final String BODY =
      "[{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a } ] { [ \\\" \\\\\"}]}}]}\n"
          + ",\r\n{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"é 😀\"}]}}], \"usageMetadata\": {}}]";

  private static List<String> decode(byte[] bytes, Random random) {
    List<String> out = new ArrayList<>();
    JsonArrayDecoder decoder = new JsonArrayDecoder(out::add, 1 << 20);
    int at = 0;
    while (at < bytes.length) {
      int n = random == null ? bytes.length : Math.min(bytes.length - at, 1 + random.nextInt(7));
      decoder.feed(Buffer.buffer().appendBytes(bytes, at, n));
      at += n;
    }
    decoder.end();
    return out;
  }

  @Test
  void cutsTheArrayIntoItsElementsWhereverTheBytesAreSplit() {
    byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
    List<String> whole = decode(bytes, null);

    assertThat(whole).hasSize(2);
    assertThat(whole.get(0)).endsWith("\\\\\"}]}}]}").contains("a } ] { [");
    assertThat(whole.get(1)).contains("é 😀").endsWith("\"usageMetadata\": {}}");
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      assertThat(decode(bytes, random)).isEqualTo(whole);
    }
  }

  @Test
  void aBareErrorObjectIsOneElement() {
    assertThat(decode("{\"error\": {\"code\": 429}}".getBytes(StandardCharsets.UTF_8), null))
        .containsExactly("{\"error\": {\"code\": 429}}");
  }

  @Test
  void aBodyCutInsideAnElementIsMalformed() {
    JsonArrayDecoder decoder = new JsonArrayDecoder(s -> {}, 1 << 20);
    decoder.feed(Buffer.buffer("[{\"candidates\": [{"));

    assertThatThrownBy(decoder::end).isInstanceOf(MalformedStreamException.class);
  }

  @Test
  void anOversizedElementIsRefused() {
    JsonArrayDecoder decoder = new JsonArrayDecoder(s -> {}, 16);

    assertThatThrownBy(() -> decoder.feed(Buffer.buffer("[{\"text\": \"0123456789abcdef\"}]")))
        .isInstanceOf(MalformedStreamException.class);
  }
}
