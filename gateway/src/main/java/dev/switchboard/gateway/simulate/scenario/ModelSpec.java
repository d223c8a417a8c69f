package dev.switchboard.gateway.simulate.scenario;

import dev.switchboard.gateway.demo.DemoModelProfile;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

/**
 * Describes one model in a scenario: its catalog id, how attractive it is over time, which
 * categories it draws (affinity weights, {@code default} for the rest), how its users stay, and
 * how its simulated upstream behaves.
 */
public record ModelSpec(
    String id, WeightCurve weight, Map<String, Double> affinity, Retention retention, Behaviour behaviour) {

  public ModelSpec {
    affinity = Ordered.copy(affinity);
    retention = retention == null ? Retention.standard() : retention;
    behaviour = behaviour == null ? Behaviour.defaults() : behaviour;
  }

  /** Returns the affinity of this model for {@code category} (its {@code default}, else 1). */
  public double affinity(String category) {
    Double value = affinity.get(category);
    return value != null ? value : affinity.getOrDefault("default", 1.0);
  }

  ModelSpec shifted(long days) {
    return new ModelSpec(id, weight.shifted(days), affinity, retention.shifted(days), behaviour);
  }

  /**
   * Holds how the users of a model stay, month to month.
   *
   * @param kind {@code standard}; {@code foundational}: the first {@code cohortMonths} cohorts
   *     after launch stay with {@code stay}, later ones with {@code laterStay}; {@code decaying}:
   *     everyone stays with {@code stay} (set it low); {@code boomerang}: lapsed users come back
   *     with {@code returnShare} in month {@code returnOn}
   * @param stay chance an active user is still active the next month
   * @param comeback chance a lapsed user comes back in any month
   */
  public record Retention(
      String kind,
      double stay,
      Double laterStay,
      Integer cohortMonths,
      YearMonth returnOn,
      Double returnShare,
      Double comeback) {

    /** Returns the standard retention: 70% stay, 3% come back. */
    public static Retention standard() {
      return new Retention("standard", 0.7, null, null, null, null, null);
    }

    /** Returns the chance that a user of cohort {@code cohort} who is active stays active. */
    public double stayFor(YearMonth cohort, YearMonth launch) {
      if ("foundational".equals(kind) && laterStay != null) {
        int months = cohortMonths == null ? 1 : cohortMonths;
        return cohort.isBefore(launch.plusMonths(months)) ? stay : laterStay;
      }
      return stay;
    }

    /** Returns the chance that a lapsed user comes back in {@code month}. */
    public double comebackIn(YearMonth month) {
      if ("boomerang".equals(kind) && month.equals(returnOn) && returnShare != null) {
        return returnShare;
      }
      return comeback == null ? 0.03 : comeback;
    }

    Retention shifted(long days) {
      YearMonth moved = returnOn == null ? null : YearMonth.from(returnOn.atDay(1).plusDays(days));
      return new Retention(kind, stay, laterStay, cohortMonths, moved, returnShare, comeback);
    }
  }

  /**
   * Holds how the model's simulated upstream behaves.
   *
   * @param ttftMs milliseconds before the first token
   * @param tokensPerSecond generation speed
   * @param reasoningShare share of the completion spent on hidden reasoning (reasoning models)
   * @param toolCalls chance of answering with a tool call when tools are offered
   * @param errors how often it fails
   */
  public record Behaviour(
      int ttftMs, double tokensPerSecond, double reasoningShare, double toolCalls, Errors errors) {

    public Behaviour {
      errors = errors == null ? new Errors(0, 0, 0) : errors;
    }

    /** Returns a fast, reliable model. */
    public static Behaviour defaults() {
      return new Behaviour(200, 150, 0.35, 0.5, new Errors(0, 0, 0));
    }

    /** Returns the upstream profile serving {@code model}, reasoning when the catalog says so. */
    public DemoModelProfile profile(String model, boolean reasoning) {
      return new DemoModelProfile(model, Duration.ofMillis(ttftMs), tokensPerSecond, 300, reasoning,
          toolCalls, reasoningShare, true,
          new DemoModelProfile.Faults(errors.rateLimited(), errors.serverError(), errors.midStream()));
    }
  }

  /** Holds the model's error rates per attempt: 429, 500, and broken streams. */
  public record Errors(double rateLimited, double serverError, double midStream) {}

  /** Returns the launch date. */
  public LocalDate launch() {
    return weight.launch();
  }
}
