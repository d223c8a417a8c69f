package dev.switchboard.gateway.provider.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.ChatCompletion;
import java.util.List;

/** Turns a whole Gemini {@code GenerateContentResponse} into an OpenAI {@code chat.completion}. */
final class GeminiResponseMapper {

  private GeminiResponseMapper() {}

  /** Maps and measures {@code response}; id, created and public model are set by the caller. */
  static ChatCompletion map(GeminiResponse response) {
    AnswerAccumulator answer = new AnswerAccumulator();
    List<ChoiceDelta> choices = answer.accept(response);
    ObjectNode body = GeminiJson.MAPPER.createObjectNode();
    body.put("object", "chat.completion");
    if (response.modelVersion() != null) {
      body.put("model", response.modelVersion());
    }
    ArrayNode choiceNodes = body.putArray("choices");
    if (choices.isEmpty()) {
      // no candidate and no block reason: answer with an empty message rather than no choice
      choices = List.of(new ChoiceDelta(0, true, "", "", List.of(), null, null, null));
    }
    for (ChoiceDelta choice : choices) {
      ObjectNode node = choiceNodes.addObject();
      node.put("index", choice.index());
      node.set("message", OpenAiShapes.message(choice));
      node.putNull("logprobs");
      OpenAiShapes.putFinish(node, choice);
    }
    if (answer.usage() != null) {
      body.set("usage", OpenAiShapes.usage(answer.usage()));
    }
    return new ChatCompletion(body, answer.summary(), answer.completionText());
  }
}
