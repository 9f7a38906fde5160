package io.gridbench.runner.measure;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Order;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The cells of a grid and the order in which they are visited. */
public final class CellOrder {
  private CellOrder() {}

  /** All cells, row-major: compute ascending along rows, payload along columns, as listed. */
  public static List<CellKey> layout(BenchmarkSweepSpec spec) {
    List<Long> compute = spec.getGrid().getCompute().expand();
    List<Long> payload = spec.getGrid().getPayloadBytes().expand();
    List<CellKey> cells = new ArrayList<>(compute.size() * payload.size());
    for (long c : compute) {
      for (long p : payload) {
        cells.add(new CellKey(c, p));
      }
    }
    return cells;
  }

  /**
   * The visiting order: the layout for {@code sequential} and {@code interleaved}, a permutation
   * seeded by {@code spec.seed} for {@code shuffled}. Every strategy gets the same order, so their
   * samples stay comparable.
   */
  public static List<CellKey> visiting(BenchmarkSweepSpec spec) {
    List<CellKey> cells = layout(spec);
    if (spec.effectiveOrder() == Order.SHUFFLED) {
      Collections.shuffle(cells, new Random(spec.effectiveSeed()));
    }
    return cells;
  }
}
