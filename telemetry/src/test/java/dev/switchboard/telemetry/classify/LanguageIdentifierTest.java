package dev.switchboard.telemetry.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks language detection on text written here, including Chinese script and code stripping. */
class LanguageIdentifierTest {
  private static final LanguageIdentifier LANGUAGES = LanguageIdentifier.defaults();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      en | Could you explain how the garbage collector decides when to run?
      es | ¿Puedes explicarme cómo funciona el recolector de basura en Java?
      de | Kannst du mir erklären, wie die Speicherbereinigung funktioniert?
      fr | Peux-tu m'expliquer comment fonctionne le ramasse-miettes ?
      pt | Você pode me explicar como funciona o coletor de lixo?
      it | Puoi spiegarmi come funziona il garbage collector nella JVM?
      ru | Объясни, пожалуйста, как работает сборщик мусора.
      uk | Поясни, будь ласка, як працює збирач сміття і що він робить.
      ja | ガベージコレクションの仕組みを教えてください。
      ko | 가비지 컬렉터가 어떻게 동작하는지 설명해 주세요.
      ar | هل يمكنك أن تشرح لي كيف يعمل جامع القمامة؟
      hi | क्या आप मुझे समझा सकते हैं कि यह कैसे काम करता है?
      tr | Çöp toplayıcının nasıl çalıştığını açıklar mısın?
      vi | Bạn có thể giải thích cách bộ thu gom rác hoạt động không?
      """)
  void detectsCommonLanguages(String expected, String text) {
    assertThat(LANGUAGES.detect(text)).isEqualTo(expected);
  }

  @Test
  void simplifiedAndTraditionalChineseAreToldApartByCharacters() {
    assertThat(LANGUAGES.detect("请帮我解释一下这个函数为什么会报错")).isEqualTo("zh-Hans");
    assertThat(LANGUAGES.detect("請幫我解釋一下這個函數為什麼會報錯")).isEqualTo("zh-Hant");
    assertThat(LANGUAGES.detect("设定檔")).isEqualTo("zh-Hans"); // one each: tie goes to Simplified
    assertThat(LANGUAGES.detect("預設設定檔")).isEqualTo("zh-Hant");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "ok", "?!", "12345", "https://example.com/a/b", "```\nx = 1\n```", ":)"})
  void tooShortOrNoProseIsUndetermined(String text) {
    assertThat(LANGUAGES.detect(text)).isEqualTo(LanguageIdentifier.UNDETERMINED);
  }

  @Test
  void codeIsStrippedBeforeDetection() {
    String russianWithCode = """
        Почему этот код падает с ошибкой при пустом списке?
        ```python
        def average(values):
            return sum(values) / len(values)
        print(average([]))
        ```
        """;
    String spanishWithIdentifiers =
        "El método getUserById devuelve null cuando la tabla user_accounts está vacía, ¿por qué pasa esto?\n"
            + "    User u = repo.getUserById(42);\n    System.out.println(u.getName());";
    assertThat(LANGUAGES.detect(russianWithCode)).isEqualTo("ru");
    assertThat(LANGUAGES.detect(spanishWithIdentifiers)).isEqualTo("es");
  }

  @Test
  void detectionIsRestrictedToTheConfiguredLanguages() {
    LanguageIdentifier englishGerman = LanguageIdentifier.of(List.of("en", "de"));
    assertThat(englishGerman.detect("Kannst du mir bitte bei der Steuererklärung helfen?")).isEqualTo("de");
    assertThat(englishGerman.detect("¿Puedes ayudarme con la declaración de impuestos?")).isIn("en", "de", "und");
    assertThat(englishGerman.detect("가비지 컬렉터가 어떻게 동작하는지 설명해 주세요.")).isNotEqualTo("ko");
  }

  @Test
  void unknownLanguageCodeIsRejected() {
    assertThatThrownBy(() -> LanguageIdentifier.of(List.of("en", "xx")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("xx");
  }
}
