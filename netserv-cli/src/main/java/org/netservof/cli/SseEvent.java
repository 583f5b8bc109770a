package org.netservof.cli;

/**
 * One server-sent event as it arrived.
 *
 * @param type the {@code event:} field, {@code message} when the server gave none (the SSE default)
 * @param data the {@code data:} lines joined with newlines (the event's JSON)
 * @param id the {@code id:} field, or null
 */
record SseEvent(String type, String data, String id) {}
