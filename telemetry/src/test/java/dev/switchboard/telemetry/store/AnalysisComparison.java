package dev.switchboard.telemetry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telemetry.stats.AggregateSource;
import dev.switchboard.telemetry.stats.analysis.Analyses;
import dev.switchboard.telemetry.stats.analysis.Analysis;
import dev.switchboard.telemetry.stats.analysis.AnalysisResult;
import dev.switchboard.telemetry.stats.analysis.StatsQuery;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;

/** Compares what two stores answer: every analysis under each query, field by field. */
public final class AnalysisComparison {
  private static final double RELATIVE = 1e-9;

  private AnalysisComparison() {}

  /** Asserts that every analysis gives the same result from both sources; returns how many ran. */
  public static int assertSameAnalyses(AggregateSource expected, AggregateSource actual, List<StatsQuery> queries, Clock clock) {
    int compared = 0;
    for (StatsQuery query : queries) {
      for (Analysis analysis : Analyses.all()) {
        AnalysisResult e = Analyses.run(analysis, expected, query, clock);
        AnalysisResult a = Analyses.run(analysis, actual, query, clock);
        assertSame(analysis.name() + " " + query, e, a);
        compared++;
      }
    }
    return compared;
  }

  /** Compares two values deeply: records by component, doubles within a relative 1e-9. */
  public static void assertSame(String where, Object expected, Object actual) {
    if (expected instanceof Double || expected instanceof Float) {
      assertThat(actual).as(where).isInstanceOf(Number.class);
      double e = ((Number) expected).doubleValue();
      double a = ((Number) actual).doubleValue();
      if (Double.isNaN(e) || Double.isInfinite(e)) {
        assertThat(a).as(where).isEqualTo(e);
      } else {
        assertThat(a).as(where).isCloseTo(e, Offset.offset(Math.max(1e-12, Math.abs(e) * RELATIVE)));
      }
    } else if (expected instanceof List<?> le) {
      assertThat(actual).as(where).isInstanceOf(List.class);
      List<?> la = (List<?>) actual;
      assertThat(la).as(where + " size").hasSize(le.size());
      for (int i = 0; i < le.size(); i++) {
        assertSame(where + "[" + i + "]", le.get(i), la.get(i));
      }
    } else if (expected instanceof Map<?, ?> me) {
      assertThat(actual).as(where).isInstanceOf(Map.class);
      Map<?, ?> ma = (Map<?, ?>) actual;
      assertThat(ma.keySet()).as(where + " keys").isEqualTo(me.keySet());
      for (Map.Entry<?, ?> e : me.entrySet()) {
        assertSame(where + "." + e.getKey(), e.getValue(), ma.get(e.getKey()));
      }
    } else if (expected != null && expected.getClass().isRecord()) {
      assertThat(actual).as(where).isInstanceOf(expected.getClass());
      for (RecordComponent c : expected.getClass().getRecordComponents()) {
        try {
          assertSame(where + "." + c.getName(), c.getAccessor().invoke(expected), c.getAccessor().invoke(actual));
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    } else {
      assertThat(actual).as(where).isEqualTo(expected);
    }
  }
}
