package io.gridbench.runner.strategy.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridbench.runner.workload.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Holds the Python worker's kernel to the Java one: the worker program computes each task's seed,
 * payload hash, digest and result bytes for known inputs, and each must equal {@link Kernel}'s.
 */
class PythonKernelTest {

  /** compute, payloadBytes, task index, resultBytes: empty, odd tails, whole words, big values. */
  private static final long[][] INPUTS = {
    {0, 0, 0, 8},
    {0, 1, 1, 9},
    {1, 7, 2, 15},
    {1000, 100, 3, 16},
    {12345, 4099, 15, 8},
    {5000, 65536, 63, 100},
    {3, 8, 1_000_000, 24},
  };

  @Test
  void pythonKernelGivesTheJavaKernelsSeedsHashesDigestsAndResultBytes() throws Exception {
    PythonInterpreter python = PythonFixtures.python();
    StringBuilder input = new StringBuilder();
    for (long[] in : INPUTS) {
      input.append(in[0]).append(' ').append(in[1]).append(' ');
      input.append(in[2]).append(' ').append(in[3]).append('\n');
    }
    List<String> lines;
    try (WorkerProgram program = WorkerProgram.extract()) {
      Process p =
          new ProcessBuilder(python.path().toString(), program.file().toString(), "--known-answers")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (OutputStream stdin = p.getOutputStream()) {
        stdin.write(input.toString().getBytes(StandardCharsets.UTF_8));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream stdout = p.getInputStream()) {
        stdout.transferTo(out);
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      lines = out.toString(StandardCharsets.UTF_8).strip().lines().toList();
    }

    List<String> expected = new ArrayList<>();
    for (long[] in : INPUTS) {
      long seed = Kernel.taskSeed(in[0], in[1], (int) in[2]);
      byte[] payload = new byte[(int) in[1]];
      Kernel.fillPayload(payload, seed);
      long hash = Kernel.hashPayload(payload, 0, payload.length);
      long digest = Kernel.runTask(seed, in[0], payload);
      expected.add(
          String.format("%016x %016x %016x ", seed, hash, digest)
              + HexFormat.of().formatHex(Kernel.result(digest, (int) in[3])));
    }
    assertThat(lines).containsExactlyElementsOf(expected);
  }

  @Test
  void workerProgramUsesTheStandardLibraryOnlyAndImportsRayOnlyInsideTheRayStrategies()
      throws Exception {
    String source;
    try (InputStream in = WorkerProgram.source()) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> topLevelImports =
        source
            .lines()
            .filter(l -> l.matches("(import \\w+|from \\w+[.\\w]* import .*)"))
            .map(l -> l.split("[ .]")[1])
            .toList();
    assertThat(topLevelImports)
        .containsOnly("argparse", "ctypes", "multiprocessing", "os", "signal", "struct", "sys");
    assertThat(source.lines().filter(l -> l.strip().equals("import ray")))
        .as("ray imported once, inside the Ray connection only")
        .hasSize(1)
        .allMatch(l -> l.startsWith("    "));
  }
}
