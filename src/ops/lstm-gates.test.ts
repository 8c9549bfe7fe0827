import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grads } from '../core/autograd.js';
import { setSeed } from '../core/random.js';
import type { Tensor } from '../core/tensor.js';
import { checkGrads } from '../testing/check-grads.js';
import { expectClose } from '../testing/expect-close.js';
import { hardSigmoid, sigmoid, tanh } from './activations.js';
import { add, mul } from './arithmetic.js';
import { split } from './concat.js';
import { randomNormal } from './creation.js';
import { lstmGates } from './lstm-gates.js';
import type { GateActivation } from './lstm-gates.js';
import { sum } from './reduce-sum.js';

/** The LSTM step after z from separate ops (what the primitive replaces). */
function composed(z: Tensor, c: Tensor, kind: GateActivation): [Tensor, Tensor] {
  const act = kind === 'sigmoid' ? sigmoid : hardSigmoid;
  const [zi, zf, zc, zo] = split(z, 4, -1);
  const c2 = add(mul(act(zf), c), mul(act(zi), tanh(zc)));
  return [mul(act(zo), tanh(c2)), c2];
}

test('lstmGates gives the bits of the separate ops (float32 and float64)', () => {
  setSeed(1);
  for (const kind of ['sigmoid', 'hardSigmoid'] as const) {
    for (const dtype of ['float32', 'float64'] as const) {
      // Wide pre-activations reach both flat ends of the hard sigmoid.
      const z = mul(randomNormal([3, 4 * 5], 0, 1, dtype), 4), c = randomNormal([3, 5], 0, 1, dtype);
      const [h2, c2] = lstmGates(z, c, kind), [h2r, c2r] = composed(z, c, kind);
      assert.deepEqual(c2.dataSync(), c2r.dataSync(), `${kind} ${dtype} c'`);
      assert.deepEqual(h2.dataSync(), h2r.dataSync(), `${kind} ${dtype} h'`);
    }
  }
});

test('lstmGates gradients: finite differences, and the one-pass rule agrees with the composed one', () => {
  setSeed(2);
  for (const kind of ['sigmoid', 'hardSigmoid'] as const) {
    const z = randomNormal([2, 12], 0, 1, 'float64'), c = randomNormal([2, 3], 0, 1, 'float64');
    // Both outputs feed the loss, so both cotangents reach the rule.
    const loss = (zz: Tensor, cc: Tensor): Tensor => {
      const [h2, c2] = lstmGates(zz, cc, kind);
      return add(sum(mul(h2, h2)), sum(mul(c2, 0.5)));
    };
    checkGrads((zz, cc) => lstmGates(zz, cc, kind)[0], [z, c]);
    checkGrads((zz, cc) => lstmGates(zz, cc, kind)[1], [z, c]);
    const fast = grads(loss)(z, c);
    const reference = grads((zz, cc) => {
      const [h2, c2] = composed(zz, cc, kind);
      return add(sum(mul(h2, h2)), sum(mul(c2, 0.5)));
    })(z, c);
    expectClose(fast[0], reference[0], { rtol: 1e-12, atol: 1e-12 });
    expectClose(fast[1], reference[1], { rtol: 1e-12, atol: 1e-12 });
    // Gradients of gradients take the composed rule.
    checkGrads((zz, cc) => grads(loss)(zz, cc)[0], [z, c]);
  }
});

test('lstmGates checks shapes', () => {
  assert.throws(() => lstmGates(randomNormal([2, 7]), randomNormal([2, 2]), 'sigmoid'),
    /lstm: gates must be \[batch, 4 units\] and the state \[batch, units\] of one float dtype, received \[2,7\] and \[2,2\]/);
});
