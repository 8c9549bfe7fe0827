import { check, describe } from '../../core/errors.js';
import type { DType } from '../../core/dtype.js';
import { Tensor } from '../../core/tensor.js';
import { matmul } from '../../ops/matmul.js';
import { broadcastTo, reshape } from '../../ops/reshape.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import type { ConfigDict } from '../serialization.js';
import { fmtLayerShape } from '../symbolic.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { checkDataFormat, normalizeTuple } from './conv-base.js';
import type { DataFormat } from './conv-base.js';

/** Arguments of `UpSampling2D` (TensorFlow.js names). */
export interface UpSampling2DArgs extends LayerArgs {
  /** Factor per spatial dimension (default [2, 2]). */
  size?: number | readonly number[];
  /** 'nearest' (default, repeats pixels) or 'bilinear'. */
  interpolation?: 'nearest' | 'bilinear';
  /** Only 'channelsLast' (the default) is supported. */
  dataFormat?: DataFormat | null;
}

/**
 * The [out, n] matrix of TensorFlow.js' resizeBilinear along one axis (alignCorners and halfPixelCenters off):
 * output i reads input i * n / out, linearly between its two neighbours.
 */
function bilinearMatrix(n: number, out: number, dtype: DType): Tensor {
  const data = dtype === 'float64' ? new Float64Array(out * n) : new Float32Array(out * n);
  for (let i = 0; i < out; i++) {
    const src = (i * n) / out;
    const i0 = Math.floor(src), i1 = Math.min(i0 + 1, n - 1), frac = src - i0;
    data[i * n + i0] += 1 - frac;
    data[i * n + i1] += frac;
  }
  return Tensor.fromStorage(data, [out, n], dtype);
}

/**
 * Enlarges channels-last images [batch, height, width, channels] by integer factors, repeating pixels ('nearest')
 * or interpolating them ('bilinear', as TensorFlow.js' resizeBilinear without half-pixel centers).
 * @example layers.upSampling2d({size: [2, 3]}).apply(zeros([1, 4, 4, 3])) // shape [1, 8, 12, 3]
 */
export class UpSampling2D extends Layer {
  static readonly className: string = 'UpSampling2D';
  readonly size: number[];
  readonly interpolation: 'nearest' | 'bilinear';
  readonly dataFormat: 'channelsLast';

  constructor(args: UpSampling2DArgs = {}) {
    super(args);
    const a = args ?? {};
    this.size = normalizeTuple(this.name, 'size', a.size ?? 2, 2);
    this.interpolation = a.interpolation ?? 'nearest';
    check(this.interpolation === 'nearest' || this.interpolation === 'bilinear', this.name,
      () => `interpolation must be 'nearest' or 'bilinear', received ${describe(a.interpolation)}`);
    this.dataFormat = checkDataFormat(this.name, a.dataFormat);
    this.inputSpec = [{ ndim: 4 }];
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    check(s.length === 4, this.name, () => `expected an input of rank 4, received shape ${fmtLayerShape(s)}`);
    const [sh, sw] = this.size;
    return [s[0], s[1] === null ? null : s[1] * sh, s[2] === null ? null : s[2] * sw, s[3]];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    const [n, h, w, c] = x.shape, [sh, sw] = this.size;
    if (this.interpolation === 'nearest') {
      const spread = broadcastTo(reshape(x, [n, h, 1, w, 1, c]), [n, h, sh, w, sw, c]);
      return reshape(spread, [n, h * sh, w * sw, c]);
    }
    // Separable interpolation: rows through one matrix product, then columns through another.
    const rows = matmul(bilinearMatrix(h, h * sh, x.dtype), reshape(x, [n, h, w * c]));
    const cols = matmul(bilinearMatrix(w, w * sw, x.dtype), reshape(rows, [n * h * sh, w, c]));
    return reshape(cols, [n, h * sh, w * sw, c]);
  }

  override getConfig(): ConfigDict {
    return { size: [...this.size], dataFormat: this.dataFormat, interpolation: this.interpolation, ...super.getConfig() };
  }
}
registerClass(UpSampling2D);
