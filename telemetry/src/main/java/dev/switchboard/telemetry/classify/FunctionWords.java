package dev.switchboard.telemetry.classify;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lists the commonest function words of the big Latin-script languages. On a few words of text
 * the character statistics of the low-memory detector are weak, and one "della", "the" or "und"
 * settles it; a word common to several languages votes for each.
 */
final class FunctionWords {
  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("en", "the of and to in is are was were be been am i you he she we they it this that these "
          + "those what who when where which how why not do does did have has had my your our their can "
          + "will would should could maybe yes please from by about there here with for at on now an his "
          + "her him its into through over after before if then than so as but or all some any more most "
          + "other just also very out up while because i'm it's don't can't let's me them us been being"),
      Map.entry("es", "el la los las del de y que en por para con es un una se no su sus al lo como más "
          + "pero le ya este esta porque muy sin sobre también hay está son fue ser cuando donde qué cómo "
          + "todo todos entre hasta desde mi tu nos les ese esa"),
      Map.entry("pt", "o os a as do da dos das de e que em no na nos nas um uma para com não por se mais "
          + "como ao à é seu sua ou você isso este esta muito também são foi ser quando onde pelo pela "
          + "entre até mas eu ele ela eles"),
      Map.entry("it", "il lo la i gli le di del della delle dei degli dello e è che in un una per con non "
          + "si da al alla nel nella sono come più ma anche questo questa quando dove perché cosa tutto "
          + "tra fra ha hanno io lui lei"),
      Map.entry("fr", "le la les de des du et est un une en que qui dans pour pas sur au aux avec ce cette "
          + "il elle nous vous je ne par mais ou où son sa ses très sont été être quand comme tout tous "
          + "entre leur leurs aussi"),
      Map.entry("de", "der die das und ist nicht ein eine zu den dem des mit von sie es ich du auf für im "
          + "sich auch wie aus bei nach heute oder aber wir ihr noch nur sehr kann wird sind wenn dass "
          + "einen einem einer über unter haben hat war"),
      Map.entry("nl", "de het een en van ik je is niet dat die op te met voor zijn er maar om ook als bij "
          + "nog wat naar wordt"),
      Map.entry("id", "yang dan di ke dari ini itu untuk dengan tidak akan ada saya anda kami mereka atau "
          + "juga pada dalam bisa sudah"),
      Map.entry("tr", "ve bir bu da de için ile çok ne mi gibi daha var yok ben sen ama"),
      Map.entry("pl", "i w z na się nie do to że jest o jak co ale po dla od"));
  private static final Map<String, List<String>> LANGUAGES_BY_WORD = index();
  // the characters of the regex [\s\p{Punct}¡¿«»“”]: ASCII white space and punctuation, and six more
  private static final boolean[] ASCII_SEPARATORS = asciiTable(" \t\n\u000B\f\r!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
  private static final String OTHER_SEPARATORS = "¡¿«»“”";

  private FunctionWords() {}

  /**
   * Returns, per language code, the function-word evidence in {@code text}: each word votes for the
   * languages it belongs to, split evenly when it belongs to several.
   */
  static Map<String, Double> votes(String text) {
    return tally(text, new int[1]);
  }

  /**
   * Returns the language whose function words clearly dominate {@code text} (at least 4 words, at
   * least two votes and one per six words, more than twice any other language's votes), or null.
   */
  static String clearMajority(String text) {
    int[] words = new int[1];
    Map<String, Double> votes = tally(text, words);
    String best = null;
    double bestVotes = 0;
    double second = 0;
    for (Map.Entry<String, Double> e : votes.entrySet()) {
      if (e.getValue() > bestVotes) {
        second = bestVotes;
        best = e.getKey();
        bestVotes = e.getValue();
      } else if (e.getValue() > second) {
        second = e.getValue();
      }
    }
    boolean clear = words[0] >= 4 && bestVotes >= 2 && bestVotes * 6 >= words[0] && bestVotes > 2 * second;
    return clear ? best : null;
  }

  private static Map<String, Double> tally(String text, int[] words) {
    Map<String, Double> votes = new HashMap<>();
    String lower = text.toLowerCase(Locale.ROOT);
    int length = lower.length();
    for (int i = 0; i < length; i++) {
      int start = i;
      while (i < length && !isSeparator(lower.charAt(i))) {
        i++;
      }
      if (i == start) {
        continue;
      }
      String word = lower.substring(start, i);
      words[0]++;
      List<String> languages = LANGUAGES_BY_WORD.get(word);
      if (languages != null) {
        double share = 1.0 / languages.size();
        for (String language : languages) {
          votes.merge(language, share, Double::sum);
        }
      }
    }
    return votes;
  }

  /** Returns whether {@code c} separates words; a hand scan instead of a regex split, on every request. */
  static boolean isSeparator(char c) {
    return c < 128 ? ASCII_SEPARATORS[c] : OTHER_SEPARATORS.indexOf(c) >= 0;
  }

  private static boolean[] asciiTable(String chars) {
    boolean[] table = new boolean[128];
    chars.chars().forEach(c -> table[c] = true);
    return table;
  }

  private static Map<String, List<String>> index() {
    Map<String, List<String>> index = new HashMap<>();
    WORDS.forEach((language, words) -> {
      for (String word : words.split(" ")) {
        index.computeIfAbsent(word, w -> new java.util.ArrayList<>()).add(language);
      }
    });
    index.replaceAll((w, languages) -> List.copyOf(languages));
    return Map.copyOf(index);
  }
}
