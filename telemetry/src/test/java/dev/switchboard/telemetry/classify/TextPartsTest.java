package dev.switchboard.telemetry.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the classifier's building blocks: term matching, caps, prose extraction, text shape. */
class TextPartsTest {

  @Test
  void termsMatchWholeWordsPrefixesAndCjkAnywhere() {
    TermMatcher matcher = TermMatcher.build(List.of(
        new TermMatcher.Term("java", false),
        new TermMatcher.Term("debug", true),
        new TermMatcher.Term("翻译", false),
        new TermMatcher.Term("c++", false)));
    List<String> found = new ArrayList<>();
    matcher.scan("javascript is not java; debugging c++ and 请翻译这句", t -> found.add(matcher.term(t).text()));
    assertThat(found).containsExactly("java", "debug", "c++", "翻译");
  }

  @Test
  void lexiconRepeatsCountLessEachTime() {
    Lexicon lexicon = Lexicon.parse(List.of("[Programming]", "2 python", "[Other]", "1 poem"));
    double[] scores = new double[2];
    lexicon.score("python python python python poem", scores, new TermRepeats(lexicon.termCount()));
    assertThat(scores[0]).isEqualTo(2 + 1 + 0.5);
    assertThat(scores[1]).isEqualTo(1);
  }

  @Test
  void codingToolsAreRecognisedByTheWordsInTheirNames() {
    assertThat(List.of("read_file", "runTerminalCommand", "apply_patch", "str_replace_editor", "codebase_search"))
        .allMatch(CategoryScorer::isCodingTool);
    assertThat(List.of("get_weather", "latest_news", "search_web", "send_email", "create_calendar_event"))
        .noneMatch(CategoryScorer::isCodingTool);
  }

  @Test
  void capsKeepHeadAndTail() {
    TextCaps caps = new TextCaps(5, 3, 2);
    assertThat(caps.cap("0123456789abcdef")).isEqualTo("01234\n…\ndef");
    assertThat(caps.cap("short")).isEqualTo("short");
    ClassifierInput capped = caps.cap(new ClassifierInput(null, List.of("a", "b", "c"), List.of(), List.of(), List.of()));
    assertThat(capped.userTurns()).containsExactly("b", "c");
    TextCaps budget = new TextCaps(100, 0, 8, 5);
    ClassifierInput transcript = budget.cap(new ClassifierInput(null, List.of("aaa", "bbb", "cc", "dddddddd"), List.of(), List.of(), List.of()));
    assertThat(transcript.userTurns()).containsExactly("dddddddd"); // the newest always stays, even over budget
    assertThat(budget.cap(new ClassifierInput(null, List.of("aaa", "bb", "c"), List.of(), List.of(), List.of())).userTurns())
        .containsExactly("bb", "c");
  }

  @Test
  void proseDropsCodeLinksAndIdentifiers() {
    String prose = ProseExtractor.extract("""
        See https://example.com/docs and call `client.fetch()` from my_module:
        ```js
        const x = fetch(url);
        ```
        Die Funktion getUserName liefert manchmal nichts zurück.
        """, 500);
    assertThat(prose).isEqualTo("See and call from Die Funktion liefert manchmal nichts zurück");
  }

