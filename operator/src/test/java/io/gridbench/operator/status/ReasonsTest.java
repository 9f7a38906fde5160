package io.gridbench.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.api.worker.WorkerFailureReason;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReasonsTest {

  @Test
  void noWorkerFailureReasonMeansSomethingElseInTheOperatorsStatus() throws Exception {
    Set<String> operator = new HashSet<>();
    for (Field f : Reasons.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        operator.add((String) f.get(null));
      }
    }
    assertThat(operator).contains(Reasons.STRATEGY_FAILED, Reasons.UNREADABLE_RESULTS);
    assertThat(Arrays.stream(WorkerFailureReason.values()).map(Enum::name))
        .doesNotContainAnyElementsOf(operator);
  }
}
