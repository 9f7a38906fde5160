package io.gridbench.operator.bench;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.gridbench.api.plan.SweepPlan;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.StrategySpec;
import io.gridbench.api.v1alpha1.StrategyStatus;
import io.gridbench.api.v1alpha1.SweepPhase;
import io.gridbench.operator.GridbenchOperator;
import io.gridbench.operator.OperatorSettings;
import io.gridbench.operator.testing.FakeKubelet;
import io.gridbench.operator.testing.RequestCounter;
import io.gridbench.operator.testing.Sweeps;
import io.gridbench.operator.testing.TestApiServer;
import io.gridbench.runner.worker.ConfigMapResultsStore;
import io.javaoperatorsdk.operator.Operator;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator under load on one real API server: many sweeps of six strategies each, simulated
 * workers writing results ConfigMaps a cell at a time at a steady total rate. Prints the lag from a
 * cell's write to the status showing it, API requests per sweep, status writes that changed
 * nothing, and heap after GC. A main class, not a test: run it by hand (see
 * docs/operator-scale.md).
 *
 * <p>System properties: {@code sweeps} (100), {@code strategies} (6), {@code rate} (total cell
 * writes per second, 25), {@code quiet} (seconds watched after the last sweep finished, 10).
 */
public final class ScaleBenchmark {

  private static final String NS = "scale";

  private final int sweeps = Integer.getInteger("sweeps", 100);
  private final int strategies = Integer.getInteger("strategies", 6);
  private final int rate = Integer.getInteger("rate", 25);
  private final int quietSeconds = Integer.getInteger("quiet", 10);

  /** Lags in milliseconds, one per cell. */
  private final List<Long> lags = Collections.synchronizedList(new ArrayList<>());

  /** Written cells not yet seen in status, by "sweep/strategy": write times by cell index. */
  private final Map<String, Map<Integer, Long>> pending = new ConcurrentHashMap<>();

