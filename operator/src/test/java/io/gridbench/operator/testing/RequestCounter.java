package io.gridbench.operator.testing;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Counts the HTTP requests a Fabric8 client sends, as seen by an interceptor: what the API server
 * would see from that client. Watches are long-lived requests and counted like any other.
 */
public final class RequestCounter implements Interceptor {

  /** One request: its method and its path with the query. */
  public record Request(String method, String path) {
    public boolean isWrite() {
      return !method.equals("GET");
    }

    public boolean isWatch() {
      return path.contains("watch=true") || path.contains("watch=1");
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Integer> responseCodes = new CopyOnWriteArrayList<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String query = request.uri().getRawQuery();
    requests.add(
        new Request(
            request.method(), request.uri().getRawPath() + (query == null ? "" : "?" + query)));
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    responseCodes.add(response.code());
  }

  /** How many responses had status {@code code}. */
  public long responses(int code) {
    return responseCodes.stream().filter(c -> c == code).count();
  }

  /** A position to count from. */
  public int mark() {
    return requests.size();
  }

  /** Requests since {@code mark} matching {@code filter}. */
  public List<Request> since(int mark, Predicate<Request> filter) {
    return requests.subList(mark, requests.size()).stream().filter(filter).toList();
  }

  /** All requests so far matching {@code filter}. */
  public List<Request> all(Predicate<Request> filter) {
    return since(0, filter);
  }
}
