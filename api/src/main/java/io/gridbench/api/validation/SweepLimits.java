package io.gridbench.api.validation;

/** The bounds a sweep must stay within; validation messages quote them. */
public final class SweepLimits {
  public static final int MAX_CELLS = 10_000;
  public static final long MAX_PAYLOAD_BYTES = 256L * 1024 * 1024;
  public static final long MAX_COMPUTE = 10_000_000_000L;
  public static final long MIN_RESULT_BYTES = 8;
  public static final long MAX_RESULT_BYTES = 16L * 1024 * 1024;
  public static final int MAX_TASKS_PER_CELL = 1_000_000;

  /** Payloads of a cell are prepared before timing starts, so they must fit in memory together. */
  public static final long MAX_CELL_PAYLOAD_BYTES = 1024L * 1024 * 1024;

  public static final int MAX_REPETITIONS = 10_000;
  public static final int MAX_WARMUP = 1_000;
  public static final int MAX_WORKERS = 1_024;
  public static final int MAX_STRATEGIES = 32;
  public static final int MAX_STRATEGY_NAME_LENGTH = 40;
  public static final int MAX_AXIS_STEPS = 10_000;
  public static final int MAX_CHUNK_SIZE = 1_000_000;
  public static final int MAX_ACTOR_RESOURCES = 16;
  public static final int MAX_ACTOR_RESOURCE_QUANTITY = 1_000;
  public static final int MAX_RESOURCE_NAME_LENGTH = 63;

  private SweepLimits() {}
}
