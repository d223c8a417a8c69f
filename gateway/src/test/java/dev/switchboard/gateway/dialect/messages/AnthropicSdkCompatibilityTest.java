package dev.switchboard.gateway.dialect.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import dev.switchboard.gateway.simulate.LocalGateway;
import dev.switchboard.gateway.simulate.scenario.ScenarioLoader;
import dev.switchboard.telemetry.UsageRecord;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Points the official Anthropic Java SDK at the demo gateway (its simulated providers) and uses
 * Messages the way Claude Code and apps do: plain, streamed, with tools, counting tokens, failing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnthropicSdkCompatibilityTest {
  @TempDir static Path dir;
  private Vertx vertx;
  private LocalGateway demo;
  private AnthropicClient client;

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    demo = LocalGateway.start(vertx, ScenarioLoader.loadDefault(), dir.resolve("demo.duckdb"), 0, 0)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    client = AnthropicOkHttpClient.builder().baseUrl(demo.base().toString()).apiKey("sk-any").maxRetries(0).build();
  }

  @AfterAll
  void stop() throws Exception {
    client.close();
    demo.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close();
  }

  @Test
  void plainMessageParsesWithTextAndUsage() {
    Message message = client.messages().create(params("anthropic/claude-sonnet-4.5").build());

    assertThat(message.id()).startsWith("msg_");
    assertThat(message.model().asString()).isEqualTo("anthropic/claude-sonnet-4.5");
    assertThat(message.content()).isNotEmpty();
    assertThat(text(message)).isNotBlank();
    assertThat(message.stopReason()).isPresent();
    assertThat(message.usage().inputTokens()).isPositive();
    assertThat(message.usage().outputTokens()).isPositive();
    UsageRecord record = awaitRecord(message.id().substring("msg_".length()));
    assertThat(record.api()).isEqualTo("messages");
    assertThat(record.usage().completionTokens()).isEqualTo(message.usage().outputTokens());
  }

  @Test
  void streamAccumulatesIntoTheSameKindOfMessageForAClaudeAndANonClaudeModel() {
    for (String model : new String[] {"anthropic/claude-sonnet-4.5", "openai/gpt-4o-mini", "deepseek/deepseek-chat-v3.1"}) {
      MessageAccumulator accumulator = MessageAccumulator.create();
      try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params(model).build())) {
        stream.stream().forEach(accumulator::accumulate);
      }
      Message message = accumulator.message();
      assertThat(text(message)).as(model).isNotBlank();
      assertThat(message.stopReason()).as(model).isPresent();
      assertThat(message.usage().outputTokens()).as(model).isPositive();
      assertThat(message.usage().inputTokens()).as(model).isPositive();
    }
  }

  @Test
  void toolsAndThinkingAreAcceptedAndAnsweredInShape() {
    MessageCreateParams params =
        params("anthropic/claude-sonnet-4.5")
            .maxTokens(4096)
            .enabledThinking(1024)
            .addTool(Tool.builder()
                .name("get_weather")
                .description("Weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                    .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .build())
                .build())
            .build();

    Message message = client.messages().create(params);

    assertThat(message.content()).isNotEmpty();
    for (ContentBlock block : message.content()) {
      assertThat(block.isText() || block.isThinking() || block.isToolUse()).isTrue();
      block.toolUse().ifPresent(use -> assertThat(use.name()).isEqualTo("get_weather"));
    }
    if (message.content().stream().anyMatch(ContentBlock::isToolUse)) {
      assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }
  }

  @Test
  void countsTokens() {
    long tokens = client.messages()
        .countTokens(MessageCountTokensParams.builder()
            .model("anthropic/claude-sonnet-4.5")
            .addUserMessage("How many tokens is this sentence?")
            .build())
        .inputTokens();

    assertThat(tokens).isBetween(5L, 40L);
  }

  @Test
  void unknownModelIsATypedNotFound() {
    assertThatThrownBy(() -> client.messages().create(params("nobody/no-model").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-model");
  }

  private static MessageCreateParams.Builder params(String model) {
    return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage("Say hello in one sentence.");
  }

  private static String text(Message message) {
    StringBuilder text = new StringBuilder();
    message.content().forEach(block -> block.text().ifPresent(t -> text.append(t.text())));
    return text.toString();
  }

  private UsageRecord awaitRecord(String id) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<UsageRecord> record = demo.gateway().store().findById(id);
      if (record.isPresent()) {
        return record.get();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no usage record " + id);
  }
}
