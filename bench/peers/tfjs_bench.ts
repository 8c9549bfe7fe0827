// TensorFlow.js peer of tensorgrad's benchmark (@tensorflow/tfjs, pure-JS 'cpu' backend, one thread).
// Usage: tsx bench/peers/tfjs_bench.ts <workload> [--config JSON] [--budget JSON] [--test N]
//   workload: a key of bench/workloads.json, or `probe`. Exit status 3 when @tensorflow/tfjs is not installed.
import type * as TF from '@tensorflow/tfjs';
import { emit, parseRunnerArgs, runMain, timedTraining, timedWindows } from '../lib/common.js';
import type { Budget, WorkloadConfig } from '../lib/common.js';
import { loadFashionMnist } from '../lib/fmnist.js';

const PEER = 'tfjs-cpu';

async function loadTf(): Promise<typeof TF> {
  try {
    return await import('@tensorflow/tfjs');
  } catch (e) {
    process.stderr.write(`SKIP: @tensorflow/tfjs is not installed (${(e as Error).message.split('\n')[0]})\n`);
    process.exit(3);
  }
}

function makeModel(tf: typeof TF, kind: string): TF.Sequential {
  const m = tf.sequential();
  if (kind === 'mlp') {
    m.add(tf.layers.flatten({ inputShape: [28, 28] }));
    m.add(tf.layers.dense({ units: 256, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 128, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  } else if (kind === 'cnn') {
    m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 128, activation: 'relu' }));
    m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  } else if (kind === 'lstm') {
    // tfjs defaults to hardSigmoid; sigmoid is what PyTorch's LSTM (and tensorgrad's default) computes.
    m.add(tf.layers.lstm({ inputShape: [28, 28], units: 128, recurrentActivation: 'sigmoid' }));
    m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  } else {
    throw new Error(`unknown model ${kind}`);
  }
  m.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return m;
}

const inputShape = (kind: string): number[] => (kind === 'cnn' ? [28, 28, 1] : [28, 28]);

async function train(tf: typeof TF, name: string, cfg: WorkloadConfig, budget: Budget, testImages: number): Promise<void> {
  const kind = cfg.model!, bs = cfg.batch!;
  const d = loadFashionMnist();
  const x = tf.tensor(d.xTrain, [d.nTrain, ...inputShape(kind)]);
  const y = tf.oneHot(tf.tensor1d(d.yTrain, 'int32'), 10).toFloat();
  const nb = Math.floor(d.nTrain / bs);
  const model = makeModel(tf, kind);
  let step = 0, loss = NaN;
  // One model.fit over the next n contiguous batches (gathered first), as a Keras user would train.
  const run = async (n: number): Promise<void> => {
    const idx = tf.tensor1d(Int32Array.from({ length: n * bs }, (_, k) => ((step + Math.floor(k / bs)) % nb) * bs + (k % bs)), 'int32');
    const xb = tf.gather(x, idx), yb = tf.gather(y, idx);
    const h = await model.fit(xb, yb, { batchSize: bs, epochs: 1, shuffle: false, verbose: 0 });
    tf.dispose([idx, xb, yb]);
    step += n;
    loss = h.history.loss[0] as number;
  };
  const t = await timedTraining(run, cfg, budget);
  let acc: number | null = null;
  if (testImages > 0) {
    const n = Math.min(testImages, d.nTest);
    const xt = tf.tensor(d.xTest.subarray(0, n * 784), [n, ...inputShape(kind)]);
    const pred = tf.tidy(() => (model.predict(xt, { batchSize: 1000 }) as TF.Tensor).argMax(-1));
    const p = await pred.data();
    let correct = 0;
    for (let i = 0; i < n; i++) if (p[i] === d.yTest[i]) correct++;
    acc = +(correct / n).toFixed(4);
  }
  emit(PEER, name, 'samples/s', t.values, {
    batch: bs, warmup_steps: t.warmupSteps, steps_per_window: t.stepsPerWindow, samples_trained: t.stepsDone * bs,
    final_loss: +loss.toFixed(4), test_acc: acc, version: `tfjs ${tf.version.tfjs}`,
  });
}

async function predict(tf: typeof TF, name: string, cfg: WorkloadConfig): Promise<void> {
  const model = makeModel(tf, 'mlp');
  const bs = cfg.batch!;
  const x = tf.randomUniform([bs, 28, 28]);
  // The whole batch in one call (predict's default would split it into 32s), as PyTorch's model(x).
  const call = (): void => { const yv = model.predict(x, { batchSize: bs }) as TF.Tensor; yv.dataSync(); yv.dispose(); };
  const { secs, calls } = await timedWindows(call, cfg.window_seconds!, cfg.windows!);
  const extra = { batch: bs, calls_per_window: calls, version: `tfjs ${tf.version.tfjs}` };
  if (bs === 1) emit(PEER, name, 'us/call', secs.map((s) => s * 1e6), extra);
  else emit(PEER, name, 'samples/s', secs.map((s) => bs / s), extra);
}

async function sgemm(tf: typeof TF, cfg: WorkloadConfig): Promise<void> {
  for (const n of cfg.sizes!) {
    const a = tf.randomUniform([n, n], -0.5, 0.5), b = tf.randomUniform([n, n], -0.5, 0.5);
    const call = (): void => { const c = tf.matMul(a, b); c.dataSync(); c.dispose(); };
    const { secs, calls } = await timedWindows(call, cfg.window_seconds!, cfg.windows!);
    emit(PEER, `sgemm_${n}`, 'GFLOP/s', secs.map((s) => (2 * n ** 3) / s / 1e9), { calls_per_window: calls, version: `tfjs ${tf.version.tfjs}` });
    tf.dispose([a, b]);
  }
}

runMain(async () => {
  const args = parseRunnerArgs(process.argv.slice(2), 0);
  const tf = await loadTf();
  if (!(await tf.setBackend('cpu'))) throw new Error('tfjs: the cpu backend failed to start');
  await tf.ready();
  const { workload: w, config } = args;
  if (w === 'probe') process.stdout.write(`${JSON.stringify({ peer: PEER, probe: true, version: `tfjs ${tf.version.tfjs}` })}\n`);
  else if (w === 'sgemm') await sgemm(tf, config);
  else if (w.endsWith('_train')) await train(tf, w, config, args.budget, args.testImages);
  else if (w.includes('_predict_')) await predict(tf, w, config);
  else throw new Error(`workload ${w} is not implemented for tfjs`);
});
