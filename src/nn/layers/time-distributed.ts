import { check } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { reshape } from '../../ops/reshape.js';
import type { Layer } from '../layer.js';
import type { CallArgs } from '../layer.js';
import { oneShape, oneTensor } from '../layer-utils.js';
import { registerClass } from '../registry.js';
import { fmtLayerShape, isShapeList } from '../symbolic.js';
import type { LayerShape, ShapeOrShapes } from '../symbolic.js';
import { Wrapper } from './wrapper.js';
import type { WrapperArgs } from './wrapper.js';

/** Arguments of `TimeDistributed`. */
export type TimeDistributedArgs = WrapperArgs;

/**
 * Applies `layer` to every step of [batch, steps, ...] inputs with the same weights: the steps are folded into the
 * batch ([batch * steps, ...]), the layer runs once, and the result is unfolded. Masks pass through.
 * @example layers.timeDistributed({layer: layers.dense({units: 4})}).apply(zeros([2, 5, 3])) // shape [2, 5, 4]
 */
export class TimeDistributed extends Wrapper {
  static readonly className: string = 'TimeDistributed';

  constructor(args: TimeDistributedArgs) {
    super(args);
    this.supportsMasking = true;
    this.inputSpec = [{ minNDim: 3 }];
  }

  protected get innerLayers(): Layer[] { return [this.layer]; }

  private stepShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    check(s.length >= 3, this.name, () => `expected an input of rank >= 3 ([batch, steps, ...]), received shape ${fmtLayerShape(s)}`);
    return [s[0], ...s.slice(2)];
  }

  override build(inputShape: ShapeOrShapes): void {
    const inner = this.stepShape(inputShape);
    if (!this.layer.built) {
      this.layer.build(inner);
      this.layer.built = true;
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: ShapeOrShapes): LayerShape {
    const s = oneShape(inputShape, this.name);
    const out = this.layer.computeOutputShape(this.stepShape(s));
    check(!isShapeList(out), this.name, () => 'the wrapped layer must have a single output');
    const o = out as LayerShape;
    return [o[0], s[1], ...o.slice(1)];
  }

  override call(inputs: Tensor | Tensor[], kwargs: CallArgs): Tensor {
    const x = oneTensor(inputs, this.name);
    const [batch, steps] = x.shape;
    const folded = reshape(x, [batch * steps, ...x.shape.slice(2)]);
    const y = oneTensor(this.layer.apply(folded, { training: kwargs.training }), this.name);
    return reshape(y, [batch, steps, ...y.shape.slice(1)]);
  }
}
registerClass(TimeDistributed);
