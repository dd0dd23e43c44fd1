// The bounded hashing queue: one slot per core, a bounded wait, and no hash
// computed for a client that left while waiting (a storm's retries would
// otherwise keep the slots busy for nobody).
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { assertHashCapacity, configureHashQueue, hashQueueLimits, withHashSlot } from '../../src/domain/hash-queue.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { open, opened };
}

test('as many slots as the process has cores, at most four', () => {
  assert.equal(hashQueueLimits().running, Math.min(4, Math.max(1, availableParallelism())));
});

test('a waiter whose client has left is skipped when its turn comes; the others run in order', async () => {
  const slots = hashQueueLimits().running;
  const blocker = gate();
  const blockers = Array.from({ length: slots }, () => withHashSlot(() => blocker.opened));
  const ran: string[] = [];
  let leftEarly = false;
  const gone = withHashSlot(async () => { ran.push('gone'); }, () => leftEarly);
  const stays = withHashSlot(async () => { ran.push('stays'); }, () => false);
  const plain = withHashSlot(async () => { ran.push('plain'); });
  leftEarly = true;
  blocker.open();
  await Promise.all(blockers);
  await assert.rejects(gone, (error: { code?: string }) => error.code === 'UNAVAILABLE');
  await stays;
  await plain;
  assert.deepEqual(ran, ['stays', 'plain']);
  // Every slot came back: a full set of new work runs at once.
  const again = gate();
  let started = 0;
  const next = Array.from({ length: slots }, () => withHashSlot(async () => { started++; await again.opened; }));
  await new Promise((r) => setImmediate(r));
  assert.equal(started, slots);
  again.open();
  await Promise.all(next);
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
