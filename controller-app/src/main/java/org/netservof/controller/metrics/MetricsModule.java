package org.netservof.controller.metrics;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
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

  /**
   * {@code promtool check metrics} refuses two names Micrometer's processor meters export: {@code
   * process_cpu_time_ns_total} (an abbreviated unit; CPU use is in {@code process_cpu_usage} anyway) is left out,
   * and {@code system_cpu_count} (a {@code _count} suffix on a gauge) becomes {@code system_cpus}. Set before any
   * meter registers: a filter does not change meters that exist.
   */
  private static final MeterFilter PROMTOOL_CLEAN = new MeterFilter() {
    @Override
    public MeterFilterReply accept(Meter.Id id) {
      return id.getName().equals("process.cpu.time") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
      return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
    }
  };

  private JvmGcMetrics gc;

  public MetricsModule() {
    super("metrics", Set.of(MetricsService.class), Set.of(), List.of(METRICS));
  }

  @Override
  public void init(ModuleContext context) {
    if (!context.config(METRICS)) {
      context.provide(MetricsService.class, new Off(new CompositeMeterRegistry()));
      return;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(PROMTOOL_CLEAN);
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    context.provide(MetricsService.class, new On(registry));
  }

  @Override
  public void shutDown() {
    super.shutDown();
    if (gc != null) {
      gc.close();
    }
  }

  private record On(PrometheusMeterRegistry registry) implements MetricsService {
    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public String scrape() {
      return registry.scrape();
    }
  }

  private record Off(MeterRegistry registry) implements MetricsService {
    @Override
    public boolean enabled() {
      return false;
    }

    @Override
    public String scrape() {
      throw new IllegalStateException("metrics are off (metrics: false in the controller's configuration)");
    }
  }
}
