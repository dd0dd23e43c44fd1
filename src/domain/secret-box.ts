// Secrets stored in the database (the OIDC client secret) are sealed with
// AES-256-GCM under a key that is never in the database: ROSTER_SECRET_KEY,
// or a key file generated in the data folder on first use.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws when the text was not sealed with this key or was altered. */
  open(sealed: string): string;
}

const version = 'v1';

function keyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32);
    // 'wx': if another process made it first, use theirs.
    try {
      writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    }
  }
}

export function openSecretBox(config: Pick<Config, 'secretKey' | 'dataDir'>): SecretBox {
  const key = config.secretKey ? createHash('sha256').update(config.secretKey).digest() : keyFile(config.dataDir);
  if (key.length !== 32) throw new Error(`${path.join(config.dataDir, 'secret.key')} does not hold a 32-byte key`);
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${version}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
    },
    open(text) {
      const [tag, body] = text.split('.');
      if (tag !== version || !body) throw new Error('not a sealed secret');
      const raw = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
