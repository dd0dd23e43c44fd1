// The importer's check for password hashes from other systems, and the
// verifiers behind it, against encodings written by someone else: the Argon2
// reference implementation's tests, OpenJDK's Argon2 tests, Openwall's
// crypt_blowfish tests, passlib's documentation and tests, and RustCrypto's
// pbkdf2 tests.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isImportablePasswordHash, parsePasswordHash, verifyParsedHash } from '../../src/domain/legacy-hashes.js';

/** [hash, the password it was made from, where it comes from] */
const knownAnswers: [string, string, string][] = [
  // phc-winner-argon2 src/test.c
  ['$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$wWKIMhR9lyDFvRz9YTZweHKfbftvj+qf+YFY4NeBbtA', 'password', 'argon2 reference, argon2i v1.3'],
  ['$argon2i$m=65536,t=2,p=1$c29tZXNhbHQ$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ', 'password', 'argon2 reference, argon2i v1.0 (no v=)'],
  ['$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4', 'password', 'argon2 reference, argon2id'],
  // OpenJDK test/jdk/.../TestArgon2EncodedHash.java
  ['$argon2d$v=19$m=16,t=2,p=1$d3VVZ0s3bnBIN25UbXVzQw$4piwyhK7cr9pZM1N88kyoQ', '12345678', 'OpenJDK, argon2d'],
  // Openwall crypt_blowfish wrapper.c
  ['$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW', 'U*U', 'crypt_blowfish'],
  ['$2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a', 'U*U*U', 'crypt_blowfish'],
  // passlib's test_handlers.py and its pbkdf2_sha256 documentation
  ['$pbkdf2$1212$OB.dtnSEXZK8U5cgxU/GYQ$y5LKPOplRmok7CZp/aqVDVg8zGI', 'password', 'passlib pbkdf2_sha1'],
  ['$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ', 'password', 'passlib pbkdf2_sha256'],
  ['$pbkdf2-sha256$6400$0ZrzXitFSGltTQnBWOsdAw$Y11AchqV4b0sUisdZd0Xr97KWoymNE0LNNrnEgY4H9M', 'password', 'passlib pbkdf2_sha256 docs'],
  ['$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww', 'password', 'passlib pbkdf2_sha512'],
  // RustCrypto password-hashes pbkdf2 (the PHC form)
  ['$pbkdf2-sha256$i=4096,l=40$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q', 'passwordPASSWORDpassword', 'RustCrypto pbkdf2'],
  // passlib's scrypt documentation
  ['$scrypt$ln=8,r=8,p=1$WKs1xljLudd6z9kbY0wpJQ$yCR4iDZYDKv+iEJj6yHY0lv/epnfB6f/w1EbXrsJOuQ', 'password', 'passlib scrypt docs'],
  ['$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E', 'password', 'passlib scrypt docs'],
];

const b64 = (bytes: number, fill = 7) => Buffer.alloc(bytes, fill).toString('base64').replace(/=+$/, '');
const ab64 = (bytes: number) => b64(bytes).replaceAll('+', '.');
const bcryptTail = 'CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW';
const argon2 = (params: string, salt = b64(16), hash = b64(32), prefix = '$argon2id$v=19') => `${prefix}$${params}$${salt}$${hash}`;
const scrypt = (params: string) => `$scrypt$${params}$${b64(16)}$${b64(32)}`;

