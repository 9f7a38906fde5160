package io.gridbench.api.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerFailureTest {

  @Test
  void everyReasonSurvivesTheTerminationLine() {
    for (WorkerFailureReason reason : WorkerFailureReason.values()) {
      WorkerFailure failure = new WorkerFailure(reason, "line one\nline two: more");
      assertThat(WorkerFailure.parse(failure.line())).contains(failure);
    }
  }

  @Test
  void aLineWithAReasonNoWorkerWritesIsNotAWorkerFailure() {
    assertThat(WorkerFailure.parse("OOMKilled: out of memory")).isEmpty();
    assertThat(WorkerFailure.parse("Exception in thread main")).isEmpty();
    assertThat(WorkerFailure.parse(null)).isEmpty();
  }
}
