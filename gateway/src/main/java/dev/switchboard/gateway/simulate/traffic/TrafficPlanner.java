package dev.switchboard.gateway.simulate.traffic;

import dev.switchboard.gateway.simulate.prompt.PromptBank;
import dev.switchboard.gateway.simulate.scenario.ModelSpec;
import dev.switchboard.gateway.simulate.scenario.Scenario;
import dev.switchboard.gateway.simulate.scenario.Scenario.AppSpec;
import dev.switchboard.gateway.simulate.scenario.Scenario.CategoryLengths;
import dev.switchboard.gateway.simulate.scenario.Scenario.PersonaSpec;
import dev.switchboard.telemetry.Category;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plans a scenario's traffic one week at a time, the same for the same seed: how many requests
 * each user on the platform sends, when, about what, in which language, to which model (loyalty,
 * retention and the market), how long, streamed or not, with tools or not. Weeks must be planned
 * in order; not thread-safe.
 */
public final class TrafficPlanner {
  private static final long WEEK_SECONDS = 7L * 24 * 3600;
  private static final int MIN_TOKENS = 16;

  private final Scenario scenario;
  private final SimCalendar calendar;
  private final ModelMarket market;
  private final PromptBank bank;
  private final List<SimUser> users;
  private final Map<String, PersonaSpec> personas;
  private final Map<String, AppSpec> apps;
  private long nextSeq;
  private int nextWeek;

  public TrafficPlanner(Scenario scenario, PromptBank bank) {
    this.scenario = scenario;
    this.calendar = SimCalendar.of(scenario);
    this.market = new ModelMarket(scenario);
    this.bank = bank;
    this.users = Population.of(scenario).stream().map(u -> new SimUser(u, scenario.seed())).toList();
    this.personas = scenario.personas().stream().collect(Collectors.toMap(PersonaSpec::name, Function.identity()));
    this.apps = scenario.apps().stream().collect(Collectors.toMap(AppSpec::name, Function.identity()));
  }

  /** Returns the calendar of the planned year. */
  public SimCalendar calendar() {
    return calendar;
  }

  /** Returns the users of the year. */
  public List<UserProfile> users() {
    return users.stream().map(SimUser::profile).toList();
  }

  /** Returns whether weeks remain to be planned. */
  public boolean hasNext() {
    return nextWeek < scenario.weeks();
  }

  /** Plans the next week, ordered by time. */
  public List<PlannedRequest> nextWeek() {
    int week = nextWeek++;
    double progress = calendar.progress(week);
    Instant weekStart = calendar.weekInstant(week);
    double baseRate = scenario.traffic().requestsPerUserWeek().at(progress);
    List<Draft> drafts = new ArrayList<>();
    for (SimUser user : users) {
      UserProfile profile = user.profile();
      if (profile.joinWeek() > week || user.left()) {
        continue;
      }
      PersonaSpec persona = personas.get(profile.persona());
      SplittableRandom random = user.random();
      int count = Randoms.poisson(random, baseRate * persona.activity().at(progress) * profile.activity());
      long[] offsets = new long[count];
      for (int i = 0; i < count; i++) {
        offsets[i] = (long) (random.nextDouble() * WEEK_SECONDS);
      }
      java.util.Arrays.sort(offsets);
      for (long offset : offsets) {
        Instant at = weekStart.plusSeconds(offset);
        Draft draft = plan(user, persona, at, week, progress);
        if (user.left()) {
          break;
        }
        if (draft != null) {
          drafts.add(draft);
        }
      }
    }
    drafts.sort(Comparator.comparing((Draft d) -> d.at).thenComparingInt(d -> d.user.index()));
    List<PlannedRequest> planned = new ArrayList<>(drafts.size());
    for (Draft d : drafts) {
      planned.add(new PlannedRequest(nextSeq++, d.at, week, d.user, d.model, d.category, d.language,
          d.stream, d.tools, d.prompt, d.completion));
    }
    return planned;
  }

  private Draft plan(SimUser user, PersonaSpec persona, Instant at, int week, double progress) {
    LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
    user.advanceTo(YearMonth.from(day), scenario.traffic().platformChurnPerMonth());
    if (user.left()) {
      return null;
    }
    SplittableRandom random = user.random();
    UserProfile profile = user.profile();
    String categoryLabel = Randoms.weighted(random, persona.categories());
    Category category = Category.fromLabel(categoryLabel).orElseThrow();
    String language = profile.language();
    if (!language.equals("en") && random.nextDouble() < scenario.traffic().englishFallback()) {
      language = "en";
    }
    if (bank.texts(language, category).isEmpty()) {
      language = "en"; // nothing written in that language for this category: the user asks in English
    }
    ModelSpec model = user.pick(market, categoryLabel, day, scenario.traffic().loyalty());
    if (model == null) {
      return null; // no model out yet draws this category
    }
    CategoryLengths lengths = scenario.lengths().categories().get(categoryLabel);
    double sigma = scenario.lengths().sigma();
    int prompt = Math.max(MIN_TOKENS, (int) Math.round(
        Randoms.logNormal(random, lengths.prompt().geometricAt(progress), sigma)));
    int completion = Math.max(MIN_TOKENS, (int) Math.round(
        Randoms.logNormal(random, lengths.completion().geometricAt(progress), sigma)));
    AppSpec app = apps.get(profile.app());
    boolean stream = random.nextDouble() < app.streaming();
    boolean tools = random.nextDouble() < app.tools().at(progress);
    return new Draft(at, profile, model.id(), category, language, stream, tools, prompt, completion);
  }

  private record Draft(
      Instant at, UserProfile user, String model, Category category, String language,
      boolean stream, boolean tools, int prompt, int completion) {}
}
