#!/usr/bin/env node
// `roster`: the server, the server-side maintenance commands, and the client
// commands that talk to a running server over HTTP with an API token.
import { Command } from 'commander';
import { loadConfig, options, type OptionName } from '../config.js';
import { reportFailure } from './client/failure.js';
import { exitQuietlyOnBrokenPipe } from './client/output.js';
import { registerAudit } from './commands/audit.js';
import { registerImages } from './commands/images.js';
import { registerLogin } from './commands/login.js';
import { registerOrgs } from './commands/orgs.js';
import { registerTokens } from './commands/tokens.js';
import { registerUsers } from './commands/users.js';

const program = new Command('roster')
  .description('Roster: self-hosted user management for developer-workspace platforms.')
  .showHelpAfterError()
  // Usage errors exit 2 rather than commander's 1, which scripts read as a refusal by the server.
  .exitOverride()
  .addHelpText('after', `
Client commands talk to a running server: run \`roster login URL\` once, or set
ROSTER_URL and ROSTER_TOKEN. Every command has --help with examples.

Exit codes: 0 done; 1 the server refused (its message is on stderr); 2 usage
error or a missing --yes; 3 not logged in or the token was refused; 4 the server
cannot be reached.`);

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

// The server side is loaded only when asked for: the client commands start faster without it.
withConfigFlags(program.command('server').description('Start the Roster server.'))
  .action(async (flags: Record<string, string | undefined>) => {
    const { serve } = await import('./server.js');
    await serve(configFrom(flags));
  });

withConfigFlags(program.command('reset-admin-password')
  .description("Print a new temporary password for the site admin and end the admin's sessions and tokens. Talks to the database directly."))
  .action(async (flags: Record<string, string | undefined>) => {
    const { resetAdminPasswordCommand } = await import('./reset-admin-password.js');
    await resetAdminPasswordCommand(configFrom(flags));
  });

registerLogin(program);
registerUsers(program);
registerOrgs(program);
registerImages(program);
registerTokens(program);
registerAudit(program);

exitQuietlyOnBrokenPipe();
program.parseAsync().catch((error: unknown) => {
  const code = reportFailure(error);
  // Let what is already written reach the pipe before exiting.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
