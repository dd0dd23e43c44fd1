// The bounded hashing queue: one slot per core, a bounded wait, and no place
// kept or hash computed for a client that left (a storm's retries would
// otherwise keep the queue and the slots busy for nobody).
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { assertHashCapacity, configureHashQueue, hashQueueLimits, withHashSlot, type HashClient } from '../../src/domain/hash-queue.js';

/** A client as the sign-in route describes it, that the test can make leave; `listening` counts who hears of it. */
function client() {
  let left = false;
  const listeners = new Set<() => void>();
  const hashClient: HashClient = {
    hasLeft: () => left,
    onLeave: (listener) => { listeners.add(listener); return () => { listeners.delete(listener); }; },
  };
  return { hashClient, listening: () => listeners.size, leave: () => { left = true; for (const listener of [...listeners]) listener(); } };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { open, opened };
}

test('as many slots as the process has cores, at most four', () => {
  assert.equal(hashQueueLimits().running, Math.min(4, Math.max(1, availableParallelism())));
});

test('a waiter whose client leaves gives its place up at once, to a live client; the others run in order', async () => {
  configureHashQueue({ waiting: 2 });
  try {
    const slots = hashQueueLimits().running;
    const blocker = gate();
    const blockers = Array.from({ length: slots }, () => withHashSlot(() => blocker.opened));
    const ran: string[] = [];
    const leaving = client();
    const staying = client();
    const gone = withHashSlot(async () => { ran.push('gone'); }, leaving.hashClient);
    const stays = withHashSlot(async () => { ran.push('stays'); }, staying.hashClient);
    assert.throws(() => assertHashCapacity(), (error: { code?: string }) => error.code === 'UNAVAILABLE', 'the queue is full');
    leaving.leave();
    // Its place is free at once, while every slot is still busy: not when its turn would have come.
    assertHashCapacity();
    await assert.rejects(gone, (error: { code?: string }) => error.code === 'UNAVAILABLE');
    assert.equal(leaving.listening(), 0);
    const plain = withHashSlot(async () => { ran.push('plain'); }); // takes the place the leaver gave up
    blocker.open();
    await Promise.all([...blockers, stays, plain]);
    assert.deepEqual(ran, ['stays', 'plain']);
    assert.equal(staying.listening(), 0, 'a waiter stops listening once it has its slot');
    // Every slot came back: a full set of new work runs at once.
    const again = gate();
    let started = 0;
    const next = Array.from({ length: slots }, () => withHashSlot(async () => { started++; await again.opened; }));
    await new Promise((r) => setImmediate(r));
    assert.equal(started, slots);
    again.open();
    await Promise.all(next);
  } finally {
    configureHashQueue({ waiting: 64 });
  }
});

test('a client that left before its hash gets none, even with a slot free', async () => {
  const left = client();
  left.leave();
  let ran = false;
  await assert.rejects(withHashSlot(async () => { ran = true; }, left.hashClient), (error: { code?: string }) => error.code === 'UNAVAILABLE');
  assert.equal(ran, false);
  // It took no slot: a full set of work still runs at once.
  const blocker = gate();
  let started = 0;
  const busy = Array.from({ length: hashQueueLimits().running }, () => withHashSlot(async () => { started++; await blocker.opened; }));
  await new Promise((r) => setImmediate(r));
  assert.equal(started, hashQueueLimits().running);
  blocker.open();
  await Promise.all(busy);
});

test('a hash served at once, or refused at once, never listens for its client leaving', async () => {
  configureHashQueue({ waiting: 0 });
  try {
    const blocker = gate();
    const served = Array.from({ length: hashQueueLimits().running }, () => client());
    const busy = served.map((c) => withHashSlot(() => blocker.opened, c.hashClient));
    const refused = client();
    await assert.rejects(withHashSlot(async () => {}, refused.hashClient), (error: { code?: string }) => error.code === 'UNAVAILABLE');
    assert.deepEqual([...served, refused].map((c) => c.listening()), [...served, refused].map(() => 0));
    blocker.open();
    await Promise.all(busy);
  } finally {
    configureHashQueue({ waiting: 64 });
  }
});

test('with every slot busy and the queue full, a new sign-in is refused before it costs anything', async () => {
  configureHashQueue({ waiting: 1 });
  try {
    assertHashCapacity();
    const blocker = gate();
    const busy = Array.from({ length: hashQueueLimits().running }, () => withHashSlot(() => blocker.opened));
    assertHashCapacity(); // the slots are full, the queue is not
    const queued = withHashSlot(async () => {});
    assert.throws(() => assertHashCapacity(), (error: { code?: string }) => error.code === 'UNAVAILABLE');
    blocker.open();
    await Promise.all([...busy, queued]);
    assertHashCapacity();
  } finally {
    configureHashQueue({ waiting: 64 });
  }
});
