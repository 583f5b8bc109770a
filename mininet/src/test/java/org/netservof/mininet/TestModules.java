package org.netservof.mininet;

import java.nio.file.Path;
import org.netservof.node.testing.ModuleJars;

/** Modules the Mininet tests build for themselves, the way a module author would. */
final class TestModules {
  private TestModules() {}

  /**
   * FlowRecorder: forwards everything, and reports per UDP destination port how many packets it saw and
   * from which sources (address:port), so a test can tell which flows went through which node.
   */
  static Path flowRecorder(Path dir) throws Exception {
    String source = """
        package org.netservof.it;

        import java.util.Map;
        import java.util.Set;
        import java.util.TreeMap;
        import java.util.concurrent.ConcurrentHashMap;
        import java.util.concurrent.atomic.AtomicLong;
        import org.netservof.node.api.ModuleContext;
        import org.netservof.node.api.NetServModule;
        import org.netservof.node.api.Packet;
        import org.netservof.node.api.Verdict;

        public class FlowRecorder implements NetServModule {
          private final Map<String, AtomicLong> packets = new ConcurrentHashMap<>();
          private final Map<String, Set<String>> sources = new ConcurrentHashMap<>();

          public Verdict process(Packet p, ModuleContext c) {
            if (p.isUdp()) {
              String key = "udp/" + p.destinationPort();
              packets.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
              sources.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                  .add(Packet.ipText(p.ipSource()) + ":" + p.sourcePort());
            }
            return Verdict.FORWARD;
          }

          public Map<String, Object> report() {
            Map<String, Long> counts = new TreeMap<>();
            packets.forEach((k, v) -> counts.put(k, v.get()));
            Map<String, Object> flows = new TreeMap<>();
            sources.forEach((k, v) -> flows.put(k, new java.util.TreeSet<>(v)));
            return Map.of("packets", counts, "sources", flows);
          }
        }
        """;
    return ModuleJars.build(dir, "org.netservof.it.FlowRecorder", source, "org.netservof.it.FlowRecorder");
  }
}
