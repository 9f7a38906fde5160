package io.gridbench.api.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine a run was measured on. {@code node} is the Kubernetes node a worker pod ran on (the
 * downward API's {@code spec.nodeName}), absent for a run on the user's machine; on a cluster
 * {@code hostname} is the pod's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MachineInfo(
    String node,
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
        null,
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

  /** This machine's facts on Kubernetes node {@code nodeName} (null or blank: no node). */
  public MachineInfo onNode(String nodeName) {
    return new MachineInfo(
        nodeName == null || nodeName.isBlank() ? null : nodeName,
        hostname,
        availableProcessors,
        totalMemoryBytes,
        cpuModel,
        osName,
        osVersion,
        osArch,
        javaVersion,
        javaVendor,
        jvmName,
        maxHeapBytes);
  }

  /** The same machine, told apart by what makes a comparison across machines: node and CPU. */
  public boolean sameMachineAs(MachineInfo other) {
    return other != null
        && java.util.Objects.equals(node, other.node)
        && java.util.Objects.equals(cpuModel, other.cpuModel);
  }

  /** {@code node (cpu model)} for messages; parts not known are left out. */
  public String describe() {
    String where = node != null ? node : hostname != null ? hostname : "an unknown machine";
    return cpuModel == null ? where : where + " (" + cpuModel + ")";
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
