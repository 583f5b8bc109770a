package org.netservof.controller.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.netservof.controller.api.fabric.LinkEvent;
import org.netservof.controller.api.fabric.LinkListener;
import org.netservof.controller.api.fabric.LinkRefusal;

/** Link changes and refused links, in the order they came; thread-safe. */
public final class RecordingLinkListener implements LinkListener {
  public final List<LinkEvent> events = new CopyOnWriteArrayList<>();
  public final List<LinkRefusal> refusals = new CopyOnWriteArrayList<>();

  @Override
  public void linksChanged(List<LinkEvent> changes) {
    events.addAll(changes);
  }

  @Override
  public void linkRefused(LinkRefusal refusal) {
    refusals.add(refusal);
  }
}
