package org.netservof.controller.testing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.netservof.controller.api.OFSwitch;
import org.netservof.controller.api.SwitchListener;
import org.netservof.controller.api.SwitchService;
import org.projectfloodlight.openflow.types.DatapathId;

/** A switch service over {@link FakeSwitch}es the test adds and removes. */
public final class FakeSwitchService implements SwitchService {
  private final Map<DatapathId, OFSwitch> switches = new LinkedHashMap<>();
  private final List<SwitchListener> listeners = new CopyOnWriteArrayList<>();

  public FakeSwitchService add(OFSwitch sw) {
    switches.put(sw.id(), sw);
    listeners.forEach(l -> l.switchAdded(sw));
    return this;
  }

  public void remove(DatapathId id) {
    switches.remove(id);
    listeners.forEach(l -> l.switchRemoved(id));
  }

  @Override
  public Collection<OFSwitch> switches() {
    return List.copyOf(switches.values());
  }

  @Override
  public Optional<OFSwitch> getSwitch(DatapathId id) {
    return Optional.ofNullable(switches.get(id));
  }

  @Override
  public void addListener(SwitchListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(SwitchListener listener) {
    listeners.remove(listener);
  }
}
