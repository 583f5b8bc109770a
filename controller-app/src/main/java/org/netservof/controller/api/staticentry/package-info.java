/**
 * Floodlight's static entry pusher as a controller service: flows and groups an operator names, kept as
 * intent in a {@link org.netservof.controller.api.staticentry.StaticEntryStore} and held on the switches
 * (written with barriers, installed again when a switch connects). Entries arrive as OpenFlow messages;
 * reading Floodlight's JSON syntax is the REST API's job.
 */
package org.netservof.controller.api.staticentry;
