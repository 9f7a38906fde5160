package io.gridbench.operator.testing;

import io.gridbench.runner.cli.GridbenchCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One {@code gridbench} command run in this JVM: its exit status and what it printed. */
public record GridbenchCli(int status, String out, String err) {

  public static GridbenchCli run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        GridbenchCommand.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new GridbenchCli(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code gridbench fetch sweep -n ns --kubeconfig <the test API server's> --out out}. */
  public static GridbenchCli fetch(String sweep, String ns, Path out) {
    return run(
        "fetch",
        sweep,
        "-n",
        ns,
        "--kubeconfig",
        TestApiServer.kubeconfigFile().toString(),
        "--out",
        out.toString());
  }
}
