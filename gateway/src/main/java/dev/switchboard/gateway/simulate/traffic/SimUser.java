package dev.switchboard.gateway.simulate.traffic;

import dev.switchboard.gateway.simulate.scenario.ModelSpec;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Carries one user's changing state through the year: whether they are still on the platform, and
 * for each model they adopted, its cohort month and whether they still use it. Each user draws
 * from their own generator, so the year does not depend on the order users are planned in.
 */
final class SimUser {
  private final UserProfile profile;
  private final SplittableRandom random;
  private final Map<String, Adoption> adoptions = new LinkedHashMap<>();
  private YearMonth month;
  private boolean left;

  SimUser(UserProfile profile, long seed) {
    this.profile = profile;
    this.random = new SplittableRandom(Randoms.mix(seed, profile.index()));
  }

  UserProfile profile() {
    return profile;
  }

  SplittableRandom random() {
    return random;
  }

  boolean left() {
    return left;
  }

  /**
   * Moves the user's state to {@code target}: once per month passed, they may leave the platform,
   * each active model keeps them with its retention, and each lapsed one may win them back.
   */
  void advanceTo(YearMonth target, double platformChurn) {
    if (month == null) {
      month = target;
      return;
    }
    while (month.isBefore(target) && !left) {
      month = month.plusMonths(1);
      if (random.nextDouble() < platformChurn) {
        left = true;
        return;
      }
      for (Adoption a : adoptions.values()) {
        ModelSpec model = a.model;
        double chance = a.active
            ? model.retention().stayFor(a.cohort, ModelMarket.launchMonth(model))
            : model.retention().comebackIn(month);
        a.active = random.nextDouble() < chance;
      }
    }
  }

  /**
   * Picks the model for a {@code category} request on {@code day}: with chance {@code loyalty} one
   * of the models the user still uses, else one drawn from the market, which they then use.
   */
  ModelSpec pick(ModelMarket market, String category, LocalDate day, double loyalty) {
    List<ModelSpec> used = new ArrayList<>();
    adoptions.values().forEach(a -> {
      if (a.active) {
        used.add(a.model);
      }
    });
    double roll = random.nextDouble();
    ModelSpec model = null;
    if (!used.isEmpty() && roll < loyalty) {
      model = market.draw(random, category, day, used);
    }
    if (model == null) {
      model = market.draw(random, category, day);
      if (model == null) {
        return null;
      }
      Adoption a = adoptions.get(model.id());
      if (a == null) {
        adoptions.put(model.id(), new Adoption(model, YearMonth.from(day)));
      } else {
        a.active = true;
      }
    }
    return model;
  }

  /** Returns whether the user still uses {@code model}. */
  boolean uses(ModelSpec model) {
    Adoption a = adoptions.get(model.id());
    return a != null && a.active;
  }

  /** Holds one model's use by this user. */
  private static final class Adoption {
    final ModelSpec model;
    final YearMonth cohort;
    boolean active = true;

    Adoption(ModelSpec model, YearMonth cohort) {
      this.model = model;
      this.cohort = cohort;
    }
  }
}
