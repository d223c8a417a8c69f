package dev.switchboard.gateway.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.UsageRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Points the official OpenAI Java SDK at the gateway and uses it the way an app would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiSdkCompatibilityTest {
  @TempDir static Path storeDir;
  private GatewayHarness harness;
  private OpenAIClient client;

  @BeforeAll
  void start() {
    harness = new GatewayHarness(storeDir);
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(harness.baseUrl() + "/v1")
            .apiKey("sk-client-not-checked-yet")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  void stop() {
    client.close();
    harness.close();
  }

  @BeforeEach
  void resetUpstream() {
    harness.upstream().resetAll();
  }

  @Test
  void listsTheConfiguredModels() {
    List<String> ids = client.models().list().data().stream().map(Model::id).collect(Collectors.toList());

    assertThat(ids).contains("openai/gpt-4o-mini", "openai/o3-mini", "deepseek/deepseek-r1");
    Model model = client.models().retrieve("openai/gpt-4o-mini");
    assertThat(model.ownedBy()).isEqualTo("openai");
  }

  @Test
  void plainChatCompletionParsesWithUsage() {
    stub("openai-chat-nonstream-reasoning.json", "application/json");

    ChatCompletion completion =
        client.chat().completions().create(params("openai/o3-mini").build());

    assertThat(completion.id()).startsWith("chatcmpl-");
    assertThat(completion.model()).isEqualTo("openai/o3-mini");
    assertThat(completion.choices()).hasSize(1);
    assertThat(completion.choices().get(0).message().content()).isPresent();
    assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(2320);
    UsageRecord record = harness.awaitRecord(completion.id());
    assertThat(record.usage().completionTokens()).isEqualTo(2320L);
  }

  @Test
  void streamedChatDeliversChunksAndUsage() {
    stub("openai-chat-stream-text-usage.sse", "text/event-stream");

    ChatCompletionCreateParams request =
        params("openai/gpt-4o-mini")
            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
            .build();
    List<ChatCompletionChunk> chunks;
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(request)) {
      chunks = stream.stream().collect(Collectors.toList());
    }

    String text =
        chunks.stream()
            .flatMap(c -> c.choices().stream())
            .map(choice -> choice.delta().content().orElse(""))
            .collect(Collectors.joining());
    assertThat(text).isNotBlank();
    ChatCompletionChunk last = chunks.get(chunks.size() - 1);
    assertThat(last.usage().orElseThrow().promptTokens()).isEqualTo(78);
    assertThat(harness.awaitRecord(last.id()).usage().completionTokens()).isEqualTo(9L);
  }

  @Test
  void unknownModelRaisesTheTypedNotFoundError() {
    assertThatThrownBy(() -> client.chat().completions().create(params("nobody/nothing").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("nobody/nothing");
  }

  @Test
  void badRequestRaisesTheTypedBadRequestError() {
    ChatCompletionCreateParams empty =
        ChatCompletionCreateParams.builder().model("openai/gpt-4o-mini").messages(List.of()).build();

    assertThatThrownBy(() -> client.chat().completions().create(empty))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("messages");
  }

  private void stub(String fixture, String contentType) {
    harness.upstream().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
        .withHeader("Content-Type", contentType)
        .withBody(GatewayHarness.fixture(fixture))));
  }

  private static ChatCompletionCreateParams.Builder params(String model) {
    return ChatCompletionCreateParams.builder()
        .model(model)
        .addUserMessage("What is the capital of France?")
        .user("sdk-user");
  }
}
