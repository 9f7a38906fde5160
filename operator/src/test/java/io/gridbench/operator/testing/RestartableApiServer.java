package io.gridbench.operator.testing;

import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubeapitest.cert.CertManager;
import io.fabric8.kubeapitest.kubeconfig.KubeConfig;
import io.fabric8.kubeapitest.process.EtcdProcess;
import io.fabric8.kubeapitest.process.KubeAPIServerProcess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Its own etcd and kube-apiserver (not the shared {@link TestApiServer}), whose API server can be
 * stopped and started again on the same etcd. kube-api-test's {@code KubeAPIServer} stops both
 * together, so this composes its public process classes instead. A restarted kube-apiserver gets a
 * new port; clients talk to a TCP forwarder on a fixed port, which refuses connections while the
 * server is down, as a restarting API server behind a Service does.
 */
public final class RestartableApiServer implements AutoCloseable {
  private final EtcdProcess etcd;
  private final KubeAPIServerProcess apiServer;
  private final Forwarder forwarder;
  private final String kubeconfig;
  private final int etcdPort;

  private RestartableApiServer() throws IOException {
    KubeAPIServerConfig config =
        KubeAPIServerConfigBuilder.anAPIServerConfig()
            .withOfflineMode(true)
            .withApiServerVersion(TestApiServer.VERSION)
            .withUpdateKubeConfig(false)
            .build();
    BinaryManager binaries = new BinaryManager(config);
    binaries.initAndDownloadIfRequired();
    CertManager certs = new CertManager(config.getKubeAPITestDir());
    certs.createCertificatesIfNeeded();
    etcd = new EtcdProcess(binaries, p -> {}, true, config.getStartupTimeout());
    apiServer = new KubeAPIServerProcess(certs, binaries, p -> {}, config);
    etcdPort = etcd.startEtcd();
    forwarder = new Forwarder();
    startApiServer();
    kubeconfig = new KubeConfig(certs, binaries).generateKubeConfigYaml(forwarder.port());
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "restartable-api-server-stop"));
  }

  /** Starts etcd and the API server with the CRD installed; skips the test without binaries. */
  public static RestartableApiServer start() throws IOException {
    TestApiServer.requireBinaries();
    RestartableApiServer server = new RestartableApiServer();
    try (KubernetesClient admin = server.client()) {
      TestApiServer.installCrd(admin);
    }
    return server;
  }

  /** A new client, through the forwarder. */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }

  /** Stops the kube-apiserver process; etcd and its data stay. Open connections are cut. */
  public void stopApiServer() {
    forwarder.target(-1);
    apiServer.stopApiServer();
  }

  /** Starts a new kube-apiserver process on the same etcd and waits until it serves. */
  public void startApiServer() {
    int port = apiServer.startApiServer(etcdPort);
    apiServer.waitUntilReady();
    forwarder.target(port);
  }

  @Override
  public synchronized void close() {
    forwarder.close();
    apiServer.stopApiServer();
    etcd.stopEtcd();
    etcd.cleanEtcdData();
  }

  /** Forwards TCP connections from a fixed local port to the current API server port. */
  private static final class Forwarder {
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int target = -1;

    Forwarder() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(this::acceptLoop, "api-forwarder");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    /** Sends new connections to {@code port}; -1 refuses them. Cuts every open connection. */
    void target(int port) {
      target = port;
      for (Socket s : open) {
        closeQuietly(s);
      }
      open.clear();
    }

    void close() {
      target(-1);
      closeQuietly(server);
    }

    private void acceptLoop() {
      while (!server.isClosed()) {
        Socket in;
        try {
          in = server.accept();
        } catch (IOException e) {
          return; // closed
        }
        int port = target;
        if (port < 0) {
          closeQuietly(in);
          continue;
        }
        try {
          Socket out = new Socket(InetAddress.getLoopbackAddress(), port);
          open.add(in);
          open.add(out);
          pipe(in, out);
          pipe(out, in);
        } catch (IOException e) {
          closeQuietly(in);
        }
      }
    }

    private void pipe(Socket from, Socket to) {
      Thread t =
          new Thread(
              () -> {
                byte[] buf = new byte[16384];
                try (InputStream i = from.getInputStream();
                    OutputStream o = to.getOutputStream()) {
                  for (int n; (n = i.read(buf)) >= 0; ) {
                    o.write(buf, 0, n);
                    o.flush();
                  }
                } catch (IOException e) {
                  // one side went away: close both
                } finally {
                  closeQuietly(from);
                  closeQuietly(to);
                  open.remove(from);
                  open.remove(to);
                }
              },
              "api-forwarder-pipe");
      t.setDaemon(true);
      t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // nothing to do: it is going away
      }
    }
  }
}
