package dev.switchboard.gateway.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;

/** Fuzzes the chat ingress parser: any body is a request or a 400, never another failure. */
class ChatRequestFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void anyBodyIsARequestOrA400(byte[] body) {
    try {
      ChatRequestParser.parse(Buffer.buffer(body));
    } catch (ApiErrorException refused) {
      if (refused.error().status() != 400) {
        throw new AssertionError("not a 400: " + refused.error(), refused);
      }
    }
  }
}
