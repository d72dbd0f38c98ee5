// The page's zip writer (web/shell/zip.js), read back by Python's zipfile (which checks every CRC-32 in
// testzip) and by `unzip -t` where it is installed: names in UTF-8, bytes as given, empty and binary files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { crc32, zipFiles } from '../../web/shell/zip.js';

const PYTHON = '/usr/bin/python3';

// What Python's zipfile reads from an archive: [{name, size, crc, flag, method, date, text or hex}] and testzip's verdict.
function readWithPython(bytes) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zip-')), 'a.zip');
  fs.writeFileSync(file, bytes);
  const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    out = {"bad": z.testzip(), "entries": []}
    for i in z.infolist():
        data = z.read(i)
        out["entries"].append({"name": i.filename, "size": i.file_size, "crc": i.CRC, "flag": i.flag_bits,
                               "method": i.compress_type, "date": list(i.date_time), "mode": i.external_attr >> 16,
                               "hex": data.hex()})
print(json.dumps(out))`;
  return { file, ...JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' })) };
}

const hex = (bytes) => Buffer.from(bytes).toString('hex');

test('CRC-32 has the standard check value and agrees with zlib', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) & 0xff);
  const zlib = Number(execFileSync(PYTHON, ['-c', 'import sys, zlib; print(zlib.crc32(bytes.fromhex(sys.argv[1])))', hex(bytes)], { encoding: 'utf8' }));
  assert.equal(crc32(bytes), zlib);
});

test('an archive reads back entry by entry: names in UTF-8, bytes and CRCs as written', () => {
  const binary = Uint8Array.from({ length: 3001 }, (_, i) => (i * 31 + 7) & 0xff);
  const entries = [
    { name: 'project/README.md', data: '# Héllo\n\nnaïve — ✓\n' },
    { name: 'project/model.safetensors', data: binary },
    { name: 'project/pkg/empty.py', data: '' },
    { name: 'project/données/текст.txt', data: 'ok\n' },
  ];
  const bytes = zipFiles(entries, new Date(2026, 11, 3, 19, 45, 31));
  const r = readWithPython(bytes);
  assert.equal(r.bad, null, 'testzip found a bad CRC');
  assert.deepEqual(r.entries.map((e) => e.name), entries.map((e) => e.name));
  const utf8 = new TextEncoder();
  for (const [i, e] of r.entries.entries()) {
    const want = typeof entries[i].data === 'string' ? utf8.encode(entries[i].data) : entries[i].data;
    assert.equal(e.hex, hex(want), e.name);
    assert.equal(e.size, want.length);
    assert.equal(e.crc, crc32(want));
    assert.equal(e.method, 0, 'stored');
    assert.equal(e.flag & 0x800, 0x800, 'UTF-8 names');
    assert.deepEqual(e.date, [2026, 12, 3, 19, 45, 30], 'DOS time, in two-second steps');
    assert.equal(e.mode, 0o100644, 'a regular file, rw-r--r--');
  }
  // the command-line unzip agrees, where the machine has it
  const unzip = spawnSync('unzip', ['-t', r.file], { encoding: 'utf8' });
  if (!unzip.error) assert.match(unzip.stdout, /No errors detected/);
});

test('an empty archive is a valid one', () => {
  const r = readWithPython(zipFiles([]));
  assert.equal(r.bad, null);
  assert.deepEqual(r.entries, []);
});

test('names that would escape the folder, or repeat, are refused', () => {
  assert.throws(() => zipFiles([{ name: '../evil.py', data: '' }]), /bad or repeated name/);
  assert.throws(() => zipFiles([{ name: '/etc/passwd', data: '' }]), /bad or repeated name/);
  assert.throws(() => zipFiles([{ name: 'a/../../b', data: '' }]), /bad or repeated name/);
  assert.throws(() => zipFiles([{ name: 'a.txt', data: '1' }, { name: 'a.txt', data: '2' }]), /bad or repeated name/);
});
