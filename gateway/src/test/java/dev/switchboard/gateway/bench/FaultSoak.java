package dev.switchboard.gateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a gateway in front of a hostile upstream at full load for some minutes (closed loop,
 * one blocking client per connection, chat and Messages, whole and streamed at random) and prints
 * the fault-soak table: answers by status, the gateway's own faults, and the heap left after a
 * full GC each minute; at the end, records stored against answers received.
 *
 * <p>{@code FaultSoak GATEWAY_URL GATEWAY_PID MINUTES CONNECTIONS}; run by {@code
 * gateway/bench/fault-soak.sh}.
 */
public final class FaultSoak {
  private static final String[] MODELS = {"soak/openai", "soak/anthropic"};
  private static final Pattern REQUESTS = Pattern.compile("\"requests\":(\\d+)");

  private final String base;
  private final long pid;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final LongAdder ownFaults = new LongAdder();
  private final LongAdder transportErrors = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean running = true;

  private FaultSoak(String base, long pid) {
    this.base = base;
    this.pid = pid;
  }

  public static void main(String[] args) throws Exception {
    FaultSoak soak = new FaultSoak(args[0], Long.parseLong(args[1]));
    soak.run(Integer.parseInt(args[2]), Integer.parseInt(args[3]));
  }

  private void run(int minutes, int connections) throws Exception {
    Thread[] clients = new Thread[connections];
    for (int i = 0; i < connections; i++) {
      long seed = i;
      clients[i] = new Thread(() -> loop(new Random(seed)), "soak-client-" + i);
      clients[i].start();
    }
    System.out.println("| minute | requests | answers by status | own-fault errors | transport errors | heap after full GC MB |");
    System.out.println("|---|---|---|---|---|---|");
    for (int minute = 1; minute <= minutes; minute++) {
      Thread.sleep(60_000);
      System.out.printf("| %d | %d | %s | %d | %d | %s |%n", minute, sent.get(), byStatus(), ownFaults.sum(),
          transportErrors.sum(), heapAfterFullGc());
    }
    running = false;
    for (Thread client : clients) {
      client.join(120_000);
    }
    Thread.sleep(5_000); // the last records are still being classified and written
    String overview = get("/v1/stats/overview");
    Matcher m = REQUESTS.matcher(overview);
    String stored = m.find() ? m.group(1) : "?";
    System.out.printf("%nRequests sent: %d; answered: %d; records stored: %s; dropped: %s; own-fault errors: %d;"
            + " transport errors: %d; heap after full GC at the end: %s MB.%n",
        sent.get(), answered.sum(), stored, metric("switchboard_telemetry_records_total{outcome=\"dropped\""),
        ownFaults.sum(), transportErrors.sum(), heapAfterFullGc());
  }

  private void loop(Random random) {
    while (running) {
      boolean messages = random.nextBoolean();
      boolean stream = random.nextBoolean();
      String model = MODELS[random.nextInt(MODELS.length)];
      String body = messages
          ? "{\"model\":\"" + model + "\",\"max_tokens\":64,\"stream\":" + stream
              + ",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}"
          : "{\"model\":\"" + model + "\",\"stream\":" + stream
              + ",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}";
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + (messages ? "/v1/messages" : "/v1/chat/completions")))
          .timeout(Duration.ofSeconds(90))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      sent.incrementAndGet();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        answered.increment();
        statuses.computeIfAbsent(response.statusCode(), s -> new LongAdder()).increment();
        if (isOwnFault(response)) {
          ownFaults.increment();
          System.err.println("own fault: " + response.statusCode() + " " + response.body());
        }
      } catch (IOException e) {
        transportErrors.increment();
        System.err.println("transport error: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Returns whether the gateway blames itself: a 500 or an internal error, whole or in-stream. */
  private static boolean isOwnFault(HttpResponse<String> response) {
    return response.statusCode() == 500
        || response.body().contains("internal_error")
        || response.body().contains("Internal gateway error");
  }

  private String byStatus() {
    Map<Integer, Long> sorted = new TreeMap<>();
    statuses.forEach((status, count) -> sorted.put(status, count.sum()));
    StringBuilder text = new StringBuilder();
    sorted.forEach((status, count) -> text.append(text.length() == 0 ? "" : ", ").append(status).append(": ").append(count));
    return text.toString();
  }

  private String get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "";
    }
  }

  private String metric(String prefix) {
    for (String line : get("/metrics").split("\n")) {
      if (line.startsWith(prefix)) {
        return line.substring(line.lastIndexOf(' ') + 1);
      }
    }
    return "0";
  }

  /** Returns the MB of heap in use right after a full collection (jcmd GC.run, GC.heap_info). */
  private String heapAfterFullGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    long usedKb = 0;
    Matcher used = Pattern.compile("used (\\d+)K").matcher("");
    for (String line : jcmd("GC.heap_info").split("\n")) {
      if (line.contains("generation") || line.contains("garbage-first heap")) {
        used.reset(line);
        if (used.find()) {
          usedKb += Long.parseLong(used.group(1));
        }
      }
    }
    return String.format("%.1f", usedKb / 1024.0);
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
    try (InputStream out = process.getInputStream()) {
      String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return text;
    }
  }
}
