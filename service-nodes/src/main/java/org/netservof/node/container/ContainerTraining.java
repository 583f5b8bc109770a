package org.netservof.node.container;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.netservof.node.api.Packet;
import org.netservof.protocol.node.ContainerMessage;
import org.netservof.protocol.node.Json;

/**
 * A container's work without a node: run once by the node agent in a container JVM under
 * {@code -XX:ArchiveClassesAtExit}, so that the class archive containers start from holds what a container
 * loads. It parses a container's command line, loads a module from a JAR (of {@link TrainingModule}'s bytes)
 * through the same commands the agent sends, runs it on frames, asks for statistics and unloads it, and loads
 * the native bindings. It opens no socket and writes only in {@code java.io.tmpdir}; its answers go to stdout.
 */
public final class ContainerTraining {
  private static final String MODULE = "training_1.0";
  private static final int FRAMES = 2000;

  private ContainerTraining() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("training");
    ContainerMain container = new ContainerMain(ContainerOptions.parse("--interface", "training0", "--vlan", "1",
        "--user", "training", "--work", dir.toString(), "--packet-socket-on-stdin", "--mac", "02:00:00:00:00:01"));
    Path jar = dir.resolve("training.jar");
    Files.write(jar, moduleJar());
    Dispatcher dispatcher = container.dispatcher();
    ModuleLoader loader = new ModuleLoader(ContainerTraining.class.getClassLoader());
    container.control(lines(new ContainerMessage.Load(MODULE, jar.toString(), ModuleLoader.sha256(
        Files.readAllBytes(jar)), Map.of("start", "0")), new ContainerMessage.StatsRequest()), dispatcher, loader);
    byte[] frame = udpFrame();
    List<Packet> out = new ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      out.clear();
      dispatcher.dispatch(Packet.wrap(frame.clone(), frame.length), out);
    }
    container.control(lines(new ContainerMessage.StatsRequest(), new ContainerMessage.Unload(MODULE)), dispatcher,
        loader);
    for (String io : List.of("PacketRing", "FdPassing", "Capabilities", "LibC", "Bpf")) {
      Class.forName("org.netservof.node.io." + io, true, ContainerTraining.class.getClassLoader());
    }
    System.getLogger(ContainerTraining.class.getName()).log(System.Logger.Level.INFO, "trained on {0} frames",
        String.valueOf(FRAMES));
  }

  private static InputStream lines(ContainerMessage... messages) {
    StringBuilder text = new StringBuilder();
    for (ContainerMessage m : messages) {
      text.append(Json.line(m)).append('\n');
    }
    return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A module JAR as an author builds one: the class, and a manifest naming it. */
  static byte[] moduleJar() throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue(ModuleLoader.MODULE_ATTRIBUTE, TrainingModule.class.getName());
    String entry = TrainingModule.class.getName().replace('.', '/') + ".class";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(bytes, manifest);
        InputStream in = ContainerTraining.class.getClassLoader().getResourceAsStream(entry)) {
      if (in == null) {
        throw new IOException("no " + entry + " on the class path");
      }
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return bytes.toByteArray();
  }

  /** A UDP frame from 10.0.0.2:5062 to 10.0.0.1:5060 with a small payload. */
  static byte[] udpFrame() {
    byte[] f = new byte[14 + 20 + 8 + 32];
    f[0] = 2;
    f[6] = 2;
    f[11] = 1;
    f[12] = 0x08;
    f[14] = 0x45;
    f[16] = 0;
    f[17] = (byte) (20 + 8 + 32);
    f[22] = 64;
    f[23] = 17;
    byte[] addresses = {10, 0, 0, 2, 10, 0, 0, 1};
    System.arraycopy(addresses, 0, f, 26, 8);
    f[34] = (byte) (5062 >> 8);
    f[35] = (byte) 5062;
    f[36] = (byte) (5060 >> 8);
    f[37] = (byte) 5060;
    f[39] = 8 + 32;
    return f;
  }
}
