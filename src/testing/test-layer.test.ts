import { test } from 'node:test';
import assert from 'node:assert/strict';
import { op, run } from '../core/op.js';
import type { Tensor } from '../core/tensor.js';
import type { Variable } from '../core/variable.js';
import { mul } from '../ops/arithmetic.js';
import { Layer } from '../nn/layer.js';
import type { CallArgs, LayerArgs } from '../nn/layer.js';
import { registerLayer } from '../nn/registry.js';
import type { ShapeOrShapes } from '../nn/symbolic.js';
import { layers } from '../nn/layers/index.js';
import { testLayer } from './test-layer.js';

// Square with a wrong gradient (x instead of 2x).
const BadSquare = op({
  name: 'BadSquare', api: 'badSquare', infer: ([x]) => x,
  kernel: ({ inputs: [x], outputs: [y] }) => { for (let i = 0; i < x.data.length; i++) y.data[i] = x.data[i] * x.data[i]; },
  grad: ({ dys: [dy], inputs: [x] }) => [mul(dy, x)],
});

class BadLayer extends Layer {
  static readonly className: string = 'BadLayer';
  w: Variable | null = null;
  constructor(args: LayerArgs = {}) { super(args); }
  override build(s: ShapeOrShapes): void { this.w = this.addWeight('w', [(s as number[])[1]], 'ones'); }
  override call(inputs: Tensor | Tensor[], _k: CallArgs): Tensor { return run(BadSquare, [mul(inputs as Tensor, this.w!.value)], {}); }
}
registerLayer(BadLayer);

test('testLayer rejects a layer with a wrong gradient', () => {
  assert.throws(() => testLayer({ make: (e) => new BadLayer(e), inputShape: [2, 3] }), /checkLayerGrads\(bad_layer_\d+\): analytic directional derivative/);
});

test('testLayer rejects a wrong expected shape or weight names', () => {
  assert.throws(() => testLayer({ make: (e) => layers.dense({ units: 2, ...e }), inputShape: [2, 3], expectedOutputShape: [2, 3] }), /output shape/);
  assert.throws(() => testLayer({ make: (e) => layers.dense({ units: 2, ...e }), inputShape: [2, 3], weightNames: ['w', 'b'] }), /weight names/);
});
