package io.gridbench.runner.strategy.ray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridbench.api.results.ExecutionMode;
import io.gridbench.runner.strategy.StrategyException;
import io.ray.api.Ray;
import io.ray.runtime.config.RayConfig;
import io.ray.runtime.config.RunMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RaySessionTest {

  @Test
  void namesEveryPackageThatIsNotOpen() {
    assertThatThrownBy(
            () -> RaySession.checkOpens(p -> !p.equals("java.text") && !p.equals("sun.nio.ch")))
        .isInstanceOf(StrategyException.class)
        .hasMessageContaining(
            "--add-opens java.base/PKG=ALL-UNNAMED for PKG = java.text, sun.nio.ch;")
        .hasMessageNotContaining("\n");
    assertThatCode(() -> RaySession.checkOpens(p -> true)).doesNotThrowAnyException();
  }

  @Test
  void startsLocalModeOnceAndLeavesNoSessionDirectoryBehind() throws Exception {
    List<Path> before = ourSessionDirs();
    RaySession ray = RaySession.startLocal();
    try {
      assertThat(ray.mode()).isEqualTo(ExecutionMode.RAY_LOCAL);
      assertThat(Ray.isInitialized()).isTrue();
      assertThatThrownBy(RaySession::startLocal)
          .isInstanceOf(StrategyException.class)
          .hasMessageContaining("already initialized");
    } finally {
      ray.close();
      ray.close();
    }
    assertThat(Ray.isInitialized()).isFalse();
    assertThat(ourSessionDirs()).isSubsetOf(before);
  }

  @Test
  void anUnreachableClusterFailsBeforeRayStarts() throws Exception {
    RayAddress closed = new RayAddress("127.0.0.1", RayAddressTest.freePort());
    assertThatThrownBy(() -> RaySession.connect(closed))
        .isInstanceOf(StrategyException.class)
        .hasMessageStartingWith("no Ray GCS at " + closed);
    assertThat(Ray.isInitialized()).isFalse();
  }

  @Test
  void configuresClusterModeThroughPropertiesRayReads() throws Exception {
    Map<String, String> properties =
        RaySession.clusterProperties(new RayAddress("10.0.0.5", 6379), RaySession.codeSearchPath());
    properties.forEach(System::setProperty);
    RayConfig config;
    try {
      config = RayConfig.create();
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
    assertThat(config.runMode).isEqualTo(RunMode.CLUSTER);
    assertThat(config.getBootstrapAddress()).isEqualTo("10.0.0.5:6379");
    assertThat(config.codeSearchPath)
        .singleElement()
        .satisfies(p -> assertThat(Path.of(p)).isAbsolute().exists());
    assertThat(config.jvmOptionsForJavaWorker)
        .hasSize(2 * RaySession.REQUIRED_OPENS.size())
        .containsSequence("--add-opens", "java.base/java.lang=ALL-UNNAMED")
        .containsSequence("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
  }

  @Test
  void configuresLocalModeThroughPropertiesRayReads() {
    Map<String, String> properties = RaySession.localProperties();
    properties.forEach(System::setProperty);
    try {
      assertThat(RayConfig.create().runMode).isEqualTo(RunMode.LOCAL);
    } finally {
      properties.keySet().forEach(System::clearProperty);
    }
  }

  /** The LOCAL-mode session directories of this JVM: only a run of ours could have made them. */
  static List<Path> ourSessionDirs() throws IOException {
    if (!Files.isDirectory(RayScratchDirs.RAY_ROOT)) {
      return List.of();
    }
    String suffix = "_" + ProcessHandle.current().pid();
    try (Stream<Path> dirs = Files.list(RayScratchDirs.RAY_ROOT)) {
      return dirs.filter(
              d ->
                  d.getFileName().toString().startsWith("session_local_mode_")
                      && d.getFileName().toString().endsWith(suffix))
          .toList();
    }
  }
}
