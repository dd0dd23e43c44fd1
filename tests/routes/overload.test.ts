// A sign-in storm beyond what the hashing slots can take is told to come back
// at once (503 + Retry-After) rather than queued without limit (issue 7).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertHashCapacity, hashQueueLimits, withHashSlot } from '../../src/domain/hash-queue.js';
import { adminPassword, startServer, type TestServer } from '../helpers/harness.js';

describe('sign-in under overload', () => {
  let server: TestServer;
  before(async () => { server = await startServer('sqlite', { ROSTER_SIGN_IN_QUEUE: '3' }); });
  after(async () => {
    // Aborted fetches can leave connections that never sent a request: Node
    // counts those as busy until its 60 s headers timeout, which would hold
    // close() open that long. Every request here has been answered.
    server.app.server.closeAllConnections();
    await server.close();
  });
  let listening: Promise<string> | undefined;
  /** A wrong password's sign-in over a real connection (listening on first use), which the client may abort. */
  const signIn = async (login: string, signal?: AbortSignal) => fetch(`${await (listening ??= server.app.listen({ host: '127.0.0.1', port: 0 }))}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'not-the-password' }), signal,
  });

  test('past the running slots and three waiting, password checks answer 503 with Retry-After at once; none hangs; the server recovers', async () => {
    const { running } = hashQueueLimits();
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => server.app.inject({
      method: 'POST', url: '/api/v1/auth/login', payload: { login: `storm-${i}@example.com`, password: 'not-the-password' },
    })));
    const statuses = answers.map((a) => a.statusCode);
    assert.ok(statuses.every((s) => s === 401 || s === 503), JSON.stringify(statuses));
    const refused = answers.filter((a) => a.statusCode === 503);
    assert.ok(refused.length >= 40 - 2 * (running + 3), `${refused.length} of 40 turned away`);
    assert.ok(statuses.filter((s) => s === 401).length >= running + 3, 'the slots and the queue were used');
    for (const answer of refused) {
      assert.equal(answer.json().code, 'UNAVAILABLE');
      assert.equal(answer.headers['retry-after'], '1');
    }
    assert.ok(performance.now() - started < 10_000, 'nobody waited without limit');
    const after = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: adminPassword } });
    assert.equal(after.statusCode, 200, 'slots are released: the next sign-in goes through');
  });

  test('over real connections, clients who stay are all answered, up to the slots and the queue; one who leaves is not hashed', async () => {
    const { running } = hashQueueLimits();
    // Exactly what the slots and the queue hold: nobody is turned away.
    const stayed = await Promise.all(Array.from({ length: running + 3 }, (_, i) => signIn(`stays-${i}@example.com`)));
    assert.deepEqual(stayed.map((r) => r.status), stayed.map(() => 401));

    // Clients that leave while queued behind a full set of slots cost no hash: no failed sign-in is recorded for them.
    const busy = Array.from({ length: running }, (_, i) => signIn(`busy-${i}@example.com`));
    const leaving = new AbortController();
    const left = Array.from({ length: 3 }, (_, i) => signIn(`left-${i}@example.com`, leaving.signal).catch(() => null));
    await new Promise((r) => setTimeout(r, 5));
    leaving.abort();
    await Promise.all([...busy, ...left]);
    await new Promise((r) => setTimeout(r, 500));
    const recorded = await server.db.kysely.selectFrom('audit_log').select('target_name')
      .where('action', '=', 'login_failed').where('target_name', 'like', 'left-%').execute();
    assert.ok(recorded.length < 3, `${recorded.length} of 3 abandoned sign-ins were still checked`);
  });

  test('over real connections, clients who leave the queue give their places up at once to clients who stay', async () => {
    const { running } = hashQueueLimits();
    const queueIsFull = () => { try { assertHashCapacity(); return false; } catch { return true; } };
    const until = async (condition: () => boolean, what: string) => {
      for (const started = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 5))) {
        assert.ok(Date.now() - started < 1_500, `timed out waiting until ${what}`);
      }
    };
    // Every slot is held here, so the sign-ins below can only queue.
    let open!: () => void;
    const opened = new Promise<void>((resolve) => { open = resolve; });
    const slots = Array.from({ length: running }, () => withHashSlot(() => opened));
    try {
      const leaving = new AbortController();
      const left = Array.from({ length: 3 }, (_, i) => signIn(`left-early-${i}@example.com`, leaving.signal).catch(() => null));
      await until(queueIsFull, 'the three who will leave are queued');
      leaving.abort();
      await until(() => !queueIsFull(), 'the places of those who left are free');
      const stay = Array.from({ length: 3 }, (_, i) => signIn(`stays-late-${i}@example.com`));
      await until(queueIsFull, 'the three who stay are queued');
      open();
      assert.deepEqual((await Promise.all(stay)).map((r) => r.status), [401, 401, 401]);
      await Promise.all(left);
    } finally {
      open();
      await Promise.all(slots);
    }
  });
});
