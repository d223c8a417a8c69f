package dev.switchboard.gateway.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.ChatRequestParser;
import dev.switchboard.gateway.api.IngressOrigin;
import dev.switchboard.gateway.provider.ChatCompletion;
import dev.switchboard.gateway.provider.UpstreamError;
import dev.switchboard.gateway.routing.Dispatch;
import dev.switchboard.gateway.routing.DispatchResult;
import dev.switchboard.gateway.routing.Dispatcher;
import dev.switchboard.gateway.routing.ResolvedRoute;
import dev.switchboard.gateway.routing.RouteRequest;
import dev.switchboard.gateway.usage.UsageDraft;
import dev.switchboard.gateway.usage.UsageRecorder;
import dev.switchboard.telemetry.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Sends labelling requests through the gateway's own routing (retries, fallbacks, breakers,
 * provider adapters) on the judge's event loop, in process, and records each call as the gateway's
 * own traffic: key {@value Judge#KEY_ID}, app {@value Judge#APP}, left unclassified so category
 * analyses never count it and never judged. Confined to its context.
 */
final class JudgeClient {
  private final Context context;
  private final Dispatcher dispatcher;
  private final RouteRequest route;
  private final UsageRecorder recorder;
  private final JudgeBudget budget;

  JudgeClient(Context context, Dispatcher dispatcher, ResolvedRoute route, UsageRecorder recorder, JudgeBudget budget) {
    this.context = context;
    this.dispatcher = dispatcher;
    this.route = RouteRequest.of(route);
    this.recorder = recorder;
    this.budget = budget;
  }

  /** Returns the event loop the calls run on. */
  Context context() {
    return context;
  }

  /** One labelling call: its answer's text, and a way to give it up. */
  interface Call {
    /** Completes with the judge's answer text; fails when no answer came. */
    Future<String> answer();

    /** Gives the call up (on the judge's context): its upstream request is reset and recorded cancelled. */
    void cancel();
  }

  /** Starts labelling {@code excerpt}; call on {@link #context()}. */
  Call label(String excerpt) {
    String model = route.primary().name();
    ObjectNode body = LabellingPrompt.body(model, excerpt);
    ChatRequest request = ChatRequestParser.parse(body, IngressOrigin.chat(body));
    UsageDraft draft = recorder.open(Judge.APP);
    draft.caller(Judge.KEY_ID, null, null);
    draft.leaveUnclassified(Judge.UNCLASSIFIED_REASON);
    draft.request(request);
    Promise<String> answer = Promise.promise();
    Dispatch<ChatCompletion> dispatch = dispatcher.complete(request, draft.id(), route);
    dispatch.result().onComplete(ended -> {
      String text = ended.succeeded() ? settle(draft, ended.result()) : null;
      draft.outcome(500, Outcome.GATEWAY_ERROR, "server_error"); // kept only when nothing set it
      recorder.finish(draft);
      budget.spend(draft.cost());
      if (text != null) {
        answer.tryComplete(text);
      } else {
        answer.tryFail("judge call " + draft.id() + " ended without an answer");
      }
    });
    return new Call() {
      @Override
      public Future<String> answer() {
        return answer.future();
      }

      @Override
      public void cancel() {
        dispatch.cancel();
      }
    };
  }

  /** Notes how the dispatch ended on the judge's draft; returns the answer text when one came. */
  private static String settle(UsageDraft draft, DispatchResult<ChatCompletion> result) {
    draft.attempts(result.attempts());
    if (result.target() != null) {
      draft.target(result.target());
    }
    switch (result.status()) {
      case SERVED -> {
        ChatCompletion completion = result.value();
        draft.answer(completion.summary(), completion.completionText());
        draft.outcome(200, Outcome.SUCCESS, null);
        return completion.body().path("choices").path(0).path("message").path("content").asText("");
      }
      case FAILED -> {
        UpstreamError error = result.failure().error();
        draft.outcome(error.httpStatus() >= 400 ? error.httpStatus() : 502, Outcome.UPSTREAM_ERROR, "upstream_error");
      }
      case REJECTED -> draft.outcome(404, Outcome.CLIENT_ERROR, "invalid_request_error");
      case CANCELLED -> draft.outcome(499, Outcome.CANCELLED, "cancelled");
    }
    return null;
  }
}
