/**
 * Floodlight's text syntax for matches, actions and instructions, read and written in one place: the static
 * entry pusher reads it, flow statistics, group descriptions and the static entry list write it, and a test
 * reads back everything written.
 */
package org.netservof.rest.floodlight.syntax;
