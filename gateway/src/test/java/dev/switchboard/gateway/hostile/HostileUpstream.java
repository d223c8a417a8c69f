package dev.switchboard.gateway.hostile;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * Plays an upstream that misbehaves in every way the gateway must survive, one {@link Behaviour}
 * per path prefix: {@code /huge-body/v1/chat/completions} answers in OpenAI shape, {@code
 * /huge-body/messages} in Anthropic shape, {@code /chaos/...} picks a behaviour at random per
 * request. Used by the end-to-end tests and by the fault soak ({@code gateway/bench/fault-soak.sh}).
 */
public final class HostileUpstream implements AutoCloseable {

  /** One way to answer. */
  public enum Behaviour {
    /** A valid answer, whole or streamed as asked. */
    OK,
    /** 200 and a JSON body that never ends (also for a streaming request). */
    HUGE_BODY,
    /** 200 with {@code Content-Length: 1073741824}, then bytes until the connection closes. */
    HUGE_DECLARED,
    /** 200 event stream whose first event never ends. */
    HUGE_EVENT,
    /** 500 with an error body that never ends. */
    HUGE_ERROR,
    /** 200 event-stream headers, then silence. */
    SILENT,
    /** 200 event stream of comments only, forever. */
    COMMENTS,
    /** One data event, then comments forever (the idle limit must count data, not bytes). */
    DATA_THEN_COMMENTS,
    /** 200 with an HTML page (a proxy's login page). */
    HTML,
    /** A valid answer without any Content-Type. */
    NO_CONTENT_TYPE,
    /** A valid answer whose text holds bytes that are not UTF-8. */
    INVALID_UTF8,
    /** A valid answer with its usage object given twice (the last one counts, as JSON.parse). */
    DUPLICATE_KEYS,
    /** A valid answer claiming -5 input tokens and 10^23 output tokens. */
    ABSURD_USAGE,
    /** 429 with {@code Retry-After} of a year. */
    RETRY_A_YEAR,
    /** 307 to another host. */
    REDIRECT,
    /** 200, {@code Content-Encoding: gzip}, 256 MiB once inflated. */
    GZIP_BOMB,
    /** 200, {@code Content-Encoding: br}, which the gateway never asked for. */
    BROTLI,
    /** The connection closes halfway through the answer. */
    CUT_OFF;

