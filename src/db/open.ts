import path from 'node:path';
import type { Config } from '../config.js';
import { openPostgres, openSqlite, type Db } from './dialects.js';

/** The database the config names: PostgreSQL when a URL is set, else SQLite in the data folder. */
export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Db {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openSqlite(path.join(config.dataDir, 'roster.db'));
}
