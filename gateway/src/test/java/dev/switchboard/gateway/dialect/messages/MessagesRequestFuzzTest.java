package dev.switchboard.gateway.dialect.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.gateway.api.ApiErrorException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** Fuzzes the Messages ingress decoder: any body is a request or a 4xx, never another failure. */
class MessagesRequestFuzzTest {
  private final MessagesCodec codec = new MessagesCodec();

  @FuzzTest(maxDuration = "5s")
  void anyBodyIsARequestOrAClientError(byte[] body) {
    try {
      codec.decode(Buffer.buffer(body), MultiMap.caseInsensitiveMultiMap());
    } catch (ApiErrorException refused) {
      assertThat(refused.error().status()).as("status of " + refused.error()).isBetween(400, 499);
    }
  }
}
