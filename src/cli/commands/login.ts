// `roster login` and `roster logout`: keep (or forget) a server URL and an API token.
import type { Command } from 'commander';
import type { User } from '../client/api-types.js';
import { configFile, forget, readStored, serverUrl, store } from '../client/config-store.js';
import { usageError } from '../client/errors.js';
import { RosterApi } from '../client/http.js';
import { examples } from '../client/options.js';
import { out } from '../client/output.js';
import { readToken } from '../client/prompt.js';

interface LoginFlags {
  token?: string;
}

async function login(urlArgument: string | undefined, flags: LoginFlags): Promise<void> {
  const given = urlArgument ?? process.env.ROSTER_URL ?? readStored().url;
  if (!given) throw usageError('Which server? Give its URL: roster login https://roster.example.com');
  const url = serverUrl(given, urlArgument ? 'URL' : process.env.ROSTER_URL ? 'ROSTER_URL' : `The URL in ${configFile()}`);
  const token = flags.token ?? (await readToken());
  if (!token) throw usageError('No API token given: pass --token, type it when asked, or pipe it on standard input.');
  // Checked before anything is stored: a wrong token or URL leaves the old login in place.
  const { user } = await new RosterApi({ url, token }).get<{ user: User }>('/api/v1/users/me');
  const file = store({ url, token });
  await out(`Logged in to ${url} as ${user.username} (${user.siteRole}). Saved to ${file}.\n`);
}

async function logout(): Promise<void> {
  const file = configFile();
  await out(forget() ? `Logged out: removed ${file}. The token itself stays valid until it expires or is deleted (roster tokens rm).\n` : `Not logged in (no ${file}).\n`);
}

export function registerLogin(program: Command): void {
  examples(program.command('login')
    .summary('Save a server URL and API token for the other commands.')
    .description('Check an API token against a Roster server and save the URL and token for the other commands (file mode 0600). Create a token in the web UI under Account > API tokens, or with `roster tokens create`. ROSTER_URL and ROSTER_TOKEN, when both are set, are used instead of the saved login.')
    .argument('[url]', 'the server, such as https://roster.example.com (default: ROSTER_URL, then the saved URL)')
    .option('--token <token>', 'the API token (default: asked for on a terminal, else read from standard input)'), [
    'roster login https://roster.example.com',
    'roster login http://127.0.0.1:3000 < token.txt',
    'echo "$TOKEN" | roster login https://roster.example.com',
  ]).action(login);

  program.command('logout')
    .description('Forget the saved URL and token (the token is not revoked; delete it with `roster tokens rm`).')
    .action(logout);
}
