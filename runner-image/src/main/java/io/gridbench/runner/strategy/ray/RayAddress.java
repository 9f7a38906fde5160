package io.gridbench.runner.strategy.ray;

import io.gridbench.runner.strategy.StrategyException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/** The {@code HOST:PORT} of a Ray cluster's GCS, as given to {@code --ray-address}. */
public record RayAddress(String host, int port) {

  /** How long the GCS gets to accept a TCP connection before the address counts as unreachable. */
  public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  /** Parses {@code HOST:PORT}; an IPv6 host goes in brackets, as in {@code [::1]:6379}. */
  public static RayAddress parse(String text) throws StrategyException {
    String usage = "; give HOST:PORT of the Ray head's GCS, e.g. 10.0.0.5:6379.";
    int colon = text == null ? -1 : text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new StrategyException("'" + text + "' is not a Ray address" + usage);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new StrategyException("'" + text + "' has no numeric port" + usage);
    }
    if (host.isBlank() || port < 1 || port > 65535) {
      throw new StrategyException(
          "'" + text + "' is not a Ray address; the port must be 1 to 65535" + usage);
    }
    return new RayAddress(host, port);
  }

  /**
   * Checks that something accepts TCP connections at this address within {@code timeout}. Ray's
   * native code, given an address where nothing answers, retries for about a minute and then kills
   * the JVM; this check turns that into an exception within seconds.
   */
  public void probe(Duration timeout) throws StrategyException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
    } catch (UnknownHostException e) {
      throw new StrategyException("no Ray GCS at " + this + ": unknown host '" + host + "'.");
    } catch (SocketTimeoutException e) {
      throw new StrategyException(
          "no Ray GCS at " + this + ": no answer within " + timeout.toSeconds() + " s.");
    } catch (IOException e) {
      throw new StrategyException("no Ray GCS at " + this + ": " + e.getMessage() + ".");
    }
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
