package dev.switchboard.gateway.reports;

import dev.switchboard.config.AlertsConfig;
import dev.switchboard.gateway.alerts.BudgetAlert;
import dev.switchboard.gateway.alerts.BudgetAlerts;
import dev.switchboard.gateway.teams.Team;
import dev.switchboard.gateway.teams.TeamDirectory;
import dev.switchboard.telemetry.stats.AggregateSource;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each team (and organization) a spend report for every closed day or week, through the
 * budget alerts' webhooks. A Vert.x timer compares the gateway's {@link Clock} with the last
 * period reported (so a test clock drives it too); once one has closed, a worker claims each team's report
 * in the alert delivery log ({@code report:team:<id>}, the period, its start, threshold 0), so it is
 * sent once across gateways and restarts, and only the gateway that claimed it computes the details.
 * Only the last closed period is reported: periods passed while no gateway ran are skipped.
 */
public final class SpendReports {
  private static final Logger LOG = LoggerFactory.getLogger(SpendReports.class);
  private static final long CHECK_MS = 1_000;
  private static final long RETRY_NANOS = Duration.ofMinutes(1).toNanos();
  // a period is reported a minute after it closes: the usage records of requests answered in its
  // last moments are written asynchronously, and are in the store by then
  private static final Duration SETTLE = Duration.ofMinutes(1);

  private final Vertx vertx;
  private final AlertsConfig.ReportPeriod every;
  private final BudgetAlerts alerts;
  private final TeamDirectory teams;
  private final TeamSpend spend;
  private final Clock clock;
  private final long timer;
  // touched on the timer's event loop only
  private ReportWindow done;
  private boolean running;
  private long retryAt = System.nanoTime();

  private SpendReports(
      Vertx vertx, AlertsConfig.Reports config, BudgetAlerts alerts, TeamDirectory teams, AggregateSource source,
      Clock clock) {
    this.vertx = vertx;
    this.every = config.every();
    this.alerts = alerts;
    this.teams = teams;
    this.spend = new TeamSpend(source, config.top());
    this.clock = clock;
    this.timer = vertx.setPeriodic(0, CHECK_MS, id -> check());
  }

  /**
   * Starts the reports of {@code config}, or returns null when they are off or no webhook is set.
   *
   * @param alerts the webhooks and delivery log of budget alerts
   * @param source the usage statistics the figures come from
   */
  public static SpendReports start(
      Vertx vertx, AlertsConfig.Reports config, BudgetAlerts alerts, TeamDirectory teams, AggregateSource source,
      Clock clock) {
    if (!config.enabled() || alerts == null) {
      return null;
    }
    return new SpendReports(vertx, config, alerts, teams, source, clock);
  }

  /** Runs on the event loop every second: a clock comparison, the work goes to a worker. */
  private void check() {
    ReportWindow window = ReportWindow.lastClosed(every, clock.instant().minus(SETTLE));
    if (running || window.equals(done) || System.nanoTime() - retryAt < 0) {
      return;
    }
    running = true;
    vertx.executeBlocking(() -> reportAll(window), false).onComplete(result -> {
      running = false;
      if (result.succeeded()) {
        done = window;
      } else {
        retryAt = System.nanoTime() + RETRY_NANOS;
        LOG.warn("spend reports for the {} from {} not sent yet (retried in a minute): {}",
            window.period(), window.start(), result.cause().toString());
      }
    });
  }

  /** Claims and sends the report of every team that existed before the period ended; returns how many this gateway sent. */
  private int reportAll(ReportWindow window) {
    List<Team> all = teams.teams();
    Map<String, Set<String>> keys = new HashMap<>();
    for (Team team : all) {
      if (team.createdAt() == null || team.createdAt().isBefore(window.endInstant())) {
        keys.put(team.id(), teams.keyIdsOf(team.id()));
      }
    }
    Map<String, TeamSpend.Totals> totals = spend.totals(window, keys);
    int sent = 0;
    for (Team team : all) {
      TeamSpend.Totals figures = totals.get(team.id());
      if (figures == null) {
        continue; // created after the period
      }
      boolean organization = all.stream().anyMatch(t -> team.id().equals(t.parent()));
      String subject = (organization ? "organization '" : "team '") + team.id() + "'";
      Double budget = window.period().equals("day") ? team.budgetUsdDay() : team.budgetUsdMonth();
      BudgetAlert claim = new BudgetAlert("report:team:" + team.id(), subject, window.period(), window.start(), 0,
          budget == null ? 0 : budget, figures.spendUsd(), team.warnOnly());
      if (alerts.sendOnce(claim, () -> spend.report(team, subject, window, keys.get(team.id()), figures, clock.instant()))) {
        sent++;
      }
    }
    if (sent > 0) {
      LOG.info("sent {} team spend reports for the {} from {}", sent, window.period(), window.start());
    }
    return sent;
  }

  /** Stops checking for closed periods. */
  public void close() {
    vertx.cancelTimer(timer);
  }
}
