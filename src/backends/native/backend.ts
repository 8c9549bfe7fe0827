// The native backend: typed-array storage like the reference backend, kernels from the C++ addon for the ops it
// implements (float32), the reference kernel for everything else.
import type { Backend } from '../../core/backend.js';
import { allocArray } from '../../core/dtype.js';
import type { DType, DTypeArrays } from '../../core/dtype.js';
import type { Kernel, KernelArgs, OpDef } from '../../core/op.js';
import type { NativeAddon } from './addon.js';
import type { KernelFactory } from './bind.js';
import { MATH_KERNELS } from './kernels-math.js';
import { MOVEMENT_KERNELS } from './kernels-movement.js';
import { WINDOW_KERNELS } from './kernels-window.js';

/** Every op the addon implements, by primitive name. */
export const NATIVE_KERNELS: Readonly<Record<string, KernelFactory>> = { ...MATH_KERNELS, ...WINDOW_KERNELS, ...MOVEMENT_KERNELS };

/** Options of `createNativeBackend`. */
export interface NativeBackendOptions {
  /**
   * Calls where no buffer has more elements than this run the reference kernel (default 16): a call into the
   * addon costs more than such a loop, and V8 keeps arrays of up to 64 bytes on its heap, where handing one to
   * the addon first moves it out. 0 sends everything to the addon (the parity tests do).
   */
  readonly maxReferenceElements?: number;
}

/** Below this size long-lived arrays stay ordinary typed arrays (placement only matters for large ones). */
const PERSISTENT_MIN_BYTES = 16384;

const CONSTRUCTORS = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array } as const;

/** A large long-lived array in the addon's arena (aligned, huge pages where available), else undefined. */
function persistent<D extends DType>(addon: NativeAddon, dtype: D, size: number): DTypeArrays[D] | undefined {
  const ctor = CONSTRUCTORS[dtype];
  const bytes = size * ctor.BYTES_PER_ELEMENT;
  if (bytes < PERSISTENT_MIN_BYTES) return undefined;
  const buffer = addon.allocPersistent(bytes);
  return buffer ? new ctor(buffer) as DTypeArrays[D] : undefined;
}

/** True when no buffer of the call has more than `max` elements. */
function tiny(args: KernelArgs, max: number): boolean {
  const { inputs, outputs } = args;
  for (let i = 0; i < inputs.length; i++) if (inputs[i].data.length > max) return false;
  for (let i = 0; i < outputs.length; i++) if (outputs[i].data.length > max) return false;
  return true;
}

/**
 * A Backend named 'native' running `addon`'s kernels.
 * @example registerBackend(createNativeBackend(addon))
 */
export function createNativeBackend(addon: NativeAddon, options: NativeBackendOptions = {}): Backend {
  const factories = new Map(Object.entries(NATIVE_KERNELS));
  const max = options.maxReferenceElements ?? 16;
  // One bound kernel per op declaration (ops are frozen values, so identity is stable).
  const bound = new WeakMap<OpDef, Kernel>();
  return {
    name: 'native',
    alloc: allocArray,
    allocPersistent: (dtype, size) => persistent(addon, dtype, size),
    kernel(op: OpDef): Kernel | undefined {
      let k = bound.get(op);
      if (k) return k;
      const factory = factories.get(op.name);
      if (!factory) return undefined;
      const reference = op.kernel as Kernel, fast = factory(addon, reference);
      k = max > 0 ? (args) => (tiny(args, max) ? reference(args) : fast(args)) : fast;
      bound.set(op, k);
      return k;
    },
    get threads() {
      return addon.getNumThreads();
    },
  };
}
