// `roster users reset-password|suspend|activate|delete`: the destructive ones
// ask first on a terminal and need --yes without one.
import type { Argument, Command } from 'commander';
import type { User } from '../client/api-types.js';
import { apiPath, connect } from '../client/http.js';
import { examples, withOutput, withYes, type OutputFlags, type YesFlags } from '../client/options.js';
import { out, printJson, time } from '../client/output.js';
import { confirm } from '../client/prompt.js';
import { printTemporaryPassword } from './users-view.js';

async function resetPassword(ref: string, flags: OutputFlags & YesFlags): Promise<void> {
  await confirm(`Reset the password of user ${ref}, ending their sessions and API tokens`, flags.yes);
  const result = await connect().post<{ temporaryPassword: string }>(apiPath`/api/v1/users/${ref}/reset-password`);
  await (flags.output === 'json' ? printJson(result) : printTemporaryPassword(ref, result.temporaryPassword));
}

interface SuspendFlags extends OutputFlags, YesFlags {
  reason?: string;
  until?: string;
}

async function suspend(ref: string, flags: SuspendFlags): Promise<void> {
  await confirm(`Suspend user ${ref}, ending their sessions and API tokens`, flags.yes);
  const body = { ...(flags.reason === undefined ? {} : { reason: flags.reason }), ...(flags.until === undefined ? {} : { until: flags.until }) };
  const { user } = await connect().post<{ user: User }>(apiPath`/api/v1/users/${ref}/suspend`, body);
  if (flags.output === 'json') return printJson(user);
  await out(`Suspended ${user.username}${user.suspendedUntil ? ` until ${time(user.suspendedUntil)}` : ''}.\n`);
}

async function activate(ref: string, flags: OutputFlags): Promise<void> {
  const { user } = await connect().post<{ user: User }>(apiPath`/api/v1/users/${ref}/activate`);
  await (flags.output === 'json' ? printJson(user) : out(`Activated ${user.username}; status: ${user.status}.\n`));
}

async function remove(ref: string, flags: YesFlags): Promise<void> {
  await confirm(`Delete user ${ref}`, flags.yes);
  await connect().delete(apiPath`/api/v1/users/${ref}`);
  await out(`Deleted user ${ref}.\n`);
}

export function registerUserLifecycle(users: Command, userArgument: () => Argument): void {
  examples(withYes(withOutput(users.command('reset-password')
    .description('Give a built-in user a new temporary password (printed once) and end their sessions and API tokens.')
    .addArgument(userArgument()))), [
    'roster users reset-password alice',
    'roster users reset-password alice --yes -o json',
  ]).action(resetPassword);

  examples(withYes(withOutput(users.command('suspend')
    .description('Suspend a user: they cannot sign in, and their sessions and tokens stop working at once.')
    .addArgument(userArgument())
    .option('--reason <text>', 'why (shown in the Users page)')
    .option('--until <time>', 'lift the suspension by itself at this ISO 8601 time, such as 2030-01-31T00:00:00Z'))), [
    'roster users suspend alice --reason "left the team" --yes',
    'roster users suspend bob --until 2030-01-31T00:00:00Z',
  ]).action(suspend);

  examples(withOutput(users.command('activate').description('Lift a user\'s suspension.').addArgument(userArgument())), [
    'roster users activate alice',
  ]).action(activate);

  examples(withYes(users.command('delete').description('Delete a user, ending their sessions and API tokens at once.').addArgument(userArgument())), [
    'roster users delete alice',
    'roster users delete alice --yes',
  ]).action(remove);
}
