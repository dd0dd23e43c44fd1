import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { Db } from '../db/dialects.js';
import type { Database, SiteRole, UserViewRow } from '../db/schema.js';
import type { SecretBox } from './secret-box.js';
import type { HashClient } from './hash-queue.js';

/** Who is making the request, as resolved from a session. */
export interface Actor {
  id: string;
  email: string;
  username: string;
  role: SiteRole;
  /** A sign-in session, or an API token (SPEC §3.4) acting with its owner's permissions. */
  credential: 'session' | 'token';
  /** The session's or the token's id. */
  sessionId: string;
  mustChangePassword: boolean;
  /**
   * The actor's user row as read with the session, when it was: a request
   * about yourself needs no second lookup. A snapshot from the start of the
   * request: anything that changes the user reads it afresh. The columns a
   * view shows only: no password hash is read on every request.
   */
  row?: UserViewRow;
  /** With `row` on PostgreSQL: its memberships as read with the session (see membershipsJson). */
  rowMemberships?: string;
}

/** Everything a domain operation needs; built once per request. */
export interface Ctx {
  db: Db;
  config: Config;
  actor: Actor | null;
  client: {
    ip: string | null;
    userAgent: string | null;
    /** Whether the client has hung up (set by the sign-in route): a password hash waited for only by them is skipped. */
    hashClient?: HashClient;
  };
  /** Seals and opens secrets kept in the database. */
  secrets: SecretBox;
  now(): number;
}

/** A query's first argument: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
