package io.gridbench.runner.measure;

import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when a test strategy says so. */
final class FakeTicker implements LongSupplier {
  long now = 1_000_000_000L;

  @Override
  public long getAsLong() {
    return now;
  }
}
