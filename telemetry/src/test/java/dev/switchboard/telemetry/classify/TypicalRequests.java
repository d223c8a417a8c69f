package dev.switchboard.telemetry.classify;

import java.util.List;

/**
 * Builds a mix of typical requests for the benchmark, shaped like gateway traffic (mostly English,
 * programming and roleplay heavy, prompts of a few KB), written for this project.
 */
final class TypicalRequests {
  private static final String CODE = """
      import json
      from pathlib import Path

      def load_orders(path: Path) -> list[dict]:
          with path.open() as f:
              return [json.loads(line) for line in f if line.strip()]

      def total_by_customer(orders):
          totals = {}
          for order in orders:
              totals[order["customer"]] = totals.get(order["customer"], 0) + order["amount"]
          return totals
      """;
  private static final String AGENT_PROMPT = """
      You are a coding agent running in the user's terminal. You can read and edit files in the repository,
      run shell commands and tests, and propose patches. Keep changes minimal, explain what you changed,
      never invent file contents you have not read, and run the test suite after each edit.
      """.repeat(4);
  private static final String CARD = """
      You are {{char}}, a sarcastic starship engineer named Vexa. Personality: blunt, loyal, secretly kind.
      Scenario: {{user}} is a new crew member who just broke the hyperdrive. Stay in character, write actions
      between asterisks, describe the scene vividly and never speak or act for {{user}}.
      """.repeat(3);

  private static final String ESSAY = """
      The history of the printing press is often told as the story of one man and one machine, but the change it
      brought was slower and stranger than that. For decades after the first presses appeared, most books still
      looked like manuscripts: printers copied the layout of handwritten pages, left space for decorated initials
      and sold their work to the same small circle of scholars and churchmen who had bought copies before.
      What changed first was not the look of the page but the number of identical pages. A scholar in one city
      could now refer to page and line in a book that a colleague far away held in exactly the same form, and
      errors, once found, could be corrected in the next edition instead of multiplying with every copy.
      """;

  private TypicalRequests() {}

  /** Returns short one-line chat prompts like most chat traffic, the gateway load test's first. */
  static List<ClassifierInput> shortChats() {
    return List.of(
        turn("Hello there, how are you today?"),
        turn("who played the villain in the first die hard movie"),
        turn("Can you suggest a name for my new puppy?"),
        turn("Wie spät ist es gerade in Tokio?"),
        turn("thanks, that worked!"));
  }

  /** Returns a coding agent's request: a system prompt, tools, an earlier reply and a tool result. */
  static ClassifierInput codingAgent() {
    return all().get(1);
  }

  /** Returns a long pasted prose text (about 4 KB, over the default head cap) with a question. */
  static ClassifierInput longProse() {
    return turn("Please rewrite this passage for a general audience and suggest a title:\n\n" + ESSAY.repeat(5)
        + "\nWhich parts would you cut first?");
  }

  static List<ClassifierInput> all() {
    return List.of(
        turn("Here is my module. The totals are wrong when a customer appears twice, can you find the bug?\n```python\n"
            + CODE + "```\nIt prints {'ann': 5} but I expected 12."),
        new ClassifierInput(AGENT_PROMPT, List.of("Add a CLI flag --since to filter orders by date and update the tests."),
            List.of("I'll read the module first."), List.of("read_file", "apply_patch", "run_terminal_command"),
            List.of(CODE)),
        new ClassifierInput(CARD, List.of("*wipes grease off my hands* Look, I only pressed the blue button.",
            "*backs away slowly* Okay, okay, what do I need to do to fix it?"),
            List.of("*glares at you over her goggles* The blue button. Of course you did."), List.of(), List.of()),
        turn("What are the main differences between a Roth IRA and a traditional IRA for someone in their thirties "
            + "who expects a higher income later? Please compare taxes now and at retirement."),
        turn("Write a warm, funny toast for my sister's wedding. She met her husband at a climbing gym and they both "
            + "love terrible puns. Keep it under three minutes when read aloud."),
        turn("帮我写一个 Python 脚本：读取一个文件夹中的所有 CSV 文件，合并成一个表格，并按日期排序后输出到 Excel。"
            + "如果某个文件格式不对，就跳过并打印警告。"),
        turn("Объясни простыми словами, чем отличается процесс от потока в операционной системе, и когда лучше "
            + "использовать многопоточность, а когда несколько процессов."),
        turn("¿Cuáles son los síntomas más comunes de la deficiencia de vitamina D y cómo se puede mejorar con la "
            + "dieta y la exposición al sol?"),
        turn("Summarize the key obligations in this agreement for the supplier:\n"
            + "The Supplier shall deliver the goods within thirty days of each purchase order and shall bear the risk "
            + "of loss until delivery. ".repeat(25)),
        turn("who played the villain in the first die hard movie"));
  }

  private static ClassifierInput turn(String text) {
    return ClassifierInput.ofText(text);
  }
}
