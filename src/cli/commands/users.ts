// `roster users ls|show|create|edit|role` (the lifecycle commands are in users-lifecycle.ts,
// bulk and export in users-bulk.ts).
import type { Command } from 'commander';
import { Argument, Option } from 'commander';
import { loginTypes, siteRoles, type User, type UserWithPassword } from '../client/api-types.js';
import { usageError } from '../client/errors.js';
import { apiPath, collectPages, connect } from '../client/http.js';
import { collect, defined, examples, positiveInteger, withOutput, type OutputFlags } from '../client/options.js';
import { note, out, printJson, printList, printRecord } from '../client/output.js';
import { registerUsersBulk } from './users-bulk.js';
import { registerUsersImport } from './users-import.js';
import { registerUserLifecycle } from './users-lifecycle.js';
import { printTemporaryPassword, userColumns, userRecord, userRow } from './users-view.js';

const filterGrammar = `
Filter (-q), the same grammar as the search box of Manage > Users: words match
username, email and name; terms narrow further:
  role:member|auditor|site-manager|site-admin   status:active|suspended|dormant
  login_type:built-in|oidc   org:NAME
  last_seen_before:DATE  last_seen_after:DATE  created_before:DATE  created_after:DATE`;
const filterHelp = `${filterGrammar}
Sort (--sort): username, email, created or last_seen; a leading - sorts descending.`;

interface ListFlags extends OutputFlags {
  query?: string;
  sort?: string;
  limit?: number;
  all?: boolean;
}

async function list(flags: ListFlags): Promise<void> {
  const api = connect();
  const { items, more } = await collectPages(async (cursor) => {
    const page = await api.get<{ users: User[]; nextCursor: string | null }>('/api/v1/users', { q: flags.query, sort: flags.sort, limit: flags.limit, cursor });
    return { items: page.users, nextCursor: page.nextCursor };
  }, flags.all ?? false);
  await printList(flags.output, items, userColumns, userRow, 'No users match.');
  if (more) await note('More users match: pass --all for every page, or --limit for a bigger one.');
}

async function show(ref: string, flags: OutputFlags): Promise<void> {
  const { user } = await connect().get<{ user: User }>(apiPath`/api/v1/users/${ref}`);
  await (flags.output === 'json' ? printJson(user) : printRecord(userRecord(user)));
}

interface CreateFlags extends OutputFlags {
  email: string;
  name?: string;
  username?: string;
  loginType: string;
  org?: string[];
  role?: string;
}

async function create(flags: CreateFlags): Promise<void> {
  const created = await connect().post<UserWithPassword>('/api/v1/users', defined({
    email: flags.email, name: flags.name, username: flags.username, loginType: flags.loginType, organizations: flags.org, siteRole: flags.role,
  }));
  if (flags.output === 'json') return printJson(created);
  const { user, temporaryPassword } = created;
  await out(`Created user ${user.username} <${user.email}>: ${user.siteRole}, ${user.loginType}, in ${user.organizations.map((o) => o.name).join(', ') || 'no organization'}.\n`);
  if (temporaryPassword) await printTemporaryPassword(user.username, temporaryPassword);
}

interface EditFlags extends OutputFlags {
  name?: string;
  email?: string;
  username?: string;
  loginType?: string;
}

async function edit(ref: string, flags: EditFlags): Promise<void> {
  const changes = defined({ name: flags.name, email: flags.email, username: flags.username, loginType: flags.loginType });
  if (Object.keys(changes).length === 0) throw usageError('Nothing to change: pass at least one of --name, --email, --username, --login-type.');
  const result = await connect().patch<UserWithPassword>(apiPath`/api/v1/users/${ref}`, changes);
  if (flags.output === 'json') return printJson(result);
  await printRecord(userRecord(result.user));
  if (result.temporaryPassword) await printTemporaryPassword(result.user.username, result.temporaryPassword);
}

async function role(ref: string, siteRole: string, flags: OutputFlags): Promise<void> {
  const { user } = await connect().patch<UserWithPassword>(apiPath`/api/v1/users/${ref}`, { siteRole });
  await (flags.output === 'json' ? printJson(user) : out(`${user.username} is now ${user.siteRole}.\n`));
}

const userArgument = () => new Argument('<user>', 'an id, a username, or me');

export function registerUsers(program: Command): void {
  const users = program.command('users').description('List, show, create, change, suspend and delete users, one at a time or in bulk, and export them as CSV.');

  examples(withOutput(users.command('ls').description('List users, newest first (one page unless --all).'))
    .option('-q, --query <filter>', 'filter, as in the web UI (see below)')
    .option('--sort <field>', 'username, email, created or last_seen; prefix - for descending (default -created)')
    .option('--limit <n>', 'users per page, 1-100 (default 25)', positiveInteger)
    .option('--all', 'follow every page')
    .addHelpText('after', filterHelp), [
    "roster users ls -q 'role:auditor status:active'",
    'roster users ls --all -o json | jq -r ".[].email"',
  ]).action(list);

  examples(withOutput(users.command('show').description('Show one user.').addArgument(userArgument())), [
    'roster users show alice',
    'roster users show me -o json',
  ]).action(show);

  examples(withOutput(users.command('create')
    .description('Create a user. For a built-in user the temporary password is printed once (in -o json, the temporaryPassword field); pass it on securely.'))
    .requiredOption('--email <email>', 'email address')
    .option('--name <name>', 'display name (default: the username)')
    .option('--username <username>', 'username (default: derived from the email)')
    .addOption(new Option('--login-type <type>', 'how the user signs in').choices(loginTypes).default('built-in'))
    .option('--org <org>', 'organization to join, by name or id; repeat for several (default: the default organizations)', collect)
    .addOption(new Option('--role <role>', 'site role (default: member)').choices(siteRoles)), [
    'roster users create --email alice@example.com --name "Alice Liddell" --org Engineering',
    'roster users create --email bob@example.com --login-type oidc --role auditor -o json',
  ]).action(create);

  examples(withOutput(users.command('edit').description('Change a user\'s profile or auth type. Switching to built-in prints a new temporary password.')
    .addArgument(userArgument()))
    .option('--name <name>', 'display name')
    .option('--email <email>', 'email address')
    .option('--username <username>', 'username')
    .addOption(new Option('--login-type <type>', 'how the user signs in').choices(loginTypes)), [
    'roster users edit alice --name "Alice L." --email alice@corp.example.com',
    'roster users edit bob --login-type oidc',
  ]).action(edit);

  examples(withOutput(users.command('role').description('Change a user\'s site role.')
    .addArgument(userArgument())
    .addArgument(new Argument('<role>', 'the new site role').choices(siteRoles))), [
    'roster users role alice site-manager',
  ]).action(role);

  registerUserLifecycle(users, userArgument);
  registerUsersBulk(users, filterGrammar);
  registerUsersImport(users);
}
