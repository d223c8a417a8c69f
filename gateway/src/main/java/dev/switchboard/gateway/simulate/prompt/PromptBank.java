package dev.switchboard.gateway.simulate.prompt;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.telemetry.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Holds the prompt texts the simulator writes requests from: per language and category, the asks,
 * padding sentences, character cards and replies, plus the code snippets and agent tools of
 * programming requests. Loaded once from the bundled YAML files; immutable and thread-safe.
 */
public final class PromptBank {
  private static final String BASE = "/dev/switchboard/gateway/simulate/prompts/";
  /** The languages prompts are written in, in the order of their files. */
  private static final List<String> LANGUAGES = List.of("en", "zh-Hans", "ru", "es", "pt", "de", "fr", "ja", "ko");
  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private static PromptBank bundled;

  private final Map<String, Map<Category, CategoryTexts>> texts;
  private final Map<String, Map<String, List<String>>> slots;
  private final CodeTexts code;

  private PromptBank(Map<String, Map<Category, CategoryTexts>> texts, Map<String, Map<String, List<String>>> slots, CodeTexts code) {
    this.texts = texts;
    this.slots = slots;
    this.code = code;
  }

  /** Returns the languages prompts are written in. */
  public static List<String> languages() {
    return LANGUAGES;
  }

  /** Returns the bundled bank, loading it on first use. */
  public static synchronized PromptBank bundled() {
    if (bundled == null) {
      Map<String, Map<Category, CategoryTexts>> texts = new LinkedHashMap<>();
      Map<String, Map<String, List<String>>> slots = new LinkedHashMap<>();
      for (String language : LANGUAGES) {
        LanguageFile file = read(language + ".yaml", LanguageFile.class);
        if (!language.equals(file.language())) {
          throw new IllegalStateException(language + ".yaml declares language " + file.language());
        }
        Map<Category, CategoryTexts> byCategory = new EnumMap<>(Category.class);
        file.categories().forEach((label, t) -> byCategory.put(
            Category.fromLabel(label).orElseThrow(() -> new IllegalStateException(language + ".yaml: unknown category " + label)), t));
        texts.put(language, byCategory);
        slots.put(language, file.slots() == null ? Map.of() : file.slots());
      }
      bundled = new PromptBank(texts, slots, read("code.yaml", CodeTexts.class));
    }
    return bundled;
  }

  /** Returns the texts of {@code category} in {@code language}, when written. */
  public Optional<CategoryTexts> texts(String language, Category category) {
    Map<Category, CategoryTexts> byCategory = texts.get(language);
    return Optional.ofNullable(byCategory == null ? null : byCategory.get(category));
  }

  /** Returns the slot values of {@code language} (English ones when the language lacks a slot). */
  public List<String> slot(String language, String name) {
    List<String> values = slots.getOrDefault(language, Map.of()).get(name);
    return values != null ? values : slots.get("en").getOrDefault(name, List.of(name));
  }

  /** Returns the code snippets and agent tools. */
  public CodeTexts code() {
    return code;
  }

  /** Returns the categories written in {@code language}. */
  public Set<Category> categories(String language) {
    return texts.getOrDefault(language, Map.of()).keySet();
  }

  private static <T> T read(String name, Class<T> type) {
    try (InputStream in = PromptBank.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("missing prompt resource " + BASE + name);
      }
      return YAML.readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt resource " + name, e);
    }
  }

  /** Holds one language file. */
  record LanguageFile(String language, Map<String, List<String>> slots, Map<String, CategoryTexts> categories) {}

  /**
   * Holds one category's texts in one language.
   *
   * @param asks what the user asks; {@code {slot}}s are filled in
   * @param context sentences that pad a prompt (a document, a file, earlier turns)
   * @param system character cards or system prompts (roleplay)
   * @param replies earlier assistant turns (roleplay)
   */
  public record CategoryTexts(List<String> asks, List<String> context, List<String> system, List<String> replies) {
    public CategoryTexts {
      asks = asks == null ? List.of() : List.copyOf(asks);
      context = context == null ? List.of() : List.copyOf(context);
      system = system == null ? List.of() : List.copyOf(system);
      replies = replies == null ? List.of() : List.copyOf(replies);
    }
  }

  /**
   * Holds the code snippets, the coding agent's system prompt and tools, the tools general chat
   * apps offer, and the files and commands an agent's tool calls name.
   */
  public record CodeTexts(
      String agentSystem,
      List<ToolText> tools,
      List<ToolText> generalTools,
      List<String> files,
      List<String> commands,
      List<Snippet> snippets) {}

  /** Holds one function tool: name, description and parameter types. */
  public record ToolText(String name, String description, Map<String, String> parameters) {}

  /** Holds one code snippet and its language (for the fence). */
  public record Snippet(String lang, String code) {}
}
