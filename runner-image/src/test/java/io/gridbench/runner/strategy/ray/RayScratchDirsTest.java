package io.gridbench.runner.strategy.ray;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RayScratchDirsTest {
  private static final long PID = 4242;

  @TempDir Path tmp;

  @Test
  void deletesOnlyTheDirectoriesOfThisPidCreatedSinceTheSnapshot() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("ray"));
    Path older =
        Files.createDirectory(root.resolve("session_local_mode_2024-01-01_01-00-00-0_4242"));
    Path otherPid =
        Files.createDirectory(root.resolve("session_local_mode_2024-01-01_01-00-00-0_77"));
    Path cluster = Files.createDirectory(root.resolve("session_2024-01-01_01-00-00_4242"));

    RayScratchDirs dirs = RayScratchDirs.localSessions(root, PID);
    Path ours =
        Files.createDirectory(root.resolve("session_local_mode_2024-01-01_02-00-00-0_4242"));
    Files.write(ours.resolve("libcore_worker_library_java.so"), new byte[1024]);
    Files.createDirectory(ours.resolve("logs"));
    Path othersLater =
        Files.createDirectory(root.resolve("session_local_mode_2024-01-01_02-00-00-0_78"));

    assertThat(dirs.deleteNew()).isEqualTo(1);
    assertThat(ours).doesNotExist();
    assertThat(older).exists();
    assertThat(otherPid).exists();
    assertThat(cluster).exists();
    assertThat(othersLater).exists();
    assertThat(root).exists();
  }

  @Test
  void removesTheRootItCreatedWhenNothingElseIsInIt() throws Exception {
    Path root = tmp.resolve("ray");
    RayScratchDirs dirs = RayScratchDirs.localSessions(root, PID);
    Files.createDirectories(root.resolve("session_local_mode_x_4242"));

    assertThat(dirs.deleteNew()).isEqualTo(1);
    assertThat(root).doesNotExist();
  }

  @Test
  void keepsTheRootWhenSomethingElseMovedIn() throws Exception {
    Path root = tmp.resolve("ray");
    RayScratchDirs dirs = RayScratchDirs.localSessions(root, PID);
    Files.createDirectories(root.resolve("session_local_mode_x_4242"));
    Files.createDirectories(root.resolve("session_latest"));

    assertThat(dirs.deleteNew()).isEqualTo(1);
    assertThat(root.resolve("session_latest")).exists();
  }

  @Test
  void deletesTheDriverLibraryFoldersCreatedSinceTheSnapshotAndNothingElse() throws Exception {
    Path root = Files.createDirectory(tmp.resolve("ray"));
    Path older = Files.createDirectory(root.resolve("1796026219375"));
    Path session = Files.createDirectory(root.resolve("session_2024-01-01_01-00-00_4242"));

    RayScratchDirs dirs = RayScratchDirs.driverLibraries(root);
    Path ours = Files.createDirectory(root.resolve("1796026239827"));
    Files.write(ours.resolve("libcore_worker_library_java.so"), new byte[1024]);
    Path laterSession = Files.createDirectory(root.resolve("session_latest"));

    assertThat(dirs.deleteNew()).isEqualTo(1);
    assertThat(ours).doesNotExist();
    assertThat(older).exists();
    assertThat(session).exists();
    assertThat(laterSession).exists();
  }
}
