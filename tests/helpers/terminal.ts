// The `roster` CLI on a real pseudo-terminal, through util-linux `script`
// (Node has no pty of its own): for what only happens on a terminal, such as
// the y/N confirmation and the hidden token prompt.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { baseEnv, repoRoot } from './process.js';

/** Why terminal tests cannot run here, or null when they can. */
export function terminalProblem(): string | null {
  const found = spawnSync('script', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? null : 'util-linux `script` is not installed, so no pseudo-terminal is available.';
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * Runs `roster …args` on a pseudo-terminal, waits for `prompt` in its output,
 * types `answer` and Enter, and resolves with the exit code and everything the
 * terminal showed (stdout and stderr together, with \r\n line ends).
 */
export function runOnTerminal(args: string[], env: Record<string, string>, prompt: string, answer: string, timeoutMs = 15_000): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, '--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), ...args].map(quote).join(' ');
  const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
    cwd: repoRoot, env: { ...baseEnv(), ...env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let typed = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${timeoutMs} ms on the terminal; it showed:\n${screen}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      // Typed only once the prompt is up: before that the terminal would still echo it.
      if (!typed && screen.includes(prompt)) {
        typed = true;
        child.stdin.write(`${answer}\r`);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { screen += chunk; });
    child.stdin.on('error', () => {});
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code, screen });
    });
  });
}
