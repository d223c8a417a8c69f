package dev.switchboard.gateway.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.demo.DemoRequest.Parameter;
import dev.switchboard.gateway.demo.DemoRequest.Tool;
import dev.switchboard.gateway.demo.SimulatedCompletion.ToolCall;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Composes a function call whose arguments fill every property of the tool's parameter schema. */
final class ToolCallComposer {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ID_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** Composes a call of {@code tool}; the id is derived from {@code seed} so replays match. */
  ToolCall compose(Tool tool, List<String> topics, SplittableRandom random, long seed) {
    ObjectNode arguments = MAPPER.createObjectNode();
    // the tool's own name is no useful value; names ("Lisbon") make better ones than nouns
    List<String> values =
        topics.stream()
            .filter(t -> !t.equalsIgnoreCase(tool.name()))
            .sorted(Comparator.comparing((String t) -> t.equals(t.toLowerCase(Locale.ROOT))))
            .toList();
    if (values.isEmpty()) {
      values = topics;
    }
    List<Parameter> parameters = tool.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      String topic = values.get(i % values.size());
      if (!p.enumValues().isEmpty()) {
        arguments.put(p.name(), p.enumValues().get(random.nextInt(p.enumValues().size())));
        continue;
      }
      switch (p.type()) {
        case "integer" -> arguments.put(p.name(), random.nextInt(1, 11));
        case "number" -> arguments.put(p.name(), Math.round(random.nextDouble() * 1000) / 10.0);
        case "boolean" -> arguments.put(p.name(), random.nextBoolean());
        case "array" -> arguments.putArray(p.name()).add(topic);
        case "object" -> arguments.putObject(p.name());
        default -> arguments.put(p.name(), topic);
      }
    }
    return new ToolCall(callId(seed), tool.name(), arguments.toString());
  }

  private static String callId(long seed) {
    SplittableRandom idRandom = new SplittableRandom(seed);
    StringBuilder id = new StringBuilder("call_demo_");
    for (int i = 0; i < 16; i++) {
      id.append(ID_ALPHABET.charAt(idRandom.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }
}
