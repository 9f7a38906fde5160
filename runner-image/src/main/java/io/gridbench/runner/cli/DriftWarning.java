package io.gridbench.runner.cli;

import io.gridbench.api.results.DriftReport;
import io.gridbench.api.v1alpha1.Order;
import java.io.PrintStream;
import java.util.Locale;

/** The drift canary's verdict on stderr: one line, a warning when above the threshold. */
final class DriftWarning {
  private DriftWarning() {}

  static void print(DriftReport drift, Order order, PrintStream err) {
    if (drift == null || drift.points().isEmpty()) {
      return;
    }
    String summary =
        String.format(
            Locale.ROOT,
            "drift canary (compute=%d, payload=%s) moved %.1f%% over %d measurements",
            drift.compute(),
            ByteSizes.human(drift.payloadBytes()),
            100 * drift.maxRelativeDrift(),
            drift.points().size());
    if (drift.drifting()) {
      err.printf(
          Locale.ROOT,
          "gridbench: WARNING: %s, above the %.0f%% threshold: the machine drifted during the"
              + " sweep, so differences between cells or strategies may be drift; rerun %s.%n",
          summary,
          100 * drift.threshold(),
          order == Order.INTERLEAVED
              ? "on a quieter machine"
              : "with order: interleaved (or shuffled), or on a quieter machine");
    } else {
      err.printf(
          Locale.ROOT, "gridbench: %s (threshold %.0f%%).%n", summary, 100 * drift.threshold());
    }
  }
}
