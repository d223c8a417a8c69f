package dev.switchboard.gateway.affinity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.AffinityConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Checks the in-memory affinity map: per route, refreshed on use, forgotten after its TTL. */
class LocalAffinityStoreTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AffinityStore store =
      AffinityStores.local(new AffinityConfig(true, Duration.ofMinutes(5), 1000), nanos::get);

  private String lookup(String route, String session) {
    return store.lookup(route, session).result();
  }

  @Test
  void remembersPerRouteAndSession() {
    store.remember("r1", "s", "a:m");

    assertThat(lookup("r1", "s")).isEqualTo("a:m");
    assertThat(lookup("r2", "s")).isNull();
    assertThat(lookup("r1", "t")).isNull();
  }

  @Test
  void useRefreshesTheTimeToLiveAndIdlenessEndsIt() {
    store.remember("r", "s", "a:m");
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    assertThat(lookup("r", "s")).isEqualTo("a:m");
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    assertThat(lookup("r", "s")).isEqualTo("a:m");

    nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());
    assertThat(lookup("r", "s")).isNull();
  }

  @Test
  void offRemembersNothing() {
    AffinityStore off = AffinityStores.local(AffinityConfig.defaults(), nanos::get);
    off.remember("r", "s", "a:m");

    assertThat(off).isSameAs(AffinityStore.none());
    assertThat(off.lookup("r", "s").result()).isNull();
  }
}
