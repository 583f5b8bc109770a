package org.netservof.controller.module;

import io.micrometer.core.instrument.Gauge;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ControllerModule;
import org.netservof.controller.api.ListenerService;
import org.netservof.controller.api.MessageListener;
import org.netservof.controller.api.MetricsService;
import org.netservof.controller.api.OFMessageService;
import org.netservof.controller.api.PacketInStage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A module whose description is data (name, services, configuration keys) and which undoes, when it shuts
 * down, everything it registered: what {@code init} and {@code startUp} add with {@link #listen} or
 * {@link #onShutDown} is removed in reverse order, so a module never lists its listeners twice.
 */
public abstract class BaseModule implements ControllerModule {
  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;
  private final Set<Class<?>> provides;
  private final Set<Class<?>> dependsOn;
  private final List<ConfigKey<?>> configKeys;
  private final Deque<Runnable> undo = new ArrayDeque<>();

  protected BaseModule(String name, Set<Class<?>> provides, Set<Class<?>> dependsOn,
      List<ConfigKey<?>> configKeys) {
    this.name = name;
    this.provides = Set.copyOf(provides);
    this.dependsOn = Set.copyOf(dependsOn);
    this.configKeys = List.copyOf(configKeys);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<Class<?>> provides() {
    return provides;
  }

  @Override
  public final Set<Class<?>> dependsOn() {
    return dependsOn;
  }

  @Override
  public final List<ConfigKey<?>> configKeys() {
    return configKeys;
  }

  /** Adds a listener to a service now, and removes it at shut-down. */
  protected final <L> void listen(ListenerService<? super L> service, L listener) {
    service.addListener(listener);
    onShutDown(() -> service.removeListener(listener));
  }

  /** Adds a message listener at its place in the chain now, and removes it at shut-down. */
  protected final void listen(OFMessageService messages, OFType type, PacketInStage stage, String listenerName,
      MessageListener listener) {
    messages.addListener(type, stage, listenerName, listener);
    onShutDown(() -> messages.removeListener(type, listener));
  }

  /** Registers a gauge read at scrape time (nothing when metrics are off), and removes it at shut-down. */
  protected final void gauge(MetricsService metrics, String meterName, String description, Supplier<Number> value) {
    Gauge gauge = Gauge.builder(meterName, value).description(description).register(metrics.registry());
    onShutDown(() -> metrics.registry().remove(gauge));
  }

  /** Runs at shut-down, before what was registered earlier is undone. */
  protected final void onShutDown(Runnable action) {
    synchronized (undo) {
      undo.push(action);
    }
  }

  /** Undoes what was registered, latest first; one failure does not keep the rest from being undone. */
  @Override
  public void shutDown() {
    while (true) {
      Runnable next;
      synchronized (undo) {
        next = undo.poll();
      }
      if (next == null) {
        return;
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        log.error("module '{}': undoing a registration at shut-down failed", name, e);
      }
    }
  }
}
