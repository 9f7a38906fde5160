package io.gridbench.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridbench.api.plan.PlanException;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.ExecutionMode;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.runner.strategy.Strategy;
import io.gridbench.runner.strategy.StrategyProvider;
import io.gridbench.runner.workload.CellWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerTest {

  /** A store in memory that can be told to fail. */
  static final class MemoryStore implements ResultsStore {
    final List<CellResult> cells = new ArrayList<>();
    DriftReport drift;
    MachineInfo machine;
    boolean failRecording;

    @Override
    public List<CellResult> load() {
      return new ArrayList<>(cells);
    }

    @Override
    public void record(CellResult cell) throws PlanException {
      if (failRecording) {
        throw new PlanException("store unavailable");
      }
      cells.add(cell);
    }

    @Override
    public void recordDrift(DriftReport report) {
      drift = report;
    }

    @Override
    public void recordMachine(MachineInfo info) {
      machine = info;
    }
  }

  /** Counts the cells it is asked to run; the checksum is the kernel's reference one. */
  static class CountingProvider implements StrategyProvider {
    final List<CellKey> ran = new ArrayList<>();

    @Override
    public Strategy create(io.gridbench.api.v1alpha1.StrategySpec spec, int workers) {
      return new Strategy() {
        @Override
        public long runCell(CellWork cell) {
          ran.add(cell.key());
          return cell.referenceChecksum();
        }

        @Override
        public ExecutionMode mode() {
          return ExecutionMode.LOCAL;
        }

        @Override
        public void close() {}
      };
    }
  }

  @Test
  void aRestartedWorkerResumesAfterTheRecordedCells() throws PlanException {
    MemoryStore store = new MemoryStore();
    CellWork first = CellWork.prepare(0, 0, 4, 8);
    CellResult recorded =
        CellResult.of(0, 0, 4, first.referenceChecksum(), List.of(1.0, 1.0), Instant.EPOCH, null);
    store.cells.add(recorded);
    CountingProvider provider = new CountingProvider();

    StrategyResult result =
        new Worker(Plans.twoByTwo("s"), "single", store, provider, line -> {}).run();

    assertThat(provider.ran).doesNotContain(new CellKey(0, 0, 0, 4)).hasSize(3 * 2);
    assertThat(result.outcome()).isEqualTo(StrategyResult.Outcome.Succeeded);
    assertThat(result.cells()).hasSize(4).contains(recorded);
    assertThat(store.cells).hasSize(4);
    // The canary ran before and after the three new cells, and its report was recorded.
    assertThat(store.drift).isNotNull();
    assertThat(store.drift.points()).extracting(p -> p.cellsDone()).containsExactly(0, 3);
  }

  @Test
  void theWorkerRecordsItsMachineBeforeItMeasures() throws PlanException {
    MemoryStore store = new MemoryStore();
    MachineInfo machine = MachineInfo.current().onNode("node-a");
    List<Boolean> machineKnownAtFirstCell = new ArrayList<>();
    CountingProvider provider =
        new CountingProvider() {
          @Override
          public Strategy create(io.gridbench.api.v1alpha1.StrategySpec spec, int workers) {
            machineKnownAtFirstCell.add(store.machine != null);
            return super.create(spec, workers);
          }
        };

    new Worker(Plans.twoByTwo("s"), "single", store, provider, line -> {}, machine).run();

    assertThat(store.machine).isEqualTo(machine);
    assertThat(store.machine.node()).isEqualTo("node-a");
    assertThat(machineKnownAtFirstCell).containsOnly(true);
  }

  @Test
  void aCellThatCannotBeRecordedStopsTheWorker() throws PlanException {
    MemoryStore store = new MemoryStore();
    store.failRecording = true;
    Worker worker =
        new Worker(Plans.twoByTwo("s"), "single", store, new CountingProvider(), line -> {});

    assertThatThrownBy(worker::run)
        .isInstanceOf(PlanException.class)
        .hasMessage("store unavailable");
  }

  @Test
  void aStrategyMissingFromThePlanIsRefused() {
    assertThatThrownBy(
            () ->
                new Worker(
                    Plans.twoByTwo("s"),
                    "nope",
                    new MemoryStore(),
                    new CountingProvider(),
                    l -> {}))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("'nope' is not in the plan of sweep s");
  }
}
