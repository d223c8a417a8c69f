package dev.switchboard.gateway.simulate.scenario;

import dev.switchboard.config.catalog.ModelCatalog;
import dev.switchboard.gateway.auth.CountryContinents;
import dev.switchboard.gateway.simulate.prompt.PromptBank;
import dev.switchboard.telemetry.Category;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a parsed scenario as a whole and lists every problem with its path. */
final class ScenarioValidator {
  private static final List<String> RETENTION_KINDS = List.of("standard", "foundational", "decaying", "boomerang");

  private final ModelCatalog catalog;
  private final List<String> problems = new ArrayList<>();

  ScenarioValidator(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  List<String> problems(Scenario s) {
    require(s.name() != null && !s.name().isBlank(), "name", "must be set");
    require(s.start() != null && s.start().getDayOfWeek() == DayOfWeek.MONDAY, "start", "must be a Monday");
    require(s.weeks() >= 1 && s.weeks() <= 520, "weeks", "must be 1..520");
    require(s.users() >= 1, "users", "must be at least 1");
    traffic(s.traffic());
    if (require(s.lengths() != null, "lengths", "must be set")) {
      require(s.lengths().sigma() >= 0 && s.lengths().sigma() <= 2, "lengths.sigma", "must be 0..2");
      s.lengths().categories().forEach((name, l) -> {
        String at = "lengths.categories." + name;
        category(name, at);
        require(l.prompt() != null && l.prompt().atLeast(1), at + ".prompt", "must be at least 1 token");
        require(l.completion() != null && l.completion().atLeast(1), at + ".completion", "must be at least 1 token");
      });
    }
    Set<String> apps = new HashSet<>();
    for (int i = 0; i < s.apps().size(); i++) {
      Scenario.AppSpec a = s.apps().get(i);
      String at = "apps[" + i + "]";
      require(a.name() != null && apps.add(a.name()), at + ".name", "must be set and unique");
      require("title".equals(a.header()) || "referer".equals(a.header()), at + ".header", "must be title or referer");
      require(!"referer".equals(a.header()) || a.url() != null, at + ".url", "must be set for header referer");
      require(a.tools() != null && a.tools().atLeast(0) && a.tools().start() <= 1 && a.tools().end() <= 1,
          at + ".tools", "must be shares within [0, 1]");
      require(a.streaming() >= 0 && a.streaming() <= 1, at + ".streaming", "must be within [0, 1]");
    }
    require(!s.countries().isEmpty(), "countries", "must list at least one country");
    for (int i = 0; i < s.countries().size(); i++) {
      Scenario.CountrySpec c = s.countries().get(i);
      String at = "countries[" + i + "]";
      require(c.code() != null && CountryContinents.continentOf(c.code()) != null, at + ".code",
          "must be an ISO 3166-1 alpha-2 code");
      share(c.share(), at + ".share");
      weights(c.languages(), at + ".languages");
      c.languages().keySet().forEach(l -> require(PromptBank.languages().contains(l), at + ".languages." + l,
          "no prompts are written in this language; known: " + PromptBank.languages()));
    }
    require(!s.personas().isEmpty(), "personas", "must list at least one persona");
    for (int i = 0; i < s.personas().size(); i++) {
      Scenario.PersonaSpec p = s.personas().get(i);
      String at = "personas[" + i + "]";
      share(p.share(), at + ".share");
      require(p.activity() != null && p.activity().atLeast(0), at + ".activity", "must not be negative");
      weights(p.categories(), at + ".categories");
      for (String name : p.categories().keySet()) {
        if (category(name, at + ".categories." + name) && s.lengths() != null) {
          require(s.lengths().categories().containsKey(name), at + ".categories." + name, "has no lengths");
        }
      }
      weights(p.apps(), at + ".apps");
      p.apps().keySet().forEach(app -> require(apps.contains(app), at + ".apps." + app, "is not a declared app"));
    }
    require(!s.models().isEmpty(), "models", "must list at least one model");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < s.models().size(); i++) {
      model(s.models().get(i), "models[" + i + "]", ids);
    }
    return problems;
  }

