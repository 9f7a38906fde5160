package io.gridbench.runner.worker;

import io.gridbench.api.plan.PlanException;
import io.gridbench.api.plan.SweepPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the plan file the Job mounts from the sweep's plan ConfigMap. */
public final class PlanFiles {
  private PlanFiles() {}

  public static SweepPlan read(Path path) throws PlanException {
    try {
      return SweepPlan.fromJson(Files.readString(path));
    } catch (NoSuchFileException e) {
      throw new PlanException(path + ": no such file; the Job mounts the plan there");
    } catch (IOException e) {
      throw new PlanException(path + ": cannot be read (" + e.getMessage() + ")");
    } catch (PlanException e) {
      throw new PlanException(path + ": " + e.getMessage());
    }
  }
}
