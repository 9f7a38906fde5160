package io.gridbench.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server for one test: started on loopback with a temporary config and data
 * directory, scraping one target every second, stopped (and its directory removed) on close. The
 * binary comes from {@code $GRIDBENCH_PROMETHEUS}, {@code .ci/install-prometheus.sh}'s place or
 * {@code /usr/bin/prometheus}; without one the test is skipped with a message saying how to get it.
 */
public final class PrometheusServer implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private PrometheusServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** Starts Prometheus scraping {@code http://127.0.0.1:targetPort/metrics} and waits for ready. */
  public static PrometheusServer scraping(int targetPort) throws IOException, InterruptedException {
    String binary = binary();
    Path dir = Files.createTempDirectory("gridbench-prometheus");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(
        dir.resolve("prometheus.yml"),
        String.join(
            "\n",
            "global:",
            "  scrape_interval: 1s",
            "  evaluation_interval: 1s",
            "scrape_configs:",
            "  - job_name: gridbench-operator",
            "    static_configs:",
            "      - targets: ['127.0.0.1:" + targetPort + "']",
            ""));
    Process process =
        new ProcessBuilder(
                binary,
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    PrometheusServer server = new PrometheusServer(process, dir, port);
    Instant deadline = Instant.now().plusSeconds(30);
    while (!server.ready()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        String log = server.log();
        server.close();
        throw new IllegalStateException("prometheus did not become ready:\n" + log);
      }
      Thread.sleep(200);
    }
    return server;
  }

  /** The result vector of an instant query ({@code data.result}); fails on an API error. */
  public JsonNode query(String promql) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/v1/query?query="
                            + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = json.readTree(response.body());
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new AssertionError(
          "query failed (" + response.statusCode() + "): " + promql + "\n" + response.body());
    }
    return body.get("data").get("result");
  }

  public String log() throws IOException {
    Path log = dir.resolve("prometheus.log");
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private boolean ready() {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String binary() {
    String env = System.getenv("GRIDBENCH_PROMETHEUS");
    List<Path> candidates =
        Stream.of(
                env == null || env.isBlank() ? null : Path.of(env),
                Path.of(System.getProperty("user.home"), ".cache/gridbench/prometheus/prometheus"),
                Path.of("/usr/bin/prometheus"))
            .filter(p -> p != null && Files.isExecutable(p))
            .toList();
    if (candidates.isEmpty()) {
      String message = "SKIPPED: no prometheus binary; install it with .ci/install-prometheus.sh";
      System.err.println(message);
      Assumptions.abort(message);
    }
    return candidates.get(0).toString();
  }
}
