package dev.switchboard.telemetry.classify;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.switchboard.config.ClassifierConfig;
import dev.switchboard.telemetry.classify.ScriptCensus.Script;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Detects the language of user-written text as a BCP-47-ish code ({@code en}, {@code zh-Hans},
 * {@code zh-Hant}, ...), or {@code und} when the text is too short or has no letters. Code, links
 * and markup are stripped first; scripts that name their language (Hangul, kana, Han) are decided
 * by counting letters; the rest goes to lingua, restricted to the configured languages and built
 * once, lazily, in low-accuracy mode (trigram models only: ~30 MB for 30 languages instead of
 * ~700 MB, and faster). Function words settle very short texts, and skip lingua altogether when
 * a sentence is plainly in one language (most traffic is plainly English).
 */
public final class LanguageIdentifier {
  /** The code for "undetermined". */
  public static final String UNDETERMINED = "und";

  /** The 30 most common languages of web content, most common first. */
  public static final List<String> DEFAULT_LANGUAGES = ClassifierConfig.DEFAULT_LANGUAGES;

  // lingua's cost grows with every trigram looked up in every candidate language's model
  private static final int SAMPLE_CHARS = 120;
  private static final int SHORT_TEXT_CHARS = 60;
  private static final double VOTE_CANDIDATE_CONFIDENCE = 0.8;
  private static final int SHORT_CYRILLIC_LETTERS = 20;

  private final Set<String> codes;
  private final Language[] languages;
  private volatile LanguageDetector detector;

  private LanguageIdentifier(Set<String> codes, Language[] languages) {
    this.codes = codes;
    this.languages = languages;
  }

