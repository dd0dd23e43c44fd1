import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { hashToken, newSecretToken } from '../../src/domain/tokens.js';

test('secret tokens are 32 random bytes in base64url, after their prefix, and never repeat', () => {
  const seen = new Set<string>();
  // Several pool refills' worth, so tokens on both sides of a refill are compared.
  for (let i = 0; i < 2_000; i++) {
    const token = newSecretToken();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    seen.add(token);
  }
  assert.equal(seen.size, 2_000);
  assert.match(newSecretToken('rst_'), /^rst_[A-Za-z0-9_-]{43}$/);
});

test('tokens draw on all 256 byte values evenly enough, not a stuck or wiped pool', () => {
  const counts = new Array<number>(256).fill(0);
  const tokens = 4_000;
  for (let i = 0; i < tokens; i++) for (const byte of Buffer.from(newSecretToken(), 'base64url')) counts[byte]! += 1;
  const expected = (tokens * 32) / 256;
  // 500 per value expected; a pool that served zeroes (wiped bytes) would put thousands on 0.
  assert.ok(counts.every((n) => n > expected * 0.7 && n < expected * 1.3), `byte counts from ${Math.min(...counts)} to ${Math.max(...counts)}`);
});

test('a token hashes to the hex SHA-256 of its text, as stored hashes were made', () => {
  for (const token of [newSecretToken(), newSecretToken('rst_'), 'é-not-ascii-☃']) {
    assert.equal(hashToken(token), createHash('sha256').update(token).digest('hex'));
  }
});
