package dev.switchboard.gateway.simulate.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.simulate.scenario.Scenario;
import dev.switchboard.gateway.simulate.scenario.ScenarioLoader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationTest {

  @Test
  void joinsAddUpToTheUsersWithTheInitialShareInTheFirstWeekAndMoreJoiningLater() {
    Scenario s = ScenarioLoader.loadDefault().withUsers(1000);

    int[] joins = Population.joinsPerWeek(s, SimCalendar.of(s));

    assertThat(Arrays.stream(joins).sum()).isEqualTo(1000);
    assertThat(joins[0]).isGreaterThanOrEqualTo((int) (1000 * s.traffic().initialShare()));
    assertThat(joins[joins.length - 1]).isGreaterThan(joins[1]);
  }

  @Test
  void asiaGrowsAmongTheUsersJoiningLate() {
    List<UserProfile> users = Population.of(ScenarioLoader.loadDefault().withUsers(3000));

    double early = asianShare(users.stream().filter(u -> u.joinWeek() < 10).toList());
    double late = asianShare(users.stream().filter(u -> u.joinWeek() >= 40).toList());

    assertThat(late).isGreaterThan(early);
    assertThat(users).extracting(UserProfile::id).doesNotHaveDuplicates();
    assertThat(users.stream().mapToDouble(UserProfile::activity).average().orElse(0)).isBetween(0.85, 1.15);
  }

  private static double asianShare(List<UserProfile> users) {
    return users.stream().filter(u -> List.of("CN", "IN", "JP", "KR", "SG", "ID", "VN").contains(u.country())).count()
        / (double) users.size();
  }
}
