package dev.switchboard.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ModelRoute;
import dev.switchboard.config.ProviderConfig;
import dev.switchboard.config.ProviderKind;
import dev.switchboard.config.RouteTarget;
import dev.switchboard.config.SwitchboardConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoConfigTest {

  @Test
  void routesCatalogSlugsToTheLocalDemoProvider() {
    SwitchboardConfig config = DemoConfig.create(4711, Path.of("target", "demo.duckdb"));

    ProviderConfig provider = config.providers().get(0);
    assertThat(config.providers()).hasSize(1);
    assertThat(provider.id()).isEqualTo("demo");
    assertThat(provider.kind()).isEqualTo(ProviderKind.OPENAI_COMPATIBLE);
    assertThat(provider.baseUrl()).hasToString("http://127.0.0.1:4711/v1");
    assertThat(provider.apiKey().isPresent()).isFalse();
    assertThat(config.telemetry().store()).isEqualTo(Path.of("target", "demo.duckdb"));
    assertThat(config.models())
        .extracting(ModelRoute::name)
        .containsExactly(
            "openai/gpt-4o-mini",
            "anthropic/claude-sonnet-4.5",
            "deepseek/deepseek-chat-v3.1",
            "qwen/qwen3-coder",
            "google/gemini-2.5-flash",
            "meta-llama/llama-3.3-70b-instruct");
  }

  @Test
  void targetsOnlyModelsTheDefaultProfilesServe() {
    List<String> served =
        DemoModelProfile.defaults().stream().map(DemoModelProfile::model).toList();

    for (ModelRoute route : DemoConfig.create(1, Path.of("x.duckdb")).models()) {
      RouteTarget target = route.targets().get(0);
      assertThat(target.provider()).isEqualTo(DemoConfig.PROVIDER_ID);
      assertThat(target.catalogId()).isEqualTo(route.name());
      assertThat(served).contains(target.model());
    }
  }
}
