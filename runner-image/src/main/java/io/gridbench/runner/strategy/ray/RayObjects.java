package io.gridbench.runner.strategy.ray;

import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import java.util.ArrayList;
import java.util.List;

/**
 * The object-store entries a cell creates (payloads, results), released when the cell ends. LOCAL
 * mode keeps every object until {@code Ray.shutdown} unless it is freed, so a long grid would
 * otherwise hold all its payloads and results in memory.
 */
final class RayObjects {
  /**
   * Arguments from this size on go to the object store, smaller ones ride inside the call: 100 KiB
   * is where Ray itself switches ({@code max_direct_call_object_size}). Ray would put the large
   * ones on its own, but then nobody could free them, and LOCAL mode would keep them for the whole
   * run.
   */
  static final int INLINE_LIMIT = 100 * 1024;

  private final List<ObjectRef<?>> refs = new ArrayList<>();

  /** Whether {@code bytes} should travel by reference rather than inside the call. */
  static boolean byReference(byte[] bytes) {
    return bytes.length >= INLINE_LIMIT;
  }

  /** Puts {@code bytes} in the object store until {@link #free}. */
  ObjectRef<byte[]> put(byte[] bytes) {
    return track(Ray.put(bytes));
  }

  <T> ObjectRef<T> track(ObjectRef<T> ref) {
    refs.add(ref);
    return ref;
  }

  /**
   * Frees everything tracked. Call it only once every call of the cell has finished: LOCAL mode
   * resolves a call's arguments when it runs, and waits forever for one that was freed. A failed
   * cell leaves its objects to Ray, which frees them when their references are collected (a
   * cluster) or at shutdown (LOCAL mode). Never throws.
   */
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
