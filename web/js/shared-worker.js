/**
 * SharedWorker (module) entry: holds ONE Herald stream for every tab of the
 * origin (see tab-server.js for what it does, worker-link.js for the tab side).
 * The worker's options come from its name (see options.js workerName), so tabs
 * started with different options get different workers.
 */
import { TopicStream } from './topic-stream.js';
import { TabServer } from './tab-server.js';
import { parseWorkerName } from './options.js';

const scope = globalThis;
const isSharedWorker =
  typeof scope.SharedWorkerGlobalScope === 'function' && scope instanceof scope.SharedWorkerGlobalScope;

if (isSharedWorker) {
  const stream = typeof scope.EventSource === 'function' ? new TopicStream(parseWorkerName(scope.name)) : null;
  const server = new TabServer(stream, { locks: scope.navigator?.locks ?? null });
  scope.addEventListener('connect', (e) => server.connect(e.ports[0]));
}
