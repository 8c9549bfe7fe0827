import type { Random } from '../core/random.js';

/**
 * A rows x cols matrix (row-major, float64) with orthonormal columns when rows >= cols, or orthonormal rows
 * otherwise: the Q factor of the QR decomposition of a standard normal matrix, with R's diagonal made positive
 * (as Keras' Orthogonal initializer). Modified Gram-Schmidt, applied twice for accuracy, gives that Q directly.
 * @example orthogonalMatrix(3, 2, new Random(0)) // 6 values; columns have unit norm and are orthogonal
 */
export function orthogonalMatrix(rows: number, cols: number, rng: Random): Float64Array {
  const m = Math.max(rows, cols), n = Math.min(rows, cols);
  // Column-major m x n matrix of normal samples: column j is a[j*m .. j*m+m).
  const a = new Float64Array(m * n);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  for (let j = 0; j < n; j++) {
    const cj = j * m;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        const ck = k * m;
        let dot = 0;
        for (let i = 0; i < m; i++) dot += a[ck + i] * a[cj + i];
        for (let i = 0; i < m; i++) a[cj + i] -= dot * a[ck + i];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += a[cj + i] * a[cj + i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < m; i++) a[cj + i] /= norm;
  }
  const out = new Float64Array(rows * cols);
  if (rows >= cols) {
    // Q is rows x cols: out[r, c] = column c, entry r.
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = a[c * m + r];
  } else {
    // Q^T: cols x rows becomes rows x cols with orthonormal rows: out[r, c] = column r, entry c.
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = a[r * m + c];
  }
  return out;
}
