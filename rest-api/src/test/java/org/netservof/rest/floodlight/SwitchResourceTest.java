package org.netservof.rest.floodlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.testing.FakeSwitchService;
import org.netservof.rest.server.RestServices;
import org.projectfloodlight.openflow.protocol.OFVersion;

/** Routing of ids and types, and the {@code all} fan-out, with fake switches (which answer no requests). */
class SwitchResourceTest {
  private final FakeSwitchService switches = new FakeSwitchService()
      .add(new FakeSwitch(1, OFVersion.OF_13, 2)).add(new FakeSwitch(2, OFVersion.OF_10, 2));
  private final SwitchResource resource = new SwitchResource(new RestServices(switches, null, null, null, null, null,
      null, Optional.empty(), Optional.empty(), Optional.empty(), null, Clock.systemUTC(), Instant.EPOCH));

  @Test
  void aMalformedDpidIsABadRequestAndAnUnknownOneIsNotFound() {
    assertThatThrownBy(() -> resource.stats("zz", "flow")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid switch DPID 'zz'");
    assertThatThrownBy(() -> resource.stats("00:00:00:00:00:00:00:09", "desc"))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("00:00:00:00:00:00:00:09 is not connected");
    assertThatThrownBy(() -> resource.stats("00:00:00:00:00:00:00:01", "meter"))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("unknown statistics type 'meter'");
  }

  @Test
  void groupsOnOpenFlow10AreRefusedForOneSwitchAndLeftOutOfAll() throws Exception {
    assertThatThrownBy(() -> resource.stats("00:00:00:00:00:00:00:02", "group"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OpenFlow 1.0");
    assertThat(resource.stats("all", "desc")).containsOnlyKeys("00:00:00:00:00:00:00:01", "00:00:00:00:00:00:00:02");
  }

  @Test
  void handshakeFactsAnswerWithoutAskingTheSwitch() throws Exception {
    assertThat(resource.stats("00:00:00:00:00:00:00:01", "desc")).isEqualTo(Map.of("desc", Map.of(
        "version", "OF_13", "manufacturer_description", "Nicira, Inc.", "hardware_description", "Open vSwitch",
        "software_description", "3.1.0", "serial_number", "None", "datapath_description", "fake")));
    assertThat(resource.stats("00:00:00:00:00:00:00:01", "role")).isEqualTo(Map.of("00:00:00:00:00:00:00:01", "EQUAL"));
    assertThat(resource.stats("all", "role")).isEqualTo(Map.of("00:00:00:00:00:00:00:01", "EQUAL",
        "00:00:00:00:00:00:00:02", "EQUAL"));
    assertThat(resource.stats("00:00:00:00:00:00:00:02", "port-desc")).containsEntry("version", "OF_10");
  }

  @Test
  void aSwitchThatFailsIsLeftOutOfAllAndFailsItsOwnRequest() {
    assertThat(statsAllFlow()).isEmpty();
    assertThatThrownBy(() -> resource.stats("00:00:00:00:00:00:00:01", "flow"))
        .hasRootCauseInstanceOf(UnsupportedOperationException.class);
  }

  private Map<String, Object> statsAllFlow() {
    try {
      return resource.stats("all", "flow");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
