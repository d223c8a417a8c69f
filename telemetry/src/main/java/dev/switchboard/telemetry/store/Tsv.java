package dev.switchboard.telemetry.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads ClickHouse's {@code TabSeparated} output and writes its string literals: fields are split
 * on tabs, {@code \N} is NULL, and backslash escapes are undone. See
 * https://clickhouse.com/docs/en/interfaces/formats#tabseparated.
 */
final class Tsv {
  private Tsv() {}

  /** Splits an answer into rows of fields, NULL fields as null. */
  static List<String[]> rows(String body) {
    List<String[]> rows = new ArrayList<>();
    int start = 0;
    while (start < body.length()) {
      int end = body.indexOf('\n', start);
      if (end < 0) {
        end = body.length();
      }
      rows.add(fields(body.substring(start, end)));
      start = end + 1;
    }
    return rows;
  }

  private static String[] fields(String line) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    while (true) {
      int tab = line.indexOf('\t', start);
      String raw = tab < 0 ? line.substring(start) : line.substring(start, tab);
      fields.add(raw.equals("\\N") ? null : unescape(raw));
      if (tab < 0) {
        return fields.toArray(new String[0]);
      }
      start = tab + 1;
    }
  }

  static String unescape(String raw) {
    if (raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 == raw.length()) {
        out.append(c);
        continue;
      }
      char next = raw.charAt(++i);
      out.append(switch (next) {
        case 'n' -> '\n';
        case 't' -> '\t';
        case 'r' -> '\r';
        case 'b' -> '\b';
        case 'f' -> '\f';
        case '0' -> '\0';
        default -> next; // \\ \' and anything else stand for the character itself
      });
    }
    return out.toString();
  }

  /** Returns {@code value} as a quoted ClickHouse string literal. */
  static String literal(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '\'') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('\'').toString();
  }
}
