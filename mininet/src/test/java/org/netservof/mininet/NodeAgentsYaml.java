package org.netservof.mininet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * The {@code node-agents} section of the controllers a test starts: every node host of the networks declared
 * so far, each with its own token file (written on first use) and pool "pool", weight 1, the switch port it is
 * plugged into, and a service address where the test gives one.
 */
final class NodeAgentsYaml {
  private final Path tokenDir;
  private final Map<String, String> serviceAddresses = new HashMap<>();
  private String yaml = "";

  NodeAgentsYaml(Path tokenDir) {
    this.tokenDir = tokenDir;
  }

  /** The section for the nodes declared so far; empty before any. */
  String yaml() {
    return yaml;
  }

  /** Declares {@code node} with a service address in the sections written from now on. */
  void serviceAddress(String node, String address) {
    serviceAddresses.put(node, address);
  }

  /** Declares every node host of {@code net}, in place of the nodes declared before. */
  void declare(MininetNetwork net) throws IOException {
    StringBuilder out = new StringBuilder("node-agents:\n");
    Iterator<Map.Entry<String, JsonNode>> hosts = net.description().get("hosts").fields();
    while (hosts.hasNext()) {
      Map.Entry<String, JsonNode> h = hosts.next();
      if (h.getKey().matches("n\\d+")) {
        out.append("  - {id: ").append(h.getKey()).append(", token-file: ").append(tokenFile(h.getKey()))
            .append(", pool: pool, dpid: \"").append(DatapathId.of(h.getValue().get("dpid").asLong()))
            .append("\", port: ").append(h.getValue().get("port").asInt()).append(", weight: 1")
            .append(serviceAddresses.containsKey(h.getKey()) ? ", service-address: "
                + serviceAddresses.get(h.getKey()) : "").append("}\n");
      }
    }
    yaml = out.toString();
  }

  /** The file holding a node's own token, written (random, mode 600) the first time it is asked for. */
  synchronized Path tokenFile(String node) throws IOException {
    Path file = tokenDir.resolve(node + ".token");
    if (!Files.exists(file)) {
      byte[] token = new byte[16];
      new SecureRandom().nextBytes(token);
      Files.writeString(file, HexFormat.of().formatHex(token) + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }
}
