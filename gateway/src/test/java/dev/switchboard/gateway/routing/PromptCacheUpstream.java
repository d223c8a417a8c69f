package dev.switchboard.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.switchboard.gateway.api.JsonCodec;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs an OpenAI-compatible WireMock upstream with a prompt cache like a provider's: a request's
 * longest message prefix that this upstream has seen before is reported as {@code cached_tokens}
 * (its own cache only, as a deployment's cache is). Tokens are counted as four characters each plus
 * four per message.
 */
final class PromptCacheUpstream implements AutoCloseable {
  private final WireMockServer server;

  PromptCacheUpstream() {
    server =
        new WireMockServer(
            WireMockConfiguration.options().dynamicPort().extensions(new Cache()));
    server.start();
    server.stubFor(post(urlEqualTo(RoutingHarness.CHAT)).willReturn(aResponse().withTransformers(Cache.NAME)));
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Answers every chat request with usage that reports the cached prefix. */
  private static final class Cache implements ResponseDefinitionTransformerV2 {
    static final String NAME = "prompt-cache";
    private final Set<String> seen = new HashSet<>();

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
      JsonNode body;
      try {
        body = JsonCodec.mapper().readTree(event.getRequest().getBodyAsString());
      } catch (Exception e) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(400).build();
      }
      StringBuilder prefix = new StringBuilder(body.path("model").asText()).append('\n');
      long prompt = 0;
      long cached = 0;
      Set<String> prefixes = new HashSet<>();
      for (JsonNode message : body.path("messages")) {
        prefix.append(message).append('\n');
        prompt += message.path("content").asText("").length() / 4 + 4;
        String key = prefix.toString();
        if (seen.contains(key)) {
          cached = prompt;
        }
        prefixes.add(key);
      }
      seen.addAll(prefixes);
      ObjectNode answer = JsonCodec.object();
      answer.put("id", "chatcmpl-cache").put("object", "chat.completion").put("created", 1_776_000_000L);
      answer.put("model", body.path("model").asText());
      ObjectNode choice = answer.putArray("choices").addObject();
      choice.put("index", 0).put("finish_reason", "stop");
      choice.putObject("message").put("role", "assistant").put("content", "Done.");
      ObjectNode usage = answer.putObject("usage");
      usage.put("prompt_tokens", prompt).put("completion_tokens", 2).put("total_tokens", prompt + 2);
      usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
      return ResponseDefinitionBuilder.responseDefinition()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(answer.toString())
          .build();
    }
  }
}
