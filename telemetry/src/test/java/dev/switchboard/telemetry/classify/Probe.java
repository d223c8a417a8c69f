package dev.switchboard.telemetry.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Scratch: classifies probe prompts written here (label TAB text). */
public final class Probe {
  public static void main(String[] args) throws Exception {
    RequestClassifier c = Boolean.getBoolean("shipped") ? RequestClassifier.withDefaults() : ClassifierTwoFold.projectWritten(LanguageIdentifier.defaults());
    int ok = 0, n = 0;
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] p = line.split("\t", 2);
      var r = c.classify(new ClassifierInput(null, List.of(p[1]), List.of(), List.of(), List.of()));
      n++;
      if (r.category().label().equals(p[0])) ok++;
      else System.out.println("MISS " + p[0] + " -> " + r.category().label() + " " + r.confidence() + " | " + p[1]);
    }
    System.out.println(ok + "/" + n);
  }
}
