package io.gridbench.runner.raycluster;

import io.gridbench.runner.strategy.ray.RayAddress;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Ray cluster on this machine for the length of one run, as Python's {@code ray.init()} starts
 * one: a head on free ports, optionally more nodes joining it, all under a temp folder of its own
 * (never {@code /tmp/ray}, which other clusters and drivers share). {@link #close} stops every node
 * by PID and session and deletes the folder; a JVM shutdown (Ctrl-C) does the same.
 */
public final class LocalRayCluster implements AutoCloseable {

  /**
   * Object store per node. Ray's default (30% of RAM) would reserve gigabytes of /dev/shm on a
   * shared machine; a cell's payloads are freed when it ends, and Ray spills what does not fit.
   */
  public static final long OBJECT_STORE_BYTES = 1L << 30;

  private final RayInstallation ray;
  private final Path tempDir;
  private final RayNode head;
  private final List<RayNode> nodes = new ArrayList<>();
  private final Thread shutdownHook;
  private boolean closed;

  private LocalRayCluster(RayInstallation ray, Path tempDir, RayNode head) {
    this.ray = ray;
    this.tempDir = tempDir;
    this.head = head;
    this.shutdownHook = new Thread(this::stop, "gridbench-ray-cluster-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a head offering {@code cpus} CPUs and {@code resources}. */
  public static LocalRayCluster start(RayInstallation ray, int cpus, Map<String, Double> resources)
      throws RayUnavailableException {
    Path tempDir;
    try {
      tempDir = Files.createTempDirectory("gridbench-ray-");
    } catch (IOException e) {
      throw new RayUnavailableException("cannot create a temp folder for Ray: " + e.getMessage());
    }
    RayNode head;
    try {
      head =
          RayNode.startHead(ray, tempDir, new RayNode.Shape(cpus, OBJECT_STORE_BYTES, resources));
    } catch (RayUnavailableException | RuntimeException e) {
      deleteTree(tempDir);
      throw e;
    }
    return new LocalRayCluster(ray, tempDir, head);
  }

  /**
   * Starts another node joining the head, with its own temp folder (its sockets must not collide
   * with the head's) inside this cluster's.
   */
  public synchronized RayNode addNode(String name, int cpus, Map<String, Double> resources)
      throws RayUnavailableException {
    RayNode node =
        RayNode.startWorker(
            ray,
            name,
            head.gcs(),
            tempDir.resolve(name),
            new RayNode.Shape(cpus, OBJECT_STORE_BYTES / 2, resources));
    nodes.add(node);
    return node;
  }

  /** Where drivers connect. */
  public RayAddress address() {
    return head.gcs();
  }

  public RayNode head() {
    return head;
  }

  /** Every live process of every node, workers included. */
  public synchronized List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>(head.processes());
    nodes.forEach(n -> all.addAll(n.processes()));
    return all;
  }

  /** The Ray installation the nodes run. */
  public RayInstallation installation() {
    return ray;
  }

  /** The folder holding the nodes' sessions, sockets and logs. */
  public Path tempDir() {
    return tempDir;
  }

  /** Stops every node, the head last, and deletes the temp folder. Never throws. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it finds the cluster stopped.
    }
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
    head.close();
    deleteTree(tempDir);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Left for the OS's temp cleaning; nothing else of ours depends on it.
    }
  }
}
