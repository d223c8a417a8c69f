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
  // nouns of jobs and tools, written from general knowledge; a word counts when it starts with one
  private static final Set<String> NOUNS = Set.of(
      "teacher", "tutor", "instructor", "professor", "lecturer", "educator", "mentor", "coach", "trainer",
      "expert", "specialist", "consultant", "advisor", "adviser", "counselor", "counsellor", "planner",
      "analyst", "engineer", "developer", "programmer", "architect", "administrator", "admin", "technician",
      "scientist", "mathematician", "statistician", "physicist", "chemist", "biologist", "economist",
      "researcher", "academic", "academician", "scholar", "doctor", "physician", "nurse", "nutritionist",
      "dietitian", "dietician", "pharmacist", "dentist", "pediatrician", "physiotherapist", "psychologist",
      "lawyer", "attorney", "solicitor", "paralegal", "notary", "accountant", "auditor", "bookkeeper",
      "banker", "broker", "trader", "investor", "translator", "interpreter", "proofreader", "editor",
      "copywriter", "marketer", "strategist", "salesperson", "recruiter", "manager", "assistant",
      "reviewer", "checker", "corrector", "generator", "calculator", "terminal", "console", "compiler",
      "debugger", "encyclopedia", "dictionary", "search", "seo", "cybersecurity",
      "journalist", "reporter", "critic", "guide", "chef", "storyteller", "poet", "novelist", "writer",
      "screenwriter", "composer", "designer", "decorator", "stylist", "influencer");
  private static final Set<String> STOP = Set.of("a", "an", "the", "my", "your", "our", "experienced", "senior",
      "professional", "expert", "helpful", "knowledgeable", "skilled", "world-class", "famous");

  private ServiceRoles() {}

  /** Returns whether the first words of {@code text}, up to the end of its first clause, name a job or a tool. */
  static boolean namesService(String text) {
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
      if (isJob(word)) {
        return true;
      }
      if (!STOP.contains(word)) {
        words++;
      }
    }
    return false;
  }

  private static boolean isJob(String word) {
    if (NOUNS.contains(word)) {
      return true;
    }
    // plurals and compounds: "teachers", "nutritionist's"
    for (int cut = word.length() - 1; cut >= 3 && cut >= word.length() - 2; cut--) {
      if (NOUNS.contains(word.substring(0, cut))) {
        return true;
      }
    }
    return false;
  }
}
