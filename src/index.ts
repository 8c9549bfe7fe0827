/**
 * tensorgrad: tensors with reverse-mode autograd, Keras-style layers and models.
 * This entry is browser-safe: it imports nothing from Node. Node-only features live in `tensorgrad/node`.
 */
export type { DType, DataArray } from './core/dtype.js';
export { Tensor } from './core/tensor.js';
export type { NestedArray } from './core/tensor.js';
export { ArgumentError } from './core/errors.js';
export { setSeed } from './core/random.js';
export { noGrad } from './core/grad-mode.js';
export { backward, gradients, grad, grads, valueAndGrad, valueAndGrads } from './core/autograd.js';
export type { BackwardOptions } from './core/autograd.js';
export { setBackend, getBackend, listBackends, registerBackend } from './core/backend.js';
export type { Backend } from './core/backend.js';
export { op, run, runOp } from './core/op.js';
export type { OpDef, OpSpec, Kernel, KernelArgs, Buf, TensorInfo, GradArgs } from './core/op.js';
export * from './ops/index.js';
import './ops/methods.js';
export { Variable } from './core/variable.js';
