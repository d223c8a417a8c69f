package dev.switchboard.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.config.PriceCap;
import dev.switchboard.config.RoutingStrategy;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingFieldsParserTest {

  private static RoutingFields parse(String extra) {
    return RoutingFieldsParser.parse(request(extra));
  }

  private static ChatRequest request(String extra) {
    String json = "{\"model\":\"a/m:nitro\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";
    return ChatRequestParser.parse(Buffer.buffer(json));
  }

  @Test
  void readsModelsInOrderWithTheirSuffixSortsAndWithoutDuplicates() {
    RoutingFields fields = parse(",\"models\":[\"b/m:floor\",\"a/m:nitro\",\"c/m:free\"]");

    assertThat(fields.models())
        .containsExactly(
            new ModelChoice("a/m", RoutingStrategy.THROUGHPUT),
            new ModelChoice("b/m", RoutingStrategy.PRICE),
            new ModelChoice("c/m:free", null));
    assertThat(fields.provider()).isEqualTo(ProviderPreferences.none());
  }

  @Test
  void modelsAloneNameThePrimaryModel() {
    ChatRequest request =
        ChatRequestParser.parse(
            Buffer.buffer("{\"models\":[\"x/y\",\"z/w\"],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));

    assertThat(request.model()).isEqualTo("x/y");
    assertThat(RoutingFieldsParser.parse(request).models())
        .extracting(ModelChoice::model)
        .containsExactly("x/y", "z/w");
  }

  @Test
  void readsEveryProviderPreference() {
    RoutingFields fields =
        parse(
            ",\"reasoning\":{\"effort\":\"high\"},\"provider\":{\"order\":[\"a\",\"b\"],\"only\":[\"a\",\"b\",\"c\"],"
                + "\"ignore\":[\"d\"],\"allow_fallbacks\":false,\"sort\":\"latency\","
                + "\"max_price\":{\"prompt\":1,\"completion\":\"2.5\",\"request\":0.1},"
                + "\"require_parameters\":true,\"data_collection\":\"deny\",\"zdr\":true,\"quantizations\":[\"fp8\"]}");

    assertThat(fields.provider())
        .isEqualTo(
            new ProviderPreferences(
                List.of("a", "b"), List.of("a", "b", "c"), List.of("d"), false,
                RoutingStrategy.LATENCY, new PriceCap(1.0, 2.5), true, true));
    assertThat(fields.usesReasoning()).isTrue();
  }

  @Test
  void acceptsTheObjectFormOfSort() {
    assertThat(parse(",\"provider\":{\"sort\":{\"by\":\"throughput\",\"partition\":\"model\"}}").provider().sort())
        .isEqualTo(RoutingStrategy.THROUGHPUT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        ",\"models\":\"a/m\"|models",
        ",\"models\":[1]|models",
        ",\"provider\":[]|provider",
        ",\"provider\":{\"order\":\"a\"}|provider.order",
        ",\"provider\":{\"only\":[\"\"]}|provider.only",
        ",\"provider\":{\"allow_fallbacks\":\"no\"}|provider.allow_fallbacks",
        ",\"provider\":{\"sort\":\"fastest\"}|provider.sort",
        ",\"provider\":{\"max_price\":{\"prompt\":-1}}|provider.max_price.prompt",
        ",\"provider\":{\"max_price\":{\"completion\":\"cheap\"}}|provider.max_price.completion",
        ",\"provider\":{\"data_collection\":\"never\"}|provider.data_collection"
      })
  void refusesMalformedFieldsWith400NamingTheParameter(String extra, String param) {
    ApiErrorException e = catchThrowableOfType(ApiErrorException.class, () -> parse(extra));

    assertThat(e).isNotNull();
    assertThat(e.error().status()).isEqualTo(400);
    assertThat(e.error().param()).isEqualTo(param);
  }
}
