import type { DataArray, DType } from './dtype.js';
import { isFloat } from './dtype.js';
import { allocStorage, getBackend } from './backend.js';
import { sizeOf } from './shape.js';
import { Tensor } from './tensor.js';
import { isGradEnabled } from './grad-mode.js';
import { ArgumentError, fmtShape } from './errors.js';

/** Shape and dtype of a tensor, all an op's shape rule may read. */
export interface TensorInfo {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** A tensor as a kernel sees it: a contiguous row-major buffer with its shape. */
export interface Buf {
  readonly data: DataArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** What a kernel is called with: input buffers, freshly allocated (zeroed) output buffers, attributes. */
export interface KernelArgs<A = unknown> {
  readonly inputs: readonly Buf[];
  readonly outputs: readonly Buf[];
  readonly attrs: A;
}

/** Computes an op's outputs from its inputs by writing into the output buffers. */
export type Kernel<A = unknown> = (args: KernelArgs<A>) => void;

/** What a gradient rule receives: the cotangent of each output, and the op's inputs, outputs and attributes. */
export interface GradArgs<A> {
  /**
   * One cotangent per differentiable output (all but the `savedOutputs`), shaped like that output (zeros where
   * an output was unused).
   */
  readonly dys: readonly Tensor[];
  readonly inputs: readonly Tensor[];
  /** Every output, saved ones included. */
  readonly outputs: readonly Tensor[];
  readonly attrs: A;
}

/** The declaration of a primitive op: everything about it lives in this one value. */
export interface OpSpec<A> {
  /** PascalCase primitive name, e.g. 'MatMul'; backends look kernels up by it. */
  readonly name: string;
  /** The user-facing function named in error messages, e.g. 'matmul'. */
  readonly api: string;
  /** Shape and dtype rule: validates the inputs (throwing ArgumentError naming `api`) and describes the outputs. */
  readonly infer: (inputs: readonly TensorInfo[], attrs: A) => TensorInfo | readonly TensorInfo[];
  /** The reference kernel: the specification every backend is tested against. */
  readonly kernel: Kernel<A>;
  /**
   * Gradient rule written with public ops (so it runs on every backend and is itself differentiable).
   * Returns one cotangent per input (null where the input gets none); broadcasting is undone by the caller.
   * Omitted for ops that are not differentiable.
   */
  readonly grad?: (args: GradArgs<A>) => readonly (Tensor | null)[];
  /**
   * For single-output ops that only reinterpret their first input's elements (reshape, squeeze): returns true
   * when the output may share the input's storage instead of running a kernel. Zero-copy, like PyTorch views.
   */
  readonly aliases?: boolean;
  /**
   * How many trailing outputs only carry values the gradient rule reads (activations saved by the forward pass
   * instead of being computed again): they are not differentiable, get no cotangent and never require a gradient.
   * Callers of the op do not hand them out.
   */
  readonly savedOutputs?: number;
  /**
   * True when every kernel of the op (the reference one and every backend's) writes every element of its outputs:
   * then output storage reused from a recycling pool is not zeroed first.
   */
  readonly writesAll?: boolean;
}

/** A declared op (its spec, frozen). */
export type OpDef<A = never> = Readonly<OpSpec<A>>;

/** What autograd remembers of one op application. */
export interface Node {
  readonly op: OpDef<unknown>;
  readonly inputs: readonly Tensor[];
  readonly attrs: unknown;
  /** The outputs, so multi-output ops can gather every output's cotangent. */
  outputs: readonly Tensor[];
}

/**
 * Declares a primitive op. The declaration is the op: there is no registry to update.
 * @example const Neg = op({ name: 'Neg', api: 'neg', infer: ([x]) => x, kernel: ({inputs, outputs}) => {...} })
 */
export function op<A = Record<string, never>>(spec: OpSpec<A>): OpDef<A> {
  return Object.freeze({ ...spec });
}

/**
 * Runs `op` on `inputs` with `attrs` on the active backend (falling back to the reference kernel) and records
 * the application for autograd when an input requires a gradient. Returns every output.
 */
export function runOp<A>(op: OpDef<A>, inputs: readonly Tensor[], attrs: A): Tensor[] {
  checkLive(op.api, inputs);
  const inferred = op.infer(inputs, attrs);
  if (!Array.isArray(inferred)) return [runSingle(op, inputs, attrs, inferred as TensorInfo)];
  return runMany(op, inputs, attrs, inferred as readonly TensorInfo[]);
}

function runMany<A>(op: OpDef<A>, inputs: readonly Tensor[], attrs: A, infos: readonly TensorInfo[]): Tensor[] {
  if (op.aliases && infos.length === 1 && infos[0].dtype === inputs[0].dtype) return [runSingle(op, inputs, attrs, infos[0])];
  const outputs = infos.map((info) => Tensor.fromStorage(allocStorage(info.dtype, sizeOf(info.shape), op.writesAll), info.shape, info.dtype).markOwned());
  // Kernels run whenever some output has elements (a sum over an empty axis still writes zeros).
  if (outputs.some((o) => o.size > 0)) runKernel(op, inputs, outputs, attrs);
  record(op, inputs, attrs, outputs);
  return outputs;
}

/**
 * Runs a single-output op; see `runOp`. The common case, kept free of per-call arrays and closures: dispatch
 * costs as much as the kernel on small tensors.
 */
export function run<A>(op: OpDef<A>, inputs: readonly Tensor[], attrs: A): Tensor {
  checkLive(op.api, inputs);
  const inferred = op.infer(inputs, attrs);
  if (Array.isArray(inferred)) return runMany(op, inputs, attrs, inferred as readonly TensorInfo[])[0];
  return runSingle(op, inputs, attrs, inferred as TensorInfo);
}

function runSingle<A>(op: OpDef<A>, inputs: readonly Tensor[], attrs: A, info: TensorInfo): Tensor {
  let out: Tensor;
  if (op.aliases && info.dtype === inputs[0].dtype) {
    out = Tensor.viewOf(inputs[0], info.shape);
  } else {
    out = Tensor.fromStorage(allocStorage(info.dtype, sizeOf(info.shape), op.writesAll), info.shape, info.dtype).markOwned();
    if (out.size > 0) runKernel(op, inputs, [out], attrs);
  }
  if (op.grad && isGradEnabled()) {
    for (let i = 0; i < inputs.length; i++) {
      if (inputs[i].requiresGrad) {
        if (isFloat(out.dtype)) out.setNode({ op: op as OpDef<unknown>, inputs, attrs, outputs: [out] });
        break;
      }
    }
  }
  return out;
}

function runKernel<A>(op: OpDef<A>, inputs: readonly Tensor[], outputs: readonly Tensor[], attrs: A): void {
  const kernel = (getBackend().kernel(op as OpDef<unknown>) ?? op.kernel) as Kernel<A>;
  const ins: Buf[] = new Array<Buf>(inputs.length);
  for (let i = 0; i < inputs.length; i++) ins[i] = bufOf(inputs[i]);
  const outs: Buf[] = new Array<Buf>(outputs.length);
  for (let i = 0; i < outputs.length; i++) outs[i] = bufOf(outputs[i]);
  kernel({ inputs: ins, outputs: outs, attrs });
}

function record<A>(op: OpDef<A>, inputs: readonly Tensor[], attrs: A, outputs: readonly Tensor[]): void {
  if (op.grad && isGradEnabled() && inputs.some((t) => t.requiresGrad)) {
    const node: Node = { op: op as OpDef<unknown>, inputs, attrs, outputs };
    const differentiable = outputs.length - (op.savedOutputs ?? 0);
    for (let i = 0; i < differentiable; i++) {
      if (isFloat(outputs[i].dtype)) outputs[i].setNode(node);
    }
  }
}

/** Throws naming `api` when an input was disposed (the kernel would read storage reused since). */
function checkLive(api: string, inputs: readonly Tensor[]): void {
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i];
    if (t instanceof Tensor && t.isDisposed) {
      throw new ArgumentError(api, `input ${i} (shape ${fmtShape(t.shape)}) is disposed; keep tensors used later out of dispose() and tidy(), or return them from tidy()`);
    }
  }
}

function bufOf(t: Tensor): Buf {
  return { data: t.storage, shape: t.shape, dtype: t.dtype };
}
