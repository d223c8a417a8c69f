package dev.switchboard.gateway.provider.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the SSE decoder differentially: any byte stream, cut into chunks anywhere (inside a
 * line, a CRLF pair or a UTF-8 character), must give exactly the events it gives in one piece,
 * and the only failure allowed is the size bound.
 */
class SseDecoderFuzzTest {
  private static final int BOUND = 4096;

  @FuzzTest(maxDuration = "5s")
  void cuttingTheStreamAnywhereChangesNothing(FuzzedDataProvider data) {
    int cuts = data.consumeInt(0, 16);
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < cuts; i++) {
      sizes.add(data.consumeInt(0, 64));
    }
    byte[] stream = data.consumeRemainingAsBytes();

    List<SseEvent> whole = new ArrayList<>();
    String wholeFailure = decode(stream, List.of(), whole);
    List<SseEvent> pieces = new ArrayList<>();
    String piecesFailure = decode(stream, sizes, pieces);

    assertThat(pieces).isEqualTo(whole);
    assertThat(piecesFailure).isEqualTo(wholeFailure);
  }

  /** Decodes {@code stream} fed in chunks of {@code sizes} (then the rest); returns the failure. */
  private static String decode(byte[] stream, List<Integer> sizes, List<SseEvent> events) {
    SseDecoder decoder = new SseDecoder(events::add, BOUND);
    int at = 0;
    try {
      for (int size : sizes) {
        int n = Math.min(size, stream.length - at);
        decoder.feed(Buffer.buffer(java.util.Arrays.copyOfRange(stream, at, at + n)));
        at += n;
      }
      decoder.feed(Buffer.buffer(java.util.Arrays.copyOfRange(stream, at, stream.length)));
      decoder.end();
      return null;
    } catch (SseEventTooLargeException e) {
      return "too large";
    }
  }
}
