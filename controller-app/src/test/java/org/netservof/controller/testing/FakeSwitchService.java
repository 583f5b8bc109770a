package org.netservof.controller.testing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.util.EventSource;
import org.projectfloodlight.openflow.types.DatapathId;

/** A switch service over {@link FakeSwitch}es the test adds and removes. */
public final class FakeSwitchService extends EventSource<SwitchListener> implements SwitchService {
  private final Map<DatapathId, OFSwitch> switches = new LinkedHashMap<>();

  public FakeSwitchService add(OFSwitch sw) {
    switches.put(sw.id(), sw);
    listeners().forEach(l -> l.switchAdded(sw)); // a listener's failure fails the test
    return this;
  }

  public void remove(DatapathId id) {
    switches.remove(id);
    listeners().forEach(l -> l.switchRemoved(id));
  }

  @Override
  public Collection<OFSwitch> switches() {
    return List.copyOf(switches.values());
  }
}
