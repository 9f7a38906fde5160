package io.gridbench.runner.cli;

import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.measure.CellTimeEstimator;
import io.gridbench.runner.measure.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Progress on stderr: a redrawn bar with an ETA on a terminal, fitted to its width so it never
 * wraps, or plain lines (at most one a second, plus one per strategy) when the output is a file or
 * a pipe. The ETA sums the predicted times of the cells left ({@link CellTimeEstimator}), since
 * cells differ in cost by orders of magnitude.
 */
final class ProgressDisplay implements ProgressListener {
  private static final int MAX_BAR_WIDTH = 30;
  private static final int MIN_BAR_WIDTH = 10;
  private static final int MIN_WHERE_WIDTH = 12;

  /** Columns kept for the cell's place before the bar may grow past its minimum. */
  private static final int PLACE_RESERVE = 40;

  private final PrintStream err;
  private final boolean terminal;
  private final int width;
  private final LongSupplier nanos;
  private final CellTimeEstimator estimator = new CellTimeEstimator();
  private final Map<String, Set<CellKey>> remaining = new LinkedHashMap<>();
  private long startNanos;
  private long lastEventNanos;
  private long lastLineNanos;
  private int startDone = -1;

  /** For stderr: the terminal's width from {@link StderrTerminal#width()}. */
  ProgressDisplay(PrintStream err, boolean terminal) {
    this(err, terminal, StderrTerminal.width(), System::nanoTime);
  }

  ProgressDisplay(PrintStream err, boolean terminal, int width, LongSupplier nanos) {
    this.err = err;
    this.terminal = terminal;
    this.width = width;
    this.nanos = nanos;
  }

  @Override
  public void runStarted(int totalCells, Map<String, List<CellKey>> toMeasure) {
    startNanos = nanos.getAsLong();
    lastEventNanos = startNanos;
    toMeasure.forEach((name, cells) -> remaining.put(name, new LinkedHashSet<>(cells)));
    int pending = toMeasure.values().stream().mapToInt(List::size).sum();
    if (pending < totalCells) {
      err.printf(
          Locale.ROOT,
          "gridbench: %d cells to measure (%d already measured)%n",
          pending,
          totalCells - pending);
    } else {
      err.printf(Locale.ROOT, "gridbench: %d cells to measure%n", totalCells);
    }
  }

  @Override
  public void strategyStarted(StrategySpec strategy) {
    clearBar();
    err.printf(
        Locale.ROOT,
        "gridbench: strategy %s (%s) started%n",
        strategy.getName(),
        strategy.getType());
  }

  @Override
  public void strategyReady(StrategySpec strategy, Map<String, Integer> actorsPerNode) {
    if (actorsPerNode.isEmpty()) {
      return;
    }
    clearBar();
    err.printf(
        Locale.ROOT,
        "gridbench: strategy %s ready, actors per node: %s%n",
        strategy.getName(),
        actorsPerNode.entrySet().stream()
            .map(e -> e.getKey() + " x" + e.getValue())
            .collect(java.util.stream.Collectors.joining(", ")));
  }

  @Override
  public void cellMeasured(StrategySpec strategy, CellResult cell, int done, int total) {
    if (startDone < 0) {
      startDone = done - 1;
    }
    long now = nanos.getAsLong();
    // The wall time since the previous cell: warm-up, samples and any canary, what the rest costs.
    estimator.record(strategy.getName(), cell.key(), (now - lastEventNanos) / 1e9);
    lastEventNanos = now;
    Set<CellKey> left = remaining.get(strategy.getName());
    if (left != null) {
      left.remove(cell.key());
    }
    double eta = eta(now, done, total);
    String where =
        String.format(
            Locale.ROOT,
            "%s compute=%d payload=%s",
            strategy.getName(),
            cell.compute(),
            ByteSizes.human(cell.payloadBytes()));
    if (terminal) {
      err.print("\r\033[K" + barLine(done, total, eta, where, width));
      err.flush();
    } else if (now - lastLineNanos >= 1_000_000_000L || done == total) {
      lastLineNanos = now;
      err.printf(
          Locale.ROOT, "gridbench: %d/%d cells, ETA %s (%s)%n", done, total, clock(eta), where);
    }
  }

  @Override
  public void strategyFinished(StrategyResult result) {
    clearBar();
    // A failed strategy measures nothing more: its cells leave the ETA.
    remaining.remove(result.name());
    if (result.error() != null) {
      err.printf(Locale.ROOT, "gridbench: strategy %s FAILED: %s%n", result.name(), result.error());
    } else {
      err.printf(
          Locale.ROOT,
          "gridbench: strategy %s finished, %d cells%n",
          result.name(),
          result.cells().size());
    }
  }

  private double eta(long now, int done, int total) {
    var predicted = estimator.remaining(remaining);
    if (predicted.isPresent()) {
      return predicted.getAsDouble();
    }
    int measuredHere = done - startDone;
    double elapsed = (now - startNanos) / 1e9;
    return measuredHere > 0 ? elapsed / measuredHere * (total - done) : 0;
  }

  /**
   * The bar line in at most {@code columns - 1} characters (the last column would make some
   * terminals wrap): the bar takes what the terminal leaves beside the counts and 40 columns for
   * the cell's place (10 to 30 wide), the place is shortened to fit or dropped, the bar goes when
   * even 10 do not fit; counts and ETA go last.
   */
  static String barLine(int done, int total, double etaSeconds, String where, int columns) {
    int budget = Math.max(columns - 1, 1);
    String counts =
        String.format(
            Locale.ROOT,
            "%d/%d cells %3d%% ETA %s",
            done,
            total,
            total == 0 ? 100 : 100 * done / total,
            clock(etaSeconds));
    int room = budget - counts.length(); // for "[bar] " before and "  where" after
    // The bar's width depends on the terminal only, not on the cell's place, so it does not jump
    // from cell to cell; the place gets what is left and is shortened to fit.
    int barWidth = Math.max(MIN_BAR_WIDTH, Math.min(MAX_BAR_WIDTH, room - 3 - 2 - PLACE_RESERVE));
    if (barWidth + 3 > room) {
      barWidth = 0;
    }
    int whereRoom = room - (barWidth == 0 ? 0 : barWidth + 3) - 2;
    StringBuilder line = new StringBuilder();
    if (barWidth > 0) {
      int filled = total == 0 ? barWidth : (int) ((long) barWidth * done / total);
      line.append('[')
          .append("#".repeat(filled))
          .append(".".repeat(barWidth - filled))
          .append("] ");
    }
    line.append(counts);
    if (whereRoom >= where.length()) {
      line.append("  ").append(where);
    } else if (whereRoom >= MIN_WHERE_WIDTH) {
      line.append("  ").append(where, 0, whereRoom - 3).append("...");
    }
    return line.length() > budget ? line.substring(0, budget) : line.toString();
  }

  private void clearBar() {
    if (terminal) {
      // Carriage return, then erase to the end of the line (ANSI EL).
      err.print("\r\033[K");
    }
  }

  private static String clock(double seconds) {
    Duration d = Duration.ofSeconds((long) Math.ceil(seconds));
    return d.toHours() > 0
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
        : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
  }
}
