// Raw argon2id verify throughput with Roster's own parameters, on the cores this
// process is pinned to: the yardstick for the sign-in storm. Prints JSON.
import { hashPassword, verifyPassword } from '../src/domain/passwords.js';

const seconds = Number(process.argv[2] ?? 5);
const inFlight = 8; // more than libuv's 4 pool threads, as a busy server would have
const hash = await hashPassword('bench-password-for-ceiling');
let done = 0;
const deadline = Date.now() + seconds * 1000;
const worker = async () => {
  while (Date.now() < deadline) {
    await verifyPassword(hash, 'bench-password-for-ceiling');
    done++;
  }
};
const started = Date.now();
await Promise.all(Array.from({ length: inFlight }, worker));
process.stdout.write(JSON.stringify({ verifiesPerSec: done / ((Date.now() - started) / 1000) }) + '\n');
