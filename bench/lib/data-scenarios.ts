import type { DataSet } from './dataset.js';
import { runExport, runImport } from './dataio.js';
import type { Fixtures } from './fixtures.js';
import type { Flags } from './options.js';
import type { Proc } from './procs.js';
import type { ScenarioResult } from './report.js';

const IMPORT_BUDGET = { rowsPerSec: 10_000 };
const EXPORT_BUDGET = { rowsPerSec: 50_000 };

/** The export of every contact (1M) and the import of 100k contacts, or all and 5k on --quick. */
export async function runDataScenarios(ds: DataSet, fx: Fixtures, server: Proc, flags: Flags, want: (id: string) => boolean): Promise<ScenarioResult[]> {
  const out: ScenarioResult[] = [];
  const verdict = { pass: null, checks: [] };
  if (want('export')) {
    const p = process.env.BENCH_EXPORT_PATH ?? '/api/v1/contacts/export';
    const r: ScenarioResult = { id: 'export', title: `Export every contact (${ds.spec.contacts.toLocaleString('en')}) as CSV`, status: 'ok', budget: EXPORT_BUDGET, verdict, path: p };
    try { r.export = await runExport(server, fx.admin, ds.spec.contacts, p); } catch (e) { Object.assign(r, { status: 'failed', reason: (e as Error).message }); }
    out.push(r);
  }
  if (want('import')) {
    const rows = flags.quick ? 5_000 : 100_000;
    const r: ScenarioResult = { id: 'import', title: `Import ${rows.toLocaleString('en')} contacts (CSV, create)`, status: 'ok', budget: IMPORT_BUDGET, verdict, path: '/api/v1/imports' };
    try { r.import = await runImport(server, fx.admin, rows, flags.quick ? 120 : 600); } catch (e) { Object.assign(r, { status: 'failed', reason: (e as Error).message }); }
    out.push(r);
  }
  return out;
}
