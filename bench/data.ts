/**
 * npm run bench:data [-- --quick] [--fresh] [--embedded]
 * Generates the bench data set in its own database (rapport_bench, or rapport_bench_quick with --quick) on
 * the local PostgreSQL, or in an embedded PGlite directory under bench/.data with --embedded. Reuses a
 * complete data set of the same spec unless --fresh.
 */
import { ensureDataSet } from './lib/dataset.js';
import { parseFlags } from './lib/options.js';

const flags = parseFlags();
const t0 = Date.now();
const ds = await ensureDataSet(flags, (m) => console.log(m));
console.log(`bench data ${ds.reused ? 'reused' : 'generated'}: ${ds.target} (${ds.spec.label}) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
