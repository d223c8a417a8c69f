package dev.switchboard.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads {@code switchboard.yaml} into a {@link SwitchboardConfig}, validating it as a whole so that
 * every problem is reported at once with its path. Unset sections and keys take their defaults;
 * {@code ${VAR}} secrets are kept as references, not resolved.
 */
public final class ConfigLoader {
  /** The path used for problems with the file as a whole. */
  public static final String FILE = "(file)";

  private static final ObjectMapper YAML =
      JsonMapper.builder(new YAMLFactory())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private ConfigLoader() {}

  /**
   * Loads and validates a config file.
   *
   * @throws InvalidConfigException listing every problem, including an unreadable file
   */
  public static SwitchboardConfig load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw fileProblem(file.toString(), "file not found");
    } catch (IOException e) {
      throw fileProblem(file.toString(), "cannot read file: " + e);
    }
    return read(yaml, file.toString());
  }

  /**
   * Parses and validates config text.
   *
   * @throws InvalidConfigException listing every problem
   */
  public static SwitchboardConfig parse(String yaml) {
    return read(yaml, "config");
  }

  /** Returns the configuration of an empty file: default server and telemetry, nothing routed. */
  public static SwitchboardConfig defaults() {
    return new SwitchboardConfig(
        ServerConfig.defaults(), List.of(), List.of(), TelemetryConfig.defaults());
  }

  private static SwitchboardConfig read(String yaml, String source) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw fileProblem(source, syntaxMessage(e));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return defaults();
    }
    if (!(tree instanceof ObjectNode object)) {
      throw fileProblem(
          source, "expected a mapping of sections (server, providers, models, telemetry)");
    }
    ProblemCollector problems = new ProblemCollector();
    YamlNodeReader root = YamlNodeReader.root(object, problems);
    root.rejectUnknownKeys(
        "server", "providers", "models", "telemetry", "auth", "classifier", "simulation", "routing",
        "state", "observability", "alerts");
    ServerConfig server = ServerSection.read(root.mapping("server"));
    ProviderSection.Result providers = ProviderSection.read(root.mappings("providers"));
    List<ModelRoute> models = ModelSection.read(root.mappings("models"), providers.declaredIds());
    TelemetryConfig telemetry = TelemetrySection.read(root.mapping("telemetry"));
    AuthConfig auth = AuthSection.read(root.mapping("auth"), providers.declaredIds());
    ClassifierConfig classifier = ClassifierSection.read(root.mapping("classifier"));
    SimulationConfig simulation = SimulationSection.read(root.mapping("simulation"));
    RoutingConfig routing = RoutingSection.read(root.mapping("routing"));
    StateConfig state = StateSection.read(root.mapping("state"));
    ObservabilityConfig observability = ObservabilitySection.read(root.mapping("observability"));
    AlertsConfig alerts = AlertsSection.read(root.mapping("alerts"));
    problems.throwIfAny(source);
    return new SwitchboardConfig(
        server, providers.providers(), models, telemetry, auth, classifier, simulation, routing,
        state, observability, alerts);
  }

  private static String syntaxMessage(JsonProcessingException e) {
    // SnakeYAML knows where the actual problem is; Jackson's location is where the construct began.
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      return syntaxMessage(mark.getLine() + 1, mark.getColumn() + 1, yaml.getProblem());
    }
    JsonLocation at = e.getLocation();
    int line = at == null ? -1 : at.getLineNr();
    return syntaxMessage(line, line < 1 ? -1 : at.getColumnNr(), e.getOriginalMessage());
  }

  private static String syntaxMessage(int line, int column, String problem) {
    String where = line < 1 ? "" : " at line " + line + ", column " + column;
    return "invalid YAML" + where + ": " + firstLine(problem);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static InvalidConfigException fileProblem(String source, String message) {
    return new InvalidConfigException(source, List.of(new ConfigProblem(FILE, message)));
  }
}
