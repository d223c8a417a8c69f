package dev.switchboard.gateway.simulate.scenario;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Describes a year of traffic to simulate: who the users are (countries, personas, apps), what they
 * ask (categories, lengths, languages), and which models they use as models launch, rise and
 * fade. Loaded from YAML by {@link ScenarioLoader}; immutable.
 *
 * @param start the Monday the first simulated week begins
 * @param users end users over the whole year
 */
public record Scenario(
    String name,
    LocalDate start,
    int weeks,
    int users,
    long seed,
    Traffic traffic,
    Lengths lengths,
    List<CountrySpec> countries,
    List<PersonaSpec> personas,
    List<AppSpec> apps,
    List<ModelSpec> models) {

  public Scenario {
    // missing lists become empty, so the validator reports them with their path
    countries = countries == null ? List.of() : List.copyOf(countries);
    personas = personas == null ? List.of() : List.copyOf(personas);
    apps = apps == null ? List.of() : List.copyOf(apps);
    models = models == null ? List.of() : List.copyOf(models);
  }

  /**
   * Holds how much traffic users make.
   *
   * @param requestsPerUserWeek mean requests of an active user in a week (a persona scales it)
   * @param initialShare share of all users already there in the first week
   * @param joins relative rate at which the other users join, first week to last
   * @param platformChurnPerMonth chance a user leaves the platform for good, each month
   * @param loyalty chance a request goes to a model the user already uses
   * @param englishFallback chance a user writing another language writes one request in English
   * @param trickleRps requests per second of the live trickle after the year (demo mode)
   */
  public record Traffic(
      Ramp requestsPerUserWeek,
      double initialShare,
      Ramp joins,
      double platformChurnPerMonth,
      double loyalty,
      double englishFallback,
      double trickleRps) {}

  /**
   * Holds the length distributions: per category, the median prompt and completion tokens, first
   * week to last (grown geometrically), with a log-normal spread {@code sigma}.
   */
  public record Lengths(double sigma, Map<String, CategoryLengths> categories) {
    public Lengths {
      categories = Ordered.copy(categories);
    }
  }

  /** Holds one category's median prompt and completion tokens over the year. */
  public record CategoryLengths(Ramp prompt, Ramp completion) {}

  /**
   * Describes the users from one country: their share of new users over the year and the
   * languages they write (weights).
   */
  public record CountrySpec(String code, Ramp share, Map<String, Double> languages) {
    public CountrySpec {
      languages = Ordered.copy(languages);
    }
  }

  /**
   * Describes a kind of user: share of new users, requests per week relative to the traffic
   * section, what they ask (category weights) and through which apps (weights).
   */
  public record PersonaSpec(
      String name,
      Ramp share,
      Ramp activity,
      Map<String, Double> categories,
      Map<String, Double> apps) {
    public PersonaSpec {
      categories = Ordered.copy(categories);
      apps = Ordered.copy(apps);
    }
  }

  /**
   * Describes a client app: how it names itself ({@code title}: {@code X-Title}, {@code
   * referer}: {@code HTTP-Referer} with {@code url}), the share of its requests offering tools
   * over the year, and the share it streams.
   */
  public record AppSpec(String name, String header, String url, Ramp tools, double streaming) {}

  /** Returns the first day after the last simulated week. */
  public LocalDate end() {
    return start.plusWeeks(weeks);
  }

  /** Returns the model spec with catalog id {@code id}. */
  public ModelSpec model(String id) {
    return models.stream().filter(m -> m.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model " + id + " in the scenario"));
  }

  /** Returns a copy with {@code count} users. */
  public Scenario withUsers(int count) {
    return new Scenario(name, start, weeks, count, seed, traffic, lengths, countries, personas, apps, models);
  }

  /** Returns a copy covering the first {@code count} weeks. */
  public Scenario withWeeks(int count) {
    return new Scenario(name, start, count, users, seed, traffic, lengths, countries, personas, apps, models);
  }

  /** Returns a copy whose users send {@code factor} times as many requests. */
  public Scenario withActivity(double factor) {
    Traffic t = traffic;
    Traffic scaled = new Traffic(new Ramp(t.requestsPerUserWeek().start() * factor, t.requestsPerUserWeek().end() * factor),
        t.initialShare(), t.joins(), t.platformChurnPerMonth(), t.loyalty(), t.englishFallback(), t.trickleRps());
    return new Scenario(name, start, weeks, users, seed, scaled, lengths, countries, personas, apps, models);
  }

  /** Returns a copy with another random seed. */
  public Scenario withSeed(long newSeed) {
    return new Scenario(name, start, weeks, users, newSeed, traffic, lengths, countries, personas, apps, models);
  }

  /**
   * Returns a copy whose year begins on the Monday of {@code newStart}'s week, every launch and
   * event moved with it (the demo ends its year at the current week).
   */
  public Scenario startingOn(LocalDate newStart) {
    LocalDate monday = newStart.with(DayOfWeek.MONDAY);
    long days = ChronoUnit.DAYS.between(start, monday);
    return new Scenario(name, monday, weeks, users, seed, traffic, lengths, countries, personas, apps,
        models.stream().map(m -> m.shifted(days)).toList());
  }
}
