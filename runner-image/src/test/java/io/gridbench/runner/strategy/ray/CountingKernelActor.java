package io.gridbench.runner.strategy.ray;

import java.util.concurrent.atomic.AtomicInteger;

/** A kernel actor that counts its constructions, so tests can see when actors start. */
public class CountingKernelActor extends KernelActor {
  static final AtomicInteger CREATED = new AtomicInteger();

  public CountingKernelActor() {
    CREATED.incrementAndGet();
  }
}
