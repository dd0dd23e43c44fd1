// Questions on the terminal: a y/N confirmation before destructive commands,
// and the API token for `roster login`, typed without echo. Without a
// terminal nobody can answer, so confirmation needs --yes and the token comes
// from standard input.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError, exitCodes, usageError } from './errors.js';

export const hasTerminal = (): boolean => Boolean(process.stdin.isTTY);

const cancelled = () => new CliError('Cancelled; nothing was changed.', 130);

/** One line from the terminal; with `hidden`, what is typed is not shown. */
function ask(prompt: string, hidden: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    // In terminal mode readline itself echoes, through `output`: a sink hides the typing.
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = createInterface({ input: process.stdin, output: hidden ? sink : process.stderr, terminal: true });
    let settled = false;
    const finish = (answer: string | null) => {
      if (settled) return;
      settled = true;
      rl.close();
      if (hidden || answer === null) process.stderr.write('\n');
      if (answer === null) reject(cancelled());
      else resolve(answer);
    };
    rl.on('SIGINT', () => finish(null));
    rl.on('close', () => finish(null));
    if (hidden) process.stderr.write(prompt);
    rl.question(hidden ? '' : prompt, (answer) => finish(answer));
  });
}

/**
 * Asks "<action>? [y/N]" on a terminal and goes on only on y or yes. Without a
 * terminal it refuses (a usage error, exit 2) unless `yes` was passed.
 */
export async function confirm(action: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!hasTerminal()) {
    throw usageError(`Refusing to ${action.charAt(0).toLowerCase()}${action.slice(1)} without confirmation, and there is no terminal to ask on: pass --yes to go ahead.`);
  }
  const answer = (await ask(`${action}? [y/N] `, false)).trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') throw new CliError('Not confirmed; nothing was changed.', exitCodes.refused);
}

/** The token typed on the terminal (hidden), or the first line of standard input when it is not a terminal. */
export async function readToken(): Promise<string> {
  if (hasTerminal()) return (await ask('API token: ', true)).trim();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
}
