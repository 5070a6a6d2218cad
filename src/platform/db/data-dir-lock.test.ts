import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

it('lets one process hold a data directory and takes over a stale lock', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reclaim-lock-'));
  const other = spawn('sleep', ['30']);
  try {
    writeFileSync(join(dir, 'reclaim.lock'), String(other.pid));
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
  } finally {
    other.kill();
    await new Promise((resolve) => other.on('close', resolve));
  }
  const release = lockDataDir(dir); // the holder is gone: stale
  expect(existsSync(join(dir, 'reclaim.lock'))).toBe(true);
  release();
  expect(existsSync(join(dir, 'reclaim.lock'))).toBe(false);
});
