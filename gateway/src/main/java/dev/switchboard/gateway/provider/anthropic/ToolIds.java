package dev.switchboard.gateway.provider.anthropic;

import java.util.regex.Pattern;

/**
 * Makes tool-call ids acceptable to Anthropic, which requires {@code ^[a-zA-Z0-9_-]+$}, so a
 * conversation begun with another provider (e.g. Kimi's {@code functions.add:0}) can continue. The
 * same rewrite is applied to {@code tool_use.id} and {@code tool_result.tool_use_id}, so pairs
 * still match.
 */
final class ToolIds {

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-zA-Z0-9_-]");

  private ToolIds() {}

  static String sanitize(String id) {
    if (id.isEmpty()) {
      return "_";
    }
    return NOT_ALLOWED.matcher(id).replaceAll("_");
  }
}
