// The native backend: typed-array storage like the reference backend, kernels from the C++ addon for the ops it
// implements (float32), the reference kernel for everything else.
import type { Backend } from '../../core/backend.js';
import { allocArray } from '../../core/dtype.js';
import type { Kernel, OpDef } from '../../core/op.js';
import type { NativeAddon } from './addon.js';
import type { KernelFactory } from './bind.js';
import { MATH_KERNELS } from './kernels-math.js';
import { WINDOW_KERNELS } from './kernels-window.js';

/** Every op the addon implements, by primitive name. */
export const NATIVE_KERNELS: Readonly<Record<string, KernelFactory>> = { ...MATH_KERNELS, ...WINDOW_KERNELS };

/**
 * A Backend named 'native' running `addon`'s kernels.
 * @example registerBackend(createNativeBackend(addon))
 */
export function createNativeBackend(addon: NativeAddon): Backend {
  const factories = new Map(Object.entries(NATIVE_KERNELS));
  // One bound kernel per op declaration (ops are frozen values, so identity is stable).
  const bound = new WeakMap<OpDef, Kernel>();
  return {
    name: 'native',
    alloc: allocArray,
    kernel(op: OpDef): Kernel | undefined {
      let k = bound.get(op);
      if (k) return k;
      const factory = factories.get(op.name);
      if (!factory) return undefined;
      k = factory(addon, op.kernel as Kernel);
      bound.set(op, k);
      return k;
    },
    get threads() {
      return addon.getNumThreads();
    },
  };
}
