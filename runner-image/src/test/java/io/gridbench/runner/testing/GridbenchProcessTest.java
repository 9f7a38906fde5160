package io.gridbench.runner.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GridbenchProcessTest {

  @Test
  void tellsAProcessThatIgnoresSigintFromOneThatDoesNot() throws Exception {
    // What a shell without job control does to a command started with '&' ...
    Process ignoring = sleepAfter("sh", "-c", "trap '' INT; exec sleep 30");
    // ... and SIGINT's default, set explicitly: this JVM may itself have been started ignoring it.
    Process plain =
        sleepAfter(
            "python3",
            "-c",
            "import os, signal; signal.signal(signal.SIGINT, signal.SIG_DFL);"
                + " os.execvp('sleep', ['sleep', '30'])");
    try {
      assertThat(GridbenchProcess.ignoresSigint(ignoring.pid())).isTrue();
      assertThat(GridbenchProcess.ignoresSigint(plain.pid())).isFalse();
    } finally {
      ignoring.destroyForcibly().waitFor();
      plain.destroyForcibly().waitFor();
    }
  }

  /** Starts {@code command} and waits until it has exec'd {@code sleep} (its disposition set). */
  private static Process sleepAfter(String... command) throws Exception {
    Process p = new ProcessBuilder(command).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!p.info().command().orElse("").endsWith("/sleep")) {
      assertThat(System.nanoTime()).as("%s exec'd sleep", command[0]).isLessThan(deadline);
      Thread.sleep(20);
    }
    return p;
  }
}
