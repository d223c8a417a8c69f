package dev.switchboard.gateway.simulate.traffic;

import dev.switchboard.gateway.simulate.scenario.ModelSpec;
import dev.switchboard.gateway.simulate.scenario.Scenario;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Knows which models are out on a day and how strongly each draws requests of a category: its
 * weight curve times its affinity for the category.
 */
public final class ModelMarket {
  private final List<ModelSpec> models;

  public ModelMarket(Scenario scenario) {
    this(scenario.models());
  }

  ModelMarket(List<ModelSpec> models) {
    this.models = List.copyOf(models);
  }

  /** Returns how strongly {@code model} draws {@code category} requests on {@code day}. */
  public double pull(ModelSpec model, String category, LocalDate day) {
    return model.weight().at(day) * model.affinity(category);
  }

  /** Draws a model for {@code category} on {@code day} among all that are out; null if none. */
  public ModelSpec draw(SplittableRandom random, String category, LocalDate day) {
    return draw(random, category, day, models);
  }

  /** Draws a model for {@code category} on {@code day} among {@code candidates}; null if none pulls. */
  public ModelSpec draw(SplittableRandom random, String category, LocalDate day, List<ModelSpec> candidates) {
    double[] weights = new double[candidates.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = pull(candidates.get(i), category, day);
    }
    int drawn = Randoms.weightedIndex(random, weights, weights.length);
    return drawn < 0 ? null : candidates.get(drawn);
  }

  /** Returns the month {@code model} launched. */
  public static YearMonth launchMonth(ModelSpec model) {
    return YearMonth.from(model.launch());
  }
}
