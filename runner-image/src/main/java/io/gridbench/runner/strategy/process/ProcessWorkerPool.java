package io.gridbench.runner.strategy.process;

import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N worker JVMs, each served by one driver thread that takes the next chunk of a cell as soon as
 * its worker is free (the dispatch of {@code multiprocessing.Pool.map}).
 */
final class ProcessWorkerPool implements AutoCloseable {
  // About 3,000 round trips per worker: enough for C2 to compile the send/receive loops.
  private static final int WARM_UP_CELLS = 800;
  private static final int WARM_UP_TASKS = 64;
  private static final int WARM_UP_CHUNK = 8;
  // Empty payloads: the warm-up compiles the dispatch path, not the payload hash. Hashing tiny
  // payloads here would let C2 compile the hash loop for a trip count of 3 words and keep that
  // code for the megabyte payloads that follow; a loop it has never seen run is recompiled at
  // its first real payload instead.
  private static final long WARM_UP_PAYLOAD = 0;
  // The least a Linux pipe holds (one page, PIPE_BUF), whatever the user's pipe limits.
  private static final int PIPE_MIN = 4096;
  private final List<WorkerProcess> workers;
  private final ExecutorService drivers;
  // The segment file each worker has mapped, so a worker remaps only when the segment changes.
  private final SharedPayloadSegment[] mapped;

