package dev.switchboard.gateway.simulate.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.simulate.scenario.ModelSpec;
import dev.switchboard.gateway.simulate.scenario.ModelSpec.Retention;
import dev.switchboard.gateway.simulate.scenario.WeightCurve;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention kinds shape who keeps using a model month after month. */
class SimUserTest {
  private static final LocalDate LAUNCH = LocalDate.parse("2025-05-05");

  @Test
  void theFoundationalCohortStaysLongerThanLaterOnes() {
    ModelSpec model = model(new Retention("foundational", 0.95, 0.3, 1, null, null, 0.0));

    double first = stillActive(model, LAUNCH, 4);
    double later = stillActive(model, LAUNCH.plusMonths(2), 4);

    assertThat(first).isGreaterThan(0.7);
    assertThat(later).isLessThan(0.1);
  }

  @Test
  void aBoomerangWinsBackLapsedUsersInItsReturnMonth() {
    ModelSpec model = model(new Retention("boomerang", 0.0, null, null, YearMonth.from(LAUNCH.plusMonths(3)), 1.0, 0.0));

    assertThat(stillActive(model, LAUNCH, 2)).isZero();
    assertThat(stillActive(model, LAUNCH, 3)).isEqualTo(1.0);
  }

  /** Returns the share of 400 users adopting on {@code adopted} still using the model {@code months} later. */
  private static double stillActive(ModelSpec model, LocalDate adopted, int months) {
    ModelMarket market = new ModelMarket(List.of(model));
    int active = 0;
    for (int i = 0; i < 400; i++) {
      SimUser user = new SimUser(new UserProfile(i, "u" + i, "US", "coder", "App", "en", 1, 0), 7);
      user.advanceTo(YearMonth.from(adopted), 0);
      assertThat(user.pick(market, "Programming", adopted, 0.0)).isEqualTo(model);
      user.advanceTo(YearMonth.from(adopted).plusMonths(months), 0);
      active += user.uses(model) ? 1 : 0;
    }
    return active / 400.0;
  }

  private static ModelSpec model(Retention retention) {
    return new ModelSpec("acme/model", new WeightCurve(List.of(new WeightCurve.Point(LAUNCH, 1))), null, retention, null);
  }
}
