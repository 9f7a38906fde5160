package io.gridbench.operator.reconciler;

import io.gridbench.api.v1alpha1.BenchmarkSweep;
import io.gridbench.api.v1alpha1.BenchmarkSweepStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status this operator last wrote for each sweep, until the informer's cache has caught up with
 * that write. JOSDK does not put a status patch's result into its cache: a reconcile triggered by a
 * child event right after a patch may still see the old sweep, compute the status it has just
 * written, and send it again (measured in docs/operator-scale.md: 7 of 3,706 status patches). This
 * remembers the write only while the cached sweep still has the resourceVersion the write was based
 * on; losing it (a restart) costs one redundant patch at most, never a missed one.
 */
final class WrittenStatuses {

  private record Written(String basedOnVersion, BenchmarkSweepStatus status) {}

  private final Map<String, Written> bySweep = new ConcurrentHashMap<>();

  /**
   * Whether {@code status} is what this operator wrote last, on top of the cached {@code sweep}.
   */
  boolean alreadyWritten(BenchmarkSweep sweep, BenchmarkSweepStatus status) {
    String uid = sweep.getMetadata().getUid();
    Written w = bySweep.get(uid);
    if (w == null) {
      return false;
    }
    if (!w.basedOnVersion().equals(sweep.getMetadata().getResourceVersion())) {
      // The cache moved on (our write, or anyone's): it is the truth again.
      bySweep.remove(uid, w);
      return false;
    }
    return w.status().equals(status);
  }

  /** Records that {@code status} is being written on top of the cached {@code sweep}. */
  void writing(BenchmarkSweep sweep, BenchmarkSweepStatus status) {
    String version = sweep.getMetadata().getResourceVersion();
    if (sweep.getMetadata().getUid() != null && version != null) {
      bySweep.put(sweep.getMetadata().getUid(), new Written(version, status));
    }
  }

  /**
   * Forgets the sweep: an error status is written instead, or the status patch itself failed (JOSDK
   * patches inside the reconcile's error handling, so a failed patch also ends here).
   */
  void forget(BenchmarkSweep sweep) {
    if (sweep.getMetadata().getUid() != null) {
      bySweep.remove(sweep.getMetadata().getUid());
    }
  }
}
