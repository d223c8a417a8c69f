package dev.switchboard.gateway.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.gateway.api.ApiErrorException;
import dev.switchboard.telemetry.stats.analysis.Analyses;
import dev.switchboard.telemetry.stats.analysis.Analysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fuzzes the stats query parameters: any query is a request or a 400, never another failure. */
class StatsRequestFuzzTest {
  private static final List<Analysis> ANALYSES = Analyses.all();
  private static final String[] NAMES = {
    "from", "to", "bucket", "tokens", "weight", "top", "include_other", "include_byok",
    "min_requests", "min_users", "model", "author", "source", "category", "key", "app",
    "provider", "format"
  };

  @FuzzTest(maxDuration = "5s")
  void anyQueryIsARequestOrA400(FuzzedDataProvider data) {
    Analysis analysis = ANALYSES.get(data.consumeInt(0, ANALYSES.size() - 1));
    Map<String, List<String>> params = new LinkedHashMap<>();
    int count = data.consumeInt(0, 8);
    for (int i = 0; i < count; i++) {
      String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(12);
      List<String> values = params.computeIfAbsent(name, n -> new ArrayList<>());
      values.add(data.consumeString(40));
    }
    try {
      StatsRequest.parse(analysis, params);
    } catch (ApiErrorException refused) {
      assertThat(refused.error().status()).as("status of " + refused.error()).isEqualTo(400);
    }
  }
}
