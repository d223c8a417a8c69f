package dev.switchboard.telemetry.classify;

import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scores a request against every category and picks the primary one. Each part of the request is
 * a region with its own weight (the last user turn counts most, then the system prompt, earlier
 * turns, tool results and assistant turns); within a region the lexicon scores saturate, so a long
 * prompt cannot win on length alone. Structural signals (code, stack traces, coding tools, math,
 * roleplay action markers, question shape, a request for a story or poem without a persona) are
 * added on top, and a softmax turns the scores into
 * confidences.
 */
final class CategoryScorer {
  private static final Category[] CATEGORIES = Category.values();
  private static final double TEMPERATURE = 1.5;
  // where Other starts (not for exam items, which always have a subject): the prior the build halves
  // of `ClassifierTwoFold --repeats 8` choose most for the project-written parts (12 of 16 with
  // exact features and 10,031 examples)
  static final double OTHER_PRIOR = 2.0;
  private static final double WRITING_REQUEST = 1.5;
  // per code identifier named in prose (related_name, save(), df.groupby(), at most 3): a question
  // about a framework's fields or calls is a programming question even without a line of code
  // (8-split 0.8846 -> 0.8859 at 0.8 and at 1.5; in the dev sample only Programming rows name one)
  private static final double CODE_IDENTIFIER = 1.0;
  // a request that opens by asking for a kind of software ("write a browser extension that ...");
  // in the dev sample such rows are Programming already (8-split unchanged at 1.5 and 2.5), at 1.5
  // "write a program that plays tic-tac-toe" still read as a game, so it counts as much as a
  // stack trace
  private static final double SOFTWARE_REQUEST = 2.5;
  // what a short factual question adds to Trivia
  static final double SHORT_QUESTION = 1.5;
  // a system prompt's *action* markers count as an assistant reply's do: a character card's first
  // message and example dialogue narrate the character's actions (other prompts that star words
  // for emphasis hold a stray one or two, which their other signals outweigh)
  private static final double SYSTEM_ACTION = 0.5;
  private static final double TAG_THRESHOLD = 0.10;
  private static final int MAX_CATEGORY_TAGS = 3;
  // words in the tool names an agent uses on a code base: files, shells, patches, code search
  static final Set<String> CODING_TOOL_WORDS = Set.of(
      "file", "files", "dir", "directory", "folder", "terminal", "shell", "bash", "cmd", "command",
      "patch", "codebase", "code", "grep", "glob", "lint", "linter", "notebook", "repo", "repository",
      "git", "diff", "compile", "python", "jupyter", "replace", "ls");

  // how much of the last user turn and of each other part (system prompt, previous turns) the example model reads
  private static final int MODEL_USER_CHARS = 2_000;
  private static final int MODEL_CONTEXT_CHARS = 1_000;
  private static final double MODEL_SYSTEM_WEIGHT = 0.5;
  // the turn before the last and the assistant's last reply, as the lexicon weighs those regions: a
  // short last turn ("continue", "嗯") in a long conversation leaves the conversation to say what it is about
  private static final double MODEL_EARLIER_WEIGHT = 0.45;
  private static final double MODEL_ASSISTANT_WEIGHT = 0.3;
  // an "act as a <job or tool>" prompt's first clause, which names the job, is read again at this
  // weight: the job decides the category, and its few words would otherwise drown in the long
  // instructions after it (8-split 0.8700 -> 0.8755 at 2, 0.8696 at 1)
  private static final double ROLE_CLAUSE_WEIGHT = 2.0;

  private final Lexicon lexicon;
  private final HashedNgramBayes model;
  private final double modelWeight;
  private final double otherPrior;
  private final double shortQuestion;
  private final int[] sectionCategory;
  private final int[] subTagParent;
  private final int debuggingTag;
  private final int devToolsTag;
  private final int translationSection;
  // one per classifier thread: reused request after request
  private final ThreadLocal<TermRepeats> repeats;

