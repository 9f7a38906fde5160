package io.gridbench.runner.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import io.gridbench.runner.fetch.ClusterResults;
import io.gridbench.runner.fetch.FetchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code gridbench fetch SWEEP}: a cluster sweep's results as the results JSON of a local run. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description =
        "Builds the results JSON of a sweep that ran on Kubernetes (its plan, status and results"
            + " ConfigMaps, read with your kube context), for report, compare and export.")
final class FetchCommand implements Callable<Integer> {

  @ParentCommand GridbenchCommand parent;

  @Parameters(index = "0", paramLabel = "SWEEP", description = "Name of the BenchmarkSweep.")
  String sweep;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace of the sweep; default: the kube context's.")
  String namespace;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig to use; default: $KUBECONFIG or ~/.kube/config.")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Kube context to use.")
  String context;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the results JSON here; default: stdout.")
  Path out;

  @Override
  public Integer call() {
    if (out != null && Files.isDirectory(out)) {
      parent.err.println("gridbench fetch: --out: " + out + " is a directory; give a file name.");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    Config config;
    try {
      config =
          kubeconfig == null
              ? Config.autoConfigure(context)
              : Config.fromKubeconfig(context, kubeconfig.toFile());
    } catch (RuntimeException e) {
      parent.err.println(
          "gridbench fetch: --kubeconfig: cannot use "
              + (kubeconfig == null ? "the kube context" : kubeconfig)
              + " ("
              + firstLine(e)
              + ").");
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    String ns =
        namespace != null
            ? namespace
            : config.getNamespace() != null ? config.getNamespace() : "default";
    SweepResults results;
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      results = new ClusterResults(client).fetch(ns, sweep);
    } catch (FetchException e) {
      parent.err.println("gridbench fetch: " + e.getMessage());
      return GridbenchCommand.EXIT_BAD_INPUT;
    } catch (KubernetesClientException e) {
      parent.err.println(
          "gridbench fetch: the API server at "
              + config.getMasterUrl()
              + " refused or failed: "
              + firstLine(e));
      return GridbenchCommand.EXIT_BAD_INPUT;
    }
    long cells = results.strategies().stream().mapToLong(s -> s.cells().size()).sum();
    if (out == null) {
      parent.out.println(ResultsJson.toJson(results));
    } else {
      try {
        ResultsJson.write(results, out);
      } catch (IOException e) {
        parent.err.println("gridbench fetch: --out: cannot write " + out + " (" + e + ").");
        return GridbenchCommand.EXIT_BAD_INPUT;
      }
    }
    parent.err.println(
        "gridbench fetch: "
            + ns
            + "/"
            + sweep
            + ": "
            + cells
            + " cells of "
            + results.strategies().size()
            + " strategies"
            + (results.partial() ? " (the sweep has not finished: partial results)" : "")
            + (out == null ? "" : ", written to " + out));
    List<StrategyResult> placed =
        results.strategies().stream().filter(s -> s.machine() != null).toList();
    if (placed.stream().anyMatch(s -> !s.machine().sameMachineAs(placed.get(0).machine()))) {
      parent.err.println(
          "gridbench fetch: warning: the strategies ran on different machines, so comparing them"
              + " compares the machines too: "
              + placed.stream()
                  .map(s -> s.name() + " on " + s.machine().describe())
                  .collect(Collectors.joining(", "))
              + ".");
    }
    return 0;
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
