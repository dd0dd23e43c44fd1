// The ceiling: a bare Fastify route, started like the Roster server (plain
// node, same pinning), so every figure can be given as a ratio to it.
// `/busy` is the same route after 50 µs of pure computation: how far below the
// ceiling any route that does that much real work lands on this machine.
import Fastify from 'fastify';

const port = Number(process.env.PORT);
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
app.get('/busy', async () => {
  const until = performance.now() + 0.05;
  while (performance.now() < until); // 50 µs on the CPU, no I/O
  return { hello: 'world' };
});
await app.listen({ host: '127.0.0.1', port });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
