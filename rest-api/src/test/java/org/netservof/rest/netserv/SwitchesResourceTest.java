package org.netservof.rest.netserv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.cluster.MastershipListener;
import org.netservof.controller.api.cluster.MastershipService;
import org.netservof.controller.api.cluster.SwitchRole;
import org.netservof.controller.testing.FakeSwitch;
import org.netservof.controller.util.EventSource;
import org.netservof.rest.floodlight.SwitchResource;
import org.netservof.rest.server.RestServices;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.DatapathId;

/**
 * A cluster member's view of a switch another member masters: not among the switches it writes to, yet listed
 * with its role, the generation id and the master, and its Floodlight role answered.
 */
class SwitchesResourceTest {
  private final FakeSwitch sw = new FakeSwitch(1, OFVersion.OF_13, 2);
  private final SwitchRole slave = new SwitchRole(DatapathId.of(1), SwitchRole.Role.SLAVE, 7, Optional.of("b"));

  /** This member is SLAVE for the one switch connected to it: it writes to none. */
  private static final class SlaveView extends EventSource<SwitchListener> implements SwitchService {
    private final OFSwitch connected;

    SlaveView(OFSwitch connected) {
      this.connected = connected;
    }

    @Override
    public Collection<OFSwitch> switches() {
      return List.of();
    }

    @Override
    public Collection<OFSwitch> connectedSwitches() {
      return List.of(connected);
    }
  }

  /** The roles of a member, as its mastership would tell them. */
  private static final class Roles extends EventSource<MastershipListener> implements MastershipService {
    private final SwitchRole only;

    Roles(SwitchRole only) {
      this.only = only;
    }

    @Override
    public Optional<SwitchRole> role(DatapathId dpid) {
      return Optional.of(only).filter(r -> r.dpid().equals(dpid));
    }

    @Override
    public Collection<SwitchRole> roles() {
      return List.of(only);
    }
  }

  private final SwitchService slaveView = new SlaveView(sw);
  private final MastershipService mastership = new Roles(slave);

  @Test
  void aSwitchAnotherMemberMastersIsListedWithItsRoleGenerationAndMaster() {
    SwitchesResource resource = new SwitchesResource(slaveView, mastership);
    assertThat(resource.list()).containsExactly(new SwitchesResource.SwitchView("00:00:00:00:00:00:00:01",
        String.valueOf(sw.remoteAddress()), "OF_13", "SLAVE", 7, Optional.of("b")));
    assertThat(resource.get("00:00:00:00:00:00:00:01").role()).isEqualTo("SLAVE");
    assertThatThrownBy(() -> resource.get("00:00:00:00:00:00:00:02")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aloneASwitchIsEqualWithNoGeneration() {
    // A role service that knows nothing of the switch (as a controller without elections): EQUAL, generation 0.
    SwitchesResource resource = new SwitchesResource(slaveView, new Roles(new SwitchRole(DatapathId.of(99),
        SwitchRole.Role.MASTER, 1, Optional.empty())));
    assertThat(resource.list())
        .extracting(SwitchesResource.SwitchView::role, SwitchesResource.SwitchView::generationId).containsExactly(org.assertj.core.groups.Tuple.tuple("EQUAL", 0L));
  }

  @Test
  void floodlightsRoleEndpointAnswersForASwitchThisMemberDoesNotMaster() throws Exception {
    RestServices services = new RestServices(slaveView, null, null, null, null, null, null, Optional.empty(),
        Optional.empty(), Optional.empty(), null, Clock.systemUTC(), Instant.EPOCH);
    SwitchResource floodlight = new SwitchResource(services);
    assertThat(floodlight.stats("00:00:00:00:00:00:00:01", "role")).containsOnlyKeys("00:00:00:00:00:00:00:01");
    assertThat(floodlight.stats("all", "role")).containsOnlyKeys("00:00:00:00:00:00:00:01");
  }
}
