package io.gridbench.operator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The chart's Grafana dashboard, read as JSON: its panels' queries and its variables' queries. */
final class Dashboard {

  static final Path FILE = Path.of("..", "helm", "gridbench", "dashboards", "gridbench.json");

  /** One PromQL expression and where it comes from (panel title and refId, or variable name). */
  record Query(String where, String expr) {}

  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "by",
          "on",
          "without",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "sum",
          "max",
          "min",
          "count",
          "avg",
          "quantile",
          "rate",
          "increase",
          "histogram_quantile",
          "sort_desc",
          "vector",
          "label_values");

  final JsonNode json;

  private Dashboard(JsonNode json) {
    this.json = json;
  }

  static Dashboard load() throws IOException {
    return new Dashboard(new ObjectMapper().readTree(FILE.toFile()));
  }

  List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    json.get("panels").forEach(panels::add);
    return panels;
  }

  /** Every panel target's expression and every query variable's query. */
  List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels()) {
      JsonNode targets = panel.get("targets");
      if (targets != null) {
        for (JsonNode t : targets) {
          queries.add(
              new Query(
                  panel.get("title").asText() + "/" + t.get("refId").asText(),
                  t.get("expr").asText()));
        }
      }
    }
    for (JsonNode v : json.get("templating").get("list")) {
      if ("query".equals(v.get("type").asText())) {
        queries.add(
            new Query("variable " + v.get("name").asText(), v.get("query").get("query").asText()));
      }
    }
    return queries;
  }

  /**
   * The metric names an expression refers to: what is left after removing strings, label matchers,
   * ranges, label lists of by/on/group_*, the label argument of label_values, numbers and PromQL's
   * own words. An unknown word therefore shows up as a metric name, which the test then rejects.
   */
  static Set<String> metricNames(String expr) {
    String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    s = s.replaceAll("\\{[^}]*}", " ");
    s = s.replaceAll("\\[[^]]*]", " ");
    s = s.replaceAll("(by|on|without|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "$1 ");
    s = s.replaceAll("label_values\\(([^,]+),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)", "($1)");
    Set<String> names = new LinkedHashSet<>();
    Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(s);
    while (m.find()) {
      if (!PROMQL_WORDS.contains(m.group())) {
        names.add(m.group());
      }
    }
    return names;
  }

  /**
   * The label a Grafana {@code label_values(selector, label)} variable lists, or null for plain
   * PromQL. That function is Grafana's, not PromQL's: Prometheus evaluates only its selector.
   */
  static String labelValuesLabel(String expr) {
    Matcher m = LABEL_VALUES.matcher(expr.strip());
    return m.matches() ? m.group(2) : null;
  }

  /** The PromQL Prometheus evaluates for {@code expr}: a label_values variable's selector. */
  static String promql(String expr) {
    Matcher m = LABEL_VALUES.matcher(expr.strip());
    return m.matches() ? m.group(1) : expr;
  }

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

  /** {@code expr} with the dashboard's variables set as Grafana would for one repeated panel. */
  static String substitute(String expr, String namespace, String sweep, String strategy) {
    return expr.replace("$namespace", namespace)
        .replace("$sweep", sweep)
        .replace("$strategy", strategy);
  }
}