  @Test
  void structureSeesCodeTracesMathChoicesAndPersonas() {
    TextStructure code = TextStructure.of("Fix this:\n```\nint main() {\n  return 0;\n}\n```\nTypeError: x is undefined in app.js");
    assertThat(code.codeFences()).isEqualTo(1);
    assertThat(code.codeLines()).isGreaterThanOrEqualTo(2);
    assertThat(code.stackTrace()).isTrue();
    assertThat(code.filePaths()).isEqualTo(1);
    assertThat(TextStructure.of("A car accelerates at 3 m/s^2 for 10 s; find \\frac{v}{t}.").mathMarks()).isGreaterThanOrEqualTo(3);
    // code pasted as a string literal keeps its lines; LaTeX's \neq and \nabla do not cut a formula
    // into lines of code (two lines make code)
    assertThat(TextStructure.of("Why does this print 0? \"int x = 1;\\nx -= 1;\\nif (x == 0) {\\n  print(x);\\n}\"").codeLines())
        .isGreaterThanOrEqualTo(3);
    assertThat(TextStructure.of("Show that \\frac{a}{b}\\neq \\frac{b}{a} and \\sqrt{x}\\nabla f = \\vec{0}").codeLines()).isLessThan(2);
    // code identifiers in prose: snake_case names and calls count; subscripts, template slots,
    // hashtags, quoted JSON keys and paths do not
    assertThat(TextStructure.of("Why does json.loads() fail, and what does related_name do? Call save() first.").codeIdentifiers())
        .isEqualTo(3);
    assertThat(TextStructure.of("Regress y_t on beta_1 x_t; fill {user_name} and [PRODUCT_NAME]; #throwback_thursday;"
        + " {\"first_mes\": \"Hi\"} at /home/my_docs (see e.g. the notes)").codeIdentifiers()).isZero();
    // a kind of software asked for; not a training program, an ad for an app or a partition function
    assertThat(List.of("Write a program that plays tic-tac-toe in the terminal.", "Write a Chrome extension that saves the page.",
        "Implement a simple REST API in Go.", "Write a Metal compute kernel to blur an image.",
        "Write the full working code of a platformer game.", "Write a bash script that renames my photos.",
        "Could you build a to-do list web app with node.js? It should sync."))
        .allMatch(t -> TextStructure.of(t).softwareRequest());
    assertThat(List.of("Create a workout program that builds strength.", "Write a LinkedIn ad for a fintech app.",
        "Write the partition function of an ideal gas.", "Create a go-to-market plan for a budgeting app.",
        "Write a code of conduct for our chess club.", "Write a script for a YouTube video about cats.",
        "Create a dress code for the office party.", "Write a post. The function of art is to disturb."))
        .noneMatch(t -> TextStructure.of(t).softwareRequest());
    assertThat(TextStructure.of("Which is a noble gas?\nA. Neon\nB. Iron\nC. Carbon\nD. Sodium").multipleChoice()).isTrue();
    assertThat(TextStructure.of("*draws her sword* Who goes there? *steps closer*").actionMarkers()).isEqualTo(2);
    assertThat(TextStructure.of("As a pirate captain, what would you tell your crew?").personaOpening()).isTrue();
    assertThat(TextStructure.of("As a nurse, I want to plan my night shifts better.").personaOpening()).isFalse();
    assertThat(TextStructure.of("You are given an array of integers.").personaOpening()).isFalse();
    TextStructure character = TextStructure.of("I want you to act as a vampire count who has not slept for a century.");
    TextStructure job = TextStructure.of("I want you to act as an experienced nutritionist. I will list my meals.");
    assertThat(character.personaOpening()).isTrue();
    assertThat(character.serviceRole()).isFalse();
    assertThat(job.personaOpening()).isTrue();
    assertThat(job.serviceRole()).isTrue();
    assertThat(TextStructure.of("Take on the role of a Linux terminal and print what my commands output.").serviceRole()).isTrue();
    assertThat(TextStructure.of("Play the role of my rival at chess. Your move.").serviceRole()).isFalse();
    assertThat(TextStructure.of("Acting is hard, as my teacher says.").personaOpening()).isFalse();
    // a job asked for in role-play words is a role; a tool stays a service whatever the words
    TextStructure roleWords = TextStructure.of("Imagine yourself as a doctor in a small mountain village and greet your first patient.");
    assertThat(roleWords.personaOpening()).isTrue();
    assertThat(roleWords.serviceRole()).isFalse();
    assertThat(TextStructure.of("Embody the persona of a retired ship captain telling stories.").serviceRole()).isFalse();
    assertThat(TextStructure.of("Pretend to be a Python interpreter and show only the output.").serviceRole()).isTrue();
    assertThat(TextStructure.of("I want you to act as a software tester for my checkout page.").serviceRole()).isTrue();
    assertThat(TextStructure.of("Act as a cardiologist and review my blood pressure readings.").serviceRole()).isTrue();
    assertThat(TextStructure.of("Act as a Wikipedia page about the history of tea.").serviceRole()).isTrue();
    assertThat(TextStructure.of("when did the berlin wall fall").shortQuestion()).isTrue();
    assertThat(TextStructure.of("Can you write me a haiku?").shortQuestion()).isFalse();
    assertThat(TextStructure.of("Why does my router keep blinking orange?").shortQuestion()).isFalse();
    assertThat(TextStructure.of("How many moons does Mars have?").shortQuestion()).isTrue();
    assertThat(TextStructure.of("Why is the sea salty?").shortQuestion()).isFalse();
    assertThat(TextStructure.of("How does a transistor amplify a signal?").shortQuestion()).isFalse();
    assertThat(TextStructure.of("谁发明了电话？").shortQuestion()).isTrue();
    assertThat(TextStructure.of("什么是区块链？").shortQuestion()).isFalse();
    // typed into a search box: the question word sits inside, nothing closes it
    assertThat(TextStructure.of("mount kilimanjaro is in which country").shortQuestion()).isTrue();
    assertThat(TextStructure.of("the song hallelujah was written by who").shortQuestion()).isTrue();
    assertThat(TextStructure.of("Rivers which flow north.").shortQuestion()).isFalse();
    assertThat(TextStructure.of("how to fix wifi when it drops").shortQuestion()).isFalse();
    // "what" asking for a comparison, an explanation or advice is not a fact
    assertThat(TextStructure.of("What is the difference between a lease and a license?").shortQuestion()).isFalse();
    assertThat(TextStructure.of("What causes tides?").shortQuestion()).isFalse();
    assertThat(TextStructure.of("What is the boiling point of ethanol?").shortQuestion()).isTrue();
  }

  @Test
  void structureSeesARequestForWritingButNotForCodeOrAReplyInCharacter() {
    assertThat(TextStructure.of("Write a song about a rainy day in Tokyo").writingRequest()).isTrue();
    assertThat(TextStructure.of("Could you compose a short poem for my mother's birthday?").writingRequest()).isTrue();
    assertThat(TextStructure.of("please write the next chapter of my fantasy novel").writingRequest()).isTrue();
    assertThat(TextStructure.of("Write a Python script that renames files").writingRequest()).isFalse();
    assertThat(TextStructure.of("Write {{char}}'s next reply in a fictional chat").writingRequest()).isFalse();
    assertThat(TextStructure.of("Write an Arduino sketch that plays a melody").writingRequest()).isFalse();
    assertThat(TextStructure.of("Tell me a story").writingRequest()).isFalse();
  }
}
