package org.netservof.controller.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;

class RecentWritesTest {
  private final OFFactory f = OFFactories.getFactory(OFVersion.OF_13);

  private OFMessage echo(long xid) {
    return f.buildEchoRequest().setXid(xid).build();
  }

  @Test
  void findsWhatIsInTheWindowAndForgetsWhatLeftIt() {
    RecentWrites w = new RecentWrites(3);
    for (long xid = 1; xid <= 5; xid++) {
      w.remember(echo(xid));
    }
    assertThat(w.find(1)).isNull();
    assertThat(w.find(2)).isNull();
    assertThat(w.find(3)).isEqualTo(echo(3));
    assertThat(w.find(5)).isEqualTo(echo(5));
    assertThat(w.find(6)).isNull();
  }

  @Test
  void aReusedXidFindsTheLatestMessage() {
    RecentWrites w = new RecentWrites(4);
    w.remember(echo(7));
    w.remember(f.buildBarrierRequest().setXid(7).build());
    assertThat(w.find(7)).isEqualTo(f.buildBarrierRequest().setXid(7).build());
  }

  @Test
  void aWindowNotYetFullAndAnEmptyOneFindNothingElse() {
    RecentWrites w = new RecentWrites(8);
    w.remember(echo(1));
    assertThat(w.find(0)).as("the unfilled slots' zero xids are not messages").isNull();
    assertThat(w.find(1)).isEqualTo(echo(1));
    RecentWrites none = new RecentWrites(0);
    none.remember(echo(1));
    assertThat(none.find(1)).isNull();
  }
}
