// `roster tokens ls|create|rm`: API tokens, your own (or anyone's, for the site admin).
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../../config.js';
import type { CreatedToken, TokenInfo } from '../client/api-types.js';
import { apiPath, connect } from '../client/http.js';
import { examples, withOutput, withYes, type OutputFlags, type YesFlags } from '../client/options.js';
import { out, printJson, printList, time } from '../client/output.js';
import { confirm } from '../client/prompt.js';

const tokenColumns = ['ID', 'NAME', 'CREATED', 'LAST USED', 'EXPIRES'];
const tokenRow = (t: TokenInfo) => [t.id, t.name, time(t.createdAt), time(t.lastUsedAt), time(t.expiresAt)];

function lifetime(value: string): number {
  const seconds = parseDuration(value);
  if (seconds === null) throw new InvalidArgumentError('Expected a duration such as 30d, 12h or 90m.');
  return seconds;
}

interface UserFlag {
  user: string;
}

async function list(flags: OutputFlags & UserFlag): Promise<void> {
  const { tokens } = await connect().get<{ tokens: TokenInfo[] }>(apiPath`/api/v1/users/${flags.user}/tokens`);
  await printList(flags.output, tokens, tokenColumns, tokenRow, 'No API tokens.');
}

async function create(name: string, flags: OutputFlags & UserFlag & { lifetime?: number }): Promise<void> {
  const created = await connect().post<CreatedToken>(apiPath`/api/v1/users/${flags.user}/tokens`, {
    name, ...(flags.lifetime === undefined ? {} : { lifetimeSeconds: flags.lifetime }),
  });
  if (flags.output === 'json') return printJson(created);
  await out(`Created API token ${created.name}, expiring ${time(created.expiresAt)}.\nToken: ${created.token}\nIt is shown only this once: store it somewhere safe now.\n`);
}

async function remove(ref: string, flags: UserFlag & YesFlags): Promise<void> {
  await confirm(`Delete API token ${ref}${flags.user === 'me' ? '' : ` of ${flags.user}`}`, flags.yes);
  await connect().delete(apiPath`/api/v1/users/${flags.user}/tokens/${ref}`);
  await out(`Deleted API token ${ref}.\n`);
}

const userOption = ['--user <user>', 'whose tokens: me, or (for the site admin) any username or id', 'me'] as const;

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('API tokens for scripts and for `roster login`.');

  examples(withOutput(tokens.command('ls').description('List API tokens (never their secrets).').option(...userOption)), [
    'roster tokens ls',
    'roster tokens ls --user alice -o json',
  ]).action(list);

  examples(withOutput(tokens.command('create').description('Create an API token and print it once.')
    .argument('<name>', 'a name to recognise it by, unique per user')
    .option('--lifetime <duration>', 'how long it lives, such as 30d or 12h (default and maximum: the server\'s ROSTER_MAX_TOKEN_LIFETIME)', lifetime)
    .option(...userOption)), [
    'roster tokens create ci --lifetime 30d',
    'roster tokens create deploy -o json | jq -r .token',
  ]).action(create);

  examples(withYes(tokens.command('rm').description('Delete an API token; whatever uses it is refused from then on.')
    .argument('<token>', 'the token\'s name or id')
    .option(...userOption)), [
    'roster tokens rm ci --yes',
  ]).action(remove);
}
