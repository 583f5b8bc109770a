package org.netservof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionGateTest {
  private static Machine machine(double loadBefore, double foreignCores) {
    return new Machine(2, "cpu", "kernel", "java", "ovs", loadBefore, 0, foreignCores, null);
  }

  private static Report report(Machine m) {
    Report r = new Report("t", "ours", "peer", m);
    r.add("throughput", "1/s", 30, 100, true);      // 0.30: above a quarter
    r.add("slow throughput", "1/s", 20, 100, true); // 0.20: below a quarter
    r.add("latency", "us", 390, 100, false);        // 3.9: under four times
    r.add("slow latency", "us", 450, 100, false);   // 4.5: over four times
    r.add("signaling", "1/s", 2, 100, true);        // 0.02: below a quarter of its baseline of 0.11
    r.addAlone("memory", "MB", 60);
    return r;
  }

  @Test
  void flagsRatiosBeyondAFactorOfFourFromTheirBaseline() {
    RegressionGate gate = new RegressionGate(Map.of("signaling", 0.11));
    assertThat(gate.regressions(report(machine(0.1, 0.0))))
        .hasSize(3)
        .anySatisfy(s -> assertThat(s).startsWith("slow throughput"))
        .anySatisfy(s -> assertThat(s).startsWith("slow latency"))
        .anySatisfy(s -> assertThat(s).startsWith("signaling"));
  }

  @Test
  void aBaselineBelowOneRelaxesItsRow() {
    Report r = new Report("t", "ours", "peer", machine(0.1, 0.0));
    r.add("signaling", "1/s", 5, 100, true); // 0.05: over a quarter of 0.11
    assertThat(new RegressionGate(Map.of("signaling", 0.11)).regressions(r)).isEmpty();
    assertThat(new RegressionGate(Map.of()).regressions(r)).hasSize(1);
  }

  @Test
  void theLongestMatchingKeyWins() {
    Report r = new Report("t", "ours", "peer", machine(0.1, 0.0));
    r.add("node death, reactive", "ms", 1000, 10, false); // 100 times: only an ungated row may pass
    r.add("node death, proactive", "ms", 50, 10, false);  // 5 times, under 4 x 3
    RegressionGate gate = new RegressionGate(Map.of("node death", 3.0, "node death, reactive",
        Double.POSITIVE_INFINITY));
    assertThat(gate.regressions(r)).isEmpty();
  }

  @Test
  void saysNothingWhenTheMachineWasBusy() {
    RegressionGate gate = new RegressionGate(Map.of());
    assertThat(gate.regressions(report(machine(0.1, 0.6)))).as("foreign CPU during the run").isEmpty();
    assertThat(gate.regressions(report(machine(1.5, 0.0)))).as("a high load before, from the run's own "
        + "predecessors, does not count").hasSize(3);
  }
}
