package dev.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySecretTest {

  @Test
  void secretsArePrefixedBase64UrlOf32RandomBytes() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String secret = KeySecret.generate();
      assertThat(secret).matches("sk-sb-[A-Za-z0-9_-]{43}");
      assertThat(seen.add(secret)).isTrue();
    }
  }

  @Test
  void hashIsSha256HexAndHintShowsOnlyPrefixAndTail() {
    assertThat(KeySecret.hex(KeySecret.hash("abc")))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(KeySecret.unhex(KeySecret.hex(KeySecret.hash("abc")))).isEqualTo(KeySecret.hash("abc"));
    assertThat(KeySecret.hint("sk-sb-ABCDEFGHIJKLMNOPwxyz")).isEqualTo("sk-sb-...wxyz");
    assertThat(KeySecret.newId()).matches("key_[A-Za-z0-9]{20}");
  }
}
