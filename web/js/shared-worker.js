/**
 * SharedWorker (module) holding ONE Herald stream for every tab of the origin.
 *
 * Each tab (a MessagePort, see worker-client.js) asks for topics; the worker's
 * Pool carries the union of all tabs' topics on one connection, and each tab is
 * sent only its own topics' events. Connection state goes to every tab.
 *
 * Protocol, tab -> worker: {op:'sub', topic, types} {op:'unsub', topic}
 *   {op:'types', topic, types} {op:'connect'} {op:'wake'} {op:'hello', lock} {op:'bye'}
 * worker -> tab: {op:'ready'} {op:'unsupported', reason} {op:'state', state, lastEventId}
 *   {op:'event', event} {op:'reset', topic, data}
 *
 * The worker's options come from its name (see options.js workerName), so tabs
 * started with different options get different workers.
 */
import { Pool } from './pool.js';
import { parseWorkerName } from './options.js';

const scope = globalThis;
const isSharedWorker =
  typeof scope.SharedWorkerGlobalScope === 'function' && scope instanceof scope.SharedWorkerGlobalScope;

if (isSharedWorker) start();

function start() {
  const supported = typeof scope.EventSource === 'function';
  const pool = supported ? new Pool(parseWorkerName(scope.name)) : null;
  const clients = new Set();

  const broadcast = (msg) => {
    for (const client of clients) post(client, msg);
  };

  pool?.onState((state) => broadcast({ op: 'state', state, lastEventId: pool.lastEventId }));

  scope.addEventListener('connect', (e) => {
    const port = e.ports[0];
    const client = { port, topics: new Map(), alive: true };
    clients.add(client);
    port.onmessage = (m) => handle(client, m.data);
    port.start?.();
    if (!pool) {
      post(client, { op: 'unsupported', reason: 'EventSource is not available in workers' });
      return;
    }
    post(client, { op: 'ready' });
    post(client, { op: 'state', state: pool.state, lastEventId: pool.lastEventId });
  });

  function handle(client, msg) {
    if (!msg || !pool) return;
    switch (msg.op) {
      case 'sub': {
        if (typeof msg.topic !== 'string' || !msg.topic) return;
        if (!client.alive) {
          clients.add(client);
          client.alive = true;
        }
        if (client.topics.has(msg.topic)) {
          pool.addTypes(msg.types);
          return;
        }
        const off = pool.subscribe(msg.topic, (event) => post(client, { op: 'event', event }), {
          types: msg.types,
          onReset: (data) => post(client, { op: 'reset', topic: msg.topic, data }),
        });
        client.topics.set(msg.topic, off);
        return;
      }
      case 'unsub': {
        const off = client.topics.get(msg.topic);
        client.topics.delete(msg.topic);
        off?.();
        return;
      }
      case 'types':
        pool.addTypes(msg.types);
        return;
      case 'connect':
        pool.connect();
        return;
      case 'wake':
        pool.wake();
        return;
      case 'hello':
        if (typeof msg.lock === 'string' && scope.navigator?.locks) {
          // Granted only once the tab holding it is gone.
          scope.navigator.locks.request(msg.lock, () => drop(client)).catch(() => {});
        }
        return;
      case 'bye':
        drop(client);
        return;
      default:
        return;
    }
  }

  function drop(client) {
    for (const off of client.topics.values()) off();
    client.topics.clear();
    client.alive = false;
    clients.delete(client);
  }

  function post(client, msg) {
    try {
      client.port.postMessage(msg);
    } catch {
      /* the tab is gone; its lock or 'bye' will clean up */
    }
  }
}
