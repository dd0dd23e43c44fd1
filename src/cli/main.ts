#!/usr/bin/env node
// `roster`: the server and the server-side maintenance commands. Commands
// that talk to a running server over HTTP arrive with the CLI issue.
import { Command } from 'commander';
import { ConfigError, loadConfig, options, type OptionName } from '../config.js';
import { resetAdminPasswordCommand } from './reset-admin-password.js';
import { serve } from './server.js';

const program = new Command('roster')
  .description('Roster: self-hosted user management for developer-workspace platforms.')
  .showHelpAfterError();

function withConfigFlags(command: Command): Command {
  // commander turns --data-dir into dataDir: the flags land on our option names.
  for (const spec of Object.values(options)) command.option(`${spec.flag} <value>`, `${spec.doc} [env ${spec.env}]`);
  return command;
}

function configFrom(flags: Record<string, string | undefined>) {
  const picked: Partial<Record<OptionName, string>> = {};
  for (const name of Object.keys(options) as OptionName[]) {
    if (flags[name] !== undefined) picked[name] = flags[name];
  }
  return loadConfig(process.env, picked);
}

withConfigFlags(program.command('server').description('Start the Roster server.'))
  .action(async (flags: Record<string, string | undefined>) => {
    await serve(configFrom(flags));
  });

withConfigFlags(program.command('reset-admin-password')
  .description("Print a new temporary password for the site admin and end the admin's sessions and tokens. Talks to the database directly."))
  .action(async (flags: Record<string, string | undefined>) => {
    await resetAdminPasswordCommand(configFrom(flags));
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`roster: ${error instanceof ConfigError ? error.message : (error as Error).message ?? String(error)}\n`);
  process.exit(1);
});
