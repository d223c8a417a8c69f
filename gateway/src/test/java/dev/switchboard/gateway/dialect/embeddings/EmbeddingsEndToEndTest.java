package dev.switchboard.gateway.dialect.embeddings;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.AwsAccount;
import dev.switchboard.config.GcpAccount;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SecretRef;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.telemetry.Outcome;
import dev.switchboard.telemetry.UsageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends OpenAI-shaped embedding requests through the real gateway to WireMock playing
 * OpenAI-compatible, Gemini, Vertex AI and Bedrock (Titan, Cohere) embedding APIs, and checks the
 * vectors, what was sent upstream, fallbacks, and the records ({@code api = embeddings}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddingsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TITAN = "/model/amazon.titan-embed-text-v2%3A0/invoke";
  private static final String COHERE = "/model/cohere.embed-english-v3/invoke";
  private static final String VERTEX =
      "/vertex/v1/projects/acme-ai/locations/us-central1/publishers/google/models/text-embedding-005:predict";

  @TempDir static Path storeDir;
  private GatewayHarness harness;

  @BeforeAll
  void start() {
    harness =
        new GatewayHarness(
            storeDir,
            root ->
                new GatewayHarness.Extra(
                    List.of(
                        new ProviderConfig("google", ProviderKind.GEMINI, URI.create(root + "/v1beta"),
                            SecretRef.parse("AIza-test"), Map.of()),
                        new ProviderConfig("aws", ProviderKind.BEDROCK, URI.create(root), SecretRef.none(),
                            Map.of(), null, null,
                            new AwsAccount("us-east-1", SecretRef.parse("AKIDEXAMPLE"),
                                SecretRef.parse("secret"), SecretRef.none(), null)),
                        new ProviderConfig("gcp", ProviderKind.VERTEX, URI.create(root + "/vertex/v1"),
                            SecretRef.none(), Map.of(), null, null,
                            new GcpAccount("acme-ai", "us-central1", null, null, SecretRef.parse("ya29.token")))),
                    List.of(
                        new ModelRoute("openai/text-embedding-3-small",
                            List.of(new RouteTarget("mock", "text-embedding-3-small", null))),
                        new ModelRoute("google/gemini-embedding-001",
                            List.of(new RouteTarget("google", "gemini-embedding-001", null))),
                        new ModelRoute("amazon/titan-embed-text-v2",
                            List.of(new RouteTarget("aws", "amazon.titan-embed-text-v2:0", null))),
                        new ModelRoute("cohere/embed-english-v3",
                            List.of(new RouteTarget("aws", "cohere.embed-english-v3", null))),
                        new ModelRoute("google/text-embedding-005",
                            List.of(new RouteTarget("gcp", "text-embedding-005", null))),
                        new ModelRoute("fallback/embedding",
                            List.of(new RouteTarget("aws", "amazon.titan-embed-text-v2:0", null),
                                new RouteTarget("mock", "text-embedding-3-small", null))))));
  }

  @AfterAll
  void stop() {
    harness.close();
  }

  @BeforeEach
  void resetUpstream() {
    harness.upstream().resetAll();
  }

  @Test
  void openAiCompatibleEmbeddingsComeBackAsSentAndAreRecorded() throws Exception {
    stub("/v1/embeddings", "openai-embeddings.json", Map.of());

    HttpResponse<String> response =
        harness.post(
            "/v1/embeddings",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":[\"hello\",\"world\"],\"dimensions\":4,\"user\":\"u-1\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("object").asText()).isEqualTo("list");
    assertThat(body.get("model").asText()).isEqualTo("openai/text-embedding-3-small");
    assertThat(body.at("/data/1/index").asInt()).isEqualTo(1);
    assertThat(body.at("/data/0/embedding/0").asDouble()).isEqualTo(0.0023064255, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(8);
    assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(8);
    harness.upstream().verify(
        postRequestedFor(urlEqualTo("/v1/embeddings"))
            .withHeader("Authorization", equalTo("Bearer " + GatewayHarness.UPSTREAM_KEY))
            .withRequestBody(matchingJsonPath("$.model", equalTo("text-embedding-3-small")))
            .withRequestBody(matchingJsonPath("$.input[1]", equalTo("world")))
            .withRequestBody(matchingJsonPath("$.dimensions", equalTo("4")))
            .withRequestBody(matchingJsonPath("$.encoding_format", equalTo("float"))));

    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.api()).isEqualTo("embeddings");
    assertThat(record.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(record.usage().promptTokens()).isEqualTo(8);
    assertThat(record.usage().completionTokens()).isEqualTo(0);
    assertThat(record.costUsd()).isCloseTo(8 * 0.02 / 1_000_000, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(record.model().catalogId()).isEqualTo("openai/text-embedding-3-small");
    assertThat(record.endUser()).isEqualTo("u-1");
    assertThat(record.streamed()).isFalse();
  }

  @Test
  void base64EncodingIsLittleEndianFloat32LikeOpenAis() throws Exception {
    stub("/v1/embeddings", "openai-embeddings.json", Map.of());

    HttpResponse<String> response =
        harness.post(
            "/v1/embeddings",
            "{\"model\":\"openai/text-embedding-3-small\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}");

    ByteBuffer bytes =
        ByteBuffer.wrap(Base64.getDecoder().decode(JSON.readTree(response.body()).at("/data/0/embedding").asText()))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes.remaining()).isEqualTo(16);
    assertThat(bytes.getFloat()).isEqualTo(0.0023064255f);
    assertThat(bytes.getFloat()).isEqualTo(-0.009327292f);
  }

  @Test
  void geminiEmbedsOneTextWithEmbedContentAndAListWithBatchEmbedContents() throws Exception {
    stub("/v1beta/models/gemini-embedding-001:embedContent", "gemini-embed-content.json", Map.of());
    stub("/v1beta/models/gemini-embedding-001:batchEmbedContents", "gemini-batch-embed-contents.json", Map.of());

    HttpResponse<String> one =
        harness.post("/v1/embeddings", "{\"model\":\"google/gemini-embedding-001\",\"input\":\"hello\"}");
    HttpResponse<String> two =
        harness.post(
            "/v1/embeddings",
            "{\"model\":\"google/gemini-embedding-001\",\"input\":[\"hello\",\"world\"],\"dimensions\":768}");

    assertThat(JSON.readTree(one.body()).get("data")).hasSize(1);
    assertThat(JSON.readTree(two.body()).get("data")).hasSize(2);
    harness.upstream().verify(
        postRequestedFor(urlEqualTo("/v1beta/models/gemini-embedding-001:embedContent"))
            .withHeader("x-goog-api-key", equalTo("AIza-test"))
            .withRequestBody(matchingJsonPath("$.content.parts[0].text", equalTo("hello"))));
    harness.upstream().verify(
        postRequestedFor(urlEqualTo("/v1beta/models/gemini-embedding-001:batchEmbedContents"))
            .withRequestBody(matchingJsonPath("$.requests[1].model", equalTo("models/gemini-embedding-001")))
            .withRequestBody(matchingJsonPath("$.requests[1].content.parts[0].text", equalTo("world")))
            .withRequestBody(matchingJsonPath("$.requests[1].outputDimensionality", equalTo("768"))));
    UsageRecord record = harness.awaitRecord(two.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.api()).isEqualTo("embeddings");
    assertThat(record.usage().isReported()).isFalse(); // Gemini counts no embedding tokens
    assertThat(record.normalizedPromptTokens()).isPositive();
    assertThat(record.costUsd()).isNull();
  }

  @Test
  void bedrockTitanIsCalledOncePerTextSignedAndItsTokensSummed() throws Exception {
    stub(TITAN, "bedrock-titan-embed.json", Map.of("X-Amzn-Bedrock-Input-Token-Count", "6"));

    HttpResponse<String> response =
        harness.post(
            "/v1/embeddings",
            "{\"model\":\"amazon/titan-embed-text-v2\",\"input\":[\"first text\",\"second text\"],\"dimensions\":256}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("data")).hasSize(2);
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(12);
    harness.upstream().verify(2,
        postRequestedFor(urlEqualTo(TITAN))
            .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/bedrock/aws4_request, .*"))
            .withRequestBody(matchingJsonPath("$.dimensions", equalTo("256"))));
    harness.upstream().verify(postRequestedFor(urlEqualTo(TITAN)).withRequestBody(matchingJsonPath("$.inputText", equalTo("second text"))));
  }

  @Test
  void bedrockCohereEmbedsTheListInOneCall() throws Exception {
    stub(COHERE, "bedrock-cohere-embed.json", Map.of("X-Amzn-Bedrock-Input-Token-Count", "9"));

    HttpResponse<String> response =
        harness.post(
            "/v1/embeddings",
            "{\"model\":\"cohere/embed-english-v3\",\"input\":[\"the quick brown fox\",\"jumps over the lazy dog\"]}");

    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("data")).hasSize(2);
    assertThat(body.at("/data/1/embedding/0").asDouble()).isEqualTo(-0.0112457275, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(9);
    harness.upstream().verify(1,
        postRequestedFor(urlEqualTo(COHERE))
            .withRequestBody(matchingJsonPath("$.texts[1]", equalTo("jumps over the lazy dog")))
            .withRequestBody(matchingJsonPath("$.input_type", equalTo("search_document"))));
  }

  @Test
  void vertexEmbedsWithPredictAndCountsEachInstancesTokens() throws Exception {
    stub(VERTEX, "vertex-predict-embeddings.json", Map.of());

    HttpResponse<String> response =
        harness.post("/v1/embeddings", "{\"model\":\"google/text-embedding-005\",\"input\":[\"a cat\",\"a dog\"]}");

    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("data")).hasSize(2);
    assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(10);
    harness.upstream().verify(
        postRequestedFor(urlEqualTo(VERTEX))
            .withHeader("Authorization", equalTo("Bearer ya29.token"))
            .withRequestBody(matchingJsonPath("$.instances[1].content", equalTo("a dog"))));
  }

  @Test
  void aFailedTargetFallsBackToTheNextLikeChat() throws Exception {
    harness.upstream().stubFor(
        post(urlEqualTo(TITAN))
            .willReturn(aResponse().withStatus(503).withHeader("x-amzn-ErrorType", "ServiceUnavailableException")
                .withBody("{\"message\":\"Service unavailable\"}")));
    stub("/v1/embeddings", "openai-embeddings.json", Map.of());

    HttpResponse<String> response =
        harness.post("/v1/embeddings", "{\"model\":\"fallback/embedding\",\"input\":[\"a\",\"b\"]}");

    assertThat(response.statusCode()).isEqualTo(200);
    UsageRecord record = harness.awaitRecord(response.headers().firstValue("x-request-id").orElseThrow());
    assertThat(record.provider()).isEqualTo("mock");
    assertThat(record.attempts()).isEqualTo(2);
  }

  @Test
  void aChatOnlyProviderRefusesEmbeddingsAndABadInputIsA400() throws Exception {
    HttpResponse<String> badInput =
        harness.post("/v1/embeddings", "{\"model\":\"openai/text-embedding-3-small\",\"input\":[1.5]}");
    HttpResponse<String> missing =
        harness.post("/v1/embeddings", "{\"model\":\"openai/text-embedding-3-small\"}");

    assertThat(badInput.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badInput.body()).at("/error/param").asText()).isEqualTo("input");
    assertThat(missing.statusCode()).isEqualTo(400);
  }

  private void stub(String path, String fixture, Map<String, String> headers) {
    var response = aResponse().withHeader("Content-Type", "application/json").withBody(fixture(fixture));
    headers.forEach(response::withHeader);
    harness.upstream().stubFor(post(urlEqualTo(path)).willReturn(response));
  }

  private static byte[] fixture(String name) {
    try (InputStream in = EmbeddingsEndToEndTest.class.getResourceAsStream("/fixtures/embeddings/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
