package dev.switchboard.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;

/** Fuzzes the chat ingress parser: any body is a request or a 400, never another failure. */
class ChatRequestFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void anyBodyIsARequestOrA400(byte[] body) {
    try {
      ChatRequestParser.parse(Buffer.buffer(body));
    } catch (ApiErrorException refused) {
      assertThat(refused.error().status()).as("status of " + refused.error()).isEqualTo(400);
    }
  }
}
