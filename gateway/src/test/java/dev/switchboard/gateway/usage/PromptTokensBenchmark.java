package dev.switchboard.gateway.usage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.api.ChatRequest;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.telemetry.tokens.TokenCounter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures counting a coding agent's prompt at turn 40 (a system prompt, 40 turns of code and tool
 * output, one new question): the baseline tokenizes every text of the history again, as each
 * request used to; {@link PromptTokens} tokenizes only the texts it has not seen.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class PromptTokensBenchmark {
  private static final int TURNS = 40;
  private final TokenCounter o200k = TokenCounter.o200k();
  private PromptTokens promptTokens;
  private ChatRequest request;

  @Setup
  public void setUp() {
    ObjectNode body = JsonCodec.object().put("model", "anthropic/claude-sonnet-4");
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content",
        "You are an autonomous coding agent working in a Java repository. Use the tools to read and edit files. ".repeat(30));
    for (int turn = 0; turn < TURNS; turn++) {
      messages.addObject().put("role", "user").put("content", "Step " + turn + ": fix the failing test in OrderService.");
      messages.addObject().put("role", "assistant").put("content",
          ("public Order place(Cart cart) {\n  if (cart.isEmpty()) throw new IllegalStateException(\"empty cart " + turn + "\");\n"
              + "  return repository.save(Order.from(cart));\n}\n").repeat(12));
      messages.addObject().put("role", "tool").put("tool_call_id", "call_" + turn).put("content",
          ("[INFO] Tests run: 42, Failures: 1, Errors: 0, Skipped: 0 -- in OrderServiceTest (turn " + turn + ")\n").repeat(15));
    }
    messages.addObject().put("role", "user").put("content", "Now run the whole suite.");
    request = new ChatRequest("anthropic/claude-sonnet-4", false, false, false, null, body);
    promptTokens = new PromptTokens(o200k);
    promptTokens.count(request); // the earlier turns were counted when they were sent
  }

  @Benchmark
  public long baselineTokenizeWholeHistory() {
    long tokens = 0;
    for (String piece : request.promptPieces()) {
      tokens += o200k.count(piece);
    }
    return tokens;
  }

  @Benchmark
  public long promptTokens() {
    return promptTokens.count(request);
  }
}
