package dev.switchboard.telemetry.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.Category;
import dev.switchboard.telemetry.Classification;
import dev.switchboard.telemetry.Classification.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks each category's strong signals and the study's hard boundaries, on examples written here. */
class RequestClassifierTest {
  private static final RequestClassifier CLASSIFIER = RequestClassifier.withDefaults();

  private static Classification classify(String text) {
    return CLASSIFIER.classify(ClassifierInput.ofText(text));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      PROGRAMMING | Write a Python function that merges two sorted lists without using sort().
      PROGRAMMING | Why does my React component re-render every time the parent state changes?
      PROGRAMMING | Why does my Rust borrow checker complain here?
      TECHNOLOGY  | My laptop keeps dropping the Wi-Fi connection since the last Windows update. How do I fix the network adapter?
      TECHNOLOGY  | What is the difference between a firewall and an intrusion detection system?
      SCIENCE     | Solve for x: 3x^2 - 12 = 0, and show each step.
      SCIENCE     | Why does ice float on water? Explain the molecular structure involved.
      HEALTH      | What are the early symptoms of type 2 diabetes and when should I see a doctor?
      FINANCE     | How much capital gains tax do I owe if I sell shares I held for eight months?
      FINANCE     | Explain how inflation affects bond prices and interest rates.
      LEGAL       | My landlord kept my security deposit without listing damages. Can I sue him in small claims court?
      MARKETING   | Draft a launch campaign for our new vegan protein bar aimed at college athletes, with a slogan and ad copy.
      SEO         | Which keywords and meta descriptions should my bakery website use to rank higher on Google search?
      ACADEMIA    | Help me restructure the literature review of my thesis and fix the citations to APA style.
      TRIVIA      | who won the first fifa world cup
      TRIVIA      | What is the capital of Australia?
      OTHER       | Write a short poem about autumn leaves falling on a quiet lake.
      OTHER       | Give me a recipe for banana bread without eggs.
      ROLEPLAY    | Pretend you are a grumpy dwarf blacksmith in a fantasy kingdom. Stay in character and greet me as I enter your forge.
      """)
  void strongSignalsDecideTheCategory(Category expected, String text) {
    assertThat(classify(text).category()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      golang read a file line by line
      rust parse json into a struct
      write a firefox extension that blocks autoplay videos
      a compute kernel for a prefix sum on the gpu
      In Django, what is the difference between a ForeignKey and a OneToOneField on a model?
      kotlin coroutines vs threads
      How do I make a Svelte store persist across page reloads?
      Make a Minecraft plugin that gives players a diamond when they join
      excel vba loop over all sheets and copy column A
      Create a Flutter screen with a list of contacts and a search bar
      unity c# make the player jump when space is pressed
      Write a Solidity contract for an ERC-20 token with a cap
      Build a Next.js page that fetches posts at build time
      """)
  void shortRequestsNamingALanguageOrPlatformAreProgrammingWithoutAnyCode(String text) {
    assertThat(classify(text).category()).isEqualTo(Category.PROGRAMMING);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ROLEPLAY | Let's play a game of chess, you are black and I open with d4.
      ROLEPLAY | You are the narrator of a text adventure in a sunken city. Start.
      ROLEPLAY | talk like a pirate from now on
      ROLEPLAY | Be my Dungeons and Dragons dungeon master tonight. I'm a level 3 paladin.
      ROLEPLAY | Pretend you're my grumpy old neighbour and I just parked in your spot.
      ROLEPLAY | You are Gandalf. I am a hobbit asking for advice about a ring.
      ROLEPLAY | let's play tic tac toe, I'll be X
      OTHER    | Write a song about a rainy day in Tokyo
      OTHER    | Write a scene where two astronauts argue about going home
      OTHER    | Write a poem about my grandmother's kitchen
      """)
  void playingAPartIsRoleplayButWritingWithoutAPersonaIsOther(Category expected, String text) {
    assertThat(classify(text).category()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      HEALTH      | I want you to act as a dietitian. I will tell you what I eat in a day and you will suggest changes.
      FINANCE     | Act as an accountant and tell me which of my home office costs I can deduct.
      LEGAL       | I want you to act as a tenant lawyer. My landlord wants to evict me without notice.
      SCIENCE     | I want you to act as a physics tutor. Explain why a satellite in orbit does not fall down.
      TECHNOLOGY  | Act as an IT support technician: my printer shows offline on the office network.
      ROLEPLAY    | I want you to act as Count Dracula. Greet me as I arrive at your castle at midnight.
      ROLEPLAY    | Act like a grumpy pirate captain and tell me why I should join your crew.
      ROLEPLAY    | Imagine yourself as a country doctor in 1890 and tell me about your day.
      PROGRAMMING | I want you to act as a software QA tester. List the test cases for a password reset form.
      HEALTH      | 我想让你充当私人教练。我会告诉你我的身高体重和目标，你为我制定健身计划。我的第一个请求是“三个月减十公斤”。
      PROGRAMMING | 我想让你充当 Linux 终端。我输入命令，你回复终端应该显示的内容。我的第一个命令是 pwd。
      LEGAL       | 我希望你充当律师。我会描述一个法律问题，你给出建议。我的第一个请求是“房东不退押金怎么办”。
      ROLEPLAY    | 我想让你充当孙悟空，用他的口吻和我聊天。
      """)
  void castingTheAssistantInAJobIsAboutTheJobsSubjectButInACharacterIsRoleplay(Category expected, String text) {
    assertThat(classify(text).category()).isEqualTo(expected);
  }

