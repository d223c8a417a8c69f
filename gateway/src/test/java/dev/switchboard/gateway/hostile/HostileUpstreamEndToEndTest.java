package dev.switchboard.gateway.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.switchboard.gateway.hostile.HostileUpstream.Behaviour;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.ProviderAttempt;
import dev.switchboard.telemetry.UsageRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Puts the real gateway in front of an upstream that misbehaves in every way issue 15 lists and
 * checks what the client sees (status and its dialect's error shape), what is recorded, and that
 * a fallback target then serves. The upstream caps here are 1 MiB per answer, 256 KiB per event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileUpstreamEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private WireMockServer elsewhere;
  private HostileUpstream upstream;
  private HostileHarness gateway;

  @BeforeAll
  void start() {
    elsewhere = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    elsewhere.start();
    upstream = HostileUpstream.start(0, 7, "http://localhost:" + elsewhere.port() + "/v1/chat/completions");
    gateway = new HostileHarness(upstream, dir);
  }

  @AfterAll
  void stop() {
    gateway.close();
    upstream.close();
    elsewhere.stop();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static String cap(Behaviour b) {
    return b == Behaviour.HUGE_EVENT ? "262144 bytes (server.max_upstream_event_bytes)" : "1048576 bytes (server.max_upstream_body_bytes)";
  }

  private void assertCutOffAsOpenAiError(Behaviour behaviour, boolean stream) {
    HttpResponse<String> response = gateway.chat("h/" + behaviour.segment() + "/alone", stream);

    assertThat(response.statusCode()).as(behaviour + " stream=" + stream).isEqualTo(502);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("upstream_too_large");
    assertThat(error.get("message").asText()).contains("limit of " + cap(behaviour));
    UsageRecord record = gateway.recordOf(response);
    assertThat(record.outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
    assertThat(record.providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple(behaviour.segment(), "bad_response"));
  }

  @Test
  void aBodyThatNeverEndsIsCutAtTheCapWithA502NamingTheLimit() {
    assertCutOffAsOpenAiError(Behaviour.HUGE_BODY, false);
  }

  @Test
  void aDeclaredGibibyteIsRefusedBeforeReading() {
    assertCutOffAsOpenAiError(Behaviour.HUGE_DECLARED, false);
  }

  @Test
  void plainJsonThatNeverEndsAnsweringAStreamedRequestIsCutAtTheCap() {
    assertCutOffAsOpenAiError(Behaviour.HUGE_BODY, true);
  }

  @Test
  void anErrorBodyThatNeverEndsIsCutAtTheCap() {
    assertCutOffAsOpenAiError(Behaviour.HUGE_ERROR, false);
  }

  @Test
  void anEventThatNeverEndsIsCutAtTheEventCapBeforeAnythingIsRelayed() {
    assertCutOffAsOpenAiError(Behaviour.HUGE_EVENT, true);
  }

  @Test
  void aGzipBombIsCountedInflatedAndCutAtTheCap() {
    assertCutOffAsOpenAiError(Behaviour.GZIP_BOMB, false);
  }

  @Test
  void anOverCapAnswerInTheMessagesDialectIsAnAnthropicShaped502() {
    HttpResponse<String> response = gateway.messages("a/huge-body/alone", false);

    assertThat(response.statusCode()).isEqualTo(502);
    JsonNode body = json(response.body());
    assertThat(body.get("type").asText()).isEqualTo("error");
    assertThat(body.at("/error/type").asText()).isEqualTo("api_error");
    assertThat(body.at("/error/message").asText()).contains("limit of 1048576 bytes (server.max_upstream_body_bytes)");
    assertThat(gateway.recordOf(response).outcome()).isEqualTo(Outcome.UPSTREAM_ERROR);
  }

  @Test
  void afterAnOverCapAnswerTheFallbackTargetServes() {
    HttpResponse<String> chat = gateway.chat("h/huge-body", false);
    HttpResponse<String> streamed = gateway.chat("h/huge-event", true);
    HttpResponse<String> messages = gateway.messages("a/huge-declared", false);

    assertThat(chat.statusCode()).isEqualTo(200);
    assertThat(json(chat.body()).at("/choices/0/message/content").asText()).isEqualTo("Paris.");
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).contains("Paris.").endsWith("data: [DONE]\n\n");
    assertThat(messages.statusCode()).isEqualTo(200);
    assertThat(json(messages.body()).at("/content/0/text").asText()).isEqualTo("Paris.");
    assertThat(gateway.recordOf(chat).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("huge-body", "bad_response"), tuple("ok", null));
    assertThat(gateway.recordOf(messages).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("a-huge-declared", "bad_response"), tuple("a-ok", null));
  }

  @Test
  void aStreamThatSendsNothingAfterItsHeadersHitsTheFirstByteLimitAndFallsBack() {
    HttpResponse<String> response = gateway.chat("h/silent", true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Paris.");
    assertThat(gateway.recordOf(response).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("silent", "timeout_first_byte"), tuple("ok", null));
  }

  @Test
  void commentsForeverAreNotData() {
    HttpResponse<String> onlyComments = gateway.chat("h/comments", true);
    HttpResponse<String> dataThenComments = gateway.chat("h/data-then-comments/alone", true);

    assertThat(gateway.recordOf(onlyComments).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("comments", "timeout_first_byte"), tuple("ok", null));
    // the first chunk went out already: the stream ends with an error event, no retry
    assertThat(dataThenComments.body()).contains("Paris.").contains("stalled").doesNotContain("[DONE]");
    assertThat(gateway.recordOf(dataThenComments).providerAttempts())
        .extracting(ProviderAttempt::provider, ProviderAttempt::errorType)
        .containsExactly(tuple("data-then-comments", "timeout_idle"));
  }

  @Test
  void anHtmlPageWithStatus200IsABadResponse() {
    HttpResponse<String> response = gateway.chat("h/html/alone", false);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("bad_response");
  }

  @Test
  void aMissingContentTypeIsReadByShape() {
    HttpResponse<String> whole = gateway.chat("h/no-content-type/alone", false);
    HttpResponse<String> messages = gateway.messages("a/no-content-type/alone", false);

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(json(whole.body()).at("/choices/0/message/content").asText()).isEqualTo("Paris.");
    assertThat(messages.statusCode()).isEqualTo(200);
  }

  @Test
  void invalidUtf8IsRefusedInAWholeAnswerAndReplacedInAStream() {
    HttpResponse<String> whole = gateway.chat("h/invalid-utf8/alone", false);
    HttpResponse<String> streamed = gateway.chat("h/invalid-utf8/alone", true);

    // RFC 8259 §8.1: JSON text exchanged between systems must be UTF-8; Jackson refuses it
    assertThat(whole.statusCode()).isEqualTo(502);
    assertThat(json(whole.body()).at("/error/code").asText()).isEqualTo("bad_response");
    // WHATWG event streams decode with replacement: the client gets U+FFFD, the answer goes on
    assertThat(streamed.statusCode()).isEqualTo(200);
    assertThat(streamed.body()).contains("\uFFFD").contains("Paris.").endsWith("data: [DONE]\n\n");
  }

  @Test
  void duplicateKeysTakeTheLastValueAsJsonParseDoes() {
    HttpResponse<String> response = gateway.chat("h/duplicate-keys/alone", false);

    assertThat(response.statusCode()).isEqualTo(200);
    UsageRecord record = gateway.recordOf(response);
    assertThat(record.usage().promptTokens()).isEqualTo(12);
    assertThat(record.usage().completionTokens()).isEqualTo(2);
  }

  @Test
  void absurdTokenCountsAreRecordedAsNotReportedAndCounted() {
    HttpResponse<String> chat = gateway.chat("h/absurd-usage/alone", false);
    HttpResponse<String> streamed = gateway.chat("h/absurd-usage/alone", true);
    HttpResponse<String> messages = gateway.messages("a/absurd-usage/alone", false);

    for (HttpResponse<String> response : java.util.List.of(chat, streamed, messages)) {
      assertThat(response.statusCode()).isEqualTo(200);
      UsageRecord record = gateway.recordOf(response);
      assertThat(record.usage().isReported()).isFalse();
      assertThat(record.costUsd()).isNull();
      assertThat(record.normalizedCompletionTokens()).isPositive(); // our own count still stands
    }
    assertThat(gateway.get("/metrics").body())
        .contains("switchboard_usage_refused_total{provider=\"absurd-usage\"} 2.0")
        .contains("switchboard_usage_refused_total{provider=\"a-absurd-usage\"} 1.0");
  }

  @Test
  void aRetryAfterOfAYearIsCappedAtAnHour() {
    HttpResponse<String> alone = gateway.chat("h/retry-a-year/alone", false);
    HttpResponse<String> withFallback = gateway.chat("h/retry-a-year", false);

    assertThat(alone.statusCode()).isEqualTo(429);
    assertThat(alone.headers().firstValue("retry-after")).hasValue("3600");
    assertThat(withFallback.statusCode()).isEqualTo(200);
  }

  @Test
  void aRedirectIsNeverFollowed() {
    HttpResponse<String> alone = gateway.chat("h/redirect/alone", false);
    HttpResponse<String> withFallback = gateway.messages("a/redirect", false);

    assertThat(alone.statusCode()).isEqualTo(502);
    assertThat(withFallback.statusCode()).isEqualTo(200);
    assertThat(elsewhere.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBrotliBodyTheGatewayNeverAskedForIsABadResponse() {
    HttpResponse<String> response = gateway.chat("h/brotli/alone", false);

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("bad_response");
  }

  @Test
  void anAnswerCutOffHalfwayIsAnUpstreamFailureAndFallsBack() {
    HttpResponse<String> response = gateway.chat("h/cut-off", false);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(gateway.recordOf(response).providerAttempts()).hasSize(2);
  }

  @Test
  void anAttemptGivenUpClosesItsUpstreamConnectionInEveryAdapter() throws InterruptedException {
    // found by the fault soak: Anthropic and Gemini kept a timed-out whole answer's connection,
    // so comment-only upstreams filled the pool and every later request timed out
    HttpResponse<String> anthropic = gateway.messages("a/comments/alone", false);
    HttpResponse<String> openAi = gateway.chat("h/comments/alone", false);

    assertThat(anthropic.statusCode()).isEqualTo(504);
    assertThat(openAi.statusCode()).isEqualTo(504);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (upstream.open(Behaviour.COMMENTS) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(upstream.open(Behaviour.COMMENTS)).isZero();
  }
}
