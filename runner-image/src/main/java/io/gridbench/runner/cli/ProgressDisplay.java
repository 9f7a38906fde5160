package io.gridbench.runner.cli;

import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.runner.measure.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress on stderr: a redrawn bar with an ETA on a terminal, plain lines (at most one a second,
 * plus one per strategy) when the output is a file or a pipe.
 */
final class ProgressDisplay implements ProgressListener {
  private static final int BAR_WIDTH = 30;

  private final PrintStream err;
  private final boolean terminal;
  private long startNanos;
  private long lastLineNanos;
  private int startDone = -1;

  ProgressDisplay(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void runStarted(int totalCells) {
    startNanos = System.nanoTime();
    err.printf(Locale.ROOT, "gridbench: %d cells to measure%n", totalCells);
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
  public void cellMeasured(StrategySpec strategy, CellResult cell, int done, int total) {
    if (startDone < 0) {
      startDone = done - 1;
    }
    long now = System.nanoTime();
    double elapsed = (now - startNanos) / 1e9;
    int measuredHere = done - startDone;
    double eta = measuredHere > 0 ? elapsed / measuredHere * (total - done) : 0;
    String where =
        String.format(
            Locale.ROOT,
            "%s compute=%d payload=%s",
            strategy.getName(),
            cell.compute(),
            ByteSizes.human(cell.payloadBytes()));
    if (terminal) {
      int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
      err.printf(
          Locale.ROOT,
          "\r\033[K[%s%s] %d/%d cells %3d%% ETA %s  %s",
          "#".repeat(filled),
          ".".repeat(BAR_WIDTH - filled),
          done,
          total,
          total == 0 ? 100 : 100 * done / total,
          clock(eta),
          where);
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
