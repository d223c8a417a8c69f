package dev.switchboard.gateway.teams;

import static dev.switchboard.gateway.KeyedGateway.chatBody;
import static dev.switchboard.gateway.KeyedGateway.read;
import static dev.switchboard.gateway.KeyedGateway.responseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.KeyedGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks request tags through the real server: read from the header and {@code metadata.tags},
 * normalized, recorded on the usage record, filtered and grouped in {@code /v1/stats/tags}, and
 * capped by tag budgets set with {@code /v1/admin/tags/{tag}}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TagsEndToEndTest {
  private static final String MINI = "openai/gpt-4o-mini";
  // openai-chat-nonstream-reasoning.json: 577 prompt + 2,320 completion tokens at $0.15/$0.60 per 1M
  private static final double COST = (577 * 0.15 + 2320 * 0.6) / 1e6;

  @TempDir static Path storeDir;
  private KeyedGateway gateway;
  private String secret;

  @BeforeAll
  void start() {
    gateway = new KeyedGateway(storeDir);
    gateway.stubUpstream("openai-chat-nonstream-reasoning.json");
    secret = gateway.createKey("{\"name\":\"tagger\"}").get("key").asText();
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void tagsFromTheHeaderAndMetadataAreNormalizedRecordedAndFilterableInStats() {
    String withMetadata = chatBody(MINI, false).replace("\"user\":", "\"metadata\":{\"tags\":[\"Eval.V2\",\"batch\"]},\"user\":");
    HttpResponse<String> tagged = gateway.chat(secret, withMetadata, RequestTags.HEADER, " Batch , ML!,, ");
    HttpResponse<String> commaString = gateway.chat(secret,
        chatBody(MINI, false).replace("\"user\":", "\"metadata\":{\"tags\":\"ml,nightly\"},\"user\":"));
    HttpResponse<String> untagged = gateway.chat(secret, chatBody(MINI, false));

    assertThat(gateway.harness().awaitRecord(responseId(tagged)).tags()).isEqualTo("batch,ml,eval.v2");
    assertThat(gateway.harness().awaitRecord(responseId(commaString)).tags()).isEqualTo("ml,nightly");
    assertThat(gateway.harness().awaitRecord(responseId(untagged)).tags()).isNull();

    JsonNode stats = read(gateway.admin("GET", "/v1/stats/tags?from=2026-03-10&to=2026-03-11&tag=ml,nightly", null).body());
    List<String> perTag = new ArrayList<>();
    for (JsonNode row : stats.get("series").get(0).get("rows")) {
      perTag.add(row.get("tag").asText() + "=" + row.get("requests").asInt());
    }
    // the two records tagged ml or nightly, each counted once per tag it carries
    assertThat(perTag).containsExactlyInAnyOrder("ml=2", "batch=1", "eval.v2=1", "nightly=1");
    JsonNode unfiltered = read(gateway.admin("GET", "/v1/stats/tags?from=2026-03-10&to=2026-03-11", null).body());
    assertThat(unfiltered.get("series").get(0).get("rows").findValuesAsText("tag")).contains("untagged");
  }

  @Test
  void aTagBudgetRefusesTaggedRequestsOnlyAndNamesTheTag() {
    expectStatus(gateway.admin("PUT", "/v1/admin/tags/Not%20A%20Tag", "{\"budget_usd_day\":1}"), 400);
    expectStatus(gateway.admin("PUT", "/v1/admin/tags/capped", "{\"budget_usd_week\":1}"), 400);
    expectStatus(gateway.admin("PUT", "/v1/admin/tags/capped", "{\"budget_usd_day\":-1}"), 400);
    expectStatus(gateway.harness().request("PUT", "/v1/admin/tags/capped", "{\"budget_usd_day\":1}",
        "Authorization", "Bearer " + secret), 403);
    JsonNode set = read(gateway.admin("PUT", "/v1/admin/tags/capped", "{\"budget_usd_day\":" + COST / 2 + "}").body());
    assertThat(set.get("budget_usd_day").asDouble()).isEqualTo(COST / 2);

    HttpResponse<String> first = gateway.chat(secret, chatBody(MINI, false), RequestTags.HEADER, "capped");
    expectStatus(first, 200);
    gateway.harness().awaitRecord(responseId(first));
    HttpResponse<String> refused = gateway.chat(secret, chatBody(MINI, false), RequestTags.HEADER, "other,CAPPED");
    expectStatus(refused, 402);
    assertThat(read(refused.body()).get("error").get("message").asText()).isEqualTo(
        "Tag 'capped' daily budget of $" + GovernanceErrors.usd(COST / 2) + " reached: spent $"
            + GovernanceErrors.usd(COST) + ". Requests are refused until the budget resets at 2026-03-11T00:00:00Z.");
    HttpResponse<String> fromMetadata = gateway.chat(secret,
        chatBody(MINI, false).replace("\"user\":", "\"metadata\":{\"tags\":\"capped\"},\"user\":"));
    expectStatus(fromMetadata, 402);
    expectStatus(gateway.chat(secret, chatBody(MINI, false), RequestTags.HEADER, "other"), 200);

    JsonNode read = read(gateway.admin("GET", "/v1/admin/tags/capped", null).body());
    assertThat(read.get("spend").get("day_usd").asDouble()).isCloseTo(COST, within(1e-12));
    assertThat(read(gateway.admin("GET", "/v1/admin/tags", null).body()).get("data").findValuesAsText("tag"))
        .containsExactly("capped");
    expectStatus(gateway.admin("DELETE", "/v1/admin/tags/capped", null), 200);
    expectStatus(gateway.chat(secret, chatBody(MINI, false), RequestTags.HEADER, "capped"), 200);
  }

  private static void expectStatus(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
  }
}