  /**
   * Returns an identifier for {@code codes} (ISO 639-1; {@code zh}, {@code zh-Hans} and
   * {@code zh-Hant} all mean Chinese).
   *
   * @throws IllegalArgumentException for a code lingua does not know
   */
  public static LanguageIdentifier of(List<String> codes) {
    Set<String> normalized = new LinkedHashSet<>();
    List<Language> languages = new ArrayList<>();
    for (String code : codes) {
      String base = code.strip().toLowerCase(Locale.ROOT);
      base = base.startsWith("zh") ? "zh" : base;
      Language language;
      try {
        language = Language.getByIsoCode639_1(IsoCode639_1.valueOf(base.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown language code: " + code);
      }
      if (normalized.add(base)) {
        languages.add(language);
      }
    }
    if (languages.isEmpty()) {
      throw new IllegalArgumentException("at least one language is needed");
    }
    return new LanguageIdentifier(Set.copyOf(normalized), languages.toArray(new Language[0]));
  }

  /** Returns an identifier for {@link #DEFAULT_LANGUAGES}. */
  public static LanguageIdentifier defaults() {
    return of(DEFAULT_LANGUAGES);
  }

  /** Returns the language of {@code text}, or {@code und}. */
  public String detect(String text) {
    if (text == null || text.isBlank()) {
      return UNDETERMINED;
    }
    String prose = ProseExtractor.extract(text, SAMPLE_CHARS);
    ScriptCensus census = ScriptCensus.of(prose);
    int unspaced = census.count(Script.HAN) + census.count(Script.KANA) + census.count(Script.HANGUL);
    if (census.letters() < 3 && (unspaced < 2 || census.letters() < 2)) {
      return UNDETERMINED;
    }
    Script dominant = census.dominantNonLatin();
    // prose in another script wins over the English technical words mixed into it
    if (dominant != null && census.nonLatin() >= 2 && census.nonLatin() * 5 >= census.letters()) {
      String byScript = byScript(dominant, census, prose);
      if (byScript != null) {
        return byScript;
      }
      return lingua(keepScript(prose, dominant, census), census);
    }
    return lingua(keepScript(prose, Script.LATIN, census), census);
  }

  private String byScript(Script script, ScriptCensus census, String prose) {
    switch (script) {
      case HANGUL:
        return configured("ko");
      case HAN:
        if (census.count(Script.KANA) > 0) {
          return configured("ja");
        }
        return codes.contains("zh") ? ChineseScript.of(prose) : null;
      case CYRILLIC:
        return cyrillic(prose);
      case ARABIC:
        return arabic(prose);
      default:
        return null;
    }
  }

  /** Ukrainian has і/ї/є/ґ and Russian ы/э/ё, which neither Ukrainian nor Bulgarian uses. */
  private String cyrillic(String prose) {
    if (containsAny(prose, "іїєґІЇЄҐ")) {
      return configured("uk");
    }
    if (containsAny(prose, "ыэёЫЭЁ")) {
      return configured("ru");
    }
    return null;
  }

  /** Persian writes پ چ ژ گ and the Persian forms of kaf and yeh; Arabic has ة and its own kaf/yeh. */
  private String arabic(String prose) {
    boolean persian = containsAny(prose, "پچژگکی");
    boolean arabicOnly = containsAny(prose, "ةيكىإأ");
    if (persian && !arabicOnly) {
      return configured("fa");
    }
    if (arabicOnly && !persian) {
      return configured("ar");
    }
    return null;
  }

  private String lingua(String text, ScriptCensus census) {
    if (census.dominantNonLatin() == null || census.nonLatin() * 5 < census.letters()) {
      String clear = FunctionWords.clearMajority(text);
      if (clear != null && codes.contains(clear)) {
        return clear;
      }
    }
    SortedMap<Language, Double> confidences = detector().computeLanguageConfidenceValues(text);
    if (confidences.isEmpty()) {
      return UNDETERMINED;
    }
    Language best = confidences.firstKey();
    String code = code(best);
    if (text.length() < SHORT_TEXT_CHARS) {
      code = settleShortText(text, confidences, code);
    }
    if (census.count(Script.CYRILLIC) > 0 && census.letters() < SHORT_CYRILLIC_LETTERS
        && !code.equals("ru") && codes.contains("ru") && !containsAny(text, "іїєґІЇЄҐ")) {
      // a few Cyrillic letters with nothing Ukrainian or Bulgarian-specific: the common case is Russian
      code = "ru";
    }
    return code.equals("zh") ? ChineseScript.of(text) : code;
  }

  /** Lets function words choose among the languages lingua rates close to its best. */
  private static String settleShortText(String text, SortedMap<Language, Double> confidences, String best) {
    Map<String, Double> votes = FunctionWords.votes(text);
    if (votes.isEmpty()) {
      return best;
    }
    String chosen = best;
    double chosenVotes = votes.getOrDefault(best, 0.0);
    for (Map.Entry<Language, Double> e : confidences.entrySet()) {
      if (e.getValue() < VOTE_CANDIDATE_CONFIDENCE) {
        break;
      }
      String code = code(e.getKey());
      double v = votes.getOrDefault(code, 0.0);
      if (v > chosenVotes) {
        chosen = code;
        chosenVotes = v;
      }
    }
    return chosen;
  }

  private LanguageDetector detector() {
    LanguageDetector d = detector;
    if (d == null) {
      synchronized (this) {
        d = detector;
        if (d == null) {
          d = LanguageDetectorBuilder.fromLanguages(languages)
              .withLowAccuracyMode()
              .withPreloadedLanguageModels()
              .build();
          detector = d;
        }
      }
    }
    return d;
  }

  private String configured(String code) {
    return codes.contains(code) ? code : null;
  }

  private static String code(Language language) {
    return language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }

  /** Blanks out the letters of other scripts; {@code census} is that of {@code prose}. */
  private static String keepScript(String prose, Script script, ScriptCensus census) {
    if (census.count(script) == census.letters()) {
      return prose; // nothing to blank out, as in most texts: all Latin
    }
    StringBuilder kept = new StringBuilder(prose.length());
    for (int i = 0; i < prose.length(); i++) {
      char c = prose.charAt(i);
      if (!Character.isLetter(c) || ScriptCensus.scriptOf(c) == script
          || (script == Script.HAN && ScriptCensus.scriptOf(c) == Script.KANA)) {
        kept.append(c);
      } else {
        kept.append(' ');
      }
    }
    return kept.toString();
  }

  private static boolean containsAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
