// Native kernels of concat and split: runs of contiguous elements copied by the addon (float32 operands; the
// reference kernels copy each run through a typed-array view, which costs more than the copy for short runs).
import type { Buf } from '../../core/op.js';
import type { NativeAddon } from './addon.js';
import { f32, float32Only, product } from './bind.js';
import type { KernelFactory } from './bind.js';

/** Rows of the axes before `axis` of `whole` (the tensor concat builds or split cuts). */
function outerRows(whole: Buf, axis: number): number {
  return product(whole.shape, 0, axis);
}

/** concat: input k fills columns [offset, offset + its width) of every row of the output. */
const concatKernel: KernelFactory = (addon: NativeAddon, reference) => float32Only(reference, ({ inputs, outputs: [y], attrs }) => {
  const outer = outerRows(y, (attrs as { axis: number }).axis);
  if (outer === 0) return true;
  const row = y.data.length / outer;
  let offset = 0;
  for (const x of inputs) {
    const chunk = x.data.length / outer;
    addon.copyRows(f32(x), 0, chunk, f32(y), offset, row, outer, chunk);
    offset += chunk;
  }
  return true;
});

/** split: output k takes columns [offset, offset + its width) of every row of the input. */
const splitKernel: KernelFactory = (addon: NativeAddon, reference) => float32Only(reference, ({ inputs: [x], outputs, attrs }) => {
  const outer = outerRows(x, (attrs as { axis: number }).axis);
  if (outer === 0) return true;
  const row = x.data.length / outer;
  let offset = 0;
  for (const y of outputs) {
    const chunk = y.data.length / outer;
    addon.copyRows(f32(x), offset, row, f32(y), 0, chunk, outer, chunk);
    offset += chunk;
  }
  return true;
});

/** Native kernels of this family, by op name. */
export const MOVEMENT_KERNELS: Readonly<Record<string, KernelFactory>> = {
  Concat: concatKernel,
  Split: splitKernel,
};
