package org.netservof.rest.server;

import org.netservof.controller.api.ModuleCatalog;
import org.netservof.controller.api.statistics.StatisticsAdminService;
import org.netservof.controller.api.statistics.StatisticsService;
import org.netservof.controller.api.store.StoreService;

/**
 * What Floodlight's statistics, module and storage endpoints call, beside {@link RestServices}.
 *
 * @param modules the loader's catalog of modules
 * @param stores the intent stores, whose names are Floodlight's storage tables
 */
public record FloodlightServices(StatisticsService statistics, StatisticsAdminService statisticsAdmin,
    ModuleCatalog modules, StoreService stores) {}
