package org.netservof.controller.testing;

import org.netservof.controller.api.fabric.Topology;
import org.netservof.controller.api.fabric.TopologyListener;
import org.netservof.controller.api.fabric.TopologyService;

/** A topology service that serves whatever snapshot the test set; listeners are not told. */
public final class FakeTopologyService implements TopologyService {
  private volatile Topology current;

  public FakeTopologyService(Topology initial) {
    this.current = initial;
  }

  public void set(Topology t) {
    current = t;
  }

  @Override
  public Topology current() {
    return current;
  }

  @Override
  public void addListener(TopologyListener listener) {}

  @Override
  public void removeListener(TopologyListener listener) {}
}
