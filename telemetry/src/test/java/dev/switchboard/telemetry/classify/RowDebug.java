package dev.switchboard.telemetry.classify;

import java.nio.file.Path;

/** Scratch: the project-written classifier's verdict (no text) for rows whose source contains args[1]. */
public final class RowDebug {
  public static void main(String[] args) throws Exception {
    var rows = ClassifierEvaluation.readRequests(Path.of(args[0]).resolve(ClassifierEvaluation.CATEGORIES_FILE));
    RequestClassifier c = ClassifierTwoFold.projectWritten(LanguageIdentifier.defaults());
    for (var r : rows) {
      if (r.getValue().path("source").asText().contains(args[1])) {
        var in = r.getKey();
        var shape = TextStructure.of(in.lastUserTurn());
        System.out.println(r.getValue().path("category").asText() + " -> " + c.classify(in) + " sysActions="
            + (in.systemPrompt() == null ? -1 : TextStructure.of(in.systemPrompt()).actionMarkers())
            + " asstActions=" + in.assistantTurns().stream().mapToInt(a -> TextStructure.of(a).actionMarkers()).sum()
            + " persona=" + shape.personaOpening());
      }
    }
  }
}
