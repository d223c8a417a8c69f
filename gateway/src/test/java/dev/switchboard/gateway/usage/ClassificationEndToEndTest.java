package dev.switchboard.gateway.usage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Sends requests through the real server and checks that their stored records are classified. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassificationEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "/v1/chat/completions";

  @TempDir static Path storeDir;
  private GatewayHarness harness;

  @BeforeAll
  void start() {
    harness = new GatewayHarness(storeDir);
    harness.upstream().stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(GatewayHarness.fixture("openai-chat-nonstream-reasoning.json"))));
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @Test
  void answeredRequestIsStoredWithCategoryTagsAndLanguage() throws Exception {
    String body = """
        {"model":"openai/gpt-4o-mini","messages":[
          {"role":"system","content":"You are a senior engineer helping with code review."},
          {"role":"user","content":[{"type":"text","text":"这段 Python 代码为什么会报错？\\n```python\\nitems = None\\nfor x in items:\\n    print(x)\\n```\\nTypeError: 'NoneType' object is not iterable"}]}],
         "tools":[{"type":"function","function":{"name":"read_file","parameters":{"type":"object"}}}]}
        """;
    HttpResponse<String> response = harness.post(CHAT, body);
    assertThat(response.statusCode()).isEqualTo(200);

    UsageRecord record = harness.awaitRecord(JSON.readTree(response.body()).get("id").asText());
    Classification c = record.classification();
    assertThat(c.category()).isEqualTo(Category.PROGRAMMING);
    assertThat(c.confidence()).isGreaterThan(0.0);
    assertThat(c.tags()).extracting(Classification.Tag::name).contains("Programming/debugging");
    assertThat(c.language()).isEqualTo("zh-Hans");
    assertThat(c.unclassifiedReason()).isNull();
  }

  @Test
  void requestThatNeverParsedIsStoredUnclassifiedWithAReason() {
    HttpResponse<String> response = harness.post(CHAT, "{not json");
    assertThat(response.statusCode()).isEqualTo(400);

    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.classification().isClassified()).isFalse();
    assertThat(record.classification().unclassifiedReason()).isEqualTo(UsageRecorder.NO_REQUEST);
  }

  @Test
  void shedCounterIsExported() {
    assertThat(harness.get("/metrics").body()).contains("switchboard_classifier_shed_total");
  }
}
