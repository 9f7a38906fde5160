package io.gridbench.runner.worker;

import io.gridbench.api.plan.PlanException;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.MachineInfo;
import java.util.List;

/** Where a worker keeps the cells it measured, so that a restarted worker can resume. */
public interface ResultsStore {

  /** The cells recorded so far by earlier attempts. */
  List<CellResult> load() throws PlanException;

  /** Records one measured cell; once this returns, the cell survives the worker's death. */
  void record(CellResult cell) throws PlanException;

  /** Records the machine this worker runs on, replacing an earlier attempt's. */
  void recordMachine(MachineInfo machine) throws PlanException;

  /** Records the drift canary's report of this worker's run, replacing an earlier attempt's. */
  void recordDrift(DriftReport drift) throws PlanException;
}
