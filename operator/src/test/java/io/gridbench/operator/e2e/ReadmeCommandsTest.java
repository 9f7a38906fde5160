package io.gridbench.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeCommandsTest {

  @Test
  void theOperatorReadmesBlockIsWhatTheEndToEndTestRuns() throws Exception {
    assertThat(ReadmeCommands.after(Path.of("README.md"), "<!-- e2e:"))
        .hasSize(6)
        .first()
        .asString()
        .startsWith("helm install gridbench helm/gridbench -n gridbench-system --create-namespace")
        .contains("--set runner.cpu=1 --set runner.memory=1Gi")
        .doesNotContain("\\");
  }

  @Test
  void commentsAndBlankLinesAreDroppedAndContinuationsJoined(@TempDir Path dir) throws Exception {
    Path readme = dir.resolve("README.md");
    Files.writeString(
        readme,
        String.join(
            "\n",
            "```bash",
            "echo not this block",
            "```",
            "<!-- e2e: here -->",
            "```bash",
            "# a comment",
            "",
            "kubectl apply \\",
            "  -f x.yaml",
            "kubectl get sweeps",
            "```",
            "kubectl after the block"));

    assertThat(ReadmeCommands.after(readme, "<!-- e2e:"))
        .containsExactly("kubectl apply -f x.yaml", "kubectl get sweeps");
  }

  @Test
  void aReadmeWithoutTheMarkerFailsByName(@TempDir Path dir) throws Exception {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "no block here\n");

    assertThatThrownBy(() -> ReadmeCommands.after(readme, "<!-- e2e:"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("has no line starting with <!-- e2e:");
  }
}
