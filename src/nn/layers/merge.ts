// Elementwise merge layers (Add, Subtract, Multiply, Average, Maximum, Minimum) and their shared base.
import { ArgumentError, check } from '../../core/errors.js';
import { Tensor } from '../../core/tensor.js';
import { add, div, maximum, minimum, mul, sub } from '../../ops/arithmetic.js';
import { logicalAnd } from '../../ops/logical.js';
import { expandDims } from '../../ops/reshape.js';
import { Layer } from '../layer.js';
import type { CallArgs, LayerArgs } from '../layer.js';
import { shapeList } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import { fmtLayerShape } from '../symbolic.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';

/** The broadcast of two sample shapes (null = unknown), aligned on the right as NumPy. */
function broadcastSample(fn: string, a: LayerShape, b: LayerShape): LayerShape {
  const n = Math.max(a.length, b.length);
  const out: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const x = i < n - a.length ? 1 : a[i - (n - a.length)];
    const y = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (x === null || y === null) out.push(x === 1 ? y : y === 1 ? x : null);
    else if (x === 1 || y === 1 || x === y) out.push(x === 1 ? y : x);
    else throw new ArgumentError(fn, `inputs cannot be broadcast together, received sample shapes ${fmtLayerShape(a)} and ${fmtLayerShape(b)}`);
  }
  return out;
}

/**
 * Base of the layers merging a list of inputs elementwise (with broadcasting); subclasses define `mergeFunction`.
 * @example class Diff2 extends Merge { mergeFunction([a, b]) { return square(sub(a, b)); } }
 */
export abstract class Merge extends Layer {
  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  /** Combines the inputs, already brought to the same rank. */
  protected abstract mergeFunction(inputs: Tensor[]): Tensor;

  /** The minimum number of inputs (2). */
  protected minInputs(): number { return 2; }

  private shapes(inputShape: ShapeOrShapes): LayerShape[] {
    const shapes = shapeList(inputShape);
    check(Array.isArray(inputShape[0]) && shapes.length >= this.minInputs(), this.name,
      () => `a merge layer takes a list of at least ${this.minInputs()} inputs, received ${shapes.length === 1 && !Array.isArray(inputShape[0]) ? 'one tensor' : shapes.length}`);
    const batches = new Set(shapes.map((s) => s[0]).filter((d) => d !== null && d !== undefined));
    check(batches.size <= 1, this.name, () => `inputs must have the same batch size, received shapes ${shapes.map(fmtLayerShape).join(', ')}`);
    return shapes;
  }

  override build(inputShape: ShapeOrShapes): void {
    this.computeOutputShape(inputShape);
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const shapes = this.shapes(inputShape);
    let sample = shapes[0].slice(1);
    for (const s of shapes.slice(1)) sample = [...broadcastSample(this.name, sample, s.slice(1))];
    const batch = shapes.map((s) => s[0]).find((d) => d !== null) ?? null;
    return [batch, ...sample];
  }

  override call(inputs: Tensor | Tensor[], _kwargs: CallArgs): Tensor {
    check(Array.isArray(inputs) && inputs.length >= this.minInputs(), this.name,
      () => `expected a list of at least ${this.minInputs()} tensors`);
    // Keras aligns lower-rank inputs by inserting axes right after the batch axis.
    const rank = Math.max(...inputs.map((x) => x.rank));
    const aligned = inputs.map((x) => {
      let y = x;
      while (y.rank < rank) y = expandDims(y, 1);
      return y;
    });
    return this.mergeFunction(aligned);
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null | (Tensor | null)[] | undefined): Tensor | null {
    if (!Array.isArray(mask)) return mask instanceof Tensor ? mask : null;
    const present = mask.filter((m): m is Tensor => m !== null);
    if (present.length === 0) return null;
    return present.slice(1).reduce((acc, m) => logicalAnd(acc, m), present[0]);
  }
}

/** Sums its inputs. @example layers.add().apply([a, b]) */
export class Add extends Merge {
  static readonly className: string = 'Add';
  protected mergeFunction(xs: Tensor[]): Tensor { return xs.slice(1).reduce((acc, x) => add(acc, x), xs[0]); }
}

/** Subtracts the second input from the first (exactly two inputs). @example layers.subtract().apply([a, b]) */
export class Subtract extends Merge {
  static readonly className: string = 'Subtract';
  protected mergeFunction(xs: Tensor[]): Tensor {
    check(xs.length === 2, this.name, () => `Subtract takes exactly 2 inputs, received ${xs.length}`);
    return sub(xs[0], xs[1]);
  }
  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    check(shapeList(inputShape).length === 2, this.name, () => `Subtract takes exactly 2 inputs, received ${shapeList(inputShape).length}`);
    return super.computeOutputShape(inputShape);
  }
}

/** Multiplies its inputs elementwise. @example layers.multiply().apply([a, b]) */
export class Multiply extends Merge {
  static readonly className: string = 'Multiply';
  protected mergeFunction(xs: Tensor[]): Tensor { return xs.slice(1).reduce((acc, x) => mul(acc, x), xs[0]); }
}

/** Averages its inputs elementwise. @example layers.average().apply([a, b]) */
export class Average extends Merge {
  static readonly className: string = 'Average';
  protected mergeFunction(xs: Tensor[]): Tensor {
    return div(xs.slice(1).reduce((acc, x) => add(acc, x), xs[0]), xs.length);
  }
}

/** Elementwise maximum of its inputs. @example layers.maximum().apply([a, b]) */
export class Maximum extends Merge {
  static readonly className: string = 'Maximum';
  protected mergeFunction(xs: Tensor[]): Tensor { return xs.slice(1).reduce((acc, x) => maximum(acc, x), xs[0]); }
}

/** Elementwise minimum of its inputs. @example layers.minimum().apply([a, b]) */
export class Minimum extends Merge {
  static readonly className: string = 'Minimum';
  protected mergeFunction(xs: Tensor[]): Tensor { return xs.slice(1).reduce((acc, x) => minimum(acc, x), xs[0]); }
}

for (const cls of [Add, Subtract, Multiply, Average, Maximum, Minimum]) registerClass(cls);
