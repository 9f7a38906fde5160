package io.gridbench.api.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gridbench.api.results.CellKey;
import io.gridbench.api.results.CellResult;
import io.gridbench.api.results.DriftReport;
import io.gridbench.api.results.MachineInfo;
import io.gridbench.api.results.ResultsJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layout of the ConfigMaps a worker writes its results into, shared by the worker (writer) and
 * the operator (reader). One entry per measured cell, holding its samples, statistics and checksum.
 * A strategy whose cells outgrow one ConfigMap continues in shards named by {@link
 * ChildNames#resultsConfigMap}.
 */
public final class ResultsConfigMaps {

  /**
   * Bytes of cell entries one ConfigMap takes before the next shard starts: well below the API
   * server's 1 MiB object limit, leaving room for metadata and managed fields.
   */
  public static final int SHARD_BUDGET_BYTES = 512 * 1024;

  /**
   * Shards one strategy may use (32 MiB of results). The operator creates every shard, the next one
   * as soon as the last one holds a cell, and grants the worker nothing but these names: Kubernetes
   * RBAC cannot restrict {@code create} to names, so workers create nothing.
   */
  public static final int MAX_SHARDS = 64;

  private static final ObjectWriter WRITER =
      ResultsJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectReader READER = ResultsJson.mapper().readerFor(CellResult.class);

  private ResultsConfigMaps() {}

  /** The key of the plan inside the plan ConfigMap. */
  public static final String PLAN_KEY = "plan.json";

  /**
   * The key, in a strategy's first results ConfigMap, of its worker's drift canary report. Cell
   * keys start with {@code c}, so this one never collides with a cell.
   */
  public static final String DRIFT_KEY = "drift.json";

  private static final ObjectReader DRIFT_READER =
      ResultsJson.mapper().readerFor(DriftReport.class);

  /**
   * The key, in a strategy's first results ConfigMap, of the machine its worker ran on (node, CPU
   * model, cores, memory, kernel, JVM), replaced by each attempt: the last attempt's machine.
   */
  public static final String MACHINE_KEY = "machine.json";

  private static final ObjectReader MACHINE_READER =
      ResultsJson.mapper().readerFor(MachineInfo.class);

  /** The worker's machine as one compact JSON line. */
  public static String encodeMachine(MachineInfo machine) {
    try {
      return WRITER.writeValueAsString(machine);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a machine info is not serializable", e);
    }
  }

  /** Parses the machine entry; {@code where} names it in the message of a failure. */
  public static MachineInfo decodeMachine(String where, String json) throws PlanException {
    try {
      MachineInfo machine = MACHINE_READER.readValue(json);
      if (machine == null) {
        throw new PlanException(where + ": the entry is empty");
      }
      return machine;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new PlanException(where + ": the entry is not a machine (" + e.getMessage() + ")");
    }
  }

  /** Whether {@code key} holds a cell (not the drift report or the machine). */
  public static boolean isCellKey(String key) {
    return !DRIFT_KEY.equals(key) && !MACHINE_KEY.equals(key);
  }

  /** The drift canary report as one compact JSON line. */
  public static String encodeDrift(DriftReport drift) {
    try {
      return WRITER.writeValueAsString(drift);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a drift report is not serializable", e);
    }
  }

  /** Parses the drift entry; {@code where} names it in the message of a failure. */
  public static DriftReport decodeDrift(String where, String json) throws PlanException {
    try {
      DriftReport drift = DRIFT_READER.readValue(json);
      if (drift == null || drift.points() == null) {
        throw new PlanException(where + ": the entry has no canary points");
      }
      return drift;
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new PlanException(where + ": the entry is not a drift report (" + e.getMessage() + ")");
    }
  }

  /**
   * The data key of a cell: {@code c<compute>.p<payloadBytes>[.w<workers>].t<tasks>}, the workers
   * part only on a workers axis; valid as a ConfigMap key.
   */
  public static String key(CellKey cell) {
    return "c"
        + cell.compute()
        + ".p"
        + cell.payloadBytes()
        + (cell.hasWorkers() ? ".w" + cell.workers() : "")
        + ".t"
        + cell.tasks();
  }

  /** A cell as one compact JSON line. */
  public static String encode(CellResult cell) {
    try {
      return WRITER.writeValueAsString(cell);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a cell result is not serializable", e);
    }
  }

  /** Parses one entry; {@code where} names it in the message of a failure. */
  public static CellResult decode(String where, String json) throws PlanException {
    try {
      CellResult cell = READER.readValue(json);
      if (cell == null || cell.stats() == null || cell.samplesSeconds().isEmpty()) {
        throw new PlanException(where + ": the entry has no samples");
      }
      return cell;
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new PlanException(where + ": the entry is not a cell result (" + e.getMessage() + ")");
    }
  }

  /** Every cell of one ConfigMap's data, in key order. */
  public static List<CellResult> decodeAll(String configMap, Map<String, String> data)
      throws PlanException {
    List<CellResult> cells = new ArrayList<>();
    if (data == null) {
      return cells;
    }
    for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
      if (!isCellKey(e.getKey())) {
        continue;
      }
      cells.add(decode("ConfigMap " + configMap + " key " + e.getKey(), e.getValue()));
    }
    return cells;
  }

  /** Bytes an entry takes in a ConfigMap's data. */
  public static int entryBytes(String key, String value) {
    return key.length() + value.getBytes(StandardCharsets.UTF_8).length + 8;
  }
}