  /**
   * Creates a scorer from the lexicon and the example model; {@code modelWeight} scales the
   * model's per-feature log-likelihood ratios against the lexicon scores (0 leaves it out).
   */
  CategoryScorer(Lexicon lexicon, HashedNgramBayes model, double modelWeight) {
    this(lexicon, model, modelWeight, OTHER_PRIOR);
  }

  /** Creates a scorer whose Other category starts at {@code otherPrior}; ClassifierTwoFold picks it. */
  CategoryScorer(Lexicon lexicon, HashedNgramBayes model, double modelWeight, double otherPrior) {
    this(lexicon, model, modelWeight, otherPrior, SHORT_QUESTION);
  }

  /**
   * Creates a scorer whose Other category starts at {@code otherPrior} and whose short factual
   * questions add {@code shortQuestion} to Trivia; ClassifierTwoFold picks both.
   */
  CategoryScorer(Lexicon lexicon, HashedNgramBayes model, double modelWeight, double otherPrior, double shortQuestion) {
    this.lexicon = lexicon;
    this.model = model;
    this.modelWeight = modelWeight;
    this.otherPrior = otherPrior;
    this.shortQuestion = shortQuestion;
    List<String> sections = lexicon.sections();
    sectionCategory = new int[sections.size()];
    subTagParent = new int[sections.size()];
    for (int i = 0; i < sections.size(); i++) {
      String name = sections.get(i);
      int slash = name.indexOf('/');
      Category category =
          Category.fromLabel(slash < 0 ? name : name.substring(0, slash))
              .orElseThrow(() -> new IllegalArgumentException("unknown lexicon section " + name));
      sectionCategory[i] = slash < 0 ? category.ordinal() : -1;
      subTagParent[i] = slash < 0 ? -1 : category.ordinal();
    }
    debuggingTag = sections.indexOf("Programming/debugging");
    devToolsTag = sections.indexOf("Programming/development tools");
    translationSection = sections.indexOf(Category.TRANSLATION.label());
    repeats = ThreadLocal.withInitial(() -> new TermRepeats(lexicon.termCount()));
  }

  /** Decides the category of an already capped request. */
  CategoryVerdict score(ClassifierInput input) {
    double[] total = new double[CATEGORIES.length];
    double[] sub = new double[lexicon.sections().size()];
    TermRepeats seen = repeats.get();
    String last = input.lastUserTurn();
    double[] lastRaw = region(last, 1.0, 14, total, sub, seen);
    List<String> users = input.userTurns();
    if (users.size() > 1) {
      region(String.join("\n", users.subList(0, users.size() - 1)), 0.45, 10, total, sub, seen);
    }
    if (input.systemPrompt() != null) {
      region(input.systemPrompt(), 0.6, 12, total, sub, seen);
    }
    if (!input.assistantTurns().isEmpty()) {
      region(String.join("\n", input.assistantTurns()), 0.3, 8, total, sub, seen);
    }
    if (!input.toolResults().isEmpty()) {
      region(String.join("\n", input.toolResults()), 0.3, 8, total, sub, seen);
    }
    TextStructure shape = TextStructure.of(last);
    addStructure(input, shape, lastRaw, total, sub);
    if (modelWeight > 0) {
      addModel(input, last, shape, total);
    }
    if (!shape.multipleChoice()) {
      // Other is where a request without a subject falls; an exam item always has one
      total[Category.OTHER.ordinal()] += otherPrior;
    }
    return verdict(total, sub);
  }

