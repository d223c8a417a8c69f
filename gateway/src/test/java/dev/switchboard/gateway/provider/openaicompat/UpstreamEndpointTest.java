package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.SecretRef;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamEndpointTest {

  private static String url(String baseUrl, String model) {
    ProviderConfig provider =
        new ProviderConfig(
            "p", ProviderKind.OPENAI_COMPATIBLE, URI.create(baseUrl), SecretRef.none(), Map.of());
    return UpstreamEndpoint.url(provider, OpenAiFlavors.of(provider), model);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://api.deepseek.com, https://api.deepseek.com/chat/completions",
    "https://api.openai.com/v1/, https://api.openai.com/v1/chat/completions",
    "http://localhost:11434/v1, http://localhost:11434/v1/chat/completions",
    "https://api.z.ai/api/paas/v4, https://api.z.ai/api/paas/v4/chat/completions",
    "'https://my.openai.azure.com', 'https://my.openai.azure.com/openai/deployments/gpt"
        + " 4o/chat/completions?api-version=2024-10-21'",
    "'https://my.openai.azure.com/openai/', 'https://my.openai.azure.com/openai/deployments/gpt"
        + " 4o/chat/completions?api-version=2024-10-21'",
    "'https://my.openai.azure.com?api-version=2025-04-01-preview',"
        + " 'https://my.openai.azure.com/openai/deployments/gpt"
        + " 4o/chat/completions?api-version=2025-04-01-preview'",
    "'https://my.openai.azure.com/openai/v1',"
        + " 'https://my.openai.azure.com/openai/v1/chat/completions'",
  })
  void buildsTheChatCompletionsUrl(String baseUrl, String expected) {
    // the space in "gpt 4o" shows the deployment name is percent-encoded
    assertThat(url(baseUrl, "gpt 4o")).isEqualTo(expected.replace("gpt 4o", "gpt%204o"));
  }

  @Test
  void azureSendsTheKeyAsApiKeyOthersAsBearer() {
    assertThat(UpstreamEndpoint.authHeaders(OpenAiFlavors.named("azure"), "k1"))
        .containsExactly(Map.entry("api-key", "k1"));
    assertThat(UpstreamEndpoint.authHeaders(OpenAiFlavors.named("deepseek"), "k2"))
        .containsExactly(Map.entry("Authorization", "Bearer k2"));
    assertThat(UpstreamEndpoint.authHeaders(OpenAiFlavors.named("ollama"), null)).isEmpty();
  }
}
