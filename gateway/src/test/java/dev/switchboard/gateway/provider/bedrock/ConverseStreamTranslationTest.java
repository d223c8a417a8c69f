package dev.switchboard.gateway.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.MalformedStreamException;
import dev.switchboard.telemetry.FinishReason;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Feeds ConverseStream bodies, split anywhere, to the translation. */
class ConverseStreamTranslationTest {

  private static List<ObjectNode> translate(byte[] body, Random random, ConverseStreamTranslation[] out) {
    List<ObjectNode> chunks = new ArrayList<>();
    ConverseStreamTranslation translation = new ConverseStreamTranslation(chunks::add, false, "model-x");
    int at = 0;
    while (at < body.length) {
      int n = random == null ? body.length : Math.min(body.length - at, 1 + random.nextInt(40));
      translation.feed(Buffer.buffer(Arrays.copyOfRange(body, at, at + n)));
      at += n;
    }
    assertThat(translation.end()).isNull();
    out[0] = translation;
    return chunks;
  }

  @Test
  void toolUseStreamGivesTheSameChunksHoweverItIsSplit() {
    byte[] body = BedrockFixtures.eventStream("converse-stream-tool-use.events.jsonl");
    ConverseStreamTranslation[] done = new ConverseStreamTranslation[1];
    String whole = translate(body, null, done).toString();

    assertThat(done[0].summary().toolCalls()).isEqualTo(1);
    assertThat(done[0].summary().finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(done[0].summary().usage().promptTokens()).isEqualTo(375 + 1108);
    assertThat(done[0].summary().usage().cachedReadTokens()).isEqualTo(1108);
    assertThat(done[0].summary().reasoningChars()).isEqualTo(
        "The user asks for the top song; call top_song with WZPZ.".length());
    assertThat(whole).contains("\"arguments\":\"{\\\"sign\\\": \"").contains("\"arguments\":\"\\\"WZPZ\\\"}\"");
    Random random = new Random(3);
    for (int i = 0; i < 30; i++) {
      assertThat(translate(body, random, done).toString()).isEqualTo(whole);
    }
  }

  @Test
  void aCorruptedFrameIsMalformed() {
    byte[] body = BedrockFixtures.eventStream("converse-stream-text.events.jsonl");
    body[body.length - 1] ^= 0x5a; // the last message's CRC
    ConverseStreamTranslation translation = new ConverseStreamTranslation(c -> {}, false, "m");

    assertThatThrownBy(() -> translation.feed(Buffer.buffer(body)))
        .isInstanceOf(MalformedStreamException.class);
  }

  @Test
  void aStreamCutBeforeTheMessageStopsIsCutOff() {
    byte[] firstFrames = BedrockFixtures.eventStream("converse-stream-throttled.events.jsonl");
    ConverseStreamTranslation translation = new ConverseStreamTranslation(c -> {}, false, "m");
    // messageStart and one delta of the throttled fixture, without its exception frame
    int cut = firstFrames.length - exceptionFrameLength(firstFrames);
    translation.feed(Buffer.buffer(Arrays.copyOf(firstFrames, cut)));

    assertThat(translation.end()).contains("ended before");
  }

  /** Returns the length of the last eventstream frame of {@code frames}. */
  private static int exceptionFrameLength(byte[] frames) {
    int at = 0;
    int last = 0;
    while (at < frames.length) {
      last = java.nio.ByteBuffer.wrap(frames, at, 4).getInt();
      at += last;
    }
    return last;
  }
}
