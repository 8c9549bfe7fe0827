import { ArgumentError, check, fmtShape } from './errors.js';
import { isFloat } from './dtype.js';
import { withGradMode, isGradEnabled } from './grad-mode.js';
import type { Node } from './op.js';
import { shapesEqual } from './shape.js';
import { withRecycling } from './storage-pool.js';
import { Tensor } from './tensor.js';
import { add } from '../ops/arithmetic.js';
import { cast } from '../ops/cast.js';
import { onesLike, zerosLike } from '../ops/creation.js';
import { sumTo } from '../ops/reduce-sum.js';

/** Options of `backward` and `gradients`. */
export interface BackwardOptions {
  /** Record the backward pass itself so gradients can be differentiated again (default false). */
  createGraph?: boolean;
}

/** The recorded nodes reachable from `roots`, in reverse topological order (outputs before inputs). */
function reverseTopo(roots: readonly Tensor[]): Node[] {
  const order: Node[] = [];
  const seen = new Set<Node>();
  // Iterative DFS: deep graphs (long RNN unrolls) must not overflow the call stack.
  const stack: [Node, number][] = [];
  for (const r of roots) {
    if (r.node && !seen.has(r.node)) { seen.add(r.node); stack.push([r.node, 0]); }
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [node, i] = top;
      if (i < node.inputs.length) {
        top[1]++;
        const child = node.inputs[i].node;
        if (child && !seen.has(child)) { seen.add(child); stack.push([child, 0]); }
      } else {
        stack.pop();
        order.push(node);
      }
    }
  }
  return order.reverse();
}

function accumulate(grads: Map<number, Tensor>, t: Tensor, g: Tensor): void {
  const prev = grads.get(t.id);
  grads.set(t.id, prev ? add(prev, g) : g);
}

/**
 * Propagates cotangents from `roots` (seeded with `seeds`) back through the recorded nodes (`reverseTopo(roots)`)
 * and returns the cotangent of every tensor reached, keyed by tensor id.
 */
function propagate(roots: readonly Tensor[], seeds: readonly Tensor[], nodes: readonly Node[], createGraph: boolean): Map<number, Tensor> {
  const grads = new Map<number, Tensor>();
  roots.forEach((r, i) => accumulate(grads, r, seeds[i]));
  withGradMode(createGraph, () => {
    for (const node of nodes) {
      const outs = node.outputs;
      // Saved outputs (the trailing `savedOutputs`) carry no cotangent.
      const n = outs.length - (node.op.savedOutputs ?? 0);
      let reached = false;
      for (let i = 0; i < n; i++) if (grads.has(outs[i].id)) { reached = true; break; }
      if (!reached) continue;
      const dys = n === 1 ? [grads.get(outs[0].id)!] : outs.slice(0, n).map((o) => grads.get(o.id) ?? zerosLike(o));
      const dxs = node.op.grad!({ dys, inputs: node.inputs, outputs: outs, attrs: node.attrs as never });
      for (let i = 0; i < node.inputs.length; i++) {
        const x = node.inputs[i], dx = dxs[i];
        if (!dx || !x.requiresGrad) continue;
        let g = shapesEqual(dx.shape, x.shape) ? dx : sumTo(dx, x.shape);
        if (g.dtype !== x.dtype) g = cast(g, x.dtype);
        accumulate(grads, x, g);
      }
    }
  });
  return grads;
}

/**
 * Runs a backward sweep that returns `result`'s tensors; without `createGraph`, the storage of the intermediate
 * cotangents (dead once the sweep ends) is reused by later sweeps.
 */
function sweep<T extends readonly Tensor[]>(createGraph: boolean, body: () => T): T {
  return createGraph ? body() : withRecycling(body, (kept) => kept);
}

function checkRoot(fn: string, root: Tensor, dy: Tensor | undefined): Tensor {
  check(root.requiresGrad, fn, () => 'the tensor does not require a gradient: no input of its computation had requiresGrad set');
  if (dy === undefined) {
    check(root.size === 1, fn, () => `an implicit gradient needs a one-element output, received shape ${fmtShape(root.shape)}; pass dy`);
    return onesLike(root);
  }
  check(shapesEqual(dy.shape, root.shape), fn, () => `dy must have the output's shape ${fmtShape(root.shape)}, received ${fmtShape(dy.shape)}`);
  return dy;
}

/**
 * Computes gradients of `root` (seeded with `dy`, default 1 for one-element outputs) and accumulates them into
 * `.grad` of every leaf tensor that requires a gradient, and of tensors marked with `retainGrad()`.
 * @example const w = tensor([2]).requiresGrad_(); w.mul(w).sum().backward(); w.grad // [4]
 */
