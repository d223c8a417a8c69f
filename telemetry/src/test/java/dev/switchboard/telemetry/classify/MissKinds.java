package dev.switchboard.telemetry.classify;

import dev.switchboard.telemetry.Category;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Scratch: the project-written classifier's misses by kind (expected -> predicted, source family, source label), no text. */
public final class MissKinds {
  public static void main(String[] args) throws Exception {
    var rows = ClassifierEvaluation.readRequests(Path.of(args[0]).resolve(ClassifierEvaluation.CATEGORIES_FILE));
    RequestClassifier c = ClassifierTwoFold.projectWritten(LanguageIdentifier.defaults());
    Map<String, Integer> kinds = new TreeMap<>();
    for (var r : rows) {
      Category e = Category.fromLabel(r.getValue().path("category").asText()).orElseThrow();
      var got = c.classify(r.getKey());
      if (got.category() != e) {
        String src = r.getValue().path("source").asText();
        String fam = src.contains("hendrycks") ? "mmlu" : src.contains("mt_bench") ? "mt-bench" : src.contains("vicuna") ? "vicuna"
            : src.contains("WizardLM_testset") ? "wizardlm" : src.contains("arena-hard") ? "arena" : src.contains("natural-questions") ? "nq"
            : src.contains("prompts-zh") ? "act-zh" : src.contains("prompts.csv") ? "act" : src.contains("human-eval") || src.contains("mbpp") ? "codebench"
            : src.contains("roleplay-dataset") ? "zh-rp" : src.contains("SillyTavern") ? "st" : src.contains("lingua") ? "lingua" : "other";
        kinds.merge(String.format("%-11s -> %-11s %-9s %s", e.label(), got.category().label(), fam, r.getValue().path("source_label").asText()), 1, Integer::sum);
      }
    }
    kinds.forEach((k, v) -> System.out.println(v + "  " + k));
  }
}
