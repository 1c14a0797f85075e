import test from 'node:test';
import assert from 'node:assert/strict';
import { typingText, TypingSet, TypingSender, STALE_MS, IDLE_MS, REFRESH_MS } from '../js/chat-typing.js';
import { Outbox } from '../js/chat-outbox.js';
import { ProblemError } from '../js/rest.js';
import { safeUrl } from '../js/chat-messages.js';

test('typing text names one or two people, then several', () => {
  assert.equal(typingText([]), '');
  assert.equal(typingText(['Alice']), 'Alice is typing…');
  assert.equal(typingText(['Alice', 'Bob']), 'Alice and Bob are typing…');
  assert.equal(typingText(['Alice', 'Bob', 'Carol']), 'Several people are typing…');
});

test('a typist whose stop never came is dropped after STALE_MS', () => {
  let now = 0;
  const set = new TypingSet({ now: () => now });
  set.start('a', 'Alice');
  now = STALE_MS - 1;
  assert.deepEqual(set.names(), ['Alice']);
  now = STALE_MS + 1;
  assert.deepEqual(set.names(), []);
});

test('typing sender refreshes while typing and stops after quiet', async () => {
  let now = 0;
  const sent = [];
  let idle = null;
  const sender = new TypingSender((t) => sent.push(t), {
    now: () => now,
    setTimeout: (fn) => (idle = fn),
    clearTimeout: () => (idle = null),
  });
  sender.input(true);
  now = 500;
  sender.input(true);
  now = REFRESH_MS + 1;
  sender.input(true);
  idle(); // IDLE_MS of quiet
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(sent, [true, true, false]);
  assert.ok(IDLE_MS < 5000, 'must stop before the server would');
});

/** setTimeout as a browser has it: called as a method of anything but the global object, it throws. */
function browserSetTimeout(fn, ms) {
  if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
  return setTimeout(fn, ms);
}
function browserClearTimeout(handle) {
  if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
  return clearTimeout(handle);
}

test('typing sender calls timers unbound, as a browser requires, and stops by itself after IDLE_MS', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const sent = [];
  const sender = new TypingSender((typing) => sent.push(typing), {
    setTimeout: browserSetTimeout,
    clearTimeout: browserClearTimeout,
  });
  sender.input(true);
  sender.input(true); // a second keystroke cancels and re-arms the idle timer
  await Promise.resolve();
  assert.deepEqual(sent, [true]);
  t.mock.timers.tick(IDLE_MS - 1);
  await Promise.resolve();
  assert.deepEqual(sent, [true], 'still typing just before the idle stop');
  t.mock.timers.tick(1);
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(sent, [true, false], 'the client says stop itself, well before the server expiry');
  assert.ok(IDLE_MS <= 3000, 'the other screen must see the stop within 3.5 s of the last keystroke');
});

test('typing sender with the global timers (what pages use) stops after IDLE_MS', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const sent = [];
  const sender = new TypingSender((typing) => sent.push(typing));
  sender.input(true);
  t.mock.timers.tick(IDLE_MS);
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(sent, [true, false]);
});

test('typing sender: emptying the box says stop at once; sending a message ends typing without a request', async () => {
  const sent = [];
  const sender = new TypingSender((typing) => sent.push(typing), { setTimeout: browserSetTimeout, clearTimeout: browserClearTimeout });
  sender.input(true);
  sender.input(false);
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(sent, [true, false]);
  sender.input(true);
  sender.sent();
  sender.stop();
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(sent, [true, false, true], 'the server ends typing when the message is posted');
});

test('outbox waits for the connection and sends each message once with one clientId', async () => {
  const posts = [];
  let fail = 1;
  const outbox = new Outbox(async (entry) => {
    posts.push(entry.clientId);
    if (fail-- > 0) throw new TypeError('network down');
    return { id: '1', clientId: entry.clientId };
  }, { sleep: async () => {} });
  const entry = outbox.add('general', 'hello');
  assert.equal(posts.length, 0, 'sent while offline');
  outbox.setOnline(true);
  await outbox.flush();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(entry.state, 'sent');
  assert.deepEqual(posts, [entry.clientId, entry.clientId]);
});

test('outbox gives up on a refused message and moves on', async () => {
  const outbox = new Outbox(async (entry) => {
    if (entry.content === 'bad') throw new ProblemError({ status: 400, detail: 'content: must not be empty' });
    return { id: '2' };
  });
  outbox.setOnline(true);
  const bad = outbox.add('r', 'bad');
  const good = outbox.add('r', 'good');
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(bad.state, 'failed');
  assert.equal(good.state, 'sent');
});

test('only http(s) and same-origin urls reach an href or src', () => {
  assert.equal(safeUrl('https://x.test/a.png'), 'https://x.test/a.png');
  assert.equal(safeUrl('/files/a.pdf'), '/files/a.pdf');
  assert.equal(safeUrl('javascript:alert(1)'), null);
  assert.equal(safeUrl('//evil.test/x'), null);
  assert.equal(safeUrl(42), null);
});
