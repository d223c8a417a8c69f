package dev.switchboard.config.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.config.ConfigProblem;
import dev.switchboard.config.InvalidConfigException;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads catalog YAML ({@code models: [...]}) into validated {@link ModelInfo}s. */
final class CatalogFile {
  private static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  private record Document(List<CatalogEntry> models) {}

  private CatalogFile() {}

  /**
   * Parses and validates catalog text.
   *
   * @param source what is being read, named in problems (e.g. the resource path)
   * @throws InvalidConfigException listing every problem found
   */
  static List<ModelInfo> parse(String yaml, String source) {
    Document document;
    try {
      document = YAML.readValue(yaml, Document.class);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigException(source, List.of(problemOf(e)));
    }
    List<CatalogEntry> entries =
        document == null || document.models() == null ? List.of() : document.models();
    List<ConfigProblem> problems = CatalogValidator.check(entries);
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(source, problems);
    }
    return entries.stream().map(CatalogEntry::toModelInfo).toList();
  }

  private static ConfigProblem problemOf(JsonProcessingException e) {
    MarkedYAMLException yaml = syntaxError(e);
    if (yaml != null) {
      Mark mark = yaml.getProblemMark();
      return new ConfigProblem(
          "(file)",
          "invalid YAML at line "
              + (mark.getLine() + 1)
              + ", column "
              + (mark.getColumn() + 1)
              + ": "
              + yaml.getProblem());
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return new ConfigProblem(pathOf(unknown.getPath()), "unknown key");
    }
    String message = String.valueOf(e.getOriginalMessage());
    // Jackson appends hints about its own settings after the first line or a " (but".
    message = message.lines().findFirst().orElse(message);
    int hint = message.indexOf(" (but ");
    message = hint < 0 ? message : message.substring(0, hint);
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return new ConfigProblem(pathOf(mapping.getPath()), message);
    }
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr();
    return new ConfigProblem("(file)", "invalid YAML" + where + ": " + message);
  }

  private static MarkedYAMLException syntaxError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        return yaml;
      }
    }
    return null;
  }

  private static String pathOf(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      }
    }
    return path.toString();
  }
}
