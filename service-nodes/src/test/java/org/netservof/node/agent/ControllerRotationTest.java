package org.netservof.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --controller A,B,C}: the members in order, the next one at once when one goes, backoff after a round. */
class ControllerRotationTest {

  @Test
  void oneControllerStaysTheSingleValueItWas() {
    assertThat(ControllerRotation.parse("10.0.9.254:6700")).containsExactly(
        InetSocketAddress.createUnresolved("10.0.9.254", 6700));
  }

  @Test
  void severalControllersAreTriedInOrderAndBackoffComesOnlyAfterAWholeRound() {
    ControllerRotation r = new ControllerRotation(ControllerRotation.parse("a:1, b:2,[::1]:3"));
    List<String> tried = new ArrayList<>();
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      tried.add(r.current().getHostString());
      waits.add(r.failed());
    }
    assertThat(tried).containsExactly("a", "b", "::1", "a", "b", "::1", "a");
    assertThat(waits).containsExactly(200L, 200L, 500L, 200L, 200L, 1000L, 200L);
  }

  @Test
  void aRegistrationStartsAFreshRound() {
    ControllerRotation r = new ControllerRotation(ControllerRotation.parse("a:1,b:2"));
    r.failed();
    r.failed();
    r.registered(); // with a, after a round that backed off
    assertThat(r.current().getHostString()).isEqualTo("a");
    assertThat(r.failed()).as("a went: b at once").isEqualTo(200L);
    assertThat(r.failed()).as("b failed too: the first backoff again").isEqualTo(500L);
  }

  @Test
  void anEntryThatIsNotHostPortIsRefusedByName() {
    assertThatThrownBy(() -> ControllerRotation.parse("a:1,b")).hasMessage(
        "--controller entry 'b' is not HOST:PORT (a node-listen address)");
    assertThatThrownBy(() -> ControllerRotation.parse("a:99999")).hasMessageContaining("'a:99999'");
  }
}
