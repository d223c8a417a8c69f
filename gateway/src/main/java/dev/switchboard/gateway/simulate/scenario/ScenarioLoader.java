package dev.switchboard.gateway.simulate.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.config.catalog.ModelCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads a scenario from YAML (snake_case keys, unknown keys refused) and validates it as a whole
 * against the model catalog, reporting every problem with its path.
 */
public final class ScenarioLoader {
  /** The classpath resource of the default scenario, a year shaped like the study. */
  public static final String DEFAULT_RESOURCE = "/dev/switchboard/gateway/simulate/study-year.yaml";

  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .addModule(new SimpleModule("scenario-dates")
          .addDeserializer(LocalDate.class, new Parsed<>(LocalDate.class, LocalDate::parse))
          .addDeserializer(YearMonth.class, new Parsed<>(YearMonth.class, YearMonth::parse)))
      .build();

  private ScenarioLoader() {}

  /** Loads the bundled default scenario. */
  public static Scenario loadDefault() {
    try (InputStream in = ScenarioLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "study-year.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads and validates the scenario in {@code file}. */
  public static Scenario load(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  /**
   * Parses and validates scenario text.
   *
   * @throws ScenarioException listing every problem found
   */
  public static Scenario parse(String yaml, String source) {
    Scenario scenario;
    try {
      scenario = YAML.readValue(yaml, Scenario.class);
    } catch (JsonMappingException e) {
      String path = e.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      throw new ScenarioException(source, List.of((path.isEmpty() ? "(file)" : path) + ": " + firstLine(e.getOriginalMessage())));
    } catch (JsonProcessingException e) {
      throw new ScenarioException(source, List.of("(file): " + firstLine(e.getOriginalMessage())));
    }
    if (scenario == null) {
      throw new ScenarioException(source, List.of("(file): empty scenario"));
    }
    List<String> problems = new ScenarioValidator(ModelCatalog.loadDefault()).problems(scenario);
    if (!problems.isEmpty()) {
      throw new ScenarioException(source, problems);
    }
    return scenario;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid value";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Reads a value from its ISO text. */
  private static final class Parsed<T> extends FromStringDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient java.util.function.Function<String, T> parser;

    Parsed(Class<T> type, java.util.function.Function<String, T> parser) {
      super(type);
      this.parser = parser;
    }

    @Override
    protected T _deserialize(String value, com.fasterxml.jackson.databind.DeserializationContext ctxt) {
      return parser.apply(value.trim());
    }
  }
}
