package io.gridbench.runner.strategy.ray;

import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import java.util.ArrayList;
import java.util.List;

/**
 * The object-store entries a cell creates (payloads, results), released when the cell ends. LOCAL
 * mode keeps every object until {@code Ray.shutdown} unless it is freed, so a long grid would
 * otherwise hold all its results in memory.
 */
final class RayObjects {
  private final List<ObjectRef<?>> refs = new ArrayList<>();

  <T> ObjectRef<T> track(ObjectRef<T> ref) {
    refs.add(ref);
    return ref;
  }

  /** Frees everything tracked; never throws, because it runs on failure paths too. */
  void free() {
    if (refs.isEmpty()) {
      return;
    }
    try {
      Ray.internal().free(refs, false);
    } catch (RuntimeException e) {
      // Ray is shutting down or the objects are already gone; nothing is left to release.
    }
    refs.clear();
  }
}
