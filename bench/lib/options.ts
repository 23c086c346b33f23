import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

/** The size of a data set; `quick` is the same shape at 1/50. */
export interface DataSpec {
  label: 'full' | 'quick';
  seed: number;
  departments: number;
  repsPerDepartment: number;
  accounts: number;
  contacts: number;
  opportunities: number;
  activities: number;
}

export const FULL: DataSpec = {
  label: 'full', seed: 20261123, departments: 10, repsPerDepartment: 19,
  accounts: 200_000, contacts: 1_000_000, opportunities: 300_000, activities: 2_000_000,
};

export const QUICK: DataSpec = {
  label: 'quick', seed: 20261123, departments: 4, repsPerDepartment: 9,
  accounts: 4_000, contacts: 20_000, opportunities: 6_000, activities: 40_000,
};

export interface Flags {
  quick: boolean;
  fresh: boolean;
  embedded: boolean;
  /** Only these scenarios (comma-separated ids). */
  only: string[] | null;
  /** Seconds each load scenario runs. */
  duration: number | null;
  url: string;
  /** Write a V8 CPU profile of the server to bench/results/profiles. */
  profile: boolean;
}

export function parseFlags(argv = process.argv.slice(2)): Flags {
  const get = (name: string) => {
    const hit = argv.find((a) => a.startsWith(`--${name}=`));
    return hit ? hit.slice(name.length + 3) : null;
  };
  return {
    quick: argv.includes('--quick'),
    fresh: argv.includes('--fresh'),
    embedded: argv.includes('--embedded'),
    only: get('only')?.split(',').filter(Boolean) ?? null,
    duration: get('duration') ? Number(get('duration')) : null,
    // The server the bench databases live on; never the `test` database.
    url: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    profile: argv.includes('--profile'),
  };
}

/** The database (or PGlite directory) that holds one data set. */
export function targetOf(flags: Flags): { spec: DataSpec; url: string | null; dataDir: string; name: string } {
  const spec = flags.quick ? QUICK : FULL;
  const name = flags.quick ? 'rapport_bench_quick' : 'rapport_bench';
  const dataDir = path.join(BENCH_DIR, '.data', name);
  if (flags.embedded) return { spec, url: null, dataDir, name };
  const u = new URL(flags.url);
  u.pathname = `/${name}`;
  return { spec, url: u.toString(), dataDir, name };
}
