package io.gridbench.runner.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.ResultsJson;
import io.gridbench.api.results.StrategyResult;
import io.gridbench.api.results.SweepResults;
import java.util.Arrays;
import java.util.Locale;

/**
 * A results document in the shape of JMH's JSON result ({@code -rf json}), so tools that chart JMH
 * results (CI benchmark trackers, JMH visualizers) chart gridbench cells: one benchmark per
 * (strategy, cell), named {@code gridbench.<sweep>.<strategy>} with the cell as params, in
 * single-shot mode ({@code ss}, seconds per cell). The score is the cell's median, its confidence
 * the median's distribution-free interval and its error that interval's half-width (JMH's own are
 * the mean's 99.9% interval); the raw data are the samples.
 */
final class JmhResultsJson {
  private static final double[] PERCENTILES = {
    0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0
  };

  private JmhResultsJson() {}

  static String of(SweepResults results, String gridbenchVersion) {
    ArrayNode root = ResultsJson.mapper().createArrayNode();
    MachineInfo machine = results.machine();
    for (StrategyResult s : results.strategies()) {
      for (CellResult c : s.cells()) {
        ObjectNode b = root.addObject();
        b.put("jmhVersion", gridbenchVersion);
        b.put("benchmark", "gridbench." + results.sweep() + "." + s.name());
        b.put("mode", "ss");
        b.put("threads", s.workers());
        b.put("forks", 1);
        b.put("jvm", machine == null ? null : machine.jvmName());
        b.putArray("jvmArgs");
        b.put("jdkVersion", machine == null ? null : machine.javaVersion());
        b.put("vmName", machine == null ? null : machine.jvmName());
        b.put("vmVersion", machine == null ? null : machine.javaVersion());
        b.put("warmupIterations", results.spec() == null ? 0 : results.spec().effectiveWarmup());
        b.put("warmupTime", "single-shot");
        b.put("warmupBatchSize", 1);
        b.put("measurementIterations", c.stats().n());
        b.put("measurementTime", "single-shot");
        b.put("measurementBatchSize", 1);
        ObjectNode params = b.putObject("params");
        params.put("strategyType", String.valueOf(s.type()));
        params.put("compute", Long.toString(c.compute()));
        params.put("payloadBytes", Long.toString(c.payloadBytes()));
        params.put("tasks", Integer.toString(c.tasks()));
        ObjectNode metric = b.putObject("primaryMetric");
        metric.put("score", c.stats().median());
        metric.put("scoreError", (c.stats().ciHigh() - c.stats().ciLow()) / 2);
        metric.putArray("scoreConfidence").add(c.stats().ciLow()).add(c.stats().ciHigh());
        double[] sorted = c.samplesSeconds().stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        ObjectNode percentiles = metric.putObject("scorePercentiles");
        for (double p : PERCENTILES) {
          percentiles.put(String.format(Locale.ROOT, "%s", p), percentile(sorted, p));
        }
        metric.put("scoreUnit", "s/op");
        ArrayNode fork = metric.putArray("rawData").addArray();
        c.samplesSeconds().forEach(fork::add);
        b.putObject("secondaryMetrics");
      }
    }
    return ResultsJson.toJson(root);
  }

  /** The {@code p}-th percentile (0 to 100) by linear interpolation between order statistics. */
  static double percentile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p / 100;
    int lo = (int) Math.floor(h);
    int hi = (int) Math.ceil(h);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
