package dev.switchboard.gateway.auth;

import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.AccessControl;
import dev.switchboard.gateway.KeyedGateway;
import dev.switchboard.gateway.usage.StoredBodies;
import dev.switchboard.gateway.usage.StoredBody;
import dev.switchboard.telemetry.UsageRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the per-key opt-in to storing bodies, and their deletion after the retention period. */
class BodyStorageEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";

  @TempDir Path storeDir;

  @Test
  void bodiesAreStoredOnlyForOptedInKeysAndDeletedAfterRetention() throws Exception {
    try (KeyedGateway gateway = new KeyedGateway(storeDir)) {
      gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
      String keeps = gateway.createKey("{\"name\":\"debugging\",\"store_bodies\":true}").get("key").asText();
      String private_ = gateway.createKey("{\"name\":\"private\"}").get("key").asText();
      AccessControl access = gateway.harness().gateway().access();

      String kept = responseId(gateway.chat(keeps, chatBody(MINI, false)));
      String notKept = responseId(gateway.chat(private_, chatBody(MINI, false)));
      gateway.harness().upstream().resetAll();
      gateway.stubUpstream("openai-chat-stream-text-usage.sse");
      String keptStream = responseId(gateway.chat(keeps, chatBody(MINI, true)));
      UsageRecord record = gateway.harness().awaitRecord(kept);
      gateway.harness().awaitRecord(notKept);
      gateway.harness().awaitRecord(keptStream);

      StoredBody body = StoredBodies.await(access.bodies(), kept);
      assertThat(body.apiKeyId()).isEqualTo(record.apiKeyId());
      assertThat(read(body.requestJson()).get("messages").get(1).get("content").asText())
          .isEqualTo("What is the capital of France?");
      assertThat(read(body.responseJson()).get("id").asText()).isEqualTo(kept);
      assertThat(read(body.responseJson()).get("usage").get("cost").isNumber()).isTrue();
      StoredBody stream = StoredBodies.await(access.bodies(), keptStream);
      assertThat(read(stream.responseJson()).get("text").asText()).isNotBlank();
      assertThat(StoredBodies.find(access.bodies(), notKept)).isEmpty();

      // retention is 7 days: after 8 the old bodies go, a new one stays
      gateway.clock().advance(Duration.ofDays(8));
      gateway.harness().upstream().resetAll();
      gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
      String fresh = responseId(gateway.chat(keeps, chatBody(MINI, false)));
      StoredBodies.await(access.bodies(), fresh);

      int deleted = access.purgeExpiredBodies().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(deleted).isEqualTo(2);
      assertThat(StoredBodies.find(access.bodies(), kept)).isEmpty();
      assertThat(StoredBodies.find(access.bodies(), keptStream)).isEmpty();
      assertThat(StoredBodies.find(access.bodies(), fresh)).isPresent();
    }
  }
}
