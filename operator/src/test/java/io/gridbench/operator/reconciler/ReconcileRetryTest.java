package io.gridbench.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.retry.RetryExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcileRetryTest {

  @Test
  void tenRetriesOneSecondTwiceThenDoublingUpToThirty() {
    RetryExecution execution = ReconcileRetry.create().initExecution();
    List<Long> delays = new ArrayList<>();
    for (Optional<Long> next = execution.nextDelay();
        next.isPresent();
        next = execution.nextDelay()) {
      delays.add(next.get());
    }

    // JOSDK waits the initial interval twice before the multiplier applies.
    assertThat(delays)
        .containsExactly(1000L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L, 30000L);
  }
}
