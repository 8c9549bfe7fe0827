// The public entry must be browser-safe: esbuild bundles it for the browser platform (failing on any Node
// built-in import), and the bundle runs a small computation in a bare V8 context without Node globals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

test('src/index.ts bundles for the browser and computes from the bundle', async () => {
  const result = await build({
    entryPoints: [entry], bundle: true, platform: 'browser', format: 'iife', globalName: 'tensorgrad',
    write: false, logLevel: 'silent', target: 'es2022',
  });
  assert.equal(result.errors.length, 0);
  const code = result.outputFiles[0].text;
  assert.doesNotMatch(code, /require\(["']node:/);
  const sandbox: Record<string, unknown> = { console };
  runInNewContext(`${code}
    const tg = tensorgrad;
    const x = tg.tensor([[1, 2], [3, 4]], undefined, 'float64').requiresGrad_();
    const y = tg.sum(tg.mul(x, x));
    y.backward();
    globalThis.result = { y: y.item(), grad: Array.from(x.grad.dataSync()) };`, sandbox);
  // Objects from another realm have other prototypes: compare their JSON.
  assert.deepEqual(JSON.parse(JSON.stringify(sandbox.result)), { y: 30, grad: [2, 4, 6, 8] });
});
