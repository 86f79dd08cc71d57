// Fetches Bot Framework Web Chat's self-contained bundle from the npm registry into wwwroot/lib,
// so the playground works offline. Runs from the Host's build (see SalesBot.Host.csproj) on a
// fresh clone; verifies the package tarball against a pinned sha512 before using it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [version, integrity, targetDir] = process.argv.slice(2);
if (!version || !integrity || !targetDir) {
  console.error('usage: node fetch-webchat.mjs <version> <sha512-integrity> <target-dir>');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'salesbot-webchat-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', `botframework-webchat@${version}`, '--json', '--pack-destination', work],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], shell: process.platform === 'win32' });
  const [{ filename }] = JSON.parse(out);
  const tarball = join(work, filename);
  const actual = 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64');
  if (actual !== integrity) {
    console.error(`botframework-webchat ${version}: integrity mismatch (expected ${integrity}, got ${actual})`);
    process.exit(1);
  }
  execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/dist/webchat.js'], { stdio: 'inherit' });
  mkdirSync(targetDir, { recursive: true });
  copyFileSync(join(work, 'package', 'dist', 'webchat.js'), join(targetDir, 'webchat.js'));
  console.log(`botframework-webchat ${version} -> ${join(targetDir, 'webchat.js')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
