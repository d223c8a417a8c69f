package dev.switchboard.gateway.dialect.responses;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.GatewayHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Speaks the Responses API to a {@link GatewayHarness} for tests: one WireMock playing each
 * provider family on paths of its own, recorded fixtures, and the server-sent events read back.
 */
final class ResponsesWire {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String RESPONSES = "/v1/responses";
  static final String CHAT_UPSTREAM = "/v1/chat/completions";
  static final String ANTHROPIC_UPSTREAM = "/anthropic/v1/messages";
  static final String GEMINI_STREAM = "/gem/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse";
  static final String GEMINI_PLAIN = "/gem/v1beta/models/gemini-2.0-flash:generateContent";
  static final String CLAUDE = "anthropic/claude-sonnet-4.5";

  private ResponsesWire() {}

  /** Adds an Anthropic and a Gemini provider to the harness's OpenAI-compatible one. */
  static GatewayHarness.Extra families(String root) {
    ProviderConfig anthropic =
        new ProviderConfig("anthropic", ProviderKind.ANTHROPIC, URI.create(root + "/anthropic/v1"),
            SecretRef.parse(GatewayHarness.UPSTREAM_KEY), Map.of(), null, null);
    ProviderConfig google =
        new ProviderConfig("google", ProviderKind.GEMINI, URI.create(root + "/gem/v1beta"),
            SecretRef.parse(GatewayHarness.UPSTREAM_KEY), Map.of(), null, null);
    return new GatewayHarness.Extra(
        List.of(anthropic, google),
        List.of(
            new ModelRoute(CLAUDE, List.of(new RouteTarget("anthropic", "claude-sonnet-4-5", null))),
            new ModelRoute("google/gemini-2.5-pro", List.of(new RouteTarget("google", "gemini-2.5-pro", null))),
            new ModelRoute("google/gemini-2.0-flash-001", List.of(new RouteTarget("google", "gemini-2.0-flash", null)))));
  }

  /** Posts a Responses request. */
  static HttpResponse<String> respond(GatewayHarness harness, String body) {
    return harness.post(RESPONSES, body, "Authorization", "Bearer sk-anything");
  }

  /** Makes the upstream answer {@code path} with {@code body}. */
  static void stub(GatewayHarness harness, String path, String body, String contentType) {
    harness.upstream().stubFor(post(urlEqualTo(path))
        .willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
  }

  /** Returns the body the upstream last received on {@code path}. */
  static JsonNode sentBody(GatewayHarness harness, String path) {
    List<LoggedRequest> sent = harness.upstream().findAll(postRequestedFor(urlEqualTo(path)));
    assertThat(sent).isNotEmpty();
    return read(sent.get(sent.size() - 1).getBodyAsString());
  }

  /** One server-sent event: its {@code event:} name and its JSON data. */
  record Event(String type, JsonNode data) {}

  static List<Event> events(String body) {
    List<Event> events = new ArrayList<>();
    for (String frame : body.split("\n\n")) {
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line : frame.split("\n")) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
      if (data.length() > 0) {
        events.add(new Event(name, read(data.toString())));
      }
    }
    return events;
  }

  static List<String> types(List<Event> events) {
    return events.stream().map(Event::type).toList();
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fixture(String family, String name) {
    try (InputStream in = ResponsesWire.class.getResourceAsStream("/fixtures/" + family + "/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + family + "/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
