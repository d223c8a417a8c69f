package dev.switchboard.gateway.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.AlertsConfig;
import dev.switchboard.gateway.api.JsonCodec;
import dev.switchboard.gateway.limits.BudgetLedger;
import dev.switchboard.gateway.limits.SpendTotals;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches budgets as spend is charged and fires an alert when a period's spend reaches 50%, 80%
 * or 100% of a budget: claimed once in the {@link AlertLog} (so once per threshold and period,
 * also across gateways sharing the log), then posted to every webhook. The check after a charge
 * is a few multiplications and a set lookup; claiming and sending run off the caller's thread.
 */
public final class BudgetAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetAlerts.class);
  private static final int[] THRESHOLDS = {50, 80, 100};
  private static final long BACKOFF_MS = 500;

  private final Vertx vertx;
  private final AlertLog log;
  private final BudgetLedger ledger;
  private final Clock clock;
  private final List<WebhookSender> webhooks;
  // alerts this process has claimed or seen claimed, so a budget past a threshold costs no
  // database call per request; keys name their period, and older periods are dropped on rollover
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private volatile LocalDate seenDay = LocalDate.MIN;

  private BudgetAlerts(Vertx vertx, AlertLog log, BudgetLedger ledger, Clock clock, List<WebhookSender> webhooks) {
    this.vertx = vertx;
    this.log = log;
    this.ledger = ledger;
    this.clock = clock;
    this.webhooks = webhooks;
  }

  /**
   * Creates the alerts of {@code config}, or null when no webhook is configured.
   *
   * @throws dev.switchboard.config.SecretRef.MissingSecretException when a secret's variable is unset
   */
  public static BudgetAlerts create(
      Vertx vertx, AlertsConfig config, AlertLog log, BudgetLedger ledger, Clock clock) {
    if (!config.enabled()) {
      return null;
    }
    List<WebhookSender> senders = new ArrayList<>();
    for (AlertsConfig.Webhook hook : config.webhooks()) {
      senders.add(new WebhookSender(vertx, hook.url(), hook.secret().resolve().orElse(null), BACKOFF_MS));
    }
    return new BudgetAlerts(vertx, log, ledger, clock, List.copyOf(senders));
  }

  /**
   * Checks a budget after spend was charged to {@code ledgerId}; null budgets are not checked.
   *
   * @param subject who the budget caps, as refusals name it
   */
  public void charged(String ledgerId, String subject, Double dayUsd, Double monthUsd, boolean warnOnly) {
    if (dayUsd == null && monthUsd == null) {
      return;
    }
    SpendTotals spent = ledger.spent(ledgerId);
    LocalDate today = ledger.today();
    if (!today.equals(seenDay)) {
      seen.clear(); // a new day: earlier days' (and, on the 1st, months') alerts cannot fire again
      seenDay = today;
    }
    check(ledgerId, subject, "day", today, dayUsd, spent.dayUsd(), warnOnly);
    check(ledgerId, subject, "month", today.withDayOfMonth(1), monthUsd, spent.monthUsd(), warnOnly);
  }

  private void check(
      String ledgerId, String subject, String period, LocalDate start, Double budget, double spent, boolean warnOnly) {
    if (budget == null || budget <= 0) {
      return;
    }
    for (int threshold : THRESHOLDS) {
      if (spent * 100 < budget * threshold) {
        return; // thresholds ascend
      }
      BudgetAlert alert = new BudgetAlert(ledgerId, subject, period, start, threshold, budget, spent, warnOnly);
      if (seen.add(alert.claimKey())) {
        vertx.executeBlocking(() -> log.claim(alert, clock.instant()), false)
            .onSuccess(claimed -> {
              if (claimed) {
                deliver(alert, JsonCodec.write(alert.toJson(clock.instant())));
              }
            })
            .onFailure(t -> LOG.warn("claiming alert {} failed: {}", alert.claimKey(), t.toString()));
      }
    }
  }

  /**
   * Sends a message other than a threshold (a spend report) once per {@code claim}, whatever the
   * number of gateways: claims it in the delivery log and, for the one caller that did, makes the
   * body and posts it to every webhook, noting how that ended. Blocks on the log: call it on a
   * worker thread.
   *
   * @param claim what makes the message unique (budget, period, start, threshold)
   * @param body makes the body; called only when this caller claimed the message
   * @return whether this caller claimed it (false: another gateway, or an earlier run, did)
   */
  public boolean sendOnce(BudgetAlert claim, Supplier<ObjectNode> body) {
    if (!log.claim(claim, clock.instant())) {
      return false;
    }
    Buffer json;
    try {
      json = JsonCodec.write(body.get());
    } catch (RuntimeException e) {
      log.finish(claim, "failed", 0, e.toString());
      throw e;
    }
    deliver(claim, json);
    return true;
  }

  private void deliver(BudgetAlert alert, Buffer body) {
    List<Future<Integer>> sent = new ArrayList<>();
    webhooks.forEach(hook -> sent.add(hook.send(body)));
    Future.join(sent).onComplete(all -> {
      int attempts = sent.stream().mapToInt(f -> f.succeeded() ? f.result() : WebhookSender.MAX_ATTEMPTS).max().orElse(0);
      String error = sent.stream().filter(Future::failed).map(f -> f.cause().getMessage()).findFirst().orElse(null);
      if (error != null) {
        LOG.warn("alert {} not delivered to every webhook: {}", alert.claimKey(), error);
      }
      vertx.executeBlocking(() -> {
        log.finish(alert, error == null ? "delivered" : "failed", attempts, error);
        return null;
      }, false).onFailure(t -> LOG.warn("logging alert {} failed: {}", alert.claimKey(), t.toString()));
    });
  }

  /** Releases the webhooks' connections. */
  public void close() {
    webhooks.forEach(WebhookSender::close);
  }
}
