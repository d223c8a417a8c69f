package dev.switchboard.gateway.demo;

import dev.switchboard.gateway.demo.DemoModelProfile.Faults;
import dev.switchboard.telemetry.tokens.TokenCounter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers {@code POST /v1/chat/completions} like an OpenAI-compatible provider would. */
final class ChatCompletionHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionHandler.class);
  private static final TokenCounter COUNTER = TokenCounter.o200k();

  private static final long CACHED_PARAGRAPHS = 50_000;

  private final Vertx vertx;
  private final Map<String, DemoModelProfile> profiles;
  private final Clock clock;
  private final int wordsPerChunk;
  private final ChatRequestParser parser = new ChatRequestParser();
  private final CompletionPlanner planner =
      new CompletionPlanner(COUNTER, new SegmentCountCache(COUNTER, CACHED_PARAGRAPHS)::count);

  ChatCompletionHandler(Vertx vertx, Map<String, DemoModelProfile> profiles, Clock clock, int wordsPerChunk) {
    this.vertx = vertx;
    this.profiles = profiles;
    this.clock = clock;
    this.wordsPerChunk = wordsPerChunk;
  }

  @Override
  public void handle(RoutingContext ctx) {
    DemoRequest request;
    DemoModelProfile profile;
    try {
      request = parser.parse(ctx.body().asString());
      profile = profiles.get(request.model());
      if (profile == null) {
        throw DemoApiException.modelNotFound(request.model());
      }
    } catch (DemoApiException e) {
      respondError(ctx.response(), e);
      return;
    }
    // faults are drawn per attempt, apart from the answer, so a retried request can succeed
    double roll = ThreadLocalRandom.current().nextDouble();
    Faults faults = profile.faults();
    if (roll < faults.rateLimited()) {
      respondError(ctx.response(), new DemoApiException(429, "requests", null,
          "rate_limit_exceeded", "The simulated provider is rate limited; try again shortly."));
      return;
    }
    if (roll < faults.rateLimited() + faults.serverError()) {
      respondError(ctx.response(), new DemoApiException(500, "server_error", null, "server_error",
          "The simulated provider had an internal error."));
      return;
    }
    boolean breakOff = request.stream() && ThreadLocalRandom.current().nextDouble() < faults.midStream();
    vertx
        .executeBlocking(() -> planner.plan(request, profile), false)
        .onSuccess(completion -> respond(ctx.response(), request, profile, completion, breakOff))
        .onFailure(
            err -> {
              LOG.warn("demo completion failed for model {}", request.model(), err);
              String message = "The demo upstream failed.";
              respondError(
                  ctx.response(), new DemoApiException(500, "server_error", null, null, message));
            });
  }

  private void respond(
      HttpServerResponse response,
      DemoRequest request,
      DemoModelProfile profile,
      SimulatedCompletion completion,
      boolean breakOff) {
    String id = "chatcmpl-demo-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    long created = clock.instant().getEpochSecond();
    ChatCompletionJson json =
        new ChatCompletionJson(id, created, request.model(), request.includeUsage());
    Pacer pacer = new Pacer(vertx, profile);
    response.putHeader("x-request-id", "req_" + id.substring("chatcmpl-demo-".length()));
    if (request.stream()) {
      boolean includeUsage = request.includeUsage();
      new SseCompletionStream(response, json, completion, pacer, includeUsage, COUNTER, breakOff, wordsPerChunk)
          .start();
      return;
    }
    int reasoningTokens = completion.usage().reasoningTokens();
    int answerTokens = completion.usage().completionTokens() - reasoningTokens;
    long delay = pacer.firstByteMillis(reasoningTokens) + pacer.tokensMillis(answerTokens);
    String body = json.completion(completion);
    pacer.after(delay, () -> response.putHeader("content-type", "application/json").end(body));
  }

  private static void respondError(HttpServerResponse response, DemoApiException e) {
    response
        .setStatusCode(e.status())
        .putHeader("content-type", "application/json")
        .end(ChatCompletionJson.error(e));
  }
}
