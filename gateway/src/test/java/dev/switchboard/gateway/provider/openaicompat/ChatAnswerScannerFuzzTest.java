package dev.switchboard.gateway.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.provider.RawObject;
import java.io.IOException;

/**
 * Fuzzes the byte path against the tree path: whatever an upstream sends, an answer or chunk the
 * scan accepts is valid JSON, the normalizer would not change it, and it is measured and read as
 * a tree exactly as the tree path measures and reads it.
 */
class ChatAnswerScannerFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void whatTheScanAcceptsTheTreePathReadsAlike(FuzzedDataProvider data) throws IOException {
    boolean chunk = data.consumeBoolean();
    byte[] bytes = data.consumeRemainingAsBytes();
    ScannedAnswer scanned = ChatAnswerScanner.scan(bytes, chunk);
    if (scanned == null) {
      return; // the tree path's, as before
    }
    JsonNode tree = WireJson.MAPPER.readTree(bytes);
    assertThat(tree.isObject()).isTrue();
    ObjectNode normalized = (ObjectNode) tree.deepCopy();
    if (chunk) {
      new AnswerNormalizer(false).chunk(normalized);
    } else {
      new AnswerNormalizer(false).completion(normalized);
    }
    assertThat(normalized).isEqualTo(tree);

    ChatStreamAccumulator byTree = new ChatStreamAccumulator();
    byTree.accept(tree);
    ChatStreamAccumulator byScan = new ChatStreamAccumulator();
    byScan.accept(scanned);
    assertThat(byScan.summary()).isEqualTo(byTree.summary());
    assertThat(byScan.completionText()).isEqualTo(byTree.completionText());
    assertThat(RawObject.of(bytes, scanned.layout())).isEqualTo(tree);
    if (!chunk) {
      StringBuilder text = new StringBuilder();
      scanned.choices().forEach(choice -> text.append(choice.answer()));
      assertThat(text.toString()).isEqualTo(CompletionText.of(tree));
    }
  }
}
