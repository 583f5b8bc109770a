package org.netservof.node.container;

import java.util.Map;
import org.netservof.node.api.ModuleContext;
import org.netservof.node.api.NetServModule;
import org.netservof.node.api.Packet;
import org.netservof.node.api.Verdict;

/**
 * The module {@link ContainerTraining} loads from a JAR of its own bytes: it reads a packet's headers and answers
 * UDP packets the way the example modules do, so the container's side of that work is in the class archive.
 */
public final class TrainingModule implements NetServModule {
  private long seen;

  public TrainingModule() {}

  @Override
  public void start(ModuleContext context) {
    seen = Long.parseLong(context.properties().getOrDefault("start", "0"));
  }

  @Override
  public Verdict process(Packet packet, ModuleContext context) {
    seen++;
    if (!packet.isIpv4() || !packet.isUdp() || packet.destinationPort() == 0) {
      return Verdict.FORWARD;
    }
    Packet answer = Packet.copyOf(packet.data(), packet.length());
    answer.swapMacs();
    answer.swapIpAddresses();
    answer.swapPorts();
    answer.setUdpPayload(new byte[] {'o', 'k'});
    answer.fixIpChecksum();
    context.emit(answer);
    return Verdict.DROP;
  }

  @Override
  public Map<String, Object> report() {
    return Map.of("seen", seen);
  }
}
