package dev.switchboard.gateway.simulate.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.simulate.prompt.PromptBank;
import dev.switchboard.gateway.simulate.scenario.ModelSpec;
import dev.switchboard.gateway.simulate.scenario.Scenario;
import dev.switchboard.gateway.simulate.scenario.ScenarioLoader;
import dev.switchboard.telemetry.Category;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrafficPlannerTest {
  private static final Scenario SCENARIO = ScenarioLoader.loadDefault().withUsers(200);

  @Test
  void theSameSeedPlansTheSameYearAndAnotherSeedAnother() {
    List<PlannedRequest> first = year(SCENARIO);
    List<PlannedRequest> again = year(SCENARIO);
    List<PlannedRequest> other = year(SCENARIO.withSeed(2));

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void requestsFallInTheirWeekInTimeOrderAfterTheUserJoinedAndTheModelLaunched() {
    TrafficPlanner planner = new TrafficPlanner(SCENARIO, PromptBank.bundled());
    int week = 0;
    while (planner.hasNext()) {
      List<PlannedRequest> planned = planner.nextWeek();
      Instant start = planner.calendar().weekInstant(week);
      Instant end = planner.calendar().weekInstant(week + 1);
      for (int i = 0; i < planned.size(); i++) {
        PlannedRequest r = planned.get(i);
        assertThat(r.at()).isBetween(start, end.minusNanos(1));
        assertThat(r.week()).isEqualTo(week);
        assertThat(r.user().joinWeek()).isLessThanOrEqualTo(week);
        ModelSpec model = SCENARIO.model(r.model());
        assertThat(model.weight().at(r.at().atZone(ZoneOffset.UTC).toLocalDate())).isPositive();
        if (i > 0) {
          assertThat(r.at()).isAfterOrEqualTo(planned.get(i - 1).at());
          assertThat(r.seq()).isEqualTo(planned.get(i - 1).seq() + 1);
        }
      }
      week++;
    }
  }

  @Test
  void theYearHasTheStudysShape() {
    List<PlannedRequest> year = year(SCENARIO);
    List<PlannedRequest> early = year.stream().filter(r -> r.week() < 8).toList();
    List<PlannedRequest> late = year.stream().filter(r -> r.week() >= 44).toList();

    // traffic grows, programming takes over, prompts grow, tools spread
    assertThat(late.size()).isGreaterThan(2 * early.size());
    assertThat(share(late, r -> r.category() == Category.PROGRAMMING))
        .isGreaterThan(2 * share(early, r -> r.category() == Category.PROGRAMMING));
    assertThat(mean(late, PlannedRequest::promptTokens)).isGreaterThan(2.5 * mean(early, PlannedRequest::promptTokens));
    assertThat(share(late, PlannedRequest::toolsOffered)).isGreaterThan(share(early, PlannedRequest::toolsOffered));
    // mostly English, with Chinese, Russian and Spanish present
    Map<String, Long> languages = year.stream().collect(Collectors.groupingBy(PlannedRequest::language, Collectors.counting()));
    assertThat(languages.get("en") / (double) year.size()).isBetween(0.7, 0.92);
    assertThat(languages).containsKeys("zh-Hans", "ru", "es");
    // a dominant open-weight model early: DeepSeek leads the Chinese models in the first months
    assertThat(early.stream().filter(r -> r.model().startsWith("deepseek/")).count()).isPositive();
  }

  private static List<PlannedRequest> year(Scenario scenario) {
    TrafficPlanner planner = new TrafficPlanner(scenario, PromptBank.bundled());
    List<PlannedRequest> all = new ArrayList<>();
    while (planner.hasNext()) {
      all.addAll(planner.nextWeek());
    }
    return all;
  }

  private static double share(List<PlannedRequest> requests, java.util.function.Predicate<PlannedRequest> p) {
    return requests.stream().filter(p).count() / (double) requests.size();
  }

  private static double mean(List<PlannedRequest> requests, java.util.function.ToIntFunction<PlannedRequest> f) {
    return requests.stream().mapToInt(f).average().orElse(0);
  }
}
