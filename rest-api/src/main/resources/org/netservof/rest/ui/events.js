// The controller's server-sent events, read with fetch() so the operator's token can go with them (a browser
// EventSource cannot send an Authorization header).
import { askToken, errorOf, headers, token } from './api.js';

const PATH = '/netserv/v1/events';
const RETRY_MILLIS = 3000;

/** Splits text/event-stream text into complete events; returns them and the unfinished rest. */
export function parseEvents(text) {
  // A chunk may end between the \r and \n of one line end: hold a last \r back until the next chunk.
  const held = text.endsWith('\r') ? '\r' : '';
  const blocks = text.slice(0, text.length - held.length).replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() + held;
  const events = [];
  for (const block of blocks) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) events.push({ name, data: parseData(data.join('\n')) });
  }
  return { events, rest };
}

function parseData(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return { text };
  }
}

/** Reads one response body to its end, handing each event over as it arrives. */
async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const parsed = parseEvents(buffer + value);
    buffer = parsed.rest;
    parsed.events.forEach(onEvent);
  }
}

/**
 * Follows the stream for as long as the page is open, reconnecting after a pause when it ends or fails.
 * onState gets 'connecting', 'live' or 'offline'.
 */
export async function follow(onEvent, onState) {
  let refused = null; // the token the stream last refused: not asked again until the operator changes it
  for (;;) {
    if (refused !== null && refused === String(token())) {
      await new Promise(resolve => setTimeout(resolve, RETRY_MILLIS));
      continue;
    }
    onState('connecting');
    try {
      const response = await fetch(PATH, { headers: headers('text/event-stream'), cache: 'no-store' });
      if (response.status === 401) {
        refused = String(token());
        await askToken((await errorOf(response)).message);
        refused = null;
        continue;
      }
      if (!response.ok) throw await errorOf(response);
      onState('live');
      await read(response.body, onEvent);
    } catch (e) {
      // the controller went away or refused: show it, try again
    }
    onState('offline');
    await new Promise(resolve => setTimeout(resolve, RETRY_MILLIS));
  }
}
