// How native kernels are declared: per op name, a function of the addon and the op's reference kernel.
import type { Buf, Kernel, KernelArgs } from '../../core/op.js';
import type { NativeAddon } from './addon.js';

/** Builds the native kernel of one op; `reference` runs the cases the addon does not handle. */
export type KernelFactory = (addon: NativeAddon, reference: Kernel) => Kernel;

/** True when every buffer holds float32 data (the only dtype the addon computes). */
export function allFloat32(args: KernelArgs): boolean {
  // Indexed loops: for-of over these arrays showed in batch-1 profiles as iterator calls.
  const { inputs, outputs } = args;
  for (let i = 0; i < inputs.length; i++) if (!(inputs[i].data instanceof Float32Array)) return false;
  for (let i = 0; i < outputs.length; i++) if (!(outputs[i].data instanceof Float32Array)) return false;
  return true;
}

/** A buffer's storage as a Float32Array (callers check `allFloat32` first). */
export function f32(b: Buf): Float32Array {
  return b.data as Float32Array;
}

/**
 * A kernel that runs `fast` when every buffer is float32 and `fast` accepts the case (returns true), and the
 * reference kernel otherwise.
 * @example float32Only(addon, ref, (args) => { addon.unary(0, f32(args.inputs[0]), f32(args.outputs[0])); return true; })
 */
export function float32Only(reference: Kernel, fast: (args: KernelArgs) => boolean): Kernel {
  return (args) => {
    if (!allFloat32(args) || !fast(args)) reference(args);
  };
}

/** The product of `shape[from..to)`. */
export function product(shape: readonly number[], from = 0, to = shape.length): number {
  let p = 1;
  for (let i = from; i < to; i++) p *= shape[i];
  return p;
}
