import type { DataArray, DType } from './dtype.js';
import { fmtShape } from './errors.js';

const EDGE = 3;
const MAX_FULL = 1000;

function fmtNumber(v: number, dtype: DType): string {
  if (dtype === 'bool') return v ? 'true' : 'false';
  if (dtype === 'int32') return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return `${v}.`;
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(4) : String(Number(v.toFixed(4)));
}

/** Renders values PyTorch-style, eliding the middle of long dimensions. */
export function formatTensor(data: DataArray, shape: readonly number[], dtype: DType, requiresGrad: boolean): string {
  const summarize = data.length > MAX_FULL;
  const strides: number[] = [];
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) { strides[i] = acc; acc *= shape[i]; }
  const cells: string[] = [];
  const collect = (dim: number, off: number): void => {
    if (dim === shape.length) { cells.push(fmtNumber(data[off], dtype)); return; }
    for (let i = 0; i < shape[dim]; i++) {
      if (summarize && shape[dim] > 2 * EDGE && i === EDGE) i = shape[dim] - EDGE;
      collect(dim + 1, off + i * strides[dim]);
    }
  };
  collect(0, 0);
  const width = Math.max(1, ...cells.map((c) => c.length));
  let k = 0;
  const render = (dim: number, indent: string): string => {
    if (dim === shape.length) return cells[k++].padStart(width);
    const parts: string[] = [];
    for (let i = 0; i < shape[dim]; i++) {
      if (summarize && shape[dim] > 2 * EDGE && i === EDGE) { parts.push('...'); i = shape[dim] - EDGE; }
      parts.push(render(dim + 1, indent + ' '));
    }
    const sep = dim === shape.length - 1 ? ', ' : ',\n' + '\n'.repeat(Math.max(0, shape.length - dim - 2)) + indent + ' ';
    return `[${parts.join(sep)}]`;
  };
  const body = render(0, '       ');
  const grad = requiresGrad ? ', requiresGrad=true' : '';
  return `tensor(${body}, shape=${fmtShape(shape)}, dtype=${dtype}${grad})`;
}
