package dev.switchboard.telemetry.classify;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Measures the shape of a text rather than its words: code fences and code-like lines, stack
 * traces and error names, source file paths, code identifiers in prose, math notation,
 * multiple-choice options, roleplay action markers ({@code *smiles*}), whether it reads as a short
 * factual question, whether it opens by casting the assistant as someone and whether it opens by
 * asking for a story or for a piece of software. Hand-written scans rather than regular
 * expressions where they are hot: this runs on every request.
 *
 * @param codeFences number of {@code ```} fences
 * @param codeLines lines that look like source code
 * @param stackTrace whether it carries a stack trace or a named error/exception
 * @param filePaths source-file paths and names
 * @param codeIdentifiers code identifiers named in prose: {@code snake_case} names, calls such as
 *     {@code save()} and member calls such as {@code df.groupby(}
 * @param mathMarks LaTeX commands, math symbols, formulas and quantities with units
 * @param multipleChoice whether it lists A/B/C/D options
 * @param actionMarkers {@code *action*} narration markers
 * @param shortQuestion whether it is one short question
 * @param personaOpening whether it opens by casting the assistant as someone
 * @param serviceRole whether that someone is a job or a tool ("act as a nutritionist"), not a character;
 *     a role asked for in role-play words ("take on the role of a doctor") only when it is a tool
 * @param writingRequest whether it opens by asking for a piece of writing (a story, poem, song, scene)
 * @param softwareRequest whether it opens by asking for a piece of software (a function, an app, a
 *     browser extension, a compute kernel)
 */
record TextStructure(
    int codeFences,
    int codeLines,
    boolean stackTrace,
    int filePaths,
    int codeIdentifiers,
    int mathMarks,
    boolean multipleChoice,
    int actionMarkers,
    boolean shortQuestion,
    boolean personaOpening,
    boolean serviceRole,
    boolean writingRequest,
    boolean softwareRequest) {

  private static final int MAX_COUNT = 20;
  // template slots ({user_name}, [PRODUCT_NAME], <FIRST_NAME>), hashtags, paths, mentions, LaTeX,
  // and quoted keys: JSON pasted as data ("first_mes": ...) names fields of any subject
  private static final String IDENTIFIER_EXCLUDED_BEFORE = "{[<#/@$\\%\"";
  private static final String[] TRACE_MARKERS = {
    "Traceback (most recent call last)", "Exception in thread", "Error:", "Exception:", "Error at",
    "panicked at", "Segmentation fault", "npm ERR!", "error[E", "undefined reference to", "core dumped",
    "\tat ", "    at ", "Caused by:", "TypeError", "ValueError", "NullPointerException", "errno"
  };
  private static final Set<String> SOURCE_EXTENSIONS = Set.of(
      "py", "js", "mjs", "ts", "tsx", "jsx", "java", "kt", "go", "rs", "c", "cc", "cpp", "h", "hpp", "cs",
      "rb", "php", "swift", "scala", "sh", "sql", "ipynb", "vue", "gradle", "toml", "yaml", "yml",
      "csproj", "xaml", "lua", "dart", "ex", "exs", "clj", "hs", "ml", "r");
  private static final Set<String> LATEX = Set.of(
      "frac", "int", "sum", "sqrt", "alpha", "beta", "gamma", "theta", "lambda", "sigma", "pi", "infty",
      "cdot", "times", "ket", "bra", "partial", "lim", "log", "sin", "cos", "mathbb", "left", "right", "begin");
  private static final Set<String> UNITS = Set.of(
      "N", "m", "kg", "g", "s", "J", "W", "V", "Hz", "mol", "Pa", "K", "km", "cm", "mm", "nm", "eV", "°C");
  private static final String MATH_SYMBOLS = "∫∑√π≤≥≠∞∂Δ∇±×÷";
  // line starts that are code whatever follows, and starts that are code only with code symbols
  private static final FoldedPrefixes STRONG_STARTS = FoldedPrefixes.of(
    "def ", "#include", "#define", "console.", "system.out", "std::", "<?php", ">>> ", "#!/", "elif ",
    "print(", "} else", "fn ", "func ", "for (", "if (", "while (", "catch (", "try:", "//", "/*", "<div",
    "import java", "import react", "from __future__", "public static", "public class", "private static");
  private static final FoldedPrefixes WEAK_STARTS = FoldedPrefixes.of(
    "import ", "from ", "class ", "function ", "static ", "public ", "private ", "protected ", "let ",
    "var ", "const ", "return ", "using ", "package ", "namespace ", "async ", "await ", "except",
    "select ", "insert into", "@", "$ ", "sudo ", "pip ", "npm ", "int ", "void ", "struct ", "enum ");
  private static final boolean[] CODE_SYMBOLS = asciiSet("(){}[];=<>_\"'");
  // a line break written out inside a string literal: a backslash and an n
  private static final String ESCAPED_NEWLINE = "\\n";
  private static final String[] CODE_ENDS = {";", "{", "}", "):", ");", "=>", "*/", "\"\"\"", "'''", "])"};
  // questions that are really requests to do something
  private static final FoldedPrefixes REQUEST_STARTS = FoldedPrefixes.of(
    "can you", "could you", "would you", "will you", "please", "write", "create", "make", "help",
    "give", "explain", "how do i", "how can i", "how to", "how should i", "generate", "list", "tell me");
  // "i'm" and "i've" need no entry of their own: their "i" is a whole word already
  private static final String[] FIRST_PERSON = {"my", "i", "me", "our", "we", "mine"};
  // a fact asked for anywhere in a search-box query ("delhi is on the banks of which river"); not
  // "when" or "where", which join clauses as often as they ask
  private static final String[] FACT_WORDS = {"who", "whom", "whose", "which"};
  private static final int SEARCH_QUERY_CHARS = 100;
  private static final FoldedPrefixes WHY_HOW = FoldedPrefixes.of("why ", "how ");
  private static final FoldedPrefixes HOW_MUCH = FoldedPrefixes.of(
    "how many ", "how much ", "how long ", "how tall ", "how old ", "how far ", "how big ", "how often ",
    "how high ", "how deep ", "how large ");
  // who, which/where, when, how many, what year: Chinese, Japanese, Korean
  private static final String[] CJK_FACT_MARKERS = {
    "谁", "哪", "什么时候", "何时", "多少", "几", "誰", "どこ", "いつ", "何年", "누구", "누가", "어디", "언제", "몇"};
  // "what" questions that ask for an explanation, a comparison or advice rather than a fact
  private static final FoldedPrefixes EXPLAINING_WHAT = FoldedPrefixes.of(
    "what is the difference", "what's the difference", "what are the difference", "what is the best way",
    "what's the best way", "what are the benefits", "what are the advantages", "what are the pros",
    "what are the risks", "what are the side effects", "what are the symptoms", "what are the causes",
    "what are some", "what causes", "what happens", "what would happen", "what should", "what can i",
    "what are good", "what is a good", "what's a good");
  private static final FoldedPrefixes QUESTION_STARTS = FoldedPrefixes.of(
    "who ", "what ", "when ", "where ", "which ", "why ", "how ", "whom ", "whose ", "is ", "are ",
    "was ", "were ", "did ", "does ", "do ", "can ", "name ");
  // the user casting the assistant as someone: "As a pirate captain, ...", "Now you are ..."
  private static final Pattern PERSONA_OPENING = Pattern.compile(
      // case-insensitive except for the capital that starts a name ("you are Sherlock")
      "^(?:(?i:(?:now |from now on,? |imagine (?:that )?|pretend (?:that )?)?you are (?:now )?)(?:(?i:an? |the )|\\p{Lu})"
          + "|(?i:as (?:an? |the )?)[\\w' .-]{2,60}?, (?!(?i:i |i'|we |my |our ))|(?i:if you were )|(?i:pretend to be )"
          + "|(?i:(?:i want you to |i'd like you to |please |now )?act (?:as|like) )"
          + "|(?i:(?:play|take on|assume|embrace) the (?:role|part|persona) of ))");

  // casting in the words of role-play itself ("take on the role of", "imagine yourself as", "pretend
  // to be"): a role asked for as a role, whatever the job, unlike "act as a <job>", which asks for
  // the job's work and leaves the subject to decide
  private static final Pattern EXPLICIT_ROLE = Pattern.compile(
      "^(?i:(?:now,? |from now on,? |please,? |ok,? |okay,? |let's |let us |i want you to |i'd like you to )?"
          + "(?:(?:imagine|picture|envision|see) yourself (?:as|to be)|pretend (?:yourself )?to be|pretend (?:that )?you(?:'re| are)"
          + "|(?:play|take on|assume|embrace|embody|adopt|take up|step into) (?:the |a )?(?:role|part|persona|character|shoes)s? of"
          + "|embody |role-?play (?:as|with)|roleplay |stay in character))");

  // asking for writing without casting the assistant as anyone: creative writing, not roleplay
  private static final Pattern WRITING_REQUEST = Pattern.compile(
      "^(?i:(?:please |can you |could you |now |ok,? |okay,? )?(?:write|compose|draft|pen|make up|come up with|continue)\\b"
          + "[^.?!\n]{0,60}?\\b(?:stor(?:y|ies)|poems?|poetry|songs?|lyrics|scenes?|screenplay|chapter|novel|haiku"
          + "|sonnet|limerick|fable|fairy ?tale|tale|monologue|ballad|rap|verses?|fan ?fiction|fiction|ode)\\b)");
  private static final int WRITING_REQUEST_SPAN = 120;

  /** Measures {@code text}. */
  static TextStructure of(String text) {
    int fences = count(text, "```");
    int codeLines = codeLines(text, false);
    if (codeLines < 2 && text.indexOf(ESCAPED_NEWLINE) >= 0) {
      // code pasted as a string literal ("...\nlet sum = 0;\n..."), as it arrives from JSON or a
      // test set's export: its lines are still lines
      codeLines = Math.max(codeLines, codeLines(text, true));
    }
    String opening = text.stripLeading();
    boolean explicitRole = explicitRole(opening);
    boolean persona = explicitRole || personaOpening(opening);
    return new TextStructure(
        (fences + 1) / 2,
        codeLines,
        hasTrace(text),
        filePaths(text),
        codeIdentifiers(text),
        mathMarks(text),
        multipleChoice(text),
        actionMarkers(text),
        shortQuestion(text),
        persona,
        persona && (explicitRole ? ServiceRoles.namesTool(opening) : ServiceRoles.namesService(opening)),
        writingRequest(opening),
        SoftwareRequests.asksForSoftware(opening));
  }

  /**
   * Counts code-like lines. With {@code escaped}, a literal backslash-n (two characters) also ends a
   * line, and a piece holding a backslash of its own does not count: it is more likely LaTeX, whose
   * "\n" commands (\neq, \nabla) cut a formula into pieces that end in braces.
   */
  private static int codeLines(String text, boolean escaped) {
    int codeLines = 0;
    int start = 0;
    int length = text.length();
    while (start < length) {
      int end = start;
      boolean backslash = false;
      while (end < length && text.charAt(end) != '\n' && !(escaped && text.startsWith(ESCAPED_NEWLINE, end))) {
        backslash |= text.charAt(end) == '\\';
        end++;
      }
      if (!(escaped && backslash) && looksLikeCode(text, start, end)) {
        codeLines++;
      }
      start = end + (end < length && text.charAt(end) == '\\' ? ESCAPED_NEWLINE.length() : 1);
    }
    return codeLines;
  }

  /** Returns whether one line of text looks like source code. */
  static boolean isCodeLine(String line) {
    return looksLikeCode(line, 0, line.length());
  }

  private static boolean looksLikeCode(String text, int start, int end) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end - start < 2 || end - start > 300) {
      return false;
    }
    if (STRONG_STARTS.matchAt(text, start)) {
      return true;
    }
    if (WEAK_STARTS.matchAt(text, start)) {
      return codeSymbols(text, start, end) > 0 && text.charAt(end - 1) != '.';
    }
    for (String e : CODE_ENDS) {
      if (end - start >= e.length() && text.startsWith(e, end - e.length())) {
        return true;
      }
    }
    return hasCodeOperator(text, start, end);
  }

  /**
   * Returns whether the line has {@code ->}, {@code ::}, {@code ==}, {@code <-} or {@code %>%}, or
   * {@code =} among many code symbols. One pass over the line: searching on past its end made long
   * texts quadratic.
   */
  private static boolean hasCodeOperator(String text, int start, int end) {
    boolean assignment = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if ((c == '-' && within(text, "->", i, end)) || (c == ':' && within(text, "::", i, end))
          || (c == '=' && within(text, "==", i, end)) || (c == '%' && within(text, "%>%", i, end))
          || (c == ' ' && within(text, " <- ", i, end))) {
        return true;
      }
      assignment |= c == ' ' && within(text, " = ", i, end);
    }
    return assignment && codeSymbols(text, start, end) * 8 >= end - start;
  }

  private static boolean within(String text, String needle, int at, int end) {
    return at + needle.length() <= end && text.startsWith(needle, at);
  }

  private static int codeSymbols(String text, int start, int end) {
    int symbols = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < 128 && CODE_SYMBOLS[c]) {
        symbols++;
      }
    }
    return symbols;
  }

  private static boolean hasTrace(String text) {
    for (String marker : TRACE_MARKERS) {
      if (text.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  /** Counts names ending in a source-file extension ({@code main.py}, {@code src/App.tsx}). */
  private static int filePaths(String text) {
    int n = 0;
    int length = text.length();
    for (int dot = text.indexOf('.'); dot > 0 && n < MAX_COUNT; dot = text.indexOf('.', dot + 1)) {
      char before = text.charAt(dot - 1);
      if (!(Character.isLetterOrDigit(before) || before == '_' || before == '-')) {
        continue;
      }
      int end = dot + 1;
      while (end < length && end - dot <= 7 && isAsciiLetter(text.charAt(end))) {
        end++;
      }
      if (end == dot + 1 || (end < length && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'))) {
        continue;
      }
      if (SOURCE_EXTENSIONS.contains(text.substring(dot + 1, end).toLowerCase(java.util.Locale.ROOT))) {
        n++;
      }
    }
    return n;
  }

  /**
   * Counts code identifiers in prose ("what does related_name do", "call save() first", "df.groupby(
   * ..."): a word with an inner underscore between parts of two characters or more ({@code y_t} and
   * {@code beta_1} are subscripts), not a template slot, hashtag, path or quoted JSON key; a word
   * followed by {@code ()}; a word after a dot followed by {@code (}.
   */
  private static int codeIdentifiers(String text) {
    if (text.indexOf('_') < 0 && text.indexOf('(') < 0) {
      return 0; // most prose: two fast searches instead of a scan word by word
    }
    int n = 0;
    int length = text.length();
    int i = 0;
    while (i < length && n < MAX_COUNT) {
      char c = text.charAt(i);
      if (!isIdentifierChar(c)) {
        i++;
        continue;
      }
      int start = i;
      boolean underscore = false;
      while (i < length && isIdentifierChar(text.charAt(i))) {
        underscore |= text.charAt(i) == '_';
        i++;
      }
      char before = start > 0 ? text.charAt(start - 1) : ' ';
      if (IDENTIFIER_EXCLUDED_BEFORE.indexOf(before) >= 0) {
        continue;
      }
      boolean call = i < length && text.charAt(i) == '('
          && ((i + 1 < length && text.charAt(i + 1) == ')') || (before == '.' && i - start >= 2 && start >= 2
              && isIdentifierChar(text.charAt(start - 2))));
      if (call || (underscore && snakeCase(text, start, i))) {
        n++;
      }
    }
    return n;
  }

  /** Whether text[start, end) is snake_case: two or more underscore-joined parts of two characters or more. */
  private static boolean snakeCase(String text, int start, int end) {
    int parts = 0;
    int part = 0;
    boolean letter = false;
    for (int i = start; i <= end; i++) {
      char c = i < end ? text.charAt(i) : '_';
      if (c == '_') {
        if (part >= 2) {
          parts++;
        } else if (i > start && i < end && text.charAt(i - 1) != '_') {
          return false; // a one-character part: a subscript (x_1, y_t), not a name
        }
        part = 0;
      } else {
        part++;
        letter |= isAsciiLetter(c);
      }
    }
    return parts >= 2 && letter; // two parts need an underscore between them
  }

  private static boolean isIdentifierChar(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
  }

  /** Counts LaTeX commands, math symbols, exponents, equations and quantities with SI units. */
  private static int mathMarks(String text) {
    int n = 0;
    int length = text.length();
    for (int i = 0; i < length && n < MAX_COUNT; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        int end = i + 1;
        while (end < length && isAsciiLetter(text.charAt(end))) {
          end++;
        }
        if (end > i + 1 && LATEX.contains(text.substring(i + 1, end))) {
          n++;
        }
      } else if (c >= 0x80 && MATH_SYMBOLS.indexOf(c) >= 0) { // all math symbols are non-ASCII
        n++;
      } else if (c == '^' && i > 0 && i + 1 < length && Character.isLetterOrDigit(text.charAt(i - 1))
          && (Character.isLetterOrDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '{')) {
        n++;
      } else if (c == '=' && isEquation(text, i)) {
        n++;
      } else if (Character.isDigit(c) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
        int end = i;
        while (end < length && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
          end++;
        }
        if (hasUnitAt(text, end)) {
          n++;
        }
        i = end - 1;
      }
    }
    return n;
  }

  /** An '=' between a number or single-letter variable and a number, variable or bracket. */
  private static boolean isEquation(String text, int at) {
    int before = at - 1;
    while (before >= 0 && text.charAt(before) == ' ') {
      before--;
    }
    int after = at + 1;
    while (after < text.length() && text.charAt(after) == ' ') {
      after++;
    }
    if (before < 0 || after >= text.length()) {
      return false;
    }
    char left = text.charAt(before);
    char right = text.charAt(after);
    boolean leftTerm = Character.isDigit(left) || left == ')'
        || (Character.isLetter(left) && (before == 0 || !Character.isLetter(text.charAt(before - 1))));
    return leftTerm && (Character.isLetterOrDigit(right) || right == '(' || right == '-');
  }

  private static boolean hasUnitAt(String text, int at) {
    int start = at < text.length() && text.charAt(at) == ' ' ? at + 1 : at;
    int end = start;
    while (end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '°') && end - start < 4) {
      end++;
    }
    if (end == start || (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '/'))) {
      return end > start && text.startsWith("/s", end);
    }
    return UNITS.contains(text.substring(start, end));
  }

  /** Counts {@code *action*} markers: a starred phrase on one line, starting with a letter. */
  static int actionMarkers(String text) {
    int n = 0;
    int length = text.length();
    int open = text.indexOf('*');
    while (open >= 0 && n < MAX_COUNT) {
      boolean opens = open + 1 < length && Character.isLetter(text.charAt(open + 1))
          && (open == 0 || !(Character.isLetterOrDigit(text.charAt(open - 1)) || text.charAt(open - 1) == '*'));
      if (!opens) {
        open = text.indexOf('*', open + 1);
        continue;
      }
      int close = text.indexOf('*', open + 1);
      if (close < 0) {
        break;
      }
      int newline = text.indexOf('\n', open);
      boolean sameLine = newline < 0 || newline > close;
      boolean closes = close + 1 >= length || !(Character.isLetterOrDigit(text.charAt(close + 1)) || text.charAt(close + 1) == '*');
      if (sameLine && closes && close - open <= 80) {
        n++;
        open = text.indexOf('*', close + 1);
      } else {
        open = close;
      }
    }
    return n;
  }

  /** Finds "A." (or "A)" / "(A)") followed later by B, C and D options. */
  private static boolean multipleChoice(String text) {
    int from = 0;
    for (char option = 'A'; option <= 'D'; option++) {
      int at = optionAt(text, option, from);
      if (at < 0) {
        return false;
      }
      from = at + 2;
    }
    return true;
  }

  private static int optionAt(String text, char option, int from) {
    for (int i = text.indexOf(option, from); i >= 0; i = text.indexOf(option, i + 1)) {
      char before = i == 0 ? ' ' : text.charAt(i - 1);
      char after = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
      if ((before == ' ' || before == '\n' || before == '(') && (after == '.' || after == ')' || after == ':')) {
        return i;
      }
    }
    return -1;
  }

  private static boolean shortQuestion(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.length() > 160 || t.indexOf('\n') >= 0) {
      return false;
    }
    if (REQUEST_STARTS.matchAt(t, 0)) {
      return false;
    }
    // a question about "my" code, "our" server or what "I" should do is a request for help, not trivia
    if (hasAnyWord(t, FIRST_PERSON)) {
      return false;
    }
    if (hasCjk(t)) {
      // "什么是…？" asks for an explanation of a subject; only who, when, where, which and how
      // many ask for a fact
      for (String marker : CJK_FACT_MARKERS) {
        if (t.contains(marker)) {
          return true;
        }
      }
      return false;
    }
    if (EXPLAINING_WHAT.matchAt(t, 0)) {
      return false;
    }
    if (WHY_HOW.matchAt(t, 0)) {
      // "why …" and "how does …" ask for an explanation; "how many / how tall …" for a fact
      return HOW_MUCH.matchAt(t, 0);
    }
    return t.endsWith("?") || QUESTION_STARTS.matchAt(t, 0) || searchQuery(t);
  }

  /**
   * Returns whether a text reads as typed into a search box: short, lower case, no closing mark,
   * with a who or which somewhere in it.
   */
  private static boolean searchQuery(String text) {
    if (text.length() > SEARCH_QUERY_CHARS || ".!:;".indexOf(text.charAt(text.length() - 1)) >= 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        return false;
      }
    }
    return hasAnyWord(text, FACT_WORDS);
  }

  private static boolean hasCjk(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether a whole word (a run of letters and digits) is one of {@code words}, ignoring case. */
  private static boolean hasAnyWord(String text, String[] words) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      int start = i;
      while (i < length && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      for (String word : words) {
        if (i - start == word.length() && FoldedPrefixes.regionMatches(text, start, word)) {
          return true;
        }
      }
      i = Math.max(i, start + 1);
    }
    return false;
  }

  /** Runs the persona pattern only on texts whose first letter can start one of its openings. */
  private static boolean personaOpening(String text) {
    return !text.isEmpty() && "nfipyaet".indexOf(FoldedPrefixes.fold(text.charAt(0))) >= 0
        && PERSONA_OPENING.matcher(text).lookingAt();
  }

  /** Runs the role-play pattern only on texts whose first letter can start one of its openings. */
  private static boolean explicitRole(String text) {
    return !text.isEmpty() && "nfpoliestar".indexOf(FoldedPrefixes.fold(text.charAt(0))) >= 0
        && EXPLICIT_ROLE.matcher(text).lookingAt();
  }

  /** Runs the writing pattern on the first words, and only when they can start one of its openings. */
  private static boolean writingRequest(String text) {
    return !text.isEmpty() && "wcdpmnoW".indexOf(FoldedPrefixes.fold(text.charAt(0))) >= 0
        && WRITING_REQUEST.matcher(text.substring(0, Math.min(text.length(), WRITING_REQUEST_SPAN))).lookingAt();
  }

  private static boolean[] asciiSet(String chars) {
    boolean[] set = new boolean[128];
    chars.chars().forEach(c -> set[c] = true);
    return set;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }
}
