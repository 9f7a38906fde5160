package io.gridbench.operator.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A reader of the Prometheus text exposition format (0.0.4) for tests: every sample line as name,
 * labels and value; comments are checked for shape. Strict on purpose: a malformed line fails.
 */
final class PrometheusText {

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {
    boolean has(String label, String value) {
      return value.equals(labels.get(label));
    }
  }

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  /** GETs {@code /metrics} on {@code port} of this host (text format) and parses it. */
  static PrometheusText scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .header("Accept", "text/plain; version=0.0.4")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /metrics answered " + response.statusCode());
    }
    return parse(response.body());
  }

  /** What {@code registry} would serve, written and parsed as text. */
  static PrometheusText of(PrometheusRegistry registry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return parse(out.toString(StandardCharsets.UTF_8));
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        if (!line.matches("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*")) {
          throw new IllegalArgumentException("bad comment line: " + line);
        }
        continue;
      }
      samples.add(sample(line));
    }
    return new PrometheusText(samples);
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new IllegalArgumentException("bad metric name in: " + line);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf("=\"", i);
        String label = line.substring(i, eq);
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    String[] rest = line.substring(i).trim().split(" ");
    return new Sample(name, labels, value(rest[0]));
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  List<Sample> samples(Predicate<Sample> filter) {
    return samples.stream().filter(filter).toList();
  }

  /** The one sample of {@code name} carrying all {@code labels} (name, value, name, value...). */
  Optional<Double> value(String name, String... labels) {
    List<Sample> found =
        samples(name).stream()
            .filter(
                s -> {
                  for (int k = 0; k < labels.length; k += 2) {
                    if (!s.has(labels[k], labels[k + 1])) {
                      return false;
                    }
                  }
                  return true;
                })
            .toList();
    if (found.size() > 1) {
      throw new AssertionError(found.size() + " samples of " + name + " match " + List.of(labels));
    }
    return found.stream().findFirst().map(Sample::value);
  }
}
