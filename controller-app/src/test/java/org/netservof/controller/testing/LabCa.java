package org.netservof.controller.testing;

import java.nio.file.Path;

/**
 * A lab CA made by the real {@code ./netserv ca} (openssl) in a test's directory: the CA, the controller's key and
 * certificate, and switch certificates by DPID. Nothing is kept in the repository.
 */
public final class LabCa {
  public final Path dir;

  public LabCa(Path dir) {
    this.dir = dir;
    run("init");
    run("controller");
  }

  /** Makes the key and certificate of the switch {@code dpid}; returns the certificate (the key is beside it). */
  public Path switchCert(long dpid) {
    run("switch", "--dpid", String.format("%016x", dpid));
    return switchFile(dpid, "pem");
  }

  public Path switchFile(long dpid, String ext) {
    return dir.resolve(String.format("switch-%016x.%s", dpid, ext));
  }

  public Path ca() {
    return dir.resolve("ca.pem");
  }

  /** The controller's {@code openflow-tls} section, in YAML flow style. */
  public String controllerTls() {
    return "{key: " + dir.resolve("controller.key") + ", cert: " + dir.resolve("controller.pem") + ", ca: " + ca()
        + "}";
  }

  /** {@code ./netserv ca COMMAND --dir DIR OPTIONS...}. */
  private void run(String command, String... options) {
    java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(root().resolve("netserv").toString(),
        "ca", command, "--dir", dir.toString()));
    line.addAll(java.util.List.of(options));
    Processes.run(line.toArray(String[]::new));
  }

  private static Path root() {
    String root = System.getProperty("netservof.root");
    if (root == null) {
      throw new IllegalStateException("system property netservof.root (the repository root) is not set");
    }
    return Path.of(root);
  }
}
