// tensorgrad runner of the benchmark. Prints one JSON line per measurement.
// Usage: tsx bench/tensorgrad_bench.ts <cpu|native|native:N> <workload> [--config JSON] [--budget JSON] [--test N]
//   cpu: the reference backend; native: the addon with its default thread count; native:N: with N threads.
//   workload: a key of bench/workloads.json, or `probe`. Exit status 3 when the native backend is unavailable.
import { getBackend, setBackend } from '../src/core/backend.js';
import { setSeed } from '../src/core/random.js';
import type { Tensor } from '../src/core/tensor.js';
import { matmul, randomUniform, tensor } from '../src/index.js';
import { SKIP_EXIT_CODE } from './lib/child.js';
import { emit, now, parseRunnerArgs, runMain, timedTraining, timedWindows } from './lib/common.js';
import type { Budget, WorkloadConfig } from './lib/common.js';
import { loadFashionMnist, permutation } from './lib/fmnist.js';
import type { FashionMnist } from './lib/fmnist.js';
import { inputShape, makeModel } from './lib/tensorgrad_models.js';

let peer = 'tensorgrad-cpu';
let info: Record<string, unknown> = {};

/** Selects the backend named on the command line; exits with the skip status when it cannot be loaded. */
async function selectBackend(spec: string): Promise<void> {
  const [name, threads] = spec.split(':');
  if (name === 'cpu') {
    setBackend('cpu');
    info = { backend: 'cpu', threads: 1 };
    return;
  }
  if (name !== 'native') throw new Error(`unknown backend '${spec}' (cpu, native or native:N)`);
  const native = await import('../src/backends/native/index.js');
  if (!native.registerNativeBackend()) {
    process.stderr.write(`SKIP: native backend unavailable (${native.nativeUnavailableReason()})\n`);
    process.exit(SKIP_EXIT_CODE);
  }
  setBackend('native');
  if (threads) native.setNumThreads(Number(threads));
  const n = native.getNumThreads();
  peer = `tensorgrad-native-${n}t`;
  info = { backend: getBackend().name, threads: n, kernel: native.nativeInfo()?.kernel };
}

/** Rows `idx` of the images (as [n, ...sample shape]) and their one-hot labels. */
function batchOf(x: Float32Array, y: Uint8Array, idx: ArrayLike<number>, shape: number[]): [Tensor, Tensor] {
  const n = idx.length, xs = new Float32Array(n * 784), ys = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) {
    const r = idx[i];
    xs.set(x.subarray(r * 784, (r + 1) * 784), i * 784);
    ys[i * 10 + y[r]] = 1;
  }
  return [tensor(xs, [n, ...shape]), tensor(ys, [n, 10])];
}

/** The contiguous batch `b` of the training set (no copy of indices: a range). */
function contiguousBatch(d: FashionMnist, b: number, bs: number, shape: number[]): [Tensor, Tensor] {
  const xs = d.xTrain.subarray(b * bs * 784, (b + 1) * bs * 784);
  const ys = new Float32Array(bs * 10);
  for (let i = 0; i < bs; i++) ys[i * 10 + d.yTrain[b * bs + i]] = 1;
  return [tensor(xs, [bs, ...shape]), tensor(ys, [bs, 10])];
}

/** Accuracy of `model` on the first `n` test images, classified 1000 at a time. */
function testAccuracy(model: ReturnType<typeof makeModel>, d: FashionMnist, kind: string, n: number): number {
  let correct = 0;
  for (let s = 0; s < n; s += 1000) {
    const m = Math.min(1000, n - s);
    const x = tensor(d.xTest.subarray(s * 784, (s + m) * 784), [m, ...inputShape(kind)]);
    const p = (model.predict(x, { batchSize: m }) as Tensor).dataSync();
    for (let i = 0; i < m; i++) {
      let best = 0;
      for (let c = 1; c < 10; c++) if (p[i * 10 + c] > p[i * 10 + best]) best = c;
      if (best === d.yTest[s + i]) correct++;
    }
  }
  return +(correct / n).toFixed(4);
}

