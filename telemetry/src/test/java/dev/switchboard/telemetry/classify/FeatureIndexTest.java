package dev.switchboard.telemetry.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks that the feature index finds exactly the keys it was given, as it grows. */
class FeatureIndexTest {
  @Test
  void findsEveryAddedKeyAtADenseSlotAndNoOtherKey() {
    Random random = new Random(42);
    Set<Integer> added = new HashSet<>();
    FeatureIndex index = new FeatureIndex();
    while (added.size() < 100_000) {
      int key = random.nextInt();
      if (added.add(key)) {
        assertThat(index.add(key)).isEqualTo(added.size() - 1);
      }
    }
    assertThat(index.size()).isEqualTo(100_000);
    Set<Integer> slots = new HashSet<>();
    for (int key : added) {
      slots.add(index.slot(key));
    }
    assertThat(slots).hasSize(100_000).allMatch(s -> s >= 0 && s < 100_000);
    int strangers = 0;
    for (int i = 0; i < 100_000; i++) {
      int key = random.nextInt();
      if (!added.contains(key)) {
        strangers++;
        assertThat(index.slot(key)).isEqualTo(-1);
      }
    }
    assertThat(strangers).isGreaterThan(99_000);
  }

  @Test
  void addingAKeyAgainKeepsItsSlot() {
    FeatureIndex index = new FeatureIndex();
    int first = index.add(7);
    index.add(8);
    assertThat(index.add(7)).isEqualTo(first);
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.add(0)).isEqualTo(2); // the key that reads as empty is a key too
    assertThat(index.slot(0)).isEqualTo(2);
  }
}
