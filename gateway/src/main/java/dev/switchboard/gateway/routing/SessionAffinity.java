package dev.switchboard.gateway.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a session's remembered target to a routing plan: it goes first when the plan still holds
 * it (healthy, allowed, within caps and window), among the first requested model's targets, and the
 * client did not order providers itself. Otherwise the plan stays as the strategy made it, and the
 * session moves to whichever target serves it.
 */
final class SessionAffinity {

  private SessionAffinity() {}

  /** Returns {@code plan} with {@code sticky} first, or unchanged when it does not apply. */
  static RoutingPlan prefer(RoutingPlan plan, RouteRequest request, String sticky) {
    if (sticky == null || !request.preferences().order().isEmpty()) {
      return plan;
    }
    List<ResolvedTarget> targets = plan.targets();
    for (int i = 0; i < targets.size(); i++) {
      ResolvedTarget target = targets.get(i);
      if (sticky.equals(id(target)) && belongsToPrimary(request, target)) {
        if (i == 0) {
          return plan;
        }
        List<ResolvedTarget> reordered = new ArrayList<>(targets);
        reordered.add(0, reordered.remove(i));
        return new RoutingPlan(reordered, plan.excluded());
      }
    }
    return plan;
  }

  /** Returns whether {@code plan} would try {@code sticky} first. */
  static boolean leadsWith(RoutingPlan plan, String sticky) {
    return sticky != null && !plan.targets().isEmpty() && sticky.equals(id(plan.targets().get(0)));
  }

  /** Returns whether a session served by {@code target} should stick to it. */
  static boolean belongsToPrimary(RouteRequest request, ResolvedTarget target) {
    return request.primary().targets().stream().anyMatch(t -> t.key().equals(target.key()));
  }

  /** Returns the id a store remembers a target by. */
  static String id(ResolvedTarget target) {
    return target.key().toString();
  }
}