export function backward(root: Tensor, dy?: Tensor, options: BackwardOptions = {}): void {
  const seed = checkRoot('backward', root, dy);
  const createGraph = options.createGraph ?? false;
  const nodes = reverseTopo([root]);
  const targets: Tensor[] = [];
  const values = sweep(createGraph, () => {
    const grads = propagate([root], [seed], nodes, createGraph);
    const visit = new Set<Tensor>([root]);
    for (const node of nodes) for (const x of node.inputs) visit.add(x);
    const out: Tensor[] = [];
    for (const t of visit) {
      const g = grads.get(t.id);
      if (!g || !t.retainsGrad || !t.requiresGrad) continue;
      targets.push(t);
      out.push(g);
    }
    return out;
  });
  targets.forEach((t, i) => {
    const g = values[i];
    // Kept: a gradient computed inside tidy() is read after it (by an optimizer, by the user).
    t.grad = (t.grad ? withGradMode(createGraph, () => add(t.grad!, g)) : g).markKept();
  });
}

/**
 * The gradients of `root` with respect to each of `xs` (zeros where `root` does not depend on one), without
 * touching `.grad`. With `createGraph` the result can be differentiated again.
 * @example const [dx] = gradients(x.square().sum(), [x])
 */
export function gradients(root: Tensor, xs: readonly Tensor[], dy?: Tensor, options: BackwardOptions = {}): Tensor[] {
  xs.forEach((x, i) => check(x instanceof Tensor, 'gradients', () => `xs[${i}] must be a tensor`));
  if (!root.requiresGrad) return xs.map((x) => zerosLike(x));
  const seed = checkRoot('gradients', root, dy);
  const createGraph = options.createGraph ?? false;
  return sweep(createGraph, () => {
    const grads = propagate([root], [seed], reverseTopo([root]), createGraph);
    return xs.map((x) => grads.get(x.id) ?? zerosLike(x));
  });
}

function prepareInputs(fn: string, xs: readonly Tensor[]): { inputs: Tensor[]; nested: boolean } {
  xs.forEach((x, i) => {
    if (!(x instanceof Tensor)) throw new ArgumentError(fn, `argument ${i} must be a tensor, received ${typeof x}`);
    check(isFloat(x.dtype), fn, () => `argument ${i} must be float32 or float64 to be differentiated, received ${x.dtype}`);
  });
  const nested = isGradEnabled() && xs.some((x) => x.requiresGrad);
  // An input that already requires a gradient belongs to an outer differentiation: keep it, so the result
  // stays connected to the outer graph (grad of grad). Others get a fresh leaf.
  const inputs = xs.map((x) => (x.requiresGrad ? x : x.detach().requiresGrad_()));
  return { inputs, nested };
}

function evaluate(fn: string, f: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): Tensor {
  const y = withGradMode(true, () => f(...inputs));
  check(y instanceof Tensor, fn, () => `f must return a tensor, received ${typeof y}`);
  return y;
}

/**
 * The gradients of `f` with respect to each of its tensor arguments, and its value.
 * @example const { value, grads } = valueAndGrads((a, b) => a.mul(b).sum())(x, y)
 */
export function valueAndGrads(f: (...xs: Tensor[]) => Tensor): (...xs: Tensor[]) => { value: Tensor; grads: Tensor[] } {
  return (...xs) => {
    const { inputs, nested } = prepareInputs('valueAndGrads', xs);
    const value = evaluate('valueAndGrads', f, inputs);
    const grads = gradients(value, inputs, undefined, { createGraph: nested });
    return { value: nested ? value : value.detach(), grads };
  };
}

/**
 * The gradient of a one-argument `f`, and its value.
 * @example const { value, grad } = valueAndGrad((x) => x.square().sum())(tensor([3])) // grad [6]
 */
export function valueAndGrad(f: (x: Tensor) => Tensor): (x: Tensor) => { value: Tensor; grad: Tensor } {
  const vg = valueAndGrads((x) => f(x));
  return (x) => {
    const { value, grads } = vg(x);
    return { value, grad: grads[0] };
  };
}

/**
 * The gradient function of a one-argument scalar function; nest it for higher derivatives.
 * @example grad((x) => x.pow(3).sum())(tensor([2])) // [12]; grad(grad(f)) gives second derivatives
 */
export function grad(f: (x: Tensor) => Tensor): (x: Tensor) => Tensor {
  const vg = valueAndGrad(f);
  return (x) => vg(x).grad;
}

/**
 * The gradient functions of a scalar function of several tensors.
 * @example const [da, db] = grads((a, b) => a.mul(b).sum())(a, b)
 */
export function grads(f: (...xs: Tensor[]) => Tensor): (...xs: Tensor[]) => Tensor[] {
  const vg = valueAndGrads(f);
  return (...xs) => vg(...xs).grads;
}