    /** Returns the path segment naming this behaviour. */
    public String segment() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Behaviour of(String segment) {
      return valueOf(segment.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  private static final int CHUNK = 64 * 1024;
  private static final long A_YEAR_SECONDS = 365L * 24 * 3600;
  private static volatile byte[] gzipBomb;

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<Behaviour, AtomicInteger> hits = new EnumMap<>(Behaviour.class);
  private final Map<Behaviour, AtomicInteger> open = new EnumMap<>(Behaviour.class);
  private final Random random;
  private final String redirectTo;

  private HostileUpstream(int port, long seed, String redirectTo) {
    for (Behaviour b : Behaviour.values()) {
      hits.put(b, new AtomicInteger());
      open.put(b, new AtomicInteger());
    }
    this.random = new Random(seed);
    this.redirectTo = redirectTo;
    gzipBomb(); // a second or two of deflating, never on the event loop
    try {
      this.server =
          vertx
              .createHttpServer()
              .requestHandler(this::handle)
              .listen(port, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("hostile upstream did not start", e);
    }
  }

  /**
   * Starts on {@code port} (0: any free one); redirects point at {@code redirectTo}, a base URL
   * the gateway must never call.
   */
  public static HostileUpstream start(int port, long seed, String redirectTo) {
    return new HostileUpstream(port, seed, redirectTo);
  }

  public int port() {
    return server.actualPort();
  }

  /** Returns the base URL of {@code behaviour} for an OpenAI-compatible provider. */
  public String openAiBase(Behaviour behaviour) {
    return "http://127.0.0.1:" + port() + "/" + behaviour.segment() + "/v1";
  }

  /** Returns the base URL of {@code behaviour} for an Anthropic provider. */
  public String anthropicBase(Behaviour behaviour) {
    return "http://127.0.0.1:" + port() + "/" + behaviour.segment();
  }

  /** Returns how many requests asked for {@code behaviour} (chaos counts what it picked). */
  public int hits(Behaviour behaviour) {
    return hits.get(behaviour).get();
  }

  /** Returns how many answers of {@code behaviour} are still being sent (not ended, not closed). */
  public int open(Behaviour behaviour) {
    return open.get(behaviour).get();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    int slash = path.indexOf('/', 1);
    String segment = slash < 0 ? path.substring(1) : path.substring(1, slash);
    boolean anthropic = path.endsWith("/messages");
    request.body().onSuccess(body -> {
      boolean stream = body.toString(StandardCharsets.UTF_8).replace(" ", "").contains("\"stream\":true");
      Behaviour behaviour;
      if (segment.equals("chaos")) {
        Behaviour[] all = Behaviour.values();
        synchronized (random) {
          // half the answers are good, so records and fallbacks get exercised too
          behaviour = random.nextBoolean() ? Behaviour.OK : all[random.nextInt(all.length)];
        }
      } else {
        try {
          behaviour = Behaviour.of(segment);
        } catch (IllegalArgumentException e) {
          request.response().setStatusCode(404).end();
          return;
        }
      }
      hits.get(behaviour).incrementAndGet();
      AtomicInteger stillOpen = open.get(behaviour);
      stillOpen.incrementAndGet();
      java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();
      Runnable finished = () -> {
        if (counted.compareAndSet(false, true)) {
          stillOpen.decrementAndGet();
        }
      };
      request.response().closeHandler(v -> finished.run()).endHandler(v -> finished.run());
      answer(behaviour, request.response(), new Answers(anthropic, stream));
    });
  }

  private void answer(Behaviour behaviour, HttpServerResponse response, Answers answers) {
    switch (behaviour) {
      case OK -> answers.send(response, answers.valid());
      case HUGE_BODY -> {
        response.setChunked(true).putHeader("content-type", "application/json");
        response.write(answers.anthropic ? "{\"content\":[{\"type\":\"text\",\"text\":\"" : "{\"choices\":[{\"message\":{\"content\":\"");
        endless(response, filler('x'));
      }
      case HUGE_DECLARED -> {
        response.putHeader("content-type", "application/json").putHeader("content-length", "1073741824");
        endless(response, filler(' '));
      }
      case HUGE_EVENT -> {
        response.setChunked(true).putHeader("content-type", "text/event-stream");
        response.write("data: {\"choices\":[{\"delta\":{\"content\":\"");
        endless(response, filler('x'));
      }
      case HUGE_ERROR -> {
        response.setStatusCode(500).setChunked(true).putHeader("content-type", "application/json");
        response.write("{\"error\":{\"message\":\"");
        endless(response, filler('e'));
      }
      case SILENT -> response.setChunked(true).putHeader("content-type", "text/event-stream").write("");
      case COMMENTS -> {
        response.setChunked(true).putHeader("content-type", "text/event-stream");
        comments(response);
      }
      case DATA_THEN_COMMENTS -> {
        response.setChunked(true).putHeader("content-type", "text/event-stream");
        response.write(answers.firstEvent());
        comments(response);
      }
      case HTML -> response
          .putHeader("content-type", "text/html")
          .end("<!doctype html><html><body><form action=/login>Sign in</form></body></html>");
      case NO_CONTENT_TYPE -> response.end(answers.valid());
      case INVALID_UTF8 -> {
        Buffer body = Buffer.buffer();
        String valid = answers.valid();
        int at = valid.indexOf("Paris");
        body.appendString(valid.substring(0, at)).appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF})
            .appendString(valid.substring(at));
        response.putHeader("content-type", answers.stream ? "text/event-stream" : "application/json").end(body);
      }
      case DUPLICATE_KEYS -> answers.send(response, answers.withUsage(1, 1, 12, 2));
      case ABSURD_USAGE -> answers.send(response, answers.withUsageText("-5", "100000000000000000000000"));
      case RETRY_A_YEAR -> response
          .setStatusCode(429)
          .putHeader("content-type", "application/json")
          .putHeader("retry-after", String.valueOf(A_YEAR_SECONDS))
          .end("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}");
      case REDIRECT -> response.setStatusCode(307).putHeader("location", redirectTo).end();
      case GZIP_BOMB -> response
          .putHeader("content-type", "application/json")
          .putHeader("content-encoding", "gzip")
          .end(Buffer.buffer(gzipBomb()));
      case BROTLI -> response
          .putHeader("content-type", "application/json")
          .putHeader("content-encoding", "br")
          .end(Buffer.buffer(new byte[] {0x1b, 0x7f, 0x00, 0x40, 0x01, 0x02, 0x03}));
      case CUT_OFF -> {
        String valid = answers.valid();
        response.setChunked(true).putHeader("content-type", answers.stream ? "text/event-stream" : "application/json");
        response.write(valid.substring(0, valid.length() / 2)).onComplete(v -> response.reset());
      }
    }
  }

  private static Buffer filler(char c) {
    byte[] bytes = new byte[CHUNK];
    java.util.Arrays.fill(bytes, (byte) c);
    return Buffer.buffer(bytes);
  }

  /**
   * Writes {@code chunk} until the peer goes away, honouring its flow control: one chunk per turn
   * of the event loop, so that the close of a reset connection is seen (a loop writing while the
   * queue has room never ends once writes to a dead channel fail at once).
   */
  private void endless(HttpServerResponse response, Buffer chunk) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (response.writeQueueFull()) {
      response.drainHandler(v -> endless(response, chunk));
      return;
    }
    response.write(chunk).onComplete(written -> {
      if (written.succeeded()) {
        vertx.runOnContext(v -> endless(response, chunk)); // a fresh stack, after pending events
      }
    });
  }

  private void comments(HttpServerResponse response) {
    vertx.setPeriodic(20, id -> {
      if (response.closed()) {
        vertx.cancelTimer(id);
      } else if (!response.writeQueueFull()) {
        response.write(": keep-alive\n\n");
      }
    });
  }

  private static byte[] gzipBomb() {
    byte[] bomb = gzipBomb;
    if (bomb == null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
        gzip.write("{\"choices\":[{\"message\":{\"content\":\"".getBytes(StandardCharsets.US_ASCII));
        byte[] spaces = new byte[1 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < 256; i++) {
          gzip.write(spaces);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      bomb = out.toByteArray();
      gzipBomb = bomb;
    }
    return bomb;
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a hostile upstream until killed: {@code HostileUpstream PORT [SEED]} (fault soak). */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    HostileUpstream upstream = start(port, seed, "http://127.0.0.2:9/elsewhere");
    System.out.println("hostile upstream on " + upstream.port());
    Thread.currentThread().join();
  }
}