  @Test
  void theJobNamedInTheFirstClauseDecidesAPromptWhoseInstructionsSayNothingOfTheSubject() {
    // the instructions after the job (tell me, answer step by step, no jargon) are any job's; the
    // job's clause counts again, or the prompt falls to Other
    assertThat(classify("I want you to act as a pension advisor for a couple in their fifties. They will tell you about "
        + "their plans for the coming years and you will answer in plain words, step by step, without jargon. My first "
        + "question is whether we should move to a smaller house.").category()).isEqualTo(Category.FINANCE);
    assertThat(ServiceRoles.roleClause("  I want you to act as a tax accountant for a small bakery. I will list my costs."))
        .isEqualTo("I want you to act as a tax accountant for a small bakery");
    assertThat(ServiceRoles.roleClause("Act as a sleep coach")).isEqualTo("Act as a sleep coach");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      When should I call super().__init__() in a subclass?
      Is it safe to call setState() inside componentDidMount?
      What is the difference between select_related and prefetch_related?
      What does the related_name argument do on a ForeignKey?
      Write a program that plays tic-tac-toe against the user in the terminal.
      """)
  void aRequestNamingAFrameworksFieldsOrAKindOfSoftwareIsProgrammingWithoutALineOfCode(String text) {
    // the names are code (snake_case, calls), a program is asked for; their words alone read as health,
    // as nothing or as a game
    assertThat(classify(text).category()).isEqualTo(Category.PROGRAMMING);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      SCIENCE    | Which of the following is the SI unit of magnetic flux? A. Tesla B. Weber C. Henry D. Farad
      SCIENCE    | What does the period of a swinging pendulum depend on? A. Its mass B. Its length C. Its colour D. Its material
      HEALTH     | Which of these is a bone of the lower leg? A. Tibia B. Ulna C. Humerus D. Sternum
      HEALTH     | Which of the following is the first-line treatment for anaphylaxis? A. Epinephrine B. Antihistamine C. Steroids D. Albuterol
      LEGAL      | Which of the following is required for adverse possession? A. Permission of the owner B. Open and notorious use C. Payment D. A written deed
      FINANCE    | Which of the following will shift the supply curve of wheat to the left? A. A drought B. Lower fertilizer prices C. Better technology D. A subsidy
      TECHNOLOGY | Which of the following is a type of malware that encrypts files for ransom? A. Worm B. Ransomware C. Adware D. Keylogger
      MARKETING  | Which of the following is a characteristic of services marketing? A. Tangibility B. Inseparability C. Storability D. Standardization
      """)
  void examItemsBelongToTheirSubjectNotToTheirForm(Category expected, String text) {
    assertThat(classify(text).category()).isEqualTo(expected);
  }

  @Test
  void codeErrorsAreProgrammingButBrokenHardwareIsTechnology() {
    Classification code = classify("""
        I get this when I run my script:
        Traceback (most recent call last):
          File "app.py", line 12, in <module>
            total = prices["apple"] * qty
        KeyError: 'apple'
        """);
    Classification hardware = classify(
        "My desktop PC beeps three times on boot and the monitor shows no signal. I already reseated the RAM and the GPU.");
    assertThat(code.category()).isEqualTo(Category.PROGRAMMING);
    assertThat(code.tags()).extracting(Tag::name).contains("Programming/debugging");
    assertThat(hardware.category()).isEqualTo(Category.TECHNOLOGY);
  }

  @Test
  void characterPlayIsRoleplayButStoryWritingIsOther() {
    Classification card = CLASSIFIER.classify(new ClassifierInput(
        "You are {{char}}, a cheerful elven ranger. Personality: curious, loyal. Scenario: {{user}} meets you at a "
            + "tavern. Stay in character, describe actions between asterisks and never speak for {{user}}.",
        List.of("*walks up to the bar* Hey there, mind if I sit?"),
        List.of("*looks up from her map and smiles* Of course, traveler!"),
        List.of(),
        List.of()));
    Classification story = classify(
        "Write a short story about an elven ranger who finds a lost map in a tavern. Make it about 500 words with a twist ending.");
    assertThat(card.category()).isEqualTo(Category.ROLEPLAY);
    assertThat(story.category()).isEqualTo(Category.OTHER);
  }

