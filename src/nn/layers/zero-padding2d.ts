import { ArgumentError, check, describe } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { pad } from '../../ops/pad.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { fmtLayerShape } from '../symbolic.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { checkDataFormat } from './conv-base.js';
import type { DataFormat } from './conv-base.js';

/** Padding of ZeroPadding2D: n (all sides), [h, w] (symmetric) or [[top, bottom], [left, right]]. */
export type ZeroPadding2DPadding = number | readonly [number, number] | readonly [readonly [number, number], readonly [number, number]];

/** Arguments of `ZeroPadding2D` (TensorFlow.js names). */
export interface ZeroPadding2DArgs extends LayerArgs {
  /** Default 1 on every side. */
  padding?: ZeroPadding2DPadding;
  /** Only 'channelsLast' (the default) is supported. */
  dataFormat?: DataFormat | null;
}

const isPad = (d: unknown): d is number => Number.isInteger(d) && (d as number) >= 0;

function normalizePadding(fn: string, p: unknown): [[number, number], [number, number]] {
  if (isPad(p)) return [[p, p], [p, p]];
  if (Array.isArray(p) && p.length === 2) {
    if (isPad(p[0]) && isPad(p[1])) return [[p[0], p[0]], [p[1], p[1]]];
    const pair = (q: unknown): q is [number, number] => Array.isArray(q) && q.length === 2 && isPad(q[0]) && isPad(q[1]);
    if (pair(p[0]) && pair(p[1])) return [[p[0][0], p[0][1]], [p[1][0], p[1][1]]];
  }
  throw new ArgumentError(fn, `padding must be a non-negative integer, [height, width] or [[top, bottom], [left, right]], received ${describe(p)}${Array.isArray(p) ? ` ${JSON.stringify(p)}` : ''}`);
}

/**
 * Pads channels-last images [batch, height, width, channels] with rows and columns of zeros.
 * @example layers.zeroPadding2d({padding: [[1, 0], [2, 2]]}).apply(zeros([1, 4, 4, 3])) // shape [1, 5, 8, 3]
 */
export class ZeroPadding2D extends Layer {
  static readonly className: string = 'ZeroPadding2D';
  readonly padding: [[number, number], [number, number]];
  readonly dataFormat: 'channelsLast';

  constructor(args: ZeroPadding2DArgs = {}) {
    super(args);
    const a = args ?? {};
    this.padding = normalizePadding(this.name, a.padding ?? 1);
    this.dataFormat = checkDataFormat(this.name, a.dataFormat);
    this.inputSpec = [{ ndim: 4 }];
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    check(s.length === 4, this.name, () => `expected an input of rank 4, received shape ${fmtLayerShape(s)}`);
    const [[t, b], [l, r]] = this.padding;
    return [s[0], s[1] === null ? null : s[1] + t + b, s[2] === null ? null : s[2] + l + r, s[3]];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    return pad(oneTensor(inputs, this.name), [[0, 0], this.padding[0], this.padding[1], [0, 0]]);
  }

  override getConfig(): ConfigDict {
    return { padding: this.padding.map((p) => [...p]), dataFormat: this.dataFormat, ...super.getConfig() };
  }
}
registerClass(ZeroPadding2D);
