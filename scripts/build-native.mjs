#!/usr/bin/env node
// Builds the native backend (build/Release/tensorgrad.node) with node-gyp; runs as the package's install script.
// It never fails the installation: without a compiler (or with TENSORGRAD_SKIP_NATIVE=1) it prints one line and
// tensorgrad runs on its reference backend.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const addonPath = join(root, 'build', 'Release', 'tensorgrad.node');

function giveUp(reason) {
  console.log(`tensorgrad: native backend not built (${reason}); using the reference backend`);
  process.exit(0);
}

/** node-gyp's CLI: the one npm passes to install scripts, a local install, or the copy bundled with npm. */
function findNodeGyp() {
  const candidates = [];
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch { /* not installed locally */ }
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const prefix = dirname(dirname(process.execPath));
  candidates.push(join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((p) => existsSync(p));
}

/** The last meaningful line of a failed build, as the reason. */
function lastError(output) {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('gyp info'));
  const err = lines.filter((l) => /error|not found|No such file/i.test(l) && !/^gyp ERR! (cwd|node -v|node-gyp -v|not ok|System|command)/.test(l));
  return (err[0] ?? lines[lines.length - 1] ?? 'unknown error').replace(/^gyp ERR! /, '').slice(0, 200);
}

if (process.env.TENSORGRAD_SKIP_NATIVE === '1') giveUp('TENSORGRAD_SKIP_NATIVE=1');
const nodeGyp = findNodeGyp();
if (!nodeGyp) giveUp('node-gyp not found');

const args = [nodeGyp, 'rebuild', '--jobs=max'];
// Prefer the headers installed next to this Node binary (offline machines); npm's nodedir setting wins.
const localHeaders = join(dirname(dirname(process.execPath)), 'include', 'node');
if (!process.env.npm_config_nodedir && existsSync(join(localHeaders, 'node_api.h'))) {
  args.push(`--nodedir=${dirname(dirname(process.execPath))}`);
}
const build = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: process.env });
if (build.error) giveUp(build.error.message);
if (build.status !== 0) giveUp(lastError(`${build.stdout}\n${build.stderr}`));

// A library that builds but does not load (wrong ABI, missing symbols) is removed, so Node never tries it.
const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(addonPath)}).info()`], { encoding: 'utf8' });
if (probe.status !== 0) {
  rmSync(addonPath, { force: true });
  giveUp(`the built addon does not load: ${lastError(probe.stderr)}`);
}
