package dev.switchboard.gateway.usage;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads a {@link BodyArchive} from tests, waiting for its futures. */
public final class StoredBodies {

  private StoredBodies() {}

  /** Returns the bodies of request {@code id}, if stored. */
  public static Optional<StoredBody> find(BodyArchive archive, String id) {
    try {
      return archive.find(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("reading the bodies of " + id + " failed", e);
    }
  }

  /** Waits up to 10 s for the bodies of {@code id} (they are stored after the answer). */
  public static StoredBody await(BodyArchive archive, String id) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<StoredBody> body = find(archive, id);
      if (body.isPresent()) {
        return body.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("bodies of " + id + " were not stored within 10 s");
  }
}
