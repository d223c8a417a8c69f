package dev.switchboard.gateway.auth;

import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.KeyedGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs traffic with the provider key, the admin key and gateway keys, then searches every log
 * line, every response (body and headers) and every stored row for any of the secrets.
 */
class SecretRedactionTest {
  private static final String MINI = "openai/gpt-4o-mini";

  @TempDir Path storeDir;

  @Test
  void noSecretAppearsInLogsResponsesOrStoredRows() throws Exception {
    LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger ours = logs.getLogger("dev.switchboard");
    Level previous = ours.getLevel();
    ours.setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(logs);
    captured.start();
    root.addAppender(captured);
    List<HttpResponse<String>> responses = new ArrayList<>();
    List<String> secrets = new ArrayList<>(List.of(
        GatewayHarness.UPSTREAM_KEY, KeyedGateway.ADMIN_KEY, KeyedGateway.STATIC_KEY));
    String hashOfFirst;
    try (KeyedGateway gateway = new KeyedGateway(storeDir)) {
      gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
      JsonNode live = createdWithoutSecret(gateway, "{\"name\":\"live\",\"country\":\"FR\"}", secrets);
      JsonNode revoked = createdWithoutSecret(gateway, "{\"name\":\"revoked\"}", secrets);
      String liveSecret = secrets.get(3);
      String revokedSecret = secrets.get(4);
      hashOfFirst = KeySecret.hex(KeySecret.hash(liveSecret));
      responses.add(gateway.admin("DELETE", "/v1/admin/keys/" + revoked.get("id").asText(), null));

      HttpResponse<String> ok = gateway.chat(liveSecret, chatBody(MINI, false));
      responses.add(ok);
      responses.add(gateway.chat(KeyedGateway.STATIC_KEY, chatBody(MINI, false)));
      responses.add(gateway.chat(revokedSecret, chatBody(MINI, false)));
      responses.add(gateway.chat(liveSecret + "x", chatBody(MINI, false)));
      responses.add(gateway.chat(KeyedGateway.ADMIN_KEY, chatBody(MINI, false)));
      responses.add(gateway.chat(liveSecret, chatBody("dead/model", false)));
      responses.add(gateway.chat(liveSecret, chatBody("unset/model", false)));
      responses.add(gateway.chat(liveSecret, "{not json"));
      responses.add(gateway.harness().request("GET", "/v1/admin/keys", null, "Authorization", "Bearer " + liveSecret));
      gateway.harness().upstream().resetAll();
      gateway.stubUpstream("openai-chat-stream-text-usage.sse");
      HttpResponse<String> streamed = gateway.chat(liveSecret, chatBody(MINI, true));
      responses.add(streamed);
      gateway.harness().awaitRecord(responseId(streamed));
      gateway.harness().awaitRecord(responseId(ok));

      responses.add(gateway.harness().request("GET", "/v1/models", null, "Authorization", "Bearer " + liveSecret));
      responses.add(gateway.harness().request("GET", "/v1/stats/overview", null, "Authorization", "Bearer " + liveSecret));
      responses.add(gateway.admin("GET", "/v1/stats/overview", null));
      responses.add(gateway.admin("GET", "/v1/admin/keys", null));
      responses.add(gateway.admin("GET", "/v1/admin/keys/" + live.get("id").asText(), null));
      responses.add(gateway.harness().get("/metrics"));

      // the upstream did get the provider key: the search below is for a value that was in play
      assertThat(gateway.harness().upstream().getAllServeEvents())
          .anySatisfy(e -> assertThat(e.getRequest().getHeader("Authorization"))
              .isEqualTo("Bearer " + GatewayHarness.UPSTREAM_KEY));
      List<String> rows = storedRows(gateway);
      assertThat(String.join("\n", rows)).contains(hashOfFirst).contains(live.get("id").asText());
      for (String secret : secrets) {
        assertThat(rows).noneMatch(row -> row.contains(secret));
      }
    } finally {
      root.detachAppender(captured);
      ours.setLevel(previous);
    }

    List<String> lines = captured.list.stream().map(SecretRedactionTest::fullText).toList();
    assertThat(lines).anyMatch(line -> line.contains("created gateway key")); // capture works
    for (String secret : secrets) {
      assertThat(lines).as("logs").noneMatch(line -> line.contains(secret));
      for (HttpResponse<String> r : responses) {
        assertThat(r.body()).as("body of %s", r.uri()).doesNotContain(secret);
        assertThat(r.headers().map().toString()).as("headers of %s", r.uri()).doesNotContain(secret);
      }
    }
    assertThat(responses).hasSize(17);
  }

  /** Creates a key, keeps its secret for the search, and checks it is in the answer only once. */
  private static JsonNode createdWithoutSecret(KeyedGateway gateway, String json, List<String> secrets) {
    HttpResponse<String> response = gateway.admin("POST", "/v1/admin/keys", json);
    JsonNode created = read(response.body());
    String secret = created.get("key").asText();
    assertThat(response.body().split(java.util.regex.Pattern.quote(secret), -1)).hasSize(2);
    secrets.add(secret);
    ((ObjectNode) created).remove("key");
    assertThat(created.toString()).doesNotContain(secret);
    return created;
  }

  private static List<String> storedRows(KeyedGateway gateway) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = gateway.harness().gateway().state().reader();
        Statement s = c.createStatement()) {
      for (String table : List.of("usage_records", "api_keys", "key_spend", "stored_bodies")) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder(table).append(':');
            for (int i = 1; i <= columns; i++) {
              row.append(rs.getString(i)).append('|');
            }
            rows.add(row.toString());
          }
        }
      }
    }
    return rows;
  }

  private static String fullText(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
    }
    if (event.getKeyValuePairs() != null) {
      text.append(' ').append(event.getKeyValuePairs());
    }
    return text.toString();
  }
}
