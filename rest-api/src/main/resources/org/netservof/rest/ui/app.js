// The page: one view at a time (chosen by the URL's #fragment), refreshed when an event says its data changed,
// and every POLL_MILLIS anyway (counters change without events; the stream may be down).
import { onTokenNeeded } from './api.js';
import { follow } from './events.js';
import { addEvent } from './feed.js';
import { nodesView } from './nodes.js';
import { servicesView } from './services.js';
import { wireToken } from './token.js';
import { topologyView } from './topology.js';
import { usersView } from './users.js';

const POLL_MILLIS = 10000;
const DEBOUNCE_MILLIS = 250;
const views = { topology: topologyView, services: servicesView, nodes: nodesView, users: usersView,
  events: { events: [], refresh: async () => {} } };
const $ = id => document.getElementById(id);
let current = null;
let pending = null;

function showError(error) {
  $('error-text').textContent = error.message;
  $('error').hidden = false;
}

const NOTICE_MILLIS = 15000;
let noticeTimer = null;

/** What a change from the page did, shown for a while. */
function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = !text;
  clearTimeout(noticeTimer);
  if (text) noticeTimer = setTimeout(() => { $('notice').hidden = true; }, NOTICE_MILLIS);
}

/** Loads the current view's data; a failure shows in the page in the API's words. */
async function refresh() {
  pending = null;
  try {
    await views[current].refresh();
  } catch (e) {
    showError(e);
  }
}

function refreshSoon() {
  if (!pending) pending = setTimeout(refresh, DEBOUNCE_MILLIS);
}

function show() {
  const name = location.hash.slice(1);
  current = name in views ? name : 'topology';
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.dataset.view !== current;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.view === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  refresh();
}

/** Shows what a change from the page did, then refreshes; resolves to its result, or null when refused. */
async function report(change, success) {
  try {
    const result = await change;
    $('error').hidden = true;
    if (success) notice(success);
    refreshSoon();
    return result;
  } catch (e) {
    notice('');
    showError(e);
    return null;
  }
}

function onEvent(event) {
  addEvent(event);
  if (views[current].events.some(prefix => event.name.startsWith(prefix))) refreshSoon();
}

function start() {
  wireToken(onTokenNeeded);
  $('error-close').addEventListener('click', () => { $('error').hidden = true; });
  servicesView.init(report);
  nodesView.init(report);
  window.addEventListener('hashchange', show);
  show();
  follow(onEvent, state => {
    $('live').dataset.state = state;
    $('live').textContent = state;
  });
  setInterval(refreshSoon, POLL_MILLIS);
  setInterval(() => servicesView.tick(), 1000);
}

start();
