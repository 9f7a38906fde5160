package io.gridbench.runner.measure;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.GridLayout;
import io.gridbench.api.v1alpha1.BenchmarkSweepSpec;
import io.gridbench.api.v1alpha1.Order;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The cells of a grid and the order in which they are visited. */
public final class CellOrder {
  private CellOrder() {}

  /**
   * All cells, row-major as {@link GridLayout} lays them out: compute along rows and payload along
   * columns unless other axes vary; a workers axis as rows keeps the pool size changes few.
   */
  public static List<CellKey> layout(BenchmarkSweepSpec spec) {
    return new ArrayList<>(GridLayout.of(spec).cells());
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
