package dev.switchboard.gateway.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.telemetry.classify.ClassifierInput;

/**
 * Holds the judge's fixed labelling prompt, the study's 13 categories with what each covers, and
 * builds the chat request sent to the judge model: the instructions as the system message, an
 * excerpt of the judged request (its system prompt and last user message, cut to {@code
 * max_prompt_chars}) as the user message. Fixed, so that labels compare across days and models.
 */
final class LabellingPrompt {
  static final String INSTRUCTIONS = """
      You label requests that users sent to an AI model with the one task category they belong to.
      Categories:
      Programming: writing, explaining, reviewing or debugging code; questions about programming languages, \
      frameworks, libraries, APIs, platforms, build tools, file formats, even without code in the request.
      Roleplay: the model is asked to play a character or persona, narrate interactive fiction or a text \
      adventure, play a game with the user, or act as a companion.
      Technology: computers, devices, software use, IT, networks, AI tools, without writing code.
      Science: natural sciences and mathematics.
      Translation: translating text between languages.
      Trivia: general-knowledge questions and facts.
      Health: medicine, fitness, nutrition, mental health.
      Finance: money, investing, markets, accounting, economics.
      Legal: law, contracts, regulations.
      Academia: education, studying, exam and homework questions, essays, academic writing.
      Marketing: advertising, brands, sales and product copy, social media campaigns.
      SEO: search engine optimization, keywords, ranking.
      Other: anything else, such as creative writing without a persona, chat, or personal advice.
      Answer with exactly one category name from the list and nothing else.""";

  /** Marks the judged text in the user message (and lets a test upstream recognize judge calls). */
  static final String OPENING = "Request to label:\n<<<\n";
  static final String CLOSING = "\n>>>\nCategory:";

  private LabellingPrompt() {}

  /**
   * Returns the text the judge reads: the request's system prompt (its line at most a quarter of {@code
   * maxChars}) and its last user message, cut to {@code maxChars} in all; empty when it has none.
   */
  static String excerpt(ClassifierInput input, int maxChars) {
    String user = input.lastUserTurn() == null ? "" : input.lastUserTurn().strip();
    String system = input.systemPrompt() == null ? "" : input.systemPrompt().strip();
    if (user.isEmpty() && system.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    if (!system.isEmpty()) {
      text.append("[system] ").append(cut(system, Math.max(0, maxChars / 4 - 10))).append('\n');
    }
    text.append("[user] ").append(cut(user, Math.max(0, maxChars - text.length() - 7)));
    return cut(text.toString(), maxChars);
  }

  /** Returns the chat completion body asking {@code model} to label {@code excerpt}. */
  static ObjectNode body(String model, String excerpt) {
    ObjectNode body = JsonCodec.object();
    body.put("model", model);
    body.put("temperature", 0);
    // a label is one or two tokens; the cap keeps a chatty judge cheap (use a non-reasoning model)
    body.put("max_tokens", 16);
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", INSTRUCTIONS);
    messages.addObject().put("role", "user").put("content", OPENING + excerpt + CLOSING);
    return body;
  }

  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return text.substring(0, end);
  }
}
