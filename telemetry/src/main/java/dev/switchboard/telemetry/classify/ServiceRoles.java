package dev.switchboard.telemetry.classify;

import java.util.Locale;
import java.util.Set;

/**
 * Tells a role the user casts the assistant in that is a job or a tool ("act as a nutritionist",
 * "you are a Linux terminal") from a character ("act as a pirate", "you are Sherlock"): the first
 * asks for the job's subject and is classified by it, only the second is roleplay. Reads the first
 * words, up to the end of the first clause, and looks for a job or tool noun among them.
 */
final class ServiceRoles {
  // how many words from the start can still name the role ("I want you to act as a senior web developer")
  private static final int WORDS = 12;
  private static final int CLAUSE_CHARS = 120;
  private static final String CLAUSE_ENDS = ".,;:!?\n";
  // nouns of jobs, written from general knowledge; a word counts when it starts with one
  private static final Set<String> JOBS = Set.of(
      "teacher", "tutor", "instructor", "professor", "lecturer", "educator", "mentor", "coach", "trainer",
      "expert", "specialist", "consultant", "advisor", "adviser", "counselor", "counsellor", "planner",
      "analyst", "engineer", "developer", "programmer", "architect", "administrator", "admin", "technician",
      "scientist", "mathematician", "statistician", "physicist", "chemist", "biologist", "economist",
      "researcher", "academic", "academician", "scholar", "doctor", "physician", "nurse", "nutritionist",
      "dietitian", "dietician", "pharmacist", "dentist", "pediatrician", "physiotherapist", "psychologist",
      "lawyer", "attorney", "solicitor", "paralegal", "notary", "accountant", "auditor", "bookkeeper",
      "banker", "broker", "trader", "investor", "translator", "proofreader", "editor",
      "copywriter", "marketer", "strategist", "salesperson", "recruiter", "manager", "assistant",
      "reviewer", "seo", "cybersecurity",
      "journalist", "reporter", "critic", "guide", "chef", "storyteller", "poet", "novelist", "writer",
      "screenwriter", "composer", "designer", "decorator", "stylist", "influencer",
      "tester", "surgeon", "therapist", "psychiatrist", "pathologist", "radiologist", "dermatologist",
      "veterinarian", "paramedic", "midwife", "optometrist", "electrician", "plumber", "mechanic",
      "surveyor", "librarian", "archivist", "historian", "linguist", "philologist", "columnist",
      "commentator", "moderator", "examiner", "inspector", "evaluator", "grader");
  // endings of job nouns: a pathologist, a cardiologist, a photographer
  private static final String[] JOB_ENDINGS = {"ologist", "iatrist", "ographer"};
  // nouns of the tools, machines and documents a user asks the assistant to be
  private static final Set<String> TOOLS = Set.of(
      "checker", "corrector", "generator", "calculator", "terminal", "console", "compiler", "interpreter",
      "debugger", "encyclopedia", "dictionary", "search", "formatter", "summarizer", "paraphraser",
      "rewriter", "converter", "optimizer", "analyzer", "analyser", "detector", "scanner", "organizer",
      "scheduler", "spreadsheet", "database", "chatbot", "bot", "program", "app", "website", "page",
      "post", "textbook", "glossary", "thesaurus", "wikipedia", "shell", "repl", "api");
  private static final Set<String> STOP = Set.of("a", "an", "the", "my", "your", "our", "experienced", "senior",
      "professional", "expert", "helpful", "knowledgeable", "skilled", "world-class", "famous");

  private ServiceRoles() {}

  /** Returns whether the first words of {@code text}, up to the end of its first clause, name a job or a tool. */
  static boolean namesService(String text) {
    return names(text, true);
  }

  /**
   * Returns whether the first words of {@code text}, up to the end of its first clause, name a tool:
   * a role asked for as a role ("take on the role of a doctor") is roleplay unless it is a machine.
   */
  static boolean namesTool(String text) {
    return names(text, false);
  }

  /**
   * Returns the opening's first clause, where the role is named ("I want you to act as a tax
   * accountant for a small bakery"): up to the first sentence or clause mark, at most 120 characters.
   */
  static String roleClause(String text) {
    String opening = text.stripLeading();
    int end = Math.min(opening.length(), CLAUSE_CHARS);
    for (int i = 0; i < end; i++) {
      if (CLAUSE_ENDS.indexOf(opening.charAt(i)) >= 0) {
        return opening.substring(0, i);
      }
    }
    return opening.substring(0, end);
  }

  private static boolean names(String text, boolean jobs) {
    int length = Math.min(text.length(), 200);
    int i = 0;
    int words = 0;
    while (i < length && words < WORDS) {
      while (i < length && !Character.isLetter(text.charAt(i))) {
        char c = text.charAt(i);
        if (c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == '\n' || c == ':') {
          return false; // the role ended without a job noun
        }
        i++;
      }
      int start = i;
      while (i < length && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '-')) {
        i++;
      }
      if (i == start) {
        break;
      }
      String word = text.substring(start, i).toLowerCase(Locale.ROOT);
      if (isNoun(word, TOOLS) || (jobs && isJob(word))) {
        return true;
      }
      if (!STOP.contains(word)) {
        words++;
      }
    }
    return false;
  }

  private static boolean isJob(String word) {
    for (String ending : JOB_ENDINGS) {
      if (word.length() > ending.length() + 2 && word.endsWith(ending)) {
        return true;
      }
    }
    return isNoun(word, JOBS);
  }

  private static boolean isNoun(String word, Set<String> nouns) {
    if (nouns.contains(word)) {
      return true;
    }
    // plurals and compounds: "teachers", "nutritionist's"
    for (int cut = word.length() - 1; cut >= 3 && cut >= word.length() - 2; cut--) {
      if (nouns.contains(word.substring(0, cut))) {
        return true;
      }
    }
    return false;
  }
}
