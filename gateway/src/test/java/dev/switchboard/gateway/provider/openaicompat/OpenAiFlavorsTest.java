package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.SecretRef;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiFlavorsTest {

  private static ProviderConfig provider(ProviderKind kind, String baseUrl, String flavor) {
    return new ProviderConfig("p", kind, URI.create(baseUrl), SecretRef.none(), Map.of(), flavor);
  }

  @Test
  void everyFlavorConfigAcceptsHasQuirksAndNoOther() {
    assertThat(OpenAiFlavors.names()).containsExactlyElementsOf(ProviderConfig.FLAVORS);
    for (String name : ProviderConfig.FLAVORS) {
      assertThat(OpenAiFlavors.named(name).flavor()).isEqualTo(name);
    }
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "openai-compatible, https://api.deepseek.com, deepseek",
    "openai-compatible, https://api.deepseek.com/v1, deepseek",
    "openai-compatible, https://api.x.ai/v1, xai",
    "openai-compatible, https://openrouter.ai/api/v1, openrouter",
    "openai-compatible, https://api.groq.com/openai/v1, groq",
    "openai-compatible, https://api.mistral.ai/v1, mistral",
    "openai-compatible, https://dashscope.aliyuncs.com/compatible-mode/v1, qwen",
    "openai-compatible, https://dashscope-intl.aliyuncs.com/compatible-mode/v1, qwen",
    "openai-compatible, https://api.z.ai/api/paas/v4, zai",
    "openai-compatible, https://open.bigmodel.cn/api/paas/v4, zai",
    "openai-compatible, https://api.moonshot.ai/v1, moonshot",
    "openai-compatible, https://api.moonshot.cn/v1, moonshot",
    "openai-compatible, https://api.minimax.io/v1, minimax",
    "openai-compatible, https://api.minimaxi.com/v1, minimax",
    "openai-compatible, https://api.together.xyz/v1, together",
    "openai-compatible, https://api.fireworks.ai/inference/v1, fireworks",
    "openai-compatible, https://my-resource.openai.azure.com, azure",
    "openai, https://my-resource.openai.azure.com/openai, azure",
    "openai-compatible, http://localhost:11434/v1, ollama",
    "openai-compatible, http://gpu-box.lan:11434/v1, ollama",
    "openai-compatible, https://ollama.com/v1, ollama",
    "openai-compatible, https://API.DeepSeek.com, deepseek",
    "openai, https://api.openai.com/v1, openai",
    "openai-compatible, https://api.openai.com/v1, openai",
    "openai, https://proxy.internal/v1, openai",
    "openai-compatible, http://localhost:8000/v1, generic",
    "openai-compatible, https://notdeepseek.com/v1, generic",
    "openai-compatible, https://api.deepseek.com.evil.test/v1, generic",
  })
  void infersFlavorFromBaseUrlHost(String kind, String baseUrl, String flavor) {
    ProviderKind providerKind = ProviderKind.fromConfigName(kind).orElseThrow();

    assertThat(OpenAiFlavors.of(provider(providerKind, baseUrl, null)).flavor()).isEqualTo(flavor);
  }

  @Test
  void configuredFlavorWinsOverTheHost() {
    ProviderConfig vllm =
        provider(ProviderKind.OPENAI_COMPATIBLE, "http://localhost:11434/v1", "vllm");

    assertThat(OpenAiFlavors.of(vllm).flavor()).isEqualTo("vllm");
  }

  @Test
  void unknownFlavorNameFailsLoudlyNamingTheAllowedOnes() {
    assertThatThrownBy(() -> OpenAiFlavors.named("deepsek"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'deepsek'")
        .hasMessageContaining("deepseek");
  }
}