  /**
   * Adds the example model's view: its summed feature weights relative to the best category, over
   * the square root of the text's feature count, known or not, so a text in words the examples do
   * not cover (a language they barely hold) gets a faint vote rather than a loud one from its few
   * known words. The clause of an "act as a <job>" opening that names the job counts again.
   */
  private void addModel(ClassifierInput input, String last, TextStructure shape, double[] total) {
    double[] user = new double[total.length];
    double features = model.score(last, MODEL_USER_CHARS, user);
    if (shape.serviceRole()) {
      features += addRegion(ServiceRoles.roleClause(last), ROLE_CLAUSE_WEIGHT, user);
    }
    if (input.systemPrompt() != null) {
      features += addRegion(input.systemPrompt(), MODEL_SYSTEM_WEIGHT, user);
    }
    List<String> users = input.userTurns();
    if (users.size() > 1) {
      features += addRegion(users.get(users.size() - 2), MODEL_EARLIER_WEIGHT, user);
    }
    if (!input.assistantTurns().isEmpty()) {
      features += addRegion(input.assistantTurns().get(input.assistantTurns().size() - 1), MODEL_ASSISTANT_WEIGHT, user);
    }
    if (features < 1) {
      return;
    }
    double best = Double.NEGATIVE_INFINITY;
    for (double u : user) {
      best = Math.max(best, u);
    }
    double scale = modelWeight / Math.sqrt(features);
    for (int c = 0; c < total.length; c++) {
      total[c] += scale * (user[c] - best);
    }
  }

  /** Adds the model's scores of one more part of the request at {@code weight}; returns its weighted feature count. */
  private double addRegion(String text, double weight, double[] scores) {
    double[] region = new double[scores.length];
    double features = weight * model.score(text, MODEL_CONTEXT_CHARS, region);
    for (int c = 0; c < scores.length; c++) {
      scores[c] += weight * region[c];
    }
    return features;
  }

  private double[] region(
      String text, double weight, double saturation, double[] total, double[] sub, TermRepeats seen) {
    double[] raw = new double[sub.length];
    if (text.isEmpty()) {
      return raw;
    }
    seen.nextText();
    String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
    lexicon.score(lower, raw, seen);
    for (int s = 0; s < raw.length; s++) {
      if (raw[s] == 0) {
        continue;
      }
      if (sectionCategory[s] >= 0) {
        total[sectionCategory[s]] += weight * saturation * (1 - Math.exp(-raw[s] / saturation));
      } else {
        sub[s] += weight * raw[s];
      }
    }
    return raw;
  }

  private void addStructure(ClassifierInput input, TextStructure shape, double[] lastRaw, double[] total, double[] sub) {
    boolean code = shape.codeFences() > 0 || shape.codeLines() >= 2;
    int programming = Category.PROGRAMMING.ordinal();
    if (code) {
      total[programming] += 2 + Math.min(shape.codeLines(), 8) * 0.4 + (shape.codeFences() > 0 ? 1 : 0);
    }
    if (shape.stackTrace()) {
      total[programming] += 2.5;
      addSub(sub, debuggingTag, 3);
    }
    total[programming] += Math.min(shape.filePaths(), 4) * 0.6;
    if (!code) {
      total[programming] += Math.min(shape.codeIdentifiers(), 3) * CODE_IDENTIFIER;
    }
    if (!code && shape.mathMarks() > 0) {
      total[Category.SCIENCE.ordinal()] += Math.min(shape.mathMarks(), 5) * 0.8;
    }
    // an exam item (A-D options) belongs to its subject, not to Academia: the study splits such
    // items by subject, so the shape adds nothing by itself
    total[Category.ROLEPLAY.ordinal()] += Math.min(shape.actionMarkers(), 4) * 0.8;
    if (shape.personaOpening() && !shape.serviceRole()) {
      // cast as a character; cast as a job or a tool ("act as a nutritionist") the subject decides
      total[Category.ROLEPLAY.ordinal()] += 3;
    }
    if (shape.writingRequest() && !shape.personaOpening() && shape.actionMarkers() == 0 && !code) {
      // a story, poem or song asked for without casting the assistant as anyone: writing, not roleplay
      total[Category.OTHER.ordinal()] += WRITING_REQUEST;
    }
    if (shape.softwareRequest() && !code) {
      // "write a browser extension that ...", "implement a compute kernel for ...": code is asked for
      total[programming] += SOFTWARE_REQUEST;
    }
    if (shape.shortQuestion() && !code) {
      total[Category.TRIVIA.ordinal()] += shortQuestion;
    }
    if (!code && translationSection >= 0 && lastRaw[translationSection] >= 4) {
      // an explicit "translate ..." request is a translation whatever the text is about
      total[Category.TRANSLATION.ordinal()] += 3;
    }
    int codingTools = 0;
    for (String tool : input.toolNames()) {
      if (isCodingTool(tool)) {
        codingTools++;
      }
    }
    if (codingTools > 0) {
      total[programming] += 3 + Math.min(codingTools, 4);
      addSub(sub, devToolsTag, 3);
    }
    for (String result : input.toolResults()) {
      TextStructure r = TextStructure.of(result);
      if (r.codeLines() >= 3 || r.stackTrace() || r.filePaths() >= 2) {
        total[programming] += 2;
        break;
      }
    }
    if (input.systemPrompt() != null) {
      total[Category.ROLEPLAY.ordinal()] += Math.min(TextStructure.actionMarkers(input.systemPrompt()), 4) * SYSTEM_ACTION;
    }
    if (!input.assistantTurns().isEmpty()) {
      TextStructure reply = TextStructure.of(input.assistantTurns().get(input.assistantTurns().size() - 1));
      total[Category.ROLEPLAY.ordinal()] += Math.min(reply.actionMarkers(), 4) * 0.5;
    }
  }

