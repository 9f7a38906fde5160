package io.gridbench.runner.strategy.ray;

import io.ray.api.Ray;
import io.ray.runtime.AbstractRayRuntime;
import io.ray.runtime.object.LocalModeObjectStore;
import io.ray.runtime.object.NativeRayObject;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * Reads how many bytes Ray's LOCAL-mode object store holds. Ray offers no API for it, so this reads
 * the store's private map: tied to Ray 2.39.0, which the build pins.
 */
final class LocalObjectStoreProbe {
  private LocalObjectStoreProbe() {}

  static long retainedBytes() throws ReflectiveOperationException {
    LocalModeObjectStore store =
        (LocalModeObjectStore) ((AbstractRayRuntime) Ray.internal()).getObjectStore();
    Field pool = LocalModeObjectStore.class.getDeclaredField("pool");
    pool.setAccessible(true);
    long bytes = 0;
    for (Object o : ((Map<?, ?>) pool.get(store)).values()) {
      NativeRayObject object = (NativeRayObject) o;
      bytes += object.data == null ? 0 : object.data.length;
    }
    return bytes;
  }
}
