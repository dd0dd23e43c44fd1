// How a user reads in a table.
import type { User } from '../client/api-types.js';
import { orDash, out, time } from '../client/output.js';

export const userColumns = ['USERNAME', 'NAME', 'EMAIL', 'ROLE', 'AUTH TYPE', 'STATUS', 'ORGANIZATIONS'];

const authType = (user: User) => (user.loginType === 'oidc' ? 'OpenID Connect' : 'Built-In');

function status(user: User): string {
  if (user.status !== 'suspended') return user.status;
  const details = [user.suspendedReason, user.suspendedUntil ? `until ${time(user.suspendedUntil)}` : null].filter(Boolean);
  return details.length ? `suspended (${details.join(', ')})` : 'suspended';
}

export function userRow(user: User): string[] {
  return [user.username, user.name, user.email, user.siteRole, authType(user), status(user), user.organizations.map((org) => org.name).join(', ') || '-'];
}

export function userRecord(user: User): [string, string][] {
  return [
    ['ID', user.id],
    ['Username', user.username],
    ['Name', user.name],
    ['Email', user.email],
    ['Role', user.siteRole],
    ['Auth type', authType(user)],
    ['Status', status(user)],
    ['Must change password', user.mustChangePassword ? 'yes' : 'no'],
    ['Organizations', user.organizations.map((org) => `${org.name} (${org.role})`).join(', ') || '-'],
    ['Created', time(user.createdAt)],
    ['Updated', time(user.updatedAt)],
    ['Last seen', orDash(user.lastSeenAt && time(user.lastSeenAt))],
  ];
}

/** The one time a temporary password is shown: on a line of its own, labelled, for the person to copy. */
export function printTemporaryPassword(username: string, password: string): Promise<void> {
  return out(`Temporary password: ${password}\nIt is shown only this once; ${username} must change it at the first sign-in.\n`);
}