  private ProcessWorkerPool(List<WorkerProcess> workers) {
    this.workers = workers;
    this.mapped = new SharedPayloadSegment[workers.size()];
    AtomicInteger n = new AtomicInteger();
    this.drivers =
        Executors.newFixedThreadPool(
            workers.size(),
            r -> {
              Thread t = new Thread(r, "gridbench-process-pool-driver-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts {@code size} workers in parallel and waits until each has said it is ready; {@code
   * shortLived} workers serve one cell of a rebuilt pool.
   */
  static ProcessWorkerPool start(int size, String classpath, boolean shortLived)
      throws StrategyException {
    List<WorkerProcess> started = new ArrayList<>(size);
    try {
      for (int i = 0; i < size; i++) {
        started.add(WorkerProcess.start(i, classpath, shortLived));
      }
      for (WorkerProcess w : started) {
        try {
          w.awaitReady();
        } catch (IOException e) {
          throw new StrategyException(
              "ProcessPool " + w.describe() + " did not start: " + e.getMessage(), e);
        }
      }
      return new ProcessWorkerPool(started);
    } catch (IOException e) {
      started.forEach(WorkerProcess::kill);
      throw new StrategyException("cannot start ProcessPool workers: " + e.getMessage(), e);
    } catch (StrategyException | RuntimeException e) {
      started.forEach(WorkerProcess::kill);
      throw e;
    }
  }

  /**
   * Sends small empty cells through every worker until the dispatch path on both sides has been
   * compiled (or {@code budgetNanos} ran out), so that a reused pool's first samples measure the
   * pool, not the JIT: interpreted, the same 64 empty tasks cost several times as much, and the
   * compiler threads compete with the sample for the CPU. A rebuilt pool gets none: its start-up is
   * what its samples measure.
   */
  void warmUp(long budgetNanos, boolean shm) throws StrategyException {
    CellWork cell = CellWork.prepare(0, WARM_UP_PAYLOAD, WARM_UP_TASKS, 8);
    SharedPayloadSegment segment = null;
    try {
      if (shm) {
        segment = SharedPayloadSegment.create(WARM_UP_TASKS * WARM_UP_PAYLOAD);
        for (int t = 0; t < WARM_UP_TASKS; t++) {
          segment.put(t * WARM_UP_PAYLOAD, cell.payload(t));
        }
      }
      long deadline = System.nanoTime() + budgetNanos;
      for (int i = 0; i < WARM_UP_CELLS && System.nanoTime() < deadline; i++) {
        runCell(cell, WARM_UP_CHUNK, segment);
      }
    } catch (IOException e) {
      throw new StrategyException("cannot create a shared segment to warm up the pool: " + e, e);
    } finally {
      if (segment != null) {
        // The workers keep their mapping of the deleted file until the first cell remaps them.
        segment.close();
      }
    }
  }

  /** Sends the cell's tasks to worker 0 one at a time, each after the last result is back. */
  long runOneByOne(CellWork cell) throws StrategyException {
    WorkerProcess worker = workers.get(0);
    long checksum = 0;
    try {
      for (int t = 0; t < cell.tasks(); t++) {
        worker.sendChunk(cell, t, t + 1, false);
        checksum ^= worker.receiveChunk(cell, t, t + 1);
      }
      return checksum;
    } catch (IOException e) {
      throw new StrategyException("ProcessPool " + worker.describe() + " failed: " + e, e);
    }
  }

  List<Long> pids() {
    return workers.stream().map(WorkerProcess::pid).toList();
  }

  /**
   * Runs the cell in chunks of {@code chunkSize} tasks and returns the xor of the digests. With the
   * shm transport the cell's payloads are already in {@code segment}, task {@code t} at offset
   * {@code t * payloadBytes}; without a segment they go over the pipes. The calling thread drives
   * worker 0 itself, so a small cell costs one thread wake-up fewer than handing every worker to
   * the driver threads.
   */
  long runCell(CellWork cell, int chunkSize, SharedPayloadSegment segment)
      throws StrategyException {
    int chunks = (cell.tasks() + chunkSize - 1) / chunkSize;
    AtomicInteger nextChunk = new AtomicInteger();
    AtomicBoolean abort = new AtomicBoolean();
    List<Future<Long>> futures = new ArrayList<>(workers.size() - 1);
    for (int w = 1; w < workers.size(); w++) {
      int index = w;
      futures.add(
          drivers.submit(() -> drive(index, cell, segment, chunkSize, chunks, nextChunk, abort)));
    }
    long checksum = 0;
    StrategyException failure = null;
    try {
      checksum = drive(0, cell, segment, chunkSize, chunks, nextChunk, abort);
    } catch (StrategyException e) {
      failure = e;
    }
    for (Future<Long> f : futures) {
      try {
        checksum ^= f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abort.set(true);
        failure = new StrategyException("interrupted during cell " + cell.key(), e);
      } catch (ExecutionException e) {
        abort.set(true);
        if (failure == null) {
          Throwable cause = e.getCause();
          failure =
              cause instanceof StrategyException se
                  ? se
                  : new StrategyException(
                      "ProcessPool failed during cell " + cell.key() + ": " + cause, cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return checksum;
  }

  private long drive(
      int index,
      CellWork cell,
      SharedPayloadSegment segment,
      int chunkSize,
      int chunks,
      AtomicInteger nextChunk,
      AtomicBoolean abort)
      throws StrategyException {
    WorkerProcess worker = workers.get(index);
    // The warm-up runs over the pipes even in an shm pool: it has no segment.
    boolean shm = segment != null;
    // Two chunks in flight when a chunk's results fit in any pipe: the worker starts the next
    // chunk while its last results are still on their way, instead of sleeping through a round
    // trip. Larger results keep one in flight: with two, a worker blocked writing results the
    // driver is not yet reading, while the driver is blocked writing it the next chunk, deadlock.
    int depth = PoolProtocol.resultsLength(chunkSize, cell.resultBytes()) <= PIPE_MIN ? 2 : 1;
    int[] inFlight = new int[depth];
    int sent = 0;
    int received = 0;
    long checksum = 0;
    try {
      while (true) {
        int chunk;
        while (sent - received < depth
            && !abort.get()
            && (chunk = nextChunk.getAndIncrement()) < chunks) {
          int first = chunk * chunkSize;
          // Only with a chunk, in the same flush: a worker must never be told to map a segment
          // that a later cell has already replaced and deleted.
          if (shm && mapped[index] != segment) {
            worker.mapSegment(segment.file().toString().getBytes(StandardCharsets.UTF_8));
            mapped[index] = segment;
          }
          worker.sendChunk(cell, first, Math.min(cell.tasks(), first + chunkSize), shm);
          inFlight[sent++ % depth] = chunk;
        }
        if (received == sent) {
          return checksum;
        }
        int first = inFlight[received++ % depth] * chunkSize;
        checksum ^= worker.receiveChunk(cell, first, Math.min(cell.tasks(), first + chunkSize));
      }
    } catch (IOException e) {
      abort.set(true);
      throw new StrategyException(
          "ProcessPool "
              + worker.describe()
              + " died during cell "
              + cell.key()
              + " ("
              + (e instanceof java.io.EOFException ? "its output pipe closed" : e.toString())
              + ")",
          e);
    }
  }

  @Override
  public void close() {
    workers.parallelStream().forEach(WorkerProcess::stop);
    drivers.shutdownNow();
    try {
      drivers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
