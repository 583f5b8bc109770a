package org.netservof.controller.statistics;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.netservof.controller.api.ConfigKey;
import org.netservof.controller.api.ModuleContext;
import org.netservof.controller.api.SwitchService;
import org.netservof.controller.api.statistics.StatisticsAdminService;
import org.netservof.controller.api.statistics.StatisticsService;
import org.netservof.controller.module.BaseModule;
import org.netservof.controller.util.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Floodlight's statistics collector: port bandwidth from port counters read on an interval. */
public final class StatisticsModule extends BaseModule {
  private static final Logger log = LoggerFactory.getLogger(StatisticsModule.class);
  public static final String NAME = "statistics";

  public static final ConfigKey<StatisticsConfig> STATISTICS = new ConfigKey<>(NAME, new TypeReference<>() {},
      StatisticsConfig.DEFAULTS, "Port statistics collection: whether it runs from start-up (collect) and how often "
          + "every switch's port counters are read (interval).");

  private StatisticsConfig config;
  private StatisticsManager manager;
  private ScheduledExecutorService timer;

  public StatisticsModule() {
    super(NAME, Set.of(StatisticsService.class, StatisticsAdminService.class), Set.of(SwitchService.class),
        List.of(STATISTICS));
  }

  @Override
  public void init(ModuleContext context) {
    config = context.config(STATISTICS);
    manager = new StatisticsManager(context.service(SwitchService.class), context.clock(), config.collect());
    context.provide(StatisticsService.class, manager);
    context.provide(StatisticsAdminService.class, manager);
  }

  @Override
  public void startUp(ModuleContext context) {
    timer = Periodic.timer("statistics");
    onShutDown(timer::shutdownNow);
    Periodic.every(timer, config.interval(), config.interval(), log, "statistics: reading port counters",
        manager::poll);
  }
}
