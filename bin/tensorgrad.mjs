#!/usr/bin/env node
// Launches the tensorgrad CLI: in a source checkout, src/cli/main.ts through tsx (a devDependency, so it is there
// after `npm install`); in an installed package, the compiled dist/cli/main.js.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
const built = new URL('../dist/cli/main.js', import.meta.url);

async function tsxAvailable() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    return true;
  } catch {
    return false;
  }
}

if (existsSync(source) && (await tsxAvailable())) {
  await import(source.href);
} else if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write('tensorgrad: cannot start: neither dist/cli/main.js (run `npm run build`) nor tsx with src/cli/main.ts (run `npm install`) is available\n');
  process.exitCode = 1;
}
