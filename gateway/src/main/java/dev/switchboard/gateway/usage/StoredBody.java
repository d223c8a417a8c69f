package dev.switchboard.gateway.usage;

import java.time.Instant;

/**
 * Holds the bodies of one request whose key opted in to storing them ({@code store_bodies}).
 *
 * @param requestJson the client's request body
 * @param responseJson the answer sent (whole JSON for non-streamed answers, the text for streams),
 *     or null when there was none
 */
public record StoredBody(
    String id, String apiKeyId, Instant timestamp, String requestJson, String responseJson) {

  @Override
  public String toString() {
    return "StoredBody[" + id + "]"; // bodies are private: never in logs
  }
}