  @Test
  void aCharacterCardsNarratedActionsInTheSystemPromptMakeAPlainTurnRoleplay() {
    String card = "Mira is a potion seller in a floating market. She is quick-witted, a little vain and fond of "
        + "bargaining.\nFirst message: *Mira wipes a dusty bottle on her apron and holds it up to the light* "
        + "Looking for something to cure a broken heart, or a broken leg?\nExample: *she leans over the counter* "
        + "Everything has a price, friend. *winks*";
    Classification withCard = CLASSIFIER.classify(new ClassifierInput(
        card, List.of("What do you have today?"), List.of(), List.of(), List.of()));
    Classification plain = CLASSIFIER.classify(new ClassifierInput(
        card.replace("*", ""), List.of("What do you have today?"), List.of(), List.of(), List.of()));
    assertThat(withCard.category()).isEqualTo(Category.ROLEPLAY);
    // the same words without the action markers score Roleplay lower
    double withActions = withCard.confidence();
    double without = plain.category() == Category.ROLEPLAY ? plain.confidence()
        : plain.tags().stream().filter(t -> t.name().equals("Roleplay")).mapToDouble(Tag::confidence).findFirst().orElse(0);
    assertThat(withActions).isGreaterThan(without);
  }

  @Test
  void aShortLastTurnIsClassifiedByTheConversationBeforeIt() {
    Classification conversation = CLASSIFIER.classify(new ClassifierInput(null,
        List.of("Pretend you are the old lighthouse keeper and I'm a stranger knocking at your door in a storm.", "嗯嗯"),
        List.of("The keeper lifts his lantern, squints at you through the rain and mutters: who sends a traveler out on a night like this?"),
        List.of(), List.of()));
    Classification alone = classify("嗯嗯");
    assertThat(conversation.category()).isEqualTo(Category.ROLEPLAY);
    assertThat(alone.category()).isNotEqualTo(Category.ROLEPLAY);
  }

  @Test
  void researchWritingIsAcademiaButTheMathItselfIsScience() {
    assertThat(classify("Please proofread the abstract of my research paper for submission to a peer-reviewed journal.").category())
        .isEqualTo(Category.ACADEMIA);
    assertThat(classify("Compute the integral of x * e^x from 0 to 1 and verify the result with a derivative.").category())
        .isEqualTo(Category.SCIENCE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      Translate this into German: The meeting has been moved to Thursday afternoon.
      请把这句话翻译成日语：今天的天气非常好，我们去公园散步吧。
      Переведи на английский: Я каждый вечер читаю книги перед сном.
      Traduce al inglés, por favor: Mañana vamos a visitar a mis abuelos en el pueblo.
      Traduis en espagnol : Nous avons besoin de plus de temps pour finir le projet.
      Übersetze ins Französische: Wir treffen uns morgen um acht Uhr am Bahnhof.
      """)
  void translationRequestsInAnyLanguageAreTranslation(String text) {
    assertThat(classify(text).category()).isEqualTo(Category.TRANSLATION);
  }

  @Test
  void codingAgentPromptAndToolsMakeProgrammingEvenForAVagueTurn() {
    Classification agent = CLASSIFIER.classify(new ClassifierInput(
        "You are an autonomous coding agent working in the user's repository. Use the tools to read and edit files, "
            + "run the test suite in the terminal, and keep code edits minimal.",
        List.of("ok, go ahead and do it"),
        List.of(),
        List.of("read_file", "apply_patch", "run_terminal_command"),
        List.of("src/main/App.java:\npublic class App {\n  public static void main(String[] args) {}\n}")));
    assertThat(agent.category()).isEqualTo(Category.PROGRAMMING);
    assertThat(agent.tags()).extracting(Tag::name).contains("Programming/development tools");
  }

  @Test
  void chineseAndRussianRequestsAreClassifiedToo() {
    assertThat(classify("帮我写一个Python脚本，批量重命名文件夹里的图片").category()).isEqualTo(Category.PROGRAMMING);
    assertThat(classify("扮演一位冷酷的剑客，和我进行角色扮演对话").category()).isEqualTo(Category.ROLEPLAY);
    assertThat(classify("Как снизить налог при продаже квартиры? Какие налоговые вычеты есть?").category())
        .isEqualTo(Category.FINANCE);
  }

  @Test
  void resultCarriesConfidenceTagsAndLanguage() {
    Classification result = classify("How do I fix a NullPointerException in my Java code when the list is empty?");
    assertThat(result.isClassified()).isTrue();
    assertThat(result.confidence()).isBetween(0.0, 1.0);
    assertThat(result.language()).isEqualTo("en");
    assertThat(result.tags()).allSatisfy(t -> assertThat(t.confidence()).isBetween(0.0, 1.0));
    assertThat(result.unclassifiedReason()).isNull();
  }

  @Test
  void requestWithoutTextIsUnclassified() {
    Classification result = CLASSIFIER.classify(new ClassifierInput(null, List.of("  "), List.of(), List.of(), List.of()));
    assertThat(result.isClassified()).isFalse();
    assertThat(result.unclassifiedReason()).isEqualTo(RequestClassifier.NO_TEXT);
  }

  @Test
  void hugePromptIsCappedAndStillClassified() {
    String paste = "def handler(event):\n    return process(event)\n".repeat(20_000);
    Classification result = classify("Please review this module and find the bug:\n```python\n" + paste + "```");
    assertThat(result.category()).isEqualTo(Category.PROGRAMMING);
    assertThat(result.language()).isEqualTo("en");
  }
}
