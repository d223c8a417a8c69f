package dev.switchboard.gateway.simulate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

  @Test
  void theDefaultScenarioIsAStudyShapedYear() {
    Scenario s = ScenarioLoader.loadDefault();

    assertThat(s.weeks()).isEqualTo(52);
    assertThat(s.start()).isEqualTo(LocalDate.parse("2024-12-02"));
    assertThat(s.models()).hasSizeGreaterThan(20);
    assertThat(s.models()).extracting(m -> m.retention().kind())
        .contains("foundational", "decaying", "boomerang");
    assertThat(s.model("deepseek/deepseek-chat").weight().at(LocalDate.parse("2024-12-20"))).isZero();
    assertThat(s.model("deepseek/deepseek-chat").weight().at(LocalDate.parse("2025-02-15"))).isPositive();
  }

  @Test
  void movingTheYearMovesEveryLaunchAndEvent() {
    Scenario s = ScenarioLoader.loadDefault();

    Scenario moved = s.startingOn(LocalDate.parse("2025-12-03"));

    assertThat(moved.start()).isEqualTo(LocalDate.parse("2025-12-01"));
    long days = java.time.temporal.ChronoUnit.DAYS.between(s.start(), moved.start());
    ModelSpec sonnet = moved.model("anthropic/claude-sonnet-4");
    assertThat(sonnet.launch()).isEqualTo(s.model("anthropic/claude-sonnet-4").launch().plusDays(days));
    assertThat(moved.model("deepseek/deepseek-chat").retention().returnOn())
        .isEqualTo(YearMonth.from(YearMonth.parse("2025-08").atDay(1).plusDays(days)));
  }

  @Test
  void reportsEveryProblemWithItsPath() {
    String yaml = """
        name: broken
        start: 2025-01-01
        weeks: 0
        users: 10
        seed: 1
        traffic: { requests_per_user_week: 1, initial_share: 2, joins: 1, platform_churn_per_month: 0.1,
                   loyalty: 0.8, english_fallback: 0, trickle_rps: 0 }
        lengths: { sigma: 0.5, categories: { Coding: { prompt: 100, completion: 50 } } }
        countries: [ { code: XX, share: 1, languages: { tlh: 1 } } ]
        personas: [ { name: p, share: 1, activity: 1, categories: { Programming: 1 }, apps: { Nowhere: 1 } } ]
        apps: [ { name: A, header: cookie, tools: 0, streaming: 0.5 } ]
        models: [ { id: acme/unknown-model, weight: [[2025-01-01, 1]], retention: { kind: forever, stay: 0.5 } } ]
        """;

    assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "broken.yaml"))
        .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems()).contains(
            "start: must be a Monday",
            "weeks: must be 1..520",
            "traffic.initial_share: must be within [0, 1]",
            "lengths.categories.Coding: is not a category (Programming, Roleplay, ..., Other)",
            "countries[0].code: must be an ISO 3166-1 alpha-2 code",
            "personas[0].categories.Programming: has no lengths",
            "personas[0].apps.Nowhere: is not a declared app",
            "apps[0].header: must be title or referer",
            "models[0].id: is not in the model catalog",
            "models[0].retention.kind: must be one of [standard, foundational, decaying, boomerang]")
            .anyMatch(p -> p.startsWith("countries[0].languages.tlh: no prompts are written in this language")));
  }

  @Test
  void namesTheKeyThatCannotBeRead() {
    assertThatThrownBy(() -> ScenarioLoader.parse("name: x\nstart: 2025-01-06\nweeks: 2\nusers: 1\nseed: 1\nspeed: 9\n", "x.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("speed");
  }
}
