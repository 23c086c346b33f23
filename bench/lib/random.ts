/** A small seeded PRNG (mulberry32): the same seed gives the same data set on every machine. */
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }

  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 10);
    return s;
  }

  /** Log-normal around a median, for amounts. */
  lognormal(median: number, sigma: number): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * z);
  }
}

/** Picks among weighted entries in O(log n) with a cumulative table. */
export class Weighted<T> {
  private readonly cum: number[] = [];
  private readonly total: number;
  constructor(private readonly items: readonly T[], weights: readonly number[]) {
    let acc = 0;
    for (const w of weights) { acc += w; this.cum.push(acc); }
    this.total = acc;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] > x) hi = mid; else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/** Zipf-like weights: a few items get most of the picks (top sales reps own most customers). */
export function zipf(n: number, s = 0.9): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
}

const DAY = 86_400_000;

/**
 * A time in the last `years`, denser towards now (a growing company adds more records each year):
 * the age is exponential with a mean of a third of the span, clipped to it.
 */
export function skewedPast(rng: Rng, now: number, years: number): number {
  const span = years * 365 * DAY;
  const age = Math.min(-Math.log(Math.max(rng.next(), 1e-12)) * (span / 3), span);
  return now - Math.floor(age) - rng.int(0, 59_999);
}

export const MS_DAY = DAY;
