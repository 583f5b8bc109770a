package org.netservof.rest.floodlight;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.staticentry.StaticEntryAdminService;
import org.netservof.controller.api.staticentry.StaticEntryService;

/**
 * Floodlight's older name for the static entry pusher, {@code /wm/staticflowpusher}, which Floodlight master
 * still registers and its web UI and scripts call: every route of {@link StaticEntryResource}, with the same
 * behaviour and the same scopes (JAX-RS gives a subclass its superclass's method annotations).
 */
@Path("/wm/staticflowpusher")
@Produces(MediaType.APPLICATION_JSON)
public final class StaticFlowPusherResource extends StaticEntryResource {
  public StaticFlowPusherResource(StaticEntryService entries, StaticEntryAdminService admin, SwitchService switches) {
    super(entries, admin, switches);
  }
}
