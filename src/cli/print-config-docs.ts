// `npm run docs:config`: writes the configuration table into the README
// between its markers. A test fails when the README and the table disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { configurationMarkdown } from '../config.js';

export const markers = ['<!-- config:start -->', '<!-- config:end -->'] as const;

export function withConfigSection(readme: string): string {
  const [start, end] = markers;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md needs ${start} and ${end} markers`);
  return `${readme.slice(0, from + start.length)}\n${configurationMarkdown()}\n${readme.slice(to)}`;
}

if (process.argv.includes('--write')) {
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync('README.md', withConfigSection(readme));
}
