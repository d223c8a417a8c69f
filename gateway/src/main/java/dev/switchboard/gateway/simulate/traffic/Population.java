package dev.switchboard.gateway.simulate.traffic;

import dev.switchboard.gateway.simulate.scenario.Scenario;
import dev.switchboard.gateway.simulate.scenario.Scenario.CountrySpec;
import dev.switchboard.gateway.simulate.scenario.Scenario.PersonaSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Creates a scenario's end users, the same ones for the same seed: when each joins (a share at the
 * start, the rest spread over the weeks by the join ramp), and the country, persona, app, language
 * and activity each is drawn with, from the shares of their join week.
 */
public final class Population {
  private static final double ACTIVITY_SIGMA = 0.7;

  private Population() {}

  /** Returns the users of {@code scenario}, ordered by index. */
  public static List<UserProfile> of(Scenario scenario) {
    SimCalendar calendar = SimCalendar.of(scenario);
    int[] joins = joinsPerWeek(scenario, calendar);
    List<UserProfile> users = new ArrayList<>(scenario.users());
    // mean-one activity: E[exp(sigma Z)] = exp(sigma^2 / 2)
    double norm = Math.exp(ACTIVITY_SIGMA * ACTIVITY_SIGMA / 2);
    int index = 0;
    for (int week = 0; week < joins.length; week++) {
      double p = calendar.progress(week);
      for (int n = 0; n < joins[week]; n++, index++) {
        SplittableRandom random = new SplittableRandom(Randoms.mix(scenario.seed(), 1_000_000L + index));
        CountrySpec country = draw(random, scenario.countries(), c -> c.share().at(p));
        PersonaSpec persona = draw(random, scenario.personas(), s -> s.share().at(p));
        String app = Randoms.weighted(random, persona.apps());
        String language = Randoms.weighted(random, country.languages());
        double activity = Math.exp(ACTIVITY_SIGMA * random.nextGaussian()) / norm;
        String id = String.format("user-%05d-%08x", index, Randoms.mix(scenario.seed(), index) & 0xffffffffL);
        users.add(new UserProfile(index, id, country.code(), persona.name(), app, language, activity, week));
      }
    }
    return users;
  }

  /** Splits the users over the weeks: the initial share in week 0, the rest by the join ramp. */
  static int[] joinsPerWeek(Scenario scenario, SimCalendar calendar) {
    int weeks = scenario.weeks();
    double[] weights = new double[weeks];
    double total = 0;
    for (int w = 0; w < weeks; w++) {
      weights[w] = Math.max(0, scenario.traffic().joins().at(calendar.progress(w)));
      total += weights[w];
    }
    int users = scenario.users();
    int initial = (int) Math.round(users * scenario.traffic().initialShare());
    double[] exact = new double[weeks];
    for (int w = 0; w < weeks; w++) {
      exact[w] = total > 0 ? (users - initial) * weights[w] / total : 0;
    }
    exact[0] += total > 0 ? initial : users;
    // largest remainder, so the counts add up to exactly `users`
    int[] counts = new int[weeks];
    int assigned = 0;
    for (int w = 0; w < weeks; w++) {
      counts[w] = (int) Math.floor(exact[w]);
      assigned += counts[w];
    }
    List<Integer> order = new ArrayList<>();
    for (int w = 0; w < weeks; w++) {
      order.add(w);
    }
    order.sort((a, b) -> Double.compare(exact[b] - counts[b], exact[a] - counts[a]));
    for (int i = 0; assigned < users; i++, assigned++) {
      counts[order.get(i % weeks)]++;
    }
    return counts;
  }

  private static <T> T draw(SplittableRandom random, List<T> items, ToDoubleFunction<T> weight) {
    double[] weights = new double[items.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = weight.applyAsDouble(items.get(i));
    }
    int drawn = Randoms.weightedIndex(random, weights, weights.length);
    return items.get(Math.max(0, drawn));
  }
}