  private void traffic(Scenario.Traffic t) {
    if (!require(t != null, "traffic", "must be set")) {
      return;
    }
    require(t.requestsPerUserWeek() != null && t.requestsPerUserWeek().atLeast(0), "traffic.requests_per_user_week", "must not be negative");
    require(t.initialShare() >= 0 && t.initialShare() <= 1, "traffic.initial_share", "must be within [0, 1]");
    require(t.joins() != null && t.joins().atLeast(0), "traffic.joins", "must not be negative");
    require(t.platformChurnPerMonth() >= 0 && t.platformChurnPerMonth() <= 1, "traffic.platform_churn_per_month", "must be within [0, 1]");
    require(t.loyalty() >= 0 && t.loyalty() <= 1, "traffic.loyalty", "must be within [0, 1]");
    require(t.englishFallback() >= 0 && t.englishFallback() <= 1, "traffic.english_fallback", "must be within [0, 1]");
    require(t.trickleRps() >= 0, "traffic.trickle_rps", "must not be negative");
  }

  private void model(ModelSpec m, String at, Set<String> ids) {
    if (!require(m.id() != null && ids.add(m.id()), at + ".id", "must be set and unique")) {
      return;
    }
    require(catalog.find(m.id()).isPresent(), at + ".id", "is not in the model catalog");
    require(m.weight() != null, at + ".weight", "must be set");
    m.affinity().forEach((name, w) -> {
      if (!name.equals("default")) {
        category(name, at + ".affinity." + name);
      }
      require(w >= 0, at + ".affinity." + name, "must not be negative");
    });
    ModelSpec.Retention r = m.retention();
    require(RETENTION_KINDS.contains(r.kind()), at + ".retention.kind", "must be one of " + RETENTION_KINDS);
    require(r.stay() >= 0 && r.stay() <= 1, at + ".retention.stay", "must be within [0, 1]");
    require(!"boomerang".equals(r.kind()) || (r.returnOn() != null && r.returnShare() != null),
        at + ".retention", "a boomerang needs return_on and return_share");
    require(!"foundational".equals(r.kind()) || r.laterStay() != null, at + ".retention.later_stay",
        "a foundational model needs later_stay");
    ModelSpec.Behaviour b = m.behaviour();
    require(b.ttftMs() >= 0, at + ".behaviour.ttft_ms", "must not be negative");
    require(b.tokensPerSecond() > 0, at + ".behaviour.tokens_per_second", "must be positive");
    require(b.reasoningShare() >= 0 && b.reasoningShare() < 1, at + ".behaviour.reasoning_share", "must be within [0, 1)");
    require(b.toolCalls() >= 0 && b.toolCalls() <= 1, at + ".behaviour.tool_calls", "must be within [0, 1]");
    ModelSpec.Errors e = b.errors();
    require(e.rateLimited() >= 0 && e.serverError() >= 0 && e.midStream() >= 0
        && e.rateLimited() + e.serverError() <= 1 && e.midStream() <= 1, at + ".behaviour.errors", "rates must be within [0, 1]");
  }

  private boolean category(String name, String at) {
    return require(Category.fromLabel(name).map(c -> c.label().equals(name)).orElse(false), at,
        "is not a category (Programming, Roleplay, ..., Other)");
  }

  private void share(Ramp share, String at) {
    require(share != null && share.atLeast(0), at, "must not be negative");
  }

  private void weights(Map<String, Double> weights, String at) {
    require(!weights.isEmpty() && weights.values().stream().allMatch(w -> w != null && w >= 0)
        && weights.values().stream().mapToDouble(Double::doubleValue).sum() > 0, at, "must be non-negative weights, not all zero");
  }

  private boolean require(boolean ok, String path, String message) {
    if (!ok) {
      problems.add(path + ": " + message);
    }
    return ok;
  }
}
