package io.gridbench.runner.strategy.process;

import io.gridbench.api.v1alpha1.Transport;
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
  private final List<WorkerProcess> workers;
  private final ExecutorService drivers;
  private final Transport transport;
  // The segment file each worker has mapped, so a worker remaps only when the segment changes.
  private final SharedPayloadSegment[] mapped;

  private ProcessWorkerPool(List<WorkerProcess> workers, Transport transport) {
    this.workers = workers;
    this.transport = transport;
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

  /** Starts {@code size} workers in parallel and waits until each has said it is ready. */
  static ProcessWorkerPool start(int size, Transport transport) throws StrategyException {
    List<WorkerProcess> started = new ArrayList<>(size);
    try {
      for (int i = 0; i < size; i++) {
        started.add(WorkerProcess.start(i));
      }
      for (WorkerProcess w : started) {
        try {
          w.awaitReady();
        } catch (IOException e) {
          throw new StrategyException(
              "ProcessPool " + w.describe() + " did not start: " + e.getMessage(), e);
        }
      }
      return new ProcessWorkerPool(started, transport);
    } catch (IOException e) {
      started.forEach(WorkerProcess::kill);
      throw new StrategyException("cannot start ProcessPool workers: " + e.getMessage(), e);
    } catch (StrategyException | RuntimeException e) {
      started.forEach(WorkerProcess::kill);
      throw e;
    }
  }

  List<Long> pids() {
    return workers.stream().map(WorkerProcess::pid).toList();
  }

  /**
   * Runs the cell in chunks of {@code chunkSize} tasks and returns the xor of the digests. With the
   * shm transport the cell's payloads are already in {@code segment}, task {@code t} at offset
   * {@code t * payloadBytes}.
   */
  long runCell(CellWork cell, int chunkSize, SharedPayloadSegment segment)
      throws StrategyException {
    int chunks = (cell.tasks() + chunkSize - 1) / chunkSize;
    AtomicInteger nextChunk = new AtomicInteger();
    AtomicBoolean abort = new AtomicBoolean();
    List<Future<Long>> futures = new ArrayList<>(workers.size());
    for (int w = 0; w < workers.size(); w++) {
      int index = w;
      futures.add(
          drivers.submit(() -> drive(index, cell, segment, chunkSize, chunks, nextChunk, abort)));
    }
    long checksum = 0;
    StrategyException failure = null;
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
    long checksum = 0;
    try {
      int chunk;
      while (!abort.get() && (chunk = nextChunk.getAndIncrement()) < chunks) {
        int first = chunk * chunkSize;
        int last = Math.min(cell.tasks(), first + chunkSize);
        // Only with a chunk, in the same flush: a worker must never be told to map a segment
        // that a later cell has already replaced and deleted.
        if (transport == Transport.SHM && mapped[index] != segment) {
          byte[] path = segment.file().toString().getBytes(StandardCharsets.UTF_8);
          worker.out.writeInt(PoolProtocol.MAP_SHM);
          worker.out.writeInt(path.length);
          worker.out.write(path);
          mapped[index] = segment;
        }
        sendChunk(worker, cell, first, last);
        checksum ^= receiveChunk(worker, cell, first, last);
      }
      return checksum;
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

  private void sendChunk(WorkerProcess worker, CellWork cell, int first, int last)
      throws IOException {
    boolean shm = transport == Transport.SHM;
    worker.out.writeInt(shm ? PoolProtocol.CHUNK_SHM : PoolProtocol.CHUNK_PIPE);
    worker.out.writeInt(last - first);
    for (int t = first; t < last; t++) {
      worker.out.writeLong(cell.seed(t));
      worker.out.writeLong(cell.compute());
      worker.out.writeInt(cell.resultBytes());
      worker.out.writeInt(cell.payloadBytes());
      if (shm) {
        worker.out.writeLong((long) t * cell.payloadBytes());
      } else {
        worker.out.write(cell.payload(t));
      }
    }
    worker.out.flush();
  }

  private long receiveChunk(WorkerProcess worker, CellWork cell, int first, int last)
      throws IOException {
    int tag = worker.in.readInt();
    int count = worker.in.readInt();
    if (tag != PoolProtocol.RESULTS || count != last - first) {
      throw new IOException("protocol error: got tag " + tag + " with " + count + " results");
    }
    long checksum = 0;
    for (int t = first; t < last; t++) {
      byte[] result = new byte[worker.in.readInt()];
      worker.in.readFully(result);
      checksum ^= cell.digestOf(t, result);
    }
    return checksum;
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
