package io.gridbench.operator.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * One real kube-apiserver + etcd for the whole test JVM (started on first use, about 4 s), with the
 * committed CRD installed. Runs kube-api-test in offline mode against the binaries that {@code
 * .ci/install-test-apiserver.sh} installs; without them, tests are skipped with a message saying
 * so. A shutdown hook stops etcd and the API server and removes etcd's data directory, so an
 * interrupted run leaves nothing behind (only SIGKILL can).
 */
public final class TestApiServer {

  static final String VERSION = System.getProperty("kube-api-test.version", "1.20.2");
  static final Path CRD = Path.of("..", "crds", "benchmarksweeps.gridbench.io-v1.yml");

  /** KubeRay's CRD as ../shared adapted it for 1.20; {@code GRIDBENCH_SHARED} moves shared/. */
  static final Path RAY_CLUSTER_CRD =
      Path.of(System.getenv().getOrDefault("GRIDBENCH_SHARED", "../../shared"))
          .resolve("k8s/crds/rayclusters.ray.io.yaml");

  private static String kubeconfig;
  private static RuntimeException broken;

  private TestApiServer() {}

  /** A new client of the shared API server; skips the calling test when the binaries are absent. */
  public static synchronized KubernetesClient client() {
    Path binaries = requireBinaries();
    if (broken != null) {
      throw broken;
    }
    if (kubeconfig == null) {
      KubeAPIServer server =
          new KubeAPIServer(
              KubeAPIServerConfigBuilder.anAPIServerConfig()
                  .withOfflineMode(true)
                  .withApiServerVersion(VERSION)
                  .build());
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "kube-api-test-stop"));
      server.start();
      String yaml = server.getKubeConfigYaml();
      try (KubernetesClient admin = newClient(yaml)) {
        installCrd(admin);
        preflight(admin, binaries);
      } catch (RuntimeException e) {
        // Fail every later test at once rather than restarting a server that cannot work.
        broken = e;
        server.stop();
        throw e;
      }
      kubeconfig = yaml;
    }
    return newClient(kubeconfig);
  }

  /**
   * The binaries' directory; aborts (skips) the calling test with a message when they are absent.
   */
  static Path requireBinaries() {
    Path binaries = binaryDir();
    if (!Files.isExecutable(binaries.resolve("kube-apiserver"))
        || !Files.isExecutable(binaries.resolve("etcd"))) {
      String message =
          "SKIPPED: integration tests need kube-apiserver and etcd "
              + VERSION
              + " in "
              + binaries
              + "; install them with bash .ci/install-test-apiserver.sh (as root; about 5-8"
              + " minutes the first time), then run ./mvnw verify again.";
      System.err.println(message);
      Assumptions.abort(message);
    }
    return binaries;
  }

  /**
   * The shared API server's admin kubeconfig as a file, for command-line clients such as kubectl;
   * deleted when the test JVM exits.
   */
  public static synchronized Path kubeconfigFile() {
    client().close();
    try {
      Path file = Files.createTempFile("gridbench-it-kubeconfig", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, kubeconfig);
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A new client of the shared API server whose requests {@code counter} sees. */
  public static synchronized KubernetesClient countingClient(RequestCounter counter) {
    client().close();
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(kubeconfig))
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", counter))
        .build();
  }

  /** A counting client acting as service account {@code namespace/name}. */
  public static synchronized KubernetesClient countingClientAs(
      String namespace, String name, RequestCounter counter) {
    client().close();
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(Config.fromKubeconfig(kubeconfig))
                .withImpersonateUsername("system:serviceaccount:" + namespace + ":" + name)
                .build())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", counter))
        .build();
  }

  /** A client of the shared API server acting as service account {@code namespace/name}. */
  public static synchronized KubernetesClient clientAs(String namespace, String name) {
    client().close();
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(Config.fromKubeconfig(kubeconfig))
                .withImpersonateUsername("system:serviceaccount:" + namespace + ":" + name)
                .build())
        .build();
  }

  /**
   * A client that authenticates with nothing but {@code token} (no client certificate), as a pod
   * does with its ServiceAccount token: the API server's token authenticator and RBAC decide.
   */
  public static synchronized KubernetesClient clientWithToken(String token) {
    client().close();
    Config admin = Config.fromKubeconfig(kubeconfig);
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(admin)
                .withClientCertData(null)
                .withClientCertFile(null)
                .withClientKeyData(null)
                .withClientKeyFile(null)
                .withOauthToken(token)
                .withRequestRetryBackoffLimit(0)
                .build())
        .build();
  }

  /** Creates namespace {@code name}; a bare API server never deletes one, so names are unique. */
  public static void createNamespace(KubernetesClient client, String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /**
   * Creates one sweep. A kube-apiserver 1.20 built with Go >= 1.18 but without the reflect2 fix
   * dies on the first custom resource; say so here instead of in every test.
   */
  private static void preflight(KubernetesClient client, Path binaries) {
    String ns = "gridbench-preflight";
    try {
      createNamespace(client, ns);
      client.resource(Sweeps.sweep("preflight", ns, Sweeps.single("a"))).create();
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(
          "the kube-apiserver in "
              + binaries
              + " fails on custom resources (it crashes with 'fatal error: fault' in"
              + " reflect2.UnsafeIterate when built with Go >= 1.18 without the reflect2 1.0.2"
              + " change). Rebuild it with that change applied: bash .ci/install-test-apiserver.sh.",
          e);
    }
  }

  private static KubernetesClient newClient(String yaml) {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
  }

  private static Path binaryDir() {
    String dir = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
    Path root =
        dir != null
            ? Path.of(dir)
            : Path.of(System.getProperty("user.home"), KubeAPIServerConfigBuilder.DIRECTORY_NAME);
    return root.resolve("k8s").resolve(VERSION + "-linux-amd64");
  }

  /** Installs the committed CRD and waits until it is Established. */
  static void installCrd(KubernetesClient client) {
    CustomResourceDefinition crd;
    try (InputStream in = Files.newInputStream(CRD)) {
      crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + CRD, e);
    }
    client.resource(crd).serverSideApply();
    // Conditions are null at first; the CRD serves only once Established.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(50, TimeUnit.MILLISECONDS)
        .until(
            () -> {
              CustomResourceDefinition c =
                  client
                      .apiextensions()
                      .v1()
                      .customResourceDefinitions()
                      .withName(crd.getMetadata().getName())
                      .get();
              return c.getStatus() != null
                  && c.getStatus().getConditions() != null
                  && c.getStatus().getConditions().stream()
                      .anyMatch(
                          x -> "Established".equals(x.getType()) && "True".equals(x.getStatus()));
            });
  }

  /**
   * Installs KubeRay's RayCluster CRD unless present, and waits until it serves. Created, not
   * applied: at about 470 KB it exceeds the annotation limit of client-side apply.
   */
  public static void installRayClusterCrd(KubernetesClient client) {
    if (client.supports("ray.io/v1", "RayCluster")) {
      return;
    }
    Path file = Path.of(System.getProperty("gridbench.rayClusterCrd", RAY_CLUSTER_CRD.toString()));
    CustomResourceDefinition crd;
    try (InputStream in = Files.newInputStream(file)) {
      crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read KubeRay's CRD at " + file, e);
    }
    if (client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.getMetadata().getName())
            .get()
        == null) {
      client.resource(crd).create();
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(100, TimeUnit.MILLISECONDS)
        .until(() -> client.supports("ray.io/v1", "RayCluster"));
  }

  /** Removes KubeRay's RayCluster CRD and waits until discovery no longer lists the kind. */
  public static void removeRayClusterCrd(KubernetesClient client) {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("rayclusters.ray.io")
        .withTimeout(60, TimeUnit.SECONDS)
        .delete();
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(100, TimeUnit.MILLISECONDS)
        .until(() -> !client.supports("ray.io/v1", "RayCluster"));
  }
}
