import { gradients } from '../core/autograd.js';
import { check, describe } from '../core/errors.js';
import { withGradMode } from '../core/grad-mode.js';
import { Tensor } from '../core/tensor.js';
import { Variable } from '../core/variable.js';

/** What `variableGrads` returns: the value of `f` (detached) and one gradient per variable. */
export interface VariableGrads {
  value: Tensor;
  grads: Map<Variable, Tensor>;
}

/**
 * Evaluates the scalar `f()` with gradient recording on and returns its value and its gradient with respect to
 * each trainable variable of `varList` (zeros where `f` does not depend on one), as TensorFlow.js `variableGrads`
 * but keyed by the Variable itself.
 * @example const { value, grads } = variableGrads(() => w.value.mul(x).sum(), [w]); grads.get(w)
 */
export function variableGrads(f: () => Tensor, varList?: readonly Variable[]): VariableGrads {
  const fn = 'variableGrads';
  check(typeof f === 'function', fn, () => `f must be a function returning a scalar tensor, received ${describe(f)}`);
  check(varList !== undefined, fn, () => 'varList is required: pass the variables to differentiate, e.g. model.trainableWeights');
  check(Array.isArray(varList) && varList.every((v) => v instanceof Variable), fn,
    () => `varList must be an array of Variables, received ${describe(varList)}`);
  const vars = varList.filter((v) => v.trainable);
  const value = withGradMode(true, f);
  check(value instanceof Tensor, fn, () => `f must return a tensor, received ${describe(value)}`);
  check(value.size === 1, fn, () => `f must return a scalar, received a tensor of shape [${value.shape.join(',')}]`);
  const gs = gradients(value, vars.map((v) => v.value));
  const grads = new Map<Variable, Tensor>();
  vars.forEach((v, i) => grads.set(v, gs[i]));
  return { value: value.detach(), grads };
}
