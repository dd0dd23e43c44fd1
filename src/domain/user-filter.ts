// The filter grammar shared by the search box, GET /api/v1/users?q= and
// `roster users ls -q` (SPEC §1.7): free words match username, email or name;
// `key:value` terms narrow further. Values may be double-quoted.
import type { LoginType, SiteRole } from '../db/schema.js';
import { fail } from './errors.js';

export type UserStatus = 'active' | 'suspended' | 'dormant';

export interface TimeBound {
  column: 'created' | 'last_seen';
  op: '<' | '>=';
  at: number;
}

export interface UserFilter {
  text: string[];
  roles: SiteRole[];
  statuses: UserStatus[];
  loginTypes: LoginType[];
  orgs: string[];
  times: TimeBound[];
}

const enumerations = {
  role: ['member', 'auditor', 'site-manager', 'site-admin'],
  status: ['active', 'suspended', 'dormant'],
  login_type: ['built-in', 'oidc'],
} as const;

const timeTerms: Record<string, Omit<TimeBound, 'at'>> = {
  created_before: { column: 'created', op: '<' },
  created_after: { column: 'created', op: '>=' },
  last_seen_before: { column: 'last_seen', op: '<' },
  last_seen_after: { column: 'last_seen', op: '>=' },
};

export const filterKeys = [...Object.keys(enumerations), 'org', ...Object.keys(timeTerms)];

function badTerm(term: string, why: string): never {
  fail('BAD_FILTER', `Bad filter term "${term}": ${why}`, [{ field: 'q', detail: `"${term}": ${why}` }]);
}

/** Splits on whitespace, keeping double-quoted stretches together (quotes removed). */
function tokenize(q: string): { raw: string; key: string | null; value: string }[] {
  return (q.match(/(?:[^\s"]+|"[^"]*"?)+/g) ?? []).map((raw) => {
    if ((raw.match(/"/g)?.length ?? 0) % 2 === 1) badTerm(raw, 'unbalanced quote');
    const term = /^([A-Za-z_]+):(.*)$/s.exec(raw);
    const unquote = (text: string) => text.replaceAll('"', '');
    return term ? { raw, key: term[1]!.toLowerCase(), value: unquote(term[2]!) } : { raw, key: null, value: unquote(raw) };
  });
}

function parseTime(term: string, value: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const at = dateOnly ? Date.parse(`${value}T00:00:00Z`) : dateTime ? Date.parse(value) : NaN;
  // Date.parse rolls 2026-02-30 over into March instead of refusing it.
  const day = value.slice(0, 10);
  const realDay = !Number.isNaN(at) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
  if (!realDay) badTerm(term, 'expected a date (2026-01-31) or a time (2026-01-31T09:00:00Z)');
  return at;
}

export function parseUserFilter(q: string): UserFilter {
  const filter: UserFilter = { text: [], roles: [], statuses: [], loginTypes: [], orgs: [], times: [] };
  for (const { raw, key, value } of tokenize(q)) {
    if (key === null) {
      if (value) filter.text.push(value.toLowerCase());
      continue;
    }
    if (value === '') badTerm(raw, 'needs a value');
    if (key in enumerations) {
      const allowed: readonly string[] = enumerations[key as keyof typeof enumerations];
      const v = value.toLowerCase();
      if (!allowed.includes(v)) badTerm(raw, `expected one of ${allowed.join(', ')}`);
      if (key === 'role') filter.roles.push(v as SiteRole);
      else if (key === 'status') filter.statuses.push(v as UserStatus);
      else filter.loginTypes.push(v as LoginType);
    } else if (key === 'org') {
      filter.orgs.push(value);
    } else if (key in timeTerms) {
      filter.times.push({ ...timeTerms[key]!, at: parseTime(raw, value) });
    } else {
      badTerm(raw, `unknown filter "${key}"; known filters are ${filterKeys.join(', ')}`);
    }
  }
  return filter;
}
