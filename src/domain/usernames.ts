// Username rules (SPEC §1.1) and the derivation from an email address.
import { takenUsernames } from '../db/queries/users.js';
import type { Executor } from './context.js';
import { uuidPattern } from './ids.js';

export const usernameMaxLength = 39;
export const usernamePattern = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;

/** Why a username cannot be used, or null when it can. */
export function usernameProblem(username: string): string | null {
  if (username.length < 1 || username.length > usernameMaxLength) return `Must be 1–${usernameMaxLength} characters.`;
  if (!usernamePattern.test(username)) return 'Use letters, digits and hyphens, not starting or ending with a hyphen.';
  // `me` and ids are how paths name users, so no username may look like them.
  if (username.toLowerCase() === 'me' || uuidPattern.test(username.toLowerCase())) return 'This username is reserved.';
  return null;
}

function sanitise(localPart: string): string {
  const cleaned = localPart.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  const cut = cleaned.slice(0, usernameMaxLength).replace(/-+$/, '');
  return cut && usernameProblem(cut) === null ? cut : `user${cut ? `-${cut}` : ''}`.slice(0, usernameMaxLength).replace(/-+$/, '');
}

/** The n-th username tried for this email: its local part sanitised, lower-cased and cut to 39, then with `-n` from 2 on. */
export function usernameCandidate(email: string, n: number): string {
  const base = sanitise(email.slice(0, email.lastIndexOf('@')));
  if (n === 1) return base;
  const suffix = `-${n}`;
  return base.slice(0, usernameMaxLength - suffix.length).replace(/-+$/, '') + suffix;
}

/** The email's local part, sanitised, lower-cased, cut to 39, then `-2`, `-3`… until free. */
export async function deriveUsername(executor: Executor, email: string): Promise<string> {
  const candidate = (n: number) => usernameCandidate(email, n);
  // Point lookups on the unique index, twenty candidates a query: correct
  // under any collation, and cheap however many users there are.
  for (let first = 1; ; first += 20) {
    const batch = Array.from({ length: 20 }, (_, i) => candidate(first + i));
    const taken = await takenUsernames(executor, batch);
    const free = batch.find((name) => !taken.has(name));
    if (free) return free;
  }
}
