/**
 * The seeded pseudo-random source behind initializers, shuffles and dropout (xoshiro128**, seeded by splitmix32).
 * One global generator, reset by `setSeed`, makes whole programs reproducible.
 */
export class Random {
  private s0 = 0; private s1 = 0; private s2 = 0; private s3 = 0;
  private spare: number | undefined;

  constructor(seed = 0) { this.seed(seed); }

  /** Restarts the sequence from `seed`. */
  seed(seed: number): void {
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next(); this.s1 = next(); this.s2 = next(); this.s3 = next();
    this.spare = undefined;
  }

  /** A uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0; this.s3 ^= this.s1; this.s1 ^= this.s2; this.s0 ^= this.s3;
    this.s2 ^= t; this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5, lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A standard normal sample (Marsaglia polar method). */
  normal(): number {
    if (this.spare !== undefined) { const s = this.spare; this.spare = undefined; return s; }
    let u: number, v: number, s: number;
    do { u = 2 * this.uniform() - 1; v = 2 * this.uniform() - 1; s = u * u + v * v; } while (s >= 1 || s === 0);
    const m = Math.sqrt(-2 * Math.log(s) / s);
    this.spare = v * m;
    return u * m;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number { return Math.floor(this.uniform() * n); }

  /** Shuffles `a` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]; a[i] = a[j]; a[j] = t;
    }
    return a;
  }
}

function rotl(x: number, k: number): number { return (x << k) | (x >>> (32 - k)); }

/** The global generator. */
export const globalRandom = new Random(42);

/**
 * Seeds every random operation of tensorgrad (initializers, shuffles, dropout, random tensors).
 * @example setSeed(0); const a = randomNormal([2]); setSeed(0); randomNormal([2]) // same values as a
 */
export function setSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw new TypeError(`setSeed: seed must be a finite number, received ${seed}`);
  globalRandom.seed(seed);
}
