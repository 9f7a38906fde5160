package io.gridbench.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridbench.api.plan.PlanException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  private final ErrorClassifier classifier = new ErrorClassifier();

  private static KubernetesClientException http(int code, String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage(message).build());
  }

  @Test
  void aRejectedWriteInsideTheWorkflowsAggregateIsShownWithoutRetry() {
    Exception e =
        new AggregatedOperatorException(
            "workflow failed", Map.of("jobs", http(422, "spec.template: Invalid value")));

    assertThat(classifier.classify(e))
        .hasValueSatisfying(
            p -> {
              assertThat(p.reason()).isEqualTo(Reasons.WRITE_REJECTED);
              assertThat(p.message()).contains("spec.template: Invalid value");
              assertThat(p.retry()).isFalse();
            });
  }

  @Test
  void aMissingPermissionIsShownAndRetried() {
    assertThat(classifier.classify(new RuntimeException(http(403, "jobs is forbidden"))))
        .hasValueSatisfying(
            p -> {
              assertThat(p.reason()).isEqualTo(Reasons.FORBIDDEN);
              assertThat(p.retry()).isTrue();
            });
  }

  @Test
  void unreadableResultsAreShownWithoutRetry() {
    assertThat(classifier.classify(new PlanException("ConfigMap s-a key c0.p0: bad")))
        .hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo(Reasons.UNREADABLE_RESULTS));
  }

  @Test
  void anythingElseIsLeftToTheSdksRetry() {
    assertThat(classifier.classify(new IllegalStateException("boom"))).isEmpty();
    assertThat(classifier.classify(http(500, "etcd timeout"))).isEmpty();
  }
}
