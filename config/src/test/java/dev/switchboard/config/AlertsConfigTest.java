package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Checks the {@code alerts} section: defaults, webhooks with literal or variable secrets, problems. */
class AlertsConfigTest {

  @Test
  void noSectionMeansNoAlerts() {
    SwitchboardConfig config = ConfigLoader.parse("server: { port: 8080 }\n");

    assertThat(config.alerts().enabled()).isFalse();
  }

  @Test
  void readsWebhooksWithTheirSecrets() {
    SwitchboardConfig config = ConfigLoader.parse(
        """
        alerts:
          webhooks:
            - { url: "https://hooks.example.com/budget", secret: "${SB_ALERT_SECRET}" }
            - { url: "http://127.0.0.1:9000/alerts" }
        """);

    assertThat(config.alerts().enabled()).isTrue();
    assertThat(config.alerts().webhooks()).hasSize(2);
    AlertsConfig.Webhook first = config.alerts().webhooks().get(0);
    assertThat(first.url()).isEqualTo("https://hooks.example.com/budget");
    assertThat(first.secret().envVar()).contains("SB_ALERT_SECRET");
    assertThat(config.alerts().webhooks().get(1).secret().isPresent()).isFalse();
  }

  @Test
  void readsDailyOrWeeklyReports() {
    SwitchboardConfig weekly = ConfigLoader.parse(
        """
        alerts:
          webhooks: [ { url: "https://hooks.example.com/spend" } ]
          reports: { every: week, top: 3 }
        """);
    SwitchboardConfig daily = ConfigLoader.parse(
        """
        alerts:
          webhooks: [ { url: "https://hooks.example.com/spend" } ]
          reports: { every: day }
        """);

    assertThat(weekly.alerts().reports()).isEqualTo(new AlertsConfig.Reports(AlertsConfig.ReportPeriod.WEEK, 3));
    assertThat(daily.alerts().reports().every()).isEqualTo(AlertsConfig.ReportPeriod.DAY);
    assertThat(daily.alerts().reports().top()).isEqualTo(AlertsConfig.Reports.DEFAULT_TOP);
    assertThat(ConfigLoader.parse("server: { port: 8080 }\n").alerts().reports().enabled()).isFalse();
  }

  @Test
  void reportsProblemsOfTheReportsWithTheirPaths() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> ConfigLoader.parse(
        """
        alerts:
          webhooks: [ { url: "https://hooks.example.com/spend" } ]
          reports: { every: month, top: 0, at: 9 }
        """));

    assertThat(e.problems()).containsExactlyInAnyOrder(
        new ConfigProblem("alerts.reports.every", "unknown period 'month' (allowed: day, week)"),
        new ConfigProblem("alerts.reports.top", "must be > 0"),
        new ConfigProblem("alerts.reports.at", "unknown key"));
    InvalidConfigException noHook = catchThrowableOfType(InvalidConfigException.class,
        () -> ConfigLoader.parse("alerts: { reports: { every: day } }\n"));
    assertThat(noHook.problems()).containsExactly(
        new ConfigProblem("alerts.reports", "reports need at least one entry in alerts.webhooks"));
  }

  @Test
  void reportsEveryAlertsProblemWithItsPath() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> ConfigLoader.parse(
        """
        alerts:
          slack: true
          webhooks:
            - { url: "ftp://example.com/x" }
            - { secret: abc, retries: 3 }
        """));

    assertThat(e.problems()).containsExactlyInAnyOrder(
        new ConfigProblem("alerts.slack", "unknown key"),
        new ConfigProblem("alerts.webhooks[0].url", "must be an http:// or https:// URL"),
        new ConfigProblem("alerts.webhooks[1].url", "required"),
        new ConfigProblem("alerts.webhooks[1].retries", "unknown key"));
  }
}
