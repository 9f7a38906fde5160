package io.gridbench.runner.measure;

import io.gridbench.api.results.MachineState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Reads CPU frequency, thermal throttle counters and temperatures from sysfs and procfs. Each
 * source that this machine does not expose (a VM, a container, another OS) is reported as absent.
 */
public final class MachineStateSampler {
  private final Path root;

  /** Reads the real /sys and /proc. */
  public MachineStateSampler() {
    this(Path.of("/"));
  }

  /** Reads a tree laid out like / (tests give it a fake one). */
  public MachineStateSampler(Path root) {
    this.root = root;
  }

  /** Thermal throttle events so far (core + package, all CPUs), or null when not exposed. */
  public Long throttleCount() {
    List<Path> files = new ArrayList<>();
    for (Path cpu : cpus()) {
      files.add(cpu.resolve("thermal_throttle/core_throttle_count"));
      files.add(cpu.resolve("thermal_throttle/package_throttle_count"));
    }
    long sum = 0;
    boolean any = false;
    for (Path f : files) {
      Long v = readLong(f);
      if (v != null) {
        sum += v;
        any = true;
      }
    }
    return any ? sum : null;
  }

  /** The state now; throttle events are counted since {@code throttleBefore} (if known). */
  public MachineState stateSince(Long throttleBefore) {
    Long now = throttleCount();
    Long events = now != null && throttleBefore != null ? Math.max(0, now - throttleBefore) : null;
    return new MachineState(cpuMhz(), events, temperatures());
  }

  Double cpuMhz() {
    List<Double> khz = new ArrayList<>();
    for (Path cpu : cpus()) {
      Long v = readLong(cpu.resolve("cpufreq/scaling_cur_freq"));
      if (v != null) {
        khz.add(v.doubleValue());
      }
    }
    if (!khz.isEmpty()) {
      return khz.stream().mapToDouble(Double::doubleValue).average().orElseThrow() / 1000.0;
    }
    try {
      OptionalDouble mhz =
          Files.readAllLines(root.resolve("proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("cpu MHz"))
              .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(':') + 1).trim()))
              .average();
      return mhz.isPresent() ? mhz.getAsDouble() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  Map<String, Double> temperatures() {
    Map<String, Double> temps = new TreeMap<>();
    for (Path zone : list(root.resolve("sys/class/thermal"), "thermal_zone*")) {
      Long milli = readLong(zone.resolve("temp"));
      if (milli == null) {
        continue;
      }
      String type = readText(zone.resolve("type"));
      String name = type == null ? zone.getFileName().toString() : type;
      // Several zones can share a type (one per core); keep them apart.
      String key = temps.containsKey(name) ? name + "/" + zone.getFileName() : name;
      temps.put(key, milli / 1000.0);
    }
    return temps.isEmpty() ? null : temps;
  }

  private List<Path> cpus() {
    return list(root.resolve("sys/devices/system/cpu"), "cpu[0-9]*");
  }

  private static List<Path> list(Path dir, String glob) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
      s.forEach(out::add);
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  private static Long readLong(Path file) {
    String text = readText(file);
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String readText(Path file) {
    try {
      return Files.isReadable(file) ? Files.readString(file).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
