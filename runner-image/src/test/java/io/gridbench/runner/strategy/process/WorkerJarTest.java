package io.gridbench.runner.strategy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridbench.runner.strategy.StrategyException;
import io.gridbench.runner.workload.CellWork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerJarTest {

  @TempDir Path dir;

  @Test
  void workersRunFromTheJarAlone() throws Exception {
    Path jar = WorkerJar.install(dir.resolve("cache"));
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.size()).isEqualTo(WorkerJar.CLASSES.size());
    }
    // Nothing but the jar on the classpath: a class the worker needs and the jar lacks fails here;
    // so does a JVM option a rebuilt pool's short-lived workers get and this JVM rejects.
    for (boolean shortLived : new boolean[] {false, true}) {
      try (ProcessWorkerPool pool = ProcessWorkerPool.start(2, jar.toString(), shortLived)) {
        for (CellWork cell :
            new CellWork[] {CellWork.prepare(0, 0, 64, 8), CellWork.prepare(1000, 70_000, 9, 24)}) {
          assertThat(pool.runCell(cell, 2, null)).isEqualTo(cell.referenceChecksum());
        }
      }
    }
  }

  @Test
  void theJarIsWrittenOnceThenReused() throws Exception {
    Path cache = dir.resolve("cache");
    Path first = WorkerJar.install(cache);
    Files.setLastModifiedTime(first, FileTime.fromMillis(0));
    assertThat(WorkerJar.install(cache)).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(first).toMillis()).as("not rewritten").isZero();
    assertThat(Files.getPosixFilePermissions(cache))
        .containsExactlyInAnyOrder(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);
    try (var files = Files.list(cache)) {
      assertThat(files).as("no partial files left behind").containsExactly(first);
    }
  }

  @Test
  void aCorruptOrStaleJarUnderTheNameIsReplacedBeforeUse() throws Exception {
    Path cache = dir.resolve("cache");
    Path jar = WorkerJar.install(cache);
    Files.write(jar, "not the worker's classes".getBytes());
    assertThat(WorkerJar.install(cache)).isEqualTo(jar);
    assertThat(Files.readAllBytes(jar)).isEqualTo(WorkerJar.contents());
  }

  @Test
  void anUnusableDirectoryFallsBackToTheFullClasspath() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    assertThat(fullClasspath(WorkerJar.classpath(notADirectory.resolve("cache")))).isTrue();
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), elsewhere);
    assertThat(fullClasspath(WorkerJar.classpath(link))).isTrue();
    try (var files = Files.list(elsewhere)) {
      assertThat(files).as("nothing written through the link").isEmpty();
    }
    // The fallback still makes working workers, only slower to start.
    try (ProcessWorkerPool pool =
        ProcessWorkerPool.start(1, WorkerJar.classpath(notADirectory.resolve("cache")), false)) {
      CellWork cell = CellWork.prepare(5, 100, 8, 8);
      assertThat(pool.runCell(cell, 8, null)).isEqualTo(cell.referenceChecksum());
    }
  }

  @Test
  void aDirectoryOtherUsersCanWriteIsNotTrusted() throws Exception {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, Set.of(PosixFilePermission.values()));
    assertThat(fullClasspath(WorkerJar.classpath(shared))).isTrue();
    try (var files = Files.list(shared)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aWorkerThatCannotLoadItsClassesFailsThePoolStartByName() {
    // As if the jar vanished between install and start: the JVM exits before READY.
    assertThatThrownBy(() -> ProcessWorkerPool.start(2, dir.resolve("gone.jar").toString(), true))
        .isInstanceOf(StrategyException.class)
        .hasMessageContaining("did not start")
        .hasMessageContaining("exit status 1");
  }

  private static boolean fullClasspath(String classpath) {
    return classpath.equals(System.getProperty("java.class.path"));
  }
}
