// The page path: a Hub whose topics are carried by a TopicStream in the page.
import { describe } from 'node:test';
import { Hub } from '../js/hub.js';
import { fakeStreamOptions, settle } from '../test-support/fakes.mjs';
import { subscriptionScenarios } from '../test-support/scenarios.mjs';

function pageWorld(extra) {
  const { clock, options } = fakeStreamOptions(extra);
  const hubs = [];
  return {
    clock,
    tab() {
      const hub = new Hub({ sharedWorker: false }, { stream: options });
      hubs.push(hub);
      return hub;
    },
    settle: () => settle(),
    async flush(ms = 0) {
      await settle();
      clock.advance(ms);
      await settle();
    },
    close() {
      for (const hub of hubs) hub.close();
    },
  };
}

describe('page path (TopicStream in the page)', () => {
  subscriptionScenarios(pageWorld);
});
