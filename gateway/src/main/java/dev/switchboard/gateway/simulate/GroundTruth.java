package dev.switchboard.gateway.simulate;

import dev.switchboard.gateway.simulate.traffic.PlannedRequest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects what the simulator sent and what came back, as the analyses will count it: per week
 * and split, requests and reported tokens; per model, the months each end user was active. Thread
 * safe (answers arrive on several event loops).
 */
public final class GroundTruth {
  private final Map<TruthKey, TruthCell> cells = new HashMap<>();
  private final Map<String, Map<String, TreeSet<YearMonth>>> activity = new TreeMap<>();
  private long sent;
  private long failed;

  /** Notes the answer to {@code request} (its app is the user's). */
  public synchronized void record(PlannedRequest request, Observed answer) {
    sent++;
    if (!answer.ok()) {
      failed++;
    }
    LocalDate day = request.at().atZone(ZoneOffset.UTC).toLocalDate();
    TruthKey key = new TruthKey(day.with(DayOfWeek.MONDAY), request.model(), request.user().country(),
        request.user().app(), request.category().label(), request.language(), request.stream(),
        request.toolsOffered(), "tool_calls".equals(answer.finishReason()), answer.ok());
    cells.merge(key, TruthCell.EMPTY.plus(answer), TruthCell::plus);
    if (routed(answer)) {
      activity.computeIfAbsent(request.model(), m -> new TreeMap<>())
          .computeIfAbsent(request.user().id(), u -> new TreeSet<>())
          .add(YearMonth.from(day));
    }
  }

  /** Returns a copy of every cell. */
  public synchronized Map<TruthKey, TruthCell> cells() {
    return Map.copyOf(cells);
  }

  /** Returns, per model, the months each end user sent it at least one routed request. */
  public synchronized Map<String, Map<String, TreeSet<YearMonth>>> activity() {
    Map<String, Map<String, TreeSet<YearMonth>>> copy = new TreeMap<>();
    activity.forEach((model, users) -> {
      Map<String, TreeSet<YearMonth>> u = new TreeMap<>();
      users.forEach((user, months) -> u.put(user, new TreeSet<>(months)));
      copy.put(model, u);
    });
    return copy;
  }

  /** Returns the requests answered so far. */
  public synchronized long sent() {
    return sent;
  }

  /** Returns the requests that ended in an error. */
  public synchronized long failed() {
    return failed;
  }

  /** Tells whether the gateway routed the request (refusals before routing are not activity). */
  private static boolean routed(Observed answer) {
    int s = answer.status();
    return s != 0 && s != 400 && s != 401 && s != 402 && s != 403 && s != 404 && s != 413;
  }
}