async function train(name: string, cfg: WorkloadConfig, budget: Budget, testImages: number): Promise<void> {
  const kind = cfg.model!, bs = cfg.batch!, shape = inputShape(kind);
  const d = loadFashionMnist();
  const nb = Math.floor(d.nTrain / bs);
  const model = makeModel(kind);
  let step = 0, loss = NaN;
  const run = async (n: number): Promise<void> => {
    for (let s = 0; s < n; s++) {
      const [x, y] = contiguousBatch(d, step % nb, bs, shape);
      loss = await model.trainOnBatch(x, y) as number;
      step++;
    }
  };
  const t = await timedTraining(run, cfg, budget);
  const acc = testImages > 0 ? testAccuracy(model, d, kind, Math.min(testImages, d.nTest)) : null;
  emit(peer, name, 'samples/s', t.values, {
    batch: bs, warmup_steps: t.warmupSteps, steps_per_window: t.stepsPerWindow, samples_trained: t.stepsDone * bs,
    final_loss: +loss.toFixed(4), test_acc: acc, ...info,
  });
}

async function predict(name: string, cfg: WorkloadConfig): Promise<void> {
  const model = makeModel('mlp', false);
  const bs = cfg.batch!;
  const x = randomUniform([bs, 28, 28]);
  // The whole batch in one call (Keras' predict would split it into 32s), as PyTorch's model(x).
  const call = (): void => { (model.predict(x, { batchSize: bs }) as Tensor).dataSync(); };
  const { secs, calls } = await timedWindows(call, cfg.window_seconds!, cfg.windows!);
  if (bs === 1) emit(peer, name, 'us/call', secs.map((s) => s * 1e6), { batch: 1, calls_per_window: calls, ...info });
  else emit(peer, name, 'samples/s', secs.map((s) => bs / s), { batch: bs, calls_per_window: calls, ...info });
}

async function accuracy(name: string, cfg: WorkloadConfig): Promise<void> {
  const bs = cfg.batch!, shape = inputShape('mlp');
  const d = loadFashionMnist();
  const model = makeModel('mlp');
  const accs: number[] = [];
  const t0 = now();
  let seed = 1;
  const uniform = (): number => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed / 2 ** 32; };
  for (let e = 0; e < cfg.epochs!; e++) {
    const perm = permutation(d.nTrain, uniform);
    for (let s = 0; s < d.nTrain; s += bs) { // the last partial batch included, as PyTorch's loop
      const [x, y] = batchOf(d.xTrain, d.yTrain, perm.subarray(s, Math.min(s + bs, d.nTrain)), shape);
      await model.trainOnBatch(x, y);
    }
    accs.push(testAccuracy(model, d, 'mlp', d.nTest));
  }
  emit(peer, name, 'test acc', [accs.at(-1)!], { batch: bs, epochs: cfg.epochs, acc_per_epoch: accs, seconds: +(now() - t0).toFixed(1), ...info });
}

async function sgemm(cfg: WorkloadConfig): Promise<void> {
  for (const n of cfg.sizes!) {
    const a = randomUniform([n, n], -0.5, 0.5), b = randomUniform([n, n], -0.5, 0.5);
    // The product lands in an ordinary typed array: readable with no transfer, so nothing more to time. It is
    // disposed, as the peers' loops release theirs (PyTorch when the reference drops, TensorFlow.js by
    // dispose()): its storage then serves the next call instead of fresh pages, each faulting on first write.
    const { secs, calls } = await timedWindows(() => matmul(a, b).dispose(), cfg.window_seconds!, cfg.windows!);
    emit(peer, `sgemm_${n}`, 'GFLOP/s', secs.map((s) => (2 * n ** 3) / s / 1e9), { calls_per_window: calls, ...info });
  }
}

runMain(async () => {
  const args = parseRunnerArgs(process.argv.slice(2), 1);
  setSeed(0);
  await selectBackend(args.positional[0]);
  const { workload: w, config } = args;
  if (w === 'probe') process.stdout.write(`${JSON.stringify({ peer, probe: true, ...info })}\n`);
  else if (w === 'sgemm') await sgemm(config);
  else if (w.endsWith('_train')) await train(w, config, args.budget, args.testImages);
  else if (w.includes('_predict_')) await predict(w, config);
  else if (w.endsWith('_acc5ep')) await accuracy(w, config);
  else throw new Error(`unknown workload ${w}`);
});
