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

  private TypicalRequests() {}

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