  /**
   * Returns whether a tool name ({@code read_file}, {@code runTerminalCommand}) is an agent's coding
   * tool: one of its words (runs of ASCII letters, split before a capital that follows a small
   * letter) is a coding word. A hand scan rather than a regex split: agents send dozens of tools.
   */
  static boolean isCodingTool(String name) {
    int length = name.length();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= length; i++) {
      char c = i < length ? name.charAt(i) : ' ';
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean camelStart = c >= 'A' && c <= 'Z' && i > 0 && name.charAt(i - 1) >= 'a' && name.charAt(i - 1) <= 'z';
      if ((!letter || camelStart) && word.length() > 0) {
        if (CODING_TOOL_WORDS.contains(word.toString())) {
          return true;
        }
        word.setLength(0);
      }
      if (letter) {
        word.append(Character.toLowerCase(c));
      }
    }
    return false;
  }

  private CategoryVerdict verdict(double[] total, double[] sub) {
    double max = Double.NEGATIVE_INFINITY;
    for (double t : total) {
      max = Math.max(max, t);
    }
    double[] p = new double[total.length];
    double sum = 0;
    for (int c = 0; c < total.length; c++) {
      p[c] = Math.exp((total[c] - max) / TEMPERATURE);
      sum += p[c];
    }
    int best = 0;
    for (int c = 0; c < p.length; c++) {
      p[c] /= sum;
      if (p[c] > p[best]) {
        best = c;
      }
    }
    List<Tag> tags = new ArrayList<>();
    subTag(best, p[best], sub, tags);
    List<Integer> secondary = new ArrayList<>();
    for (int c = 0; c < p.length; c++) {
      if (c != best && p[c] >= TAG_THRESHOLD) {
        secondary.add(c);
      }
    }
    secondary.sort(Comparator.comparingDouble(c -> -p[c]));
    for (int c : secondary.subList(0, Math.min(MAX_CATEGORY_TAGS, secondary.size()))) {
      tags.add(new Tag(CATEGORIES[c].label(), round(p[c])));
      subTag(c, p[c], sub, tags);
    }
    return new CategoryVerdict(CATEGORIES[best], round(p[best]), tags);
  }

  /** Adds the strongest sub-tag of {@code category}, if its lexicon found any. */
  private void subTag(int category, double probability, double[] sub, List<Tag> tags) {
    int bestSub = -1;
    double sum = 0;
    for (int s = 0; s < sub.length; s++) {
      if (subTagParent[s] == category && sub[s] > 0) {
        sum += sub[s];
        if (bestSub < 0 || sub[s] > sub[bestSub]) {
          bestSub = s;
        }
      }
    }
    if (bestSub >= 0) {
      tags.add(new Tag(lexicon.sections().get(bestSub), round(probability * sub[bestSub] / sum)));
    }
  }

  private static void addSub(double[] sub, int index, double value) {
    if (index >= 0) {
      sub[index] += value;
    }
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
