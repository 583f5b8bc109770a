/**
 * Port statistics collected on an interval, as Floodlight's statistics module collects them: the bandwidth
 * each switch port carries, computed from two successive port-statistics reads. Collection is off until an
 * operator turns it on (configuration or REST), as in Floodlight: it costs one request per switch per interval.
 *
 * <p>Values are immutable records; the services are safe to call from any thread.
 */
package org.netservof.controller.api.statistics;
