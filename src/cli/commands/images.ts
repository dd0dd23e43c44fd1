// `roster images ls|add|edit|rm`: the image catalogue of each organization.
import type { Command } from 'commander';
import type { Image } from '../client/api-types.js';
import { usageError } from '../client/errors.js';
import { apiPath, connect } from '../client/http.js';
import { defined, examples, withOutput, withYes, type OutputFlags, type YesFlags } from '../client/options.js';
import { out, printJson, printList, printRecord, time } from '../client/output.js';
import { confirm } from '../client/prompt.js';

const imageColumns = ['ID', 'ORGANIZATION', 'NAME', 'IMAGE', 'DESCRIPTION'];

function imageRow(image: Image, org?: string): string[] {
  return [image.id, image.orgName ?? org ?? image.orgId, image.name, `${image.repository}:${image.tag}`, image.description || '-'];
}

function printImage(image: Image, flags: OutputFlags, org?: string) {
  if (flags.output === 'json') return printJson(image);
  return printRecord([
    ['ID', image.id], ['Organization', image.orgName ?? org ?? image.orgId], ['Name', image.name], ['Repository', image.repository],
    ['Tag', image.tag], ['Description', image.description || '-'], ['Created', time(image.createdAt)], ['Updated', time(image.updatedAt)],
  ]);
}

async function list(flags: OutputFlags & { org?: string }): Promise<void> {
  const path = flags.org === undefined ? '/api/v1/images' : apiPath`/api/v1/orgs/${flags.org}/images`;
  const { images } = await connect().get<{ images: Image[] }>(path);
  await printList(flags.output, images, imageColumns, (image) => imageRow(image, flags.org), 'No images.');
}

interface ImageFlags extends OutputFlags {
  name?: string;
  repository?: string;
  tag?: string;
  description?: string;
}

async function add(org: string, flags: ImageFlags): Promise<void> {
  const { image } = await connect().post<{ image: Image }>(apiPath`/api/v1/orgs/${org}/images`, defined({
    name: flags.name, repository: flags.repository, tag: flags.tag, description: flags.description,
  }));
  await printImage(image, flags, org);
}

async function edit(id: string, flags: ImageFlags): Promise<void> {
  const changes = defined({ name: flags.name, repository: flags.repository, tag: flags.tag, description: flags.description });
  if (Object.keys(changes).length === 0) throw usageError('Nothing to change: pass at least one of --name, --repository, --tag, --description.');
  const { image } = await connect().patch<{ image: Image }>(apiPath`/api/v1/images/${id}`, changes);
  await printImage(image, flags);
}

async function remove(id: string, flags: YesFlags): Promise<void> {
  await confirm(`Delete image ${id}`, flags.yes);
  await connect().delete(apiPath`/api/v1/images/${id}`);
  await out(`Deleted image ${id}.\n`);
}

export function registerImages(program: Command): void {
  const images = program.command('images').description('The workspace images each organization offers its members.');

  examples(withOutput(images.command('ls').description('List the images you may use, or one organization\'s catalogue.')
    .option('--org <org>', 'only this organization\'s images (name or id)')), [
    'roster images ls',
    'roster images ls --org Engineering -o json',
  ]).action(list);

  examples(withOutput(images.command('add').description('Add an image to an organization\'s catalogue.')
    .argument('<org>', 'the organization (name or id)')
    .requiredOption('--name <name>', 'name shown to members')
    .requiredOption('--repository <repository>', 'image repository, such as registry.example.com/team/python')
    .requiredOption('--tag <tag>', 'image tag, such as 3.12')
    .option('--description <text>', 'what it holds')), [
    'roster images add Engineering --name Python --repository registry.example.com/python --tag 3.12',
  ]).action(add);

  examples(withOutput(images.command('edit').description('Change an image (ids are in `roster images ls`).')
    .argument('<id>', 'the image id')
    .option('--name <name>', 'new name')
    .option('--repository <repository>', 'new repository')
    .option('--tag <tag>', 'new tag')
    .option('--description <text>', 'new description')), [
    'roster images edit 0190f3a2-7c1e-7b5d-9a41-3f0c2d8e6b17 --tag 3.13',
  ]).action(edit);

  examples(withYes(images.command('rm').description('Delete an image from its organization\'s catalogue.')
    .argument('<id>', 'the image id')), [
    'roster images rm 0190f3a2-7c1e-7b5d-9a41-3f0c2d8e6b17 --yes',
  ]).action(remove);
}
