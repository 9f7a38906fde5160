package io.gridbench.operator.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Probe endpoints: {@code /readyz} once the operator started and its informers synced, {@code
 * /healthz} while every event source (informer) is healthy, so a wedged watch restarts the pod.
 */
public final class HealthEndpoints implements AutoCloseable {
  private final HttpServer server;

  private HealthEndpoints(HttpServer server) {
    this.server = server;
  }

  /** Serves the probes of {@code runtime} on {@code port} (0 picks a free one). */
  public static HealthEndpoints start(int port, RuntimeInfo runtime) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/readyz", ex -> answer(ex, runtime::isStarted));
    server.createContext(
        "/healthz",
        ex -> answer(ex, () -> runtime.isStarted() && runtime.allEventSourcesAreHealthy()));
    server.start();
    return new HealthEndpoints(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, BooleanSupplier ok) throws IOException {
    boolean healthy = ok.getAsBoolean();
    byte[] body = (healthy ? "ok\n" : "not ready\n").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
