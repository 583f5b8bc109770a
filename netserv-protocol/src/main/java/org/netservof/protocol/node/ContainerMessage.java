package org.netservof.protocol.node;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/** A message between a node agent and one of its containers, over the container's stdin and stdout. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ContainerMessage.Load.class, name = "load"),
    @JsonSubTypes.Type(value = ContainerMessage.Unload.class, name = "unload"),
    @JsonSubTypes.Type(value = ContainerMessage.StatsRequest.class, name = "stats"),
    @JsonSubTypes.Type(value = ContainerMessage.Done.class, name = "done"),
    @JsonSubTypes.Type(value = ContainerMessage.Stats.class, name = "stats-reply"),
    @JsonSubTypes.Type(value = ContainerMessage.ModuleUnloaded.class, name = "module-unloaded"),
    @JsonSubTypes.Type(value = ContainerMessage.Hung.class, name = "hung"),
    @JsonSubTypes.Type(value = ContainerMessage.Update.class, name = "update"),
    @JsonSubTypes.Type(value = ContainerMessage.Report.class, name = "report")})
public sealed interface ContainerMessage {

  /** Load a module from a JAR on disk, after checking its digest. */
  record Load(String module, String jar, String sha256, Map<String, String> properties) implements ContainerMessage {}

  record Unload(String module) implements ContainerMessage {}

  /** Give a running module new properties (its {@code update}); answered by {@link Done}. */
  record Update(String module, Map<String, String> properties) implements ContainerMessage {}

  /** A module published a report for its publisher (already within {@link ReportLimits}). */
  record Report(String module, Map<String, Object> report) implements ContainerMessage {}

  record StatsRequest() implements ContainerMessage {}

  /** The answer to {@link Load}, {@link Update} or {@link Unload}. */
  record Done(String module, boolean ok, String error) implements ContainerMessage {}

  record Stats(ChannelMessage.ContainerStats stats) implements ContainerMessage {}

  /** The container unloaded a module on its own (it threw or overran its budget too often). */
  record ModuleUnloaded(String module, String reason) implements ContainerMessage {}

  /** A module's call did not return; the container is about to exit so the agent restarts it without it. */
  record Hung(String module, long millis) implements ContainerMessage {}
}