  private final AtomicInteger redundantStatusUpdates = new AtomicInteger();
  private final AtomicInteger statusUpdates = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    new ScaleBenchmark().run();
    System.exit(0);
  }

  private void run() throws Exception {
    RequestCounter counter = new RequestCounter();
    try (KubernetesClient admin = TestApiServer.client();
        KubernetesClient operatorClient = TestApiServer.countingClient(counter)) {
      String ns = NS + "-" + ProcessHandle.current().pid();
      TestApiServer.createNamespace(admin, ns);
      Operator operator =
          GridbenchOperator.create(
              OperatorSettings.from(Map.of(OperatorSettings.WATCH_NAMESPACES, ns)),
              Clock.systemUTC(),
              operatorClient);
      operator.start();
      FakeKubelet kubelet = new FakeKubelet(admin);
      ConcurrentLinkedQueue<Worker> active = new ConcurrentLinkedQueue<>();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

      try (SharedIndexInformer<BenchmarkSweep> sweepInformer =
              admin.resources(BenchmarkSweep.class).inNamespace(ns).inform(statusWatcher());
          SharedIndexInformer<Job> jobInformer =
              admin
                  .batch()
                  .v1()
                  .jobs()
                  .inNamespace(ns)
                  .inform(
                      new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(Job job) {
                          writers.submit(() -> active.add(new Worker(admin, kubelet, job)));
                        }

                        @Override
                        public void onUpdate(Job oldJob, Job newJob) {}

                        @Override
                        public void onDelete(Job job, boolean unknown) {}
                      })) {
        long startNanos = System.nanoTime();
        for (int i = 0; i < sweeps; i++) {
          StrategySpec[] specs = new StrategySpec[strategies];
          for (int s = 0; s < strategies; s++) {
            specs[s] = Sweeps.single("s" + s);
          }
          admin.resource(Sweeps.sweep("sweep-" + i, ns, specs)).create();
        }
        // One cell write per tick, round-robin over the Jobs that run: a steady total rate.
        ticker.scheduleAtFixedRate(
            () -> {
              Worker w = active.poll();
              if (w != null) {
                writers.submit(
                    () -> {
                      if (w.writeNext()) {
                        active.add(w);
                      }
                    });
              }
            },
            0,
            1_000_000 / rate,
            TimeUnit.MICROSECONDS);

        long peakHeap = 0;
        while (finished(sweepInformer) < sweeps) {
          Thread.sleep(5_000);
          long heap = heapAfterGc();
          peakHeap = Math.max(peakHeap, heap);
          System.out.printf(
              "%4ds: %d/%d sweeps finished, %d cells seen in status, heap after GC %.1f MiB%n",
              (System.nanoTime() - startNanos) / 1_000_000_000,
              finished(sweepInformer),
              sweeps,
              lags.size(),
              heap / 1048576.0);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        int quietMark = counter.mark();
        int quietRedundant = redundantStatusUpdates.get();
        Thread.sleep(quietSeconds * 1000L);
        List<RequestCounter.Request> quiet = counter.since(quietMark, r -> !r.isWatch());

        report(counter, seconds, peakHeap, heapAfterGc(), quiet, quietRedundant);
      } finally {
        ticker.shutdownNow();
        writers.shutdownNow();
        operator.stop();
      }
    }
  }

  /** Records when a strategy's cellsDone in status passes cells written earlier. */
  private ResourceEventHandler<BenchmarkSweep> statusWatcher() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(BenchmarkSweep sweep) {
        if (sweep.getStatus() != null) {
          statusUpdates.incrementAndGet();
        }
      }

      @Override
      public void onUpdate(BenchmarkSweep before, BenchmarkSweep after) {
        long now = System.nanoTime();
        if (Objects.equals(before.getStatus(), after.getStatus())) {
          if (!Objects.equals(
              before.getMetadata().getResourceVersion(),
              after.getMetadata().getResourceVersion())) {
            // The spec does not change here, so a new version with equal status is a wasted write.
            redundantStatusUpdates.incrementAndGet();
          }
          return;
        }
        statusUpdates.incrementAndGet();
        if (after.getStatus() == null || after.getStatus().getStrategies() == null) {
          return;
        }
        for (StrategyStatus s : after.getStatus().getStrategies()) {
          Map<Integer, Long> written =
              pending.get(after.getMetadata().getName() + "/" + s.getName());
          if (written == null || s.getCellsDone() == null) {
            continue;
          }
          for (var it = written.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey() < s.getCellsDone()) {
              lags.add(Math.max(0, (now - e.getValue()) / 1_000_000));
              it.remove();
            }
          }
        }
      }

      @Override
      public void onDelete(BenchmarkSweep sweep, boolean unknown) {}
    };
  }

  /** One Job's simulated worker: writes the grid's cells one per call, then completes the Job. */
  private final class Worker {
    private final FakeKubelet kubelet;
    private final Job job;
    private final SweepPlan plan;
    private final ConfigMapResultsStore store;
    private final List<long[]> cells = new ArrayList<>();
    private final Map<Integer, Long> written = new ConcurrentHashMap<>();
    private int next;

    Worker(KubernetesClient client, FakeKubelet kubelet, Job job) {
      this.kubelet = kubelet;
      this.job = job;
      try {
        this.plan = kubelet.planOf(job);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      String strategy = FakeKubelet.strategyOf(job);
      this.store = new ConfigMapResultsStore(client, plan, strategy);
      for (long c : plan.spec().getGrid().getCompute().expand()) {
        for (long p : plan.spec().getGrid().getPayloadBytes().expand()) {
          cells.add(new long[] {c, p});
        }
      }
      pending.put(plan.sweep() + "/" + strategy, written);
      kubelet.start(job);
    }

    /** Writes the next cell; false once the Job is complete. */
    boolean writeNext() {
      try {
        long[] cell = cells.get(next);
        store.record(
            CellResult.of(cell[0], cell[1], 4, 0L, List.of(0.01, 0.011), Instant.now(), null));
        written.put(next, System.nanoTime());
        next++;
        if (next < cells.size()) {
          return true;
        }
        kubelet.complete(job);
        return false;
      } catch (Exception e) {
        System.err.println("write failed for " + job.getMetadata().getName() + ": " + e);
        return true;
      }
    }
  }

  private static long finished(SharedIndexInformer<BenchmarkSweep> informer) {
    return informer.getStore().list().stream()
        .filter(s -> s.getStatus() != null && s.getStatus().getPhase() == SweepPhase.Succeeded)
        .count();
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private void report(
      RequestCounter counter,
      double seconds,
      long peakHeap,
      long endHeap,
      List<RequestCounter.Request> quiet,
      int redundantBeforeQuiet) {
    List<Long> sorted = new ArrayList<>(lags);
    Collections.sort(sorted);
    int cells = sweeps * strategies * 4;
    List<RequestCounter.Request> all = counter.all(r -> true);
    Map<String, Integer> byKind = new TreeMap<>();
    for (RequestCounter.Request r : all) {
      byKind.merge(kind(r), 1, Integer::sum);
    }
    System.out.println();
    System.out.printf(
        "%d sweeps x %d strategies x 4 cells = %d cell writes at %d/s in %.0f s%n",
        sweeps, strategies, cells, rate, seconds);
    System.out.printf(
        "lag write -> status: n=%d p50=%d ms p99=%d ms max=%d ms%n",
        sorted.size(),
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
    System.out.printf(
        "heap after GC (whole JVM: operator, API clients, simulated workers): peak %.1f MiB,"
            + " end %.1f MiB%n",
        peakHeap / 1048576.0, endHeap / 1048576.0);
    System.out.printf(
        "operator API requests: %d in all, %.1f per sweep%n",
        all.size(), all.size() / (double) sweeps);
    byKind.forEach(
        (k, v) -> System.out.printf("  %-40s %6d  %6.2f per sweep%n", k, v, v / (double) sweeps));
    // A server-side apply that changes nothing is not stored (no new resourceVersion), so compare
    // the operator's status PATCHes with the status versions the watch delivered as well.
    long patches = all.stream().filter(r -> r.isWrite() && r.path().contains("/status")).count();
    System.out.printf(
        "status PATCHes sent: %d; distinct statuses stored: %d; stored writes that changed nothing:"
            + " %d%n",
        patches, statusUpdates.get(), redundantBeforeQuiet);
    System.out.printf(
        "requests in %d s after the last sweep finished: %d %s%n",
        quietSeconds, quiet.size(), quiet.size() > 5 ? quiet.subList(0, 5) : quiet);
  }

  private static String kind(RequestCounter.Request r) {
    String path = r.path().replaceAll("\\?.*", "");
    String[] parts = path.split("/");
    String resource = parts.length > 0 ? parts[parts.length - 1] : path;
    if (path.contains("/namespaces/") && parts.length >= 2) {
      // .../<resource>/<name>[/status]: keep the resource and the subresource
      int ns = Arrays.asList(parts).indexOf("namespaces");
      resource = parts.length > ns + 2 ? parts[ns + 2] : resource;
      if (path.endsWith("/status")) {
        resource += "/status";
      }
    }
    return r.method() + " " + resource + (r.isWatch() ? " (watch)" : "");
  }

  private static long percentile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }
}
