package io.gridbench.api.results;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine a run was measured on. */
public record MachineInfo(
    String hostname,
    int availableProcessors,
    long totalMemoryBytes,
    String cpuModel,
    String osName,
    String osVersion,
    String osArch,
    String javaVersion,
    String javaVendor,
    String jvmName,
    long maxHeapBytes) {

  /** Reads this machine's facts; a fact that cannot be read is null, never invented. */
  public static MachineInfo current() {
    long totalMemory = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      totalMemory = os.getTotalMemorySize();
    }
    return new MachineInfo(
        readHostname(),
        Runtime.getRuntime().availableProcessors(),
        totalMemory,
        readCpuModel().orElse(null),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().maxMemory());
  }

  private static String readHostname() {
    // The kernel's own name first: InetAddress.getLocalHost() resolves the name, which on a host
    // whose name is in no resolver fails, or waits for a DNS timeout on an offline machine.
    try {
      String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (!kernel.isEmpty()) {
        return kernel;
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: ask the JDK below.
    }
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return null;
    }
  }

  private static Optional<String> readCpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
