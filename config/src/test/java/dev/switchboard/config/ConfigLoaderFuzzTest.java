package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes the config loader: any text is a config or a list of problems, never a crash. */
class ConfigLoaderFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void anyTextIsAConfigOrItsProblems(byte[] text) {
    String yaml = new String(text, java.nio.charset.StandardCharsets.UTF_8);
    try {
      ConfigLoader.parse(yaml);
    } catch (InvalidConfigException refused) {
      assertThat(refused.problems()).as("the problems of a refused config").isNotEmpty();
    }
  }
}
