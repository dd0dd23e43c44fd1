// `roster orgs ls|show|create|edit|delete` (members are in org-members.ts).
import type { Command } from 'commander';
import { Argument, Option } from 'commander';
import { orgRoles, type Org } from '../client/api-types.js';
import { usageError } from '../client/errors.js';
import { apiPath, connect } from '../client/http.js';
import { defined, examples, withOutput, withYes, type OutputFlags, type YesFlags } from '../client/options.js';
import { out, printJson, printList, printRecord, time } from '../client/output.js';
import { confirm } from '../client/prompt.js';
import { registerOrgMembers } from './org-members.js';

const orgColumns = ['NAME', 'DESCRIPTION', 'DEFAULT', 'DEFAULT ROLE', 'CREATED'];
const orgRow = (org: Org) => [org.name, org.description || '-', org.default ? 'yes' : 'no', org.defaultRole, time(org.createdAt)];
const orgRecord = (org: Org): [string, string][] => [
  ['ID', org.id], ['Name', org.name], ['Description', org.description || '-'], ['Default', org.default ? 'yes' : 'no'],
  ['Default role', org.defaultRole], ['Created', time(org.createdAt)], ['Updated', time(org.updatedAt)],
];

const printOrg = (org: Org, flags: OutputFlags) => (flags.output === 'json' ? printJson(org) : printRecord(orgRecord(org)));

async function list(flags: OutputFlags): Promise<void> {
  const { orgs } = await connect().get<{ orgs: Org[] }>('/api/v1/orgs');
  await printList(flags.output, orgs, orgColumns, orgRow, 'No organizations.');
}

async function show(ref: string, flags: OutputFlags): Promise<void> {
  const { org } = await connect().get<{ org: Org }>(apiPath`/api/v1/orgs/${ref}`);
  await printOrg(org, flags);
}

interface OrgFlags extends OutputFlags {
  name?: string;
  description?: string;
  default?: boolean;
  defaultRole?: string;
}

async function create(name: string, flags: OrgFlags): Promise<void> {
  const { org } = await connect().post<{ org: Org }>('/api/v1/orgs', defined({
    name, description: flags.description, default: flags.default, defaultRole: flags.defaultRole,
  }));
  await printOrg(org, flags);
}

async function edit(ref: string, flags: OrgFlags): Promise<void> {
  const changes = defined({ name: flags.name, description: flags.description, default: flags.default, defaultRole: flags.defaultRole });
  if (Object.keys(changes).length === 0) throw usageError('Nothing to change: pass at least one of --name, --description, --default/--no-default, --default-role.');
  const { org } = await connect().patch<{ org: Org }>(apiPath`/api/v1/orgs/${ref}`, changes);
  await printOrg(org, flags);
}

async function remove(ref: string, flags: YesFlags): Promise<void> {
  await confirm(`Delete organization ${ref} and its images (its members stay, in the default organizations if they have no other)`, flags.yes);
  await connect().delete(apiPath`/api/v1/orgs/${ref}`);
  await out(`Deleted organization ${ref}.\n`);
}

const orgArgument = () => new Argument('<org>', 'an organization name or id');
const defaultRoleOption = () => new Option('--default-role <role>', 'org role of members added without one').choices(orgRoles);

export function registerOrgs(program: Command): void {
  const orgs = program.command('orgs').description('Organizations, their members (orgs members …) and settings.');

  examples(withOutput(orgs.command('ls').description('List organizations (a member sees their own).')), [
    'roster orgs ls',
    'roster orgs ls -o json',
  ]).action(list);

  examples(withOutput(orgs.command('show').description('Show one organization.').addArgument(orgArgument())), [
    'roster orgs show Default',
  ]).action(show);

  examples(withOutput(orgs.command('create').description('Create an organization.')
    .argument('<name>', 'its name (unique)')
    .option('--description <text>', 'what it is for')
    .option('--default', 'new users join it unless their creator picks another organization')
    .addOption(defaultRoleOption())), [
    'roster orgs create Engineering --description "Product engineering" --default-role org-member',
  ]).action(create);

  examples(withOutput(orgs.command('edit').description('Change an organization.')
    .addArgument(orgArgument())
    .option('--name <name>', 'new name')
    .option('--description <text>', 'new description')
    .option('--default', 'make it a default organization')
    .option('--no-default', 'stop it being a default organization (one must stay default)')
    .addOption(defaultRoleOption())), [
    'roster orgs edit Engineering --name Platform --default',
  ]).action(edit);

  examples(withYes(orgs.command('delete').description('Delete an organization and its images; its users stay (those left with no organization join the default ones).')
    .addArgument(orgArgument())), [
    'roster orgs delete Sandbox --yes',
  ]).action(remove);

  registerOrgMembers(orgs, orgArgument);
}
