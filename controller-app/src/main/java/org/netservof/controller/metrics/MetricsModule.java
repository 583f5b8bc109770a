package org.netservof.controller.metrics;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.MetricsService;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.module.BaseModule;

/**
 * Provides {@link MetricsService}: a Prometheus registry with the JVM's memory, GC, thread, class and CPU
 * meters, or, with {@code metrics: false}, a registry without children, whose meters record nothing (so a
 * module counts the same way either way, and the cost of metrics can be measured by turning them off).
 */
public final class MetricsModule extends BaseModule {
  public static final ConfigKey<Boolean> METRICS = new ConfigKey<>("metrics", new TypeReference<>() {}, true,
      "Whether the controller keeps metrics and serves them to Prometheus at the REST API's GET /metrics.");

  private JvmGcMetrics gc;

  public MetricsModule() {
    super("metrics", Set.of(MetricsService.class), Set.of(), List.of(METRICS));
  }

  @Override
  public void init(ModuleContext context) {
    if (!context.config(METRICS)) {
      context.provide(MetricsService.class, new Registry(new CompositeMeterRegistry(), Optional.empty()));
      return;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new PromtoolLint());
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
          .description("CPU time the controller's process used").register(registry);
    }
    context.provide(MetricsService.class, new Registry(registry, Optional.of(registry)));
  }

  @Override
  public void shutDown() {
    super.shutDown();
    if (gc != null) {
      gc.close();
    }
  }

  /** The registry every module counts into, and its Prometheus view when metrics are on (none when off). */
  private record Registry(MeterRegistry registry, Optional<PrometheusMeterRegistry> prometheus)
      implements MetricsService {
    @Override
    public boolean enabled() {
      return prometheus.isPresent();
    }

    @Override
    public String scrape() {
      return prometheus.orElseThrow(() -> new IllegalStateException(
          "metrics are off (metrics: false in the controller's configuration)")).scrape();
    }
  }
}
