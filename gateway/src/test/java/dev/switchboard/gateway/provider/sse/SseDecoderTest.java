package dev.switchboard.gateway.provider.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

  private final List<SseEvent> events = new ArrayList<>();
  private final SseDecoder decoder = new SseDecoder(events::add);

  private void feed(String... chunks) {
    for (String chunk : chunks) {
      decoder.feed(Buffer.buffer(chunk));
    }
  }

  private List<String> data() {
    return events.stream().map(SseEvent::data).toList();
  }

  @Test
  void dispatchesEventsSeparatedByBlankLines() {
    feed("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n");

    assertThat(data()).containsExactly("{\"a\":1}", "{\"b\":2}");
    assertThat(events.get(0).event()).isEqualTo("message");
    assertThat(events.get(0).id()).isNull();
  }

  @Test
  void crlfSplitAcrossFeedsIsOneLineEnd() {
    feed("data: a\r", "\n\r", "\ndata: b\r\n", "\r", "\n");

    assertThat(data()).containsExactly("a", "b");
  }

  @Test
  void bareCarriageReturnsEndLines() {
    feed("data: a\r\rdata: b\rdata: c\r\r");

    assertThat(data()).containsExactly("a", "b\nc");
  }

  @Test
  void commentsAreSkippedAndCounted() {
    feed(": OPENROUTER PROCESSING\n\n: keep-alive\n\ndata: x\n: inside\n\n");

    assertThat(data()).containsExactly("x");
    assertThat(decoder.commentCount()).isEqualTo(3);
  }

  @Test
  void multiLineDataIsJoinedWithNewline() {
    feed("data: first\ndata:second\ndata\ndata:  indented\n\n");

    assertThat(data()).containsExactly("first\nsecond\n\n indented");
  }

  @Test
  void trailingSpacesInDataAreKept() {
    feed("event: message_start\ndata: {\"type\":\"x\"}   \n\n");

    assertThat(events).containsExactly(new SseEvent("message_start", "{\"type\":\"x\"}   ", null));
  }

  @Test
  void eventTypeResetsButIdPersists() {
    feed(
        "event: error\nid: 7\ndata: e\n\ndata: next\n\nid: 8\nretry: 10\nfoo: bar\ndata: last\n\n");

    assertThat(events)
        .containsExactly(
            new SseEvent("error", "e", "7"),
            new SseEvent("message", "next", "7"),
            new SseEvent("message", "last", "8"));
  }

  @Test
  void eventWithoutDataIsNotDispatched() {
    feed("event: ping\n\nid: 1\n\n");

    assertThat(events).isEmpty();
  }

  @Test
  void endFlushesLastEventWithoutBlankLine() {
    feed("data: a\n\ndata: b\n");
    assertThat(data()).containsExactly("a");

    decoder.end();

    assertThat(data()).containsExactly("a", "b");
  }

  @Test
  void endFlushesUnterminatedLastLine() {
    feed("event: message_stop\ndata: {\"type\":\"message_stop\"}");

    decoder.end();

    assertThat(events)
        .containsExactly(new SseEvent("message_stop", "{\"type\":\"message_stop\"}", null));
  }

  @Test
  void utf8CharacterSplitAcrossFeedsIsDecodedWhole() {
    byte[] bytes = "data: héllo 😀 世界\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    for (int cut = 1; cut < bytes.length; cut++) {
      events.clear();
      SseDecoder split = new SseDecoder(events::add);
      split.feed(Buffer.buffer(Arrays.copyOfRange(bytes, 0, cut)));
      split.feed(Buffer.buffer(Arrays.copyOfRange(bytes, cut, bytes.length)));
      split.end();

      assertThat(data()).as("cut at %d", cut).containsExactly("héllo 😀 世界");
    }
  }

  @Test
  void everyByteFedAloneGivesSameEvents() {
    String stream = ": c\r\nevent: e\r\ndata: ü\r\n\r\ndata: [DONE]\n\n";
    for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
      decoder.feed(Buffer.buffer(new byte[] {b}));
    }
    decoder.end();

    assertThat(events)
        .containsExactly(new SseEvent("e", "ü", null), new SseEvent("message", "[DONE]", null));
    assertThat(events.get(1).isDone()).isTrue();
  }

  @Test
  void leadingByteOrderMarkIsIgnored() {
    feed("\uFEFFdata: a\n\n");

    assertThat(data()).containsExactly("a");
  }

  @Test
  void doneMarkerToleratesSurroundingWhitespace() {
    assertThat(new SseEvent("message", " [DONE] ", null).isDone()).isTrue();
    assertThat(new SseEvent("message", "{\"done\":true}", null).isDone()).isFalse();
  }

  @Test
  void unfinishedLineOverBoundFails() {
    SseDecoder bounded = new SseDecoder(events::add, 16);
    bounded.feed(Buffer.buffer("data: 0123456789"));

    assertThatThrownBy(() -> bounded.feed(Buffer.buffer("abc")))
        .isInstanceOf(SseEventTooLargeException.class);
  }

  @Test
  void unfinishedEventOverBoundFails() {
    SseDecoder bounded = new SseDecoder(events::add, 16);

    assertThatThrownBy(() -> bounded.feed(Buffer.buffer("data: 01234\ndata: 56789\n")))
        .isInstanceOf(SseEventTooLargeException.class);
  }

  @Test
  void boundCountsOneEventOnly() {
    SseDecoder bounded = new SseDecoder(events::add, 16);
    for (int i = 0; i < 100; i++) {
      bounded.feed(Buffer.buffer("data: 0123456\n\n"));
    }

    assertThat(events).hasSize(100);
  }
}
