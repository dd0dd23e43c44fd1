// `roster orgs members ls|add|role|rm`.
import type { Command } from 'commander';
import { Argument, Option } from 'commander';
import { orgRoles, type Member } from '../client/api-types.js';
import { apiPath, collectPages, connect } from '../client/http.js';
import { examples, positiveInteger, withOutput, withYes, type OutputFlags, type YesFlags } from '../client/options.js';
import { note, out, printJson, printList, time } from '../client/output.js';
import { confirm } from '../client/prompt.js';

const memberColumns = ['USERNAME', 'NAME', 'EMAIL', 'ROLE', 'JOINED'];
const memberRow = (m: Member) => [m.user.username, m.user.name, m.user.email, m.role, time(m.joinedAt)];

interface ListFlags extends OutputFlags {
  limit?: number;
  all?: boolean;
}

async function list(org: string, flags: ListFlags): Promise<void> {
  const api = connect();
  const { items, more } = await collectPages(async (cursor) => {
    const page = await api.get<{ members: Member[]; nextCursor: string | null }>(apiPath`/api/v1/orgs/${org}/members`, { limit: flags.limit, cursor });
    return { items: page.members, nextCursor: page.nextCursor };
  }, flags.all ?? false);
  await printList(flags.output, items, memberColumns, memberRow, `${org} has no members.`);
  if (more) await note('More members: pass --all for every page, or --limit for a bigger one.');
}

const printMember = (member: Member, org: string, flags: OutputFlags) =>
  (flags.output === 'json' ? printJson(member) : out(`${member.user.username} is ${member.role} of ${org}.\n`));

async function add(org: string, user: string, flags: OutputFlags & { role?: string }): Promise<void> {
  const { member } = await connect().post<{ member: Member }>(apiPath`/api/v1/orgs/${org}/members`, { user, ...(flags.role ? { role: flags.role } : {}) });
  await printMember(member, org, flags);
}

async function role(org: string, user: string, orgRole: string, flags: OutputFlags): Promise<void> {
  const { member } = await connect().patch<{ member: Member }>(apiPath`/api/v1/orgs/${org}/members/${user}`, { role: orgRole });
  await printMember(member, org, flags);
}

async function remove(org: string, user: string, flags: YesFlags): Promise<void> {
  await confirm(`Remove ${user} from organization ${org}`, flags.yes);
  await connect().delete(apiPath`/api/v1/orgs/${org}/members/${user}`);
  await out(`Removed ${user} from ${org}.\n`);
}

export function registerOrgMembers(orgs: Command, orgArgument: () => Argument): void {
  const members = orgs.command('members').description('An organization\'s members and their org roles.');
  const userArgument = () => new Argument('<user>', 'an id or a username');
  const roleArgument = () => new Argument('<role>', 'org role').choices(orgRoles);

  examples(withOutput(members.command('ls').description('List an organization\'s members (one page unless --all).')
    .addArgument(orgArgument())
    .option('--limit <n>', 'members per page, 1-100', positiveInteger)
    .option('--all', 'follow every page')), [
    'roster orgs members ls Engineering --all',
  ]).action(list);

  examples(withOutput(members.command('add').description('Add a user to an organization.')
    .addArgument(orgArgument())
    .addArgument(userArgument())
    .addOption(new Option('--role <role>', 'org role (default: the organization\'s default role)').choices(orgRoles))), [
    'roster orgs members add Engineering alice --role org-manager',
  ]).action(add);

  examples(withOutput(members.command('role').description('Change a member\'s org role.')
    .addArgument(orgArgument()).addArgument(userArgument()).addArgument(roleArgument())), [
    'roster orgs members role Engineering alice org-member',
  ]).action(role);

  examples(withYes(members.command('rm').description('Remove a user from an organization.')
    .addArgument(orgArgument()).addArgument(userArgument())), [
    'roster orgs members rm Engineering alice --yes',
  ]).action(remove);
}