describe('isImportablePasswordHash', () => {
  test('accepts every known-answer vector, of every supported format', () => {
    for (const [hash, , source] of knownAnswers) assert.equal(isImportablePasswordHash(hash), true, `${source}: ${hash}`);
  });

  test('accepts the bcrypt prefixes 2a, 2b and 2y at costs 4 to 14', () => {
    for (const variant of ['2a', '2b', '2y']) {
      for (const cost of ['04', '10', '14']) assert.equal(isImportablePasswordHash(`$${variant}$${cost}$${bcryptTail}`), true, `${variant} ${cost}`);
    }
  });

  test('refuses bcrypt outside costs 4 to 14, the 2x variant and anything not exactly 53 characters after the cost', () => {
    for (const hash of [
      `$2b$03$${bcryptTail}`, `$2b$15$${bcryptTail}`, `$2b$31$${bcryptTail}`, `$2b$5$${bcryptTail}`, `$2x$05$${bcryptTail}`, `$2$05$${bcryptTail}`,
      `$2b$05$${bcryptTail.slice(1)}`, `$2b$05$${bcryptTail}A`, `$2b$05$${bcryptTail.slice(1)}+`, `$2b$05$${bcryptTail}$`,
    ]) assert.equal(isImportablePasswordHash(hash), false, hash);
  });

  test('argon2: memory up to 256 MiB, time 1 to 10, parallelism 1 to 8, memory × time up to 1 GiB', () => {
    assert.equal(isImportablePasswordHash(argon2('m=262144,t=4,p=8')), true);
    assert.equal(isImportablePasswordHash(argon2('m=8,t=10,p=1')), true);
    assert.equal(isImportablePasswordHash(argon2('m=19456,t=2,p=1', b64(16), b64(32), '$argon2i$v=16')), true);
    for (const params of [
      'm=262145,t=1,p=1', 'm=4194304,t=1,p=1', 'm=262144,t=5,p=1', 'm=19456,t=11,p=1', 'm=19456,t=2,p=9', 'm=19456,t=0,p=1',
      'm=19456,t=2,p=0', 'm=15,t=2,p=2', 'm=7,t=1,p=1', 'm=019456,t=2,p=1', 't=2,m=19456,p=1', 'm=19456,t=2', 'm=19456,t=2,p=1,keyid=AAAA',
      'm=19456,t=2,p=1,data=AAAA', 'm=-1,t=2,p=1', 'm=1e4,t=2,p=1', 'm=19456,t=2,p=1,', 'm=99999999999,t=2,p=1',
    ]) assert.equal(isImportablePasswordHash(argon2(params)), false, params);
  });

  test('argon2: salt 8 to 48 bytes and hash 12 to 64 bytes of canonical, unpadded base64; known versions only', () => {
    assert.equal(isImportablePasswordHash(argon2('m=19456,t=2,p=1', b64(8), b64(12))), true);
    assert.equal(isImportablePasswordHash(argon2('m=19456,t=2,p=1', b64(48), b64(64))), true);
    for (const [salt, hash] of [
      [b64(7), b64(32)], [b64(49), b64(32)], [b64(16), b64(11)], [b64(16), b64(65)], [`${b64(16)}==`, b64(32)],
      [b64(16).slice(0, -1) + 'B', b64(32)], // non-zero trailing bits
      [b64(16).replace(/.$/, '.'), b64(32)], ['', b64(32)], [b64(16), ''],
    ]) assert.equal(isImportablePasswordHash(argon2('m=19456,t=2,p=1', salt, hash)), false, `${salt} ${hash}`);
    for (const prefix of ['$argon2id$v=18', '$argon2id$v=019', '$argon2ds$v=19', '$argon2$v=19', '$Argon2id$v=19']) {
      assert.equal(isImportablePasswordHash(argon2('m=19456,t=2,p=1', b64(16), b64(32), prefix)), false, prefix);
    }
    assert.equal(isImportablePasswordHash(`${argon2('m=19456,t=2,p=1')}$`), false, 'an extra field');
    assert.equal(isImportablePasswordHash(`$argon2id$v=19$m=19456,t=2,p=1$${b64(16)}`), false, 'no hash');
  });

  test('PBKDF2: up to 2,000,000 iterations per output block; passlib checksums one digest long; PHC l= matching the hash', () => {
    assert.equal(isImportablePasswordHash(`$pbkdf2-sha256$2000000$${ab64(16)}$${ab64(32)}`), true);
    assert.equal(isImportablePasswordHash(`$pbkdf2-sha512$1$${ab64(4)}$${ab64(64)}`), true);
    assert.equal(isImportablePasswordHash(`$pbkdf2-sha512$i=210000$${b64(16)}$${b64(64)}`), true, 'PHC without l=');
    assert.equal(isImportablePasswordHash(`$pbkdf2-sha256$i=1000000,l=64$${b64(16)}$${b64(64)}`), true, 'two blocks × 1,000,000');
    for (const hash of [
      // passlib's own malformed vectors: zero-padded rounds, empty rounds, too many fields
      '$pbkdf2$01212$THDqatpidANpadlLeTeOEg$HV3oi1k5C5LQCgG1BMOL.BX4YZc',
      '$pbkdf2$$THDqatpidANpadlLeTeOEg$HV3oi1k5C5LQCgG1BMOL.BX4YZc',
      '$pbkdf2$1212$THDqatpidANpadlLeTeOEg$HV3oi1k5C5LQCgG1BMOL.BX4YZc$',
      `$pbkdf2-sha256$2000001$${ab64(16)}$${ab64(32)}`,
      `$pbkdf2-sha256$0$${ab64(16)}$${ab64(32)}`,
      `$pbkdf2-sha256$29000$${ab64(16)}$${ab64(20)}`, // checksum not one sha256 digest
      `$pbkdf2-sha256$29000$${ab64(3)}$${ab64(32)}`, // salt under 4 bytes
      `$pbkdf2-sha256$29000$${ab64(65)}$${ab64(32)}`,
      `$pbkdf2-sha256$29000$${b64(16, 0xfb)}$${ab64(32)}`, // '+' is not in passlib's alphabet
      `$pbkdf2-sha256$i=29000,l=31$${b64(16)}$${b64(32)}`, // l= disagrees with the hash
      `$pbkdf2-sha256$i=1000001,l=64$${b64(16)}$${b64(64)}`, // two blocks × 1,000,001
      `$pbkdf2-sha256$l=32,i=29000$${b64(16)}$${b64(32)}`,
      `$pbkdf2$i=29000,l=20$${b64(16)}$${b64(20)}`, // sha1 only in passlib's form
      `$pbkdf2-sha384$29000$${ab64(16)}$${ab64(48)}`,
      `pbkdf2_sha256$260000$${ab64(16)}$${b64(32)}`, // Django's format is not supported
      `{PBKDF2-SHA256}29000$${ab64(16)}$${ab64(32)}`,
    ]) assert.equal(isImportablePasswordHash(hash), false, hash);
  });

  test('scrypt: 128·N·r up to 256 MiB, N·r·p up to 2^22, ln 1 to 20, r 1 to 32, p 1 to 8', () => {
    for (const params of ['ln=18,r=8,p=1', 'ln=16,r=8,p=8', 'ln=20,r=1,p=1', 'ln=1,r=1,p=1', 'ln=10,r=32,p=8']) {
      assert.equal(isImportablePasswordHash(scrypt(params)), true, params);
    }
    for (const params of ['ln=18,r=16,p=1', 'ln=17,r=8,p=8', 'ln=21,r=1,p=1', 'ln=10,r=33,p=1', 'ln=10,r=8,p=9', 'ln=0,r=8,p=1', 'ln=16,p=1,r=8', 'N=65536,r=8,p=1']) {
      assert.equal(isImportablePasswordHash(scrypt(params)), false, params);
    }
  });

  test('refuses what is not a supported hash at all', () => {
    for (const hash of [
      '', 'password', '$', '$$', '$argon2id', '$1$saltsalt$2vCp4dxgTbOazjc.nb1uI0', // md5-crypt
      '$5$rounds=5000$saltsalt$Gcm6FsVtF/Qa77ZKD.iwsJlCVPY0XSMgLJL0Hnww/c1', '$6$saltsalt$Uv7Cz.Ylf5f5E3x1eV0k0AH6GZ5fR8Jm0eW5e0uU0iJ', // sha-crypt
      '$bcrypt-sha256$v=2,t=2b,r=12$n79VH.0Q2TMWmt3Oqt9uku$Kq4Noyk3094Y2QlB8NdRT8SvGiI4ft2', '$y$j9T$F5Jx5fExrKuPp53xLKQ..1$X3DX6M94c7o.9agCG9G317fhZg9SqC.5i5rd.RhAtQ7',
      '5f4dcc3b5aa765d61d8327deb882cf99', `${argon2('m=19456,t=2,p=1')}${'A'.repeat(500)}`, ` ${argon2('m=19456,t=2,p=1')}`,
    ]) assert.equal(isImportablePasswordHash(hash), false, hash);
    assert.equal(isImportablePasswordHash(undefined as unknown as string), false);
  });
});

describe('verifyParsedHash', () => {
  test('every known-answer vector verifies with its password and fails with a wrong one', async () => {
    for (const [hash, password, source] of knownAnswers) {
      const parsed = parsePasswordHash(hash)!;
      assert.equal(await verifyParsedHash(parsed, hash, password), true, `${source}: right password`);
      assert.equal(await verifyParsedHash(parsed, hash, `${password}x`), false, `${source}: wrong password`);
    }
  });

  test('bcrypt 2b and 2y are the same computation as 2a for these passwords', async () => {
    for (const variant of ['2b', '2y']) {
      const hash = `$${variant}$05$${bcryptTail}`;
      assert.equal(await verifyParsedHash(parsePasswordHash(hash)!, hash, 'U*U'), true, variant);
    }
  });
});
