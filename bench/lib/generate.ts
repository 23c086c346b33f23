import { v7 } from 'uuid';
import type { ObjectDef } from '../../server/src/metadata/types.js';
import type { BenchOrg } from './org.js';
import type { DataSpec } from './options.js';
import { company, followUpContent, followUpName, landline, mobile, person, TITLES, cityNames } from './names.js';
import { MS_DAY, Rng, Weighted, skewedPast, zipf } from './random.js';
import { IndexRows } from './search-rows.js';
import { copyLine, tsvectorLiteral, type Cell, type Sink, type Writer } from './sink.js';

const CHUNK = 5000;
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);

export interface GenContext {
  spec: DataSpec;
  org: BenchOrg;
  objects: Map<string, ObjectDef>;
  pipelineId: string;
  sink: Sink;
  now: number;
  log: (msg: string) => void;
}

/** One table and its search index rows, written in chunks through two COPY streams. */
class TableWriter {
  private lines = '';
  private search = '';
  private n = 0;
  private readonly index: IndexRows;
  count = 0;
  private constructor(private readonly main: Writer, private readonly idx: Writer, private readonly columns: string[], obj: ObjectDef, ws: string, private readonly verifyEvery: number) {
    this.index = new IndexRows(obj, ws);
  }

  static async open(ctx: GenContext, table: string, columns: string[]): Promise<TableWriter> {
    const main = await ctx.sink.open(table, columns);
    const idx = await ctx.sink.open('search_index', ['workspace_id', 'object', 'record_id', 'name', 'keys', 'tokens', 'dedupe', 'updated_at']);
    return new TableWriter(main, idx, columns, ctx.objects.get(table)!, ctx.org.workspaceId, ctx.spec.label === 'quick' ? 97 : 9973);
  }

  /** One record, its cells in COPY column order; the index row is made from the same values. */
  async add(cells: Cell[]): Promise<void> {
    const row: Record<string, any> = {};
    for (let i = 0; i < cells.length; i++) row[this.columns[i]] = cells[i];
    this.lines += copyLine(cells);
    if (this.count % this.verifyEvery === 0) this.index.verify(row);
    const ix = this.index.build(row);
    this.search += copyLine([ix.workspace_id, ix.object, ix.record_id, ix.name, ix.keys, tsvectorLiteral(ix.tokens), ix.dedupe, row.updated_at]);
    this.count++;
    if (++this.n >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    const [a, b] = [this.lines, this.search];
    this.lines = '';
    this.search = '';
    this.n = 0;
    await Promise.all([this.main.write(a), this.idx.write(b)]);
  }

  async end(): Promise<void> {
    if (this.n) await this.flush();
    await Promise.all([this.main.end(), this.idx.end()]);
  }
}

/** What later tables need of earlier ones, in typed arrays to keep a million rows small. */
export interface Refs {
  owners: string[];
  accountIds: string[];
  accountOwner: Int32Array;
  accountCreated: Float64Array;
  accountContact: Int32Array;
  accountOpp: Int32Array;
  contactIds: string[];
  contactAccount: Int32Array;
  oppIds: string[];
}

const COMMON = ['workspace_id', 'id', 'name', 'owner_id', 'created_by', 'created_at', 'updated_at', 'version'];

function progress(ctx: GenContext, table: string, i: number, total: number, t0: number): void {
  if (i % 100_000 === 0 && i > 0) ctx.log(`  ${table}: ${i.toLocaleString()} / ${total.toLocaleString()} (${Math.round(i / ((Date.now() - t0) / 1000)).toLocaleString()} rows/s)`);
}

export async function generateAccounts(ctx: GenContext, refs: Refs): Promise<void> {
  const rng = new Rng(ctx.spec.seed + 1);
  const ownerPick = new Weighted(refs.owners.map((_, i) => i), zipf(refs.owners.length));
  const levels = new Weighted(['A', 'B', 'C', null], [10, 35, 45, 10]);
  const sources = new Weighted(['web', 'referral', 'exhibition', 'ads', 'cold_call', 'other'], [30, 20, 15, 10, 15, 10]);
  const cols = [...COMMON, 'phone', 'email', 'website', 'industry', 'level', 'source', 'tags', 'deal_status', 'last_contact_at', 'owner_since', 'last_deal_at'];
  const w = await TableWriter.open(ctx, 'accounts', cols);
  const t0 = Date.now();
  for (let i = 0; i < ctx.spec.accounts; i++) {
    const c = company(rng);
    const created = skewedPast(rng, ctx.now, 3);
    const owner = ownerPick.pick(rng);
    const won = rng.chance(0.2);
    const id = v7({ msecs: created });
    refs.accountIds.push(id);
    refs.accountOwner[i] = owner;
    refs.accountCreated[i] = created;
    const updated = Math.min(ctx.now, created + rng.int(0, 200) * MS_DAY);
    const row = {
      id, name: c.name, owner_id: refs.owners[owner], phone: rng.chance(0.7) ? landline(rng) : null,
      email: rng.chance(0.5) ? `info@${c.domain}` : null, website: rng.chance(0.4) ? `https://www.${c.domain}` : null,
      credit_code: null, updated_at: iso(updated),
    };
    const lastContact = rng.chance(0.85) ? iso(Math.min(ctx.now, updated + rng.int(0, 90) * MS_DAY)) : null;
    await w.add([ctx.org.workspaceId, id, c.name, row.owner_id, row.owner_id, iso(created), row.updated_at, rng.int(1, 5),
      row.phone, row.email, row.website, c.industry, levels.pick(rng), sources.pick(rng),
      rng.chance(0.2) ? [rng.pick(['重点', 'VIP', '续约', '新客户'])] : [], won ? 'won' : 'none', lastContact, iso(created),
      won ? iso(Math.min(ctx.now, created + rng.int(10, 400) * MS_DAY)) : null]);
    progress(ctx, 'accounts', i + 1, ctx.spec.accounts, t0);
  }
  await w.end();
}

export async function generateContacts(ctx: GenContext, refs: Refs): Promise<void> {
  const rng = new Rng(ctx.spec.seed + 2);
  // Big customers have many contacts: the account of a contact is skewed too.
  const accPick = new Weighted(refs.accountIds.map((_, i) => i), zipf(refs.accountIds.length, 0.5));
  const cols = [...COMMON, 'account_id', 'title', 'phone', 'mobile', 'email', 'wechat', 'gender', 'birthday', 'is_primary'];
  const w = await TableWriter.open(ctx, 'contacts', cols);
  const t0 = Date.now();
  for (let i = 0; i < ctx.spec.contacts; i++) {
    const a = accPick.pick(rng);
    const p = person(rng);
    const created = Math.min(ctx.now - 60_000, refs.accountCreated[a] + Math.floor(rng.next() * (ctx.now - refs.accountCreated[a])));
    const id = v7({ msecs: created });
    refs.contactIds.push(id);
    refs.contactAccount[i] = a;
    const primary = refs.accountContact[a] === -1;
    if (primary) refs.accountContact[a] = i;
    const owner = rng.chance(0.9) ? refs.accountOwner[a] : rng.int(0, refs.owners.length - 1);
    const row = {
      id, name: p.name, owner_id: refs.owners[owner], account_id: refs.accountIds[a], title: rng.pick(TITLES),
      phone: rng.chance(0.3) ? landline(rng) : null, mobile: rng.chance(0.9) ? mobile(rng) : null,
      email: rng.chance(0.7) ? `${p.latin}${rng.int(1, 9999)}@${rng.pick(['qq.com', '163.com', 'example.com', 'gmail.com'])}` : null,
      wechat: rng.chance(0.4) ? `wx_${p.latin.replace('.', '_')}${rng.int(1, 999)}` : null,
      updated_at: iso(Math.min(ctx.now, created + rng.int(0, 120) * MS_DAY)),
    };
    await w.add([ctx.org.workspaceId, id, p.name, row.owner_id, row.owner_id, iso(created), row.updated_at, rng.int(1, 3),
      row.account_id, row.title, row.phone, row.mobile, row.email, row.wechat, p.gender,
      rng.chance(0.2) ? day(Date.UTC(rng.int(1960, 2000), rng.int(0, 11), rng.int(1, 28))) : null, primary]);
    progress(ctx, 'contacts', i + 1, ctx.spec.contacts, t0);
  }
  await w.end();
}

const STAGES = ['qualification', 'needs', 'proposal', 'negotiation', 'won', 'lost'] as const;
const PROBABILITY: Record<string, number> = { qualification: 10, needs: 30, proposal: 60, negotiation: 80, won: 100, lost: 0 };

export async function generateOpportunities(ctx: GenContext, refs: Refs): Promise<void> {
  const rng = new Rng(ctx.spec.seed + 3);
  const accPick = new Weighted(refs.accountIds.map((_, i) => i), zipf(refs.accountIds.length, 0.4));
  const stagePick = new Weighted([...STAGES], [30, 22, 15, 8, 14, 11]);
  const cols = [...COMMON, 'account_id', 'contact_id', 'stage', 'amount', 'currency', 'probability', 'expected_close_date',
    'pipeline_id', 'status', 'weighted_amount', 'closed_at', 'stage_entered_at', 'lost_reason_type'];
  const w = await TableWriter.open(ctx, 'opportunities', cols);
  const hist = await ctx.sink.open('opportunity_stage_history', ['workspace_id', 'id', 'opportunity_id', 'pipeline_id', 'stage', 'entered_at', 'left_at', 'entered_by']);
  let histText = '';
  const t0 = Date.now();
  for (let i = 0; i < ctx.spec.opportunities; i++) {
    const a = accPick.pick(rng);
    const p = company(rng);
    const stage = stagePick.pick(rng);
    const created = Math.min(ctx.now - 60_000, refs.accountCreated[a] + Math.floor(rng.next() * (ctx.now - refs.accountCreated[a])));
    const id = v7({ msecs: created });
    refs.oppIds.push(id);
    if (refs.accountOpp[a] === -1) refs.accountOpp[a] = i;
    const owner = refs.owners[refs.accountOwner[a]];
    const amount = Math.round(rng.lognormal(80_000, 1.1) * 100) / 100;
    const closed = stage === 'won' || stage === 'lost';
    // The stages it went through, each entered some days after the previous one.
    const path = stage === 'lost' ? STAGES.slice(0, rng.int(1, 4)).concat('lost') : STAGES.slice(0, STAGES.indexOf(stage) + 1);
    let t = created;
    for (let s = 0; s < path.length; s++) {
      const next = s + 1 < path.length ? Math.min(ctx.now - 1000, t + rng.int(1, 30) * MS_DAY) : null;
      histText += copyLine([ctx.org.workspaceId, v7({ msecs: t }), id, ctx.pipelineId, path[s], iso(t), next === null ? null : iso(next), owner]);
      if (next !== null) t = next;
    }
    const name = `${p.name.replace(/(有限公司|股份有限公司|集团有限公司|有限责任公司)$/, '')} ${rng.pick(['采购项目', 'CRM 升级', '年度框架协议', '设备采购', 'Renewal', 'Expansion'])}`;
    const row = { id, name, updated_at: iso(Math.max(t, created)) };
    const expected = closed ? t : ctx.now + rng.int(-60, 270) * MS_DAY;
    await w.add([ctx.org.workspaceId, id, name, owner, owner, iso(created), row.updated_at, path.length,
      refs.accountIds[a], refs.accountContact[a] >= 0 && rng.chance(0.7) ? refs.contactIds[refs.accountContact[a]] : null,
      stage, amount.toFixed(2), 'CNY', PROBABILITY[stage], day(expected), ctx.pipelineId,
      stage === 'won' ? 'won' : stage === 'lost' ? 'lost' : 'open', (amount * PROBABILITY[stage] / 100).toFixed(2),
      closed ? iso(t) : null, iso(t), stage === 'lost' ? rng.pick(['price', 'competitor', 'other']) : null]);
    if ((i + 1) % CHUNK === 0) { await hist.write(histText); histText = ''; }
    progress(ctx, 'opportunities', i + 1, ctx.spec.opportunities, t0);
  }
  if (histText) await hist.write(histText);
  await Promise.all([w.end(), hist.end()]);
}

export async function generateActivities(ctx: GenContext, refs: Refs): Promise<void> {
  const rng = new Rng(ctx.spec.seed + 4);
  const accPick = new Weighted(refs.accountIds.map((_, i) => i), zipf(refs.accountIds.length, 0.6));
  const types = new Weighted(['call', 'wechat', 'visit', 'meeting', 'email', 'note'], [40, 25, 15, 8, 7, 5]);
  const cols = [...COMMON, 'type', 'account_id', 'contact_id', 'opportunity_id', 'content', 'occurred_at', 'next_contact_at', 'next_contact_done', 'location'];
  const w = await TableWriter.open(ctx, 'activities', cols);
  const t0 = Date.now();
  for (let i = 0; i < ctx.spec.activities; i++) {
    const a = accPick.pick(rng);
    const occurred = Math.min(ctx.now - 60_000, refs.accountCreated[a] + Math.floor(Math.pow(rng.next(), 0.5) * (ctx.now - refs.accountCreated[a])));
    const id = v7({ msecs: occurred });
    const owner = refs.owners[rng.chance(0.9) ? refs.accountOwner[a] : rng.int(0, refs.owners.length - 1)];
    const type = types.pick(rng);
    const name = followUpName(rng);
    // Follow-ups of the last month often plan the next contact, some of them still open.
    const recent = ctx.now - occurred < 30 * MS_DAY;
    const next = recent && rng.chance(0.6) ? ctx.now + rng.int(-5, 20) * MS_DAY : rng.chance(0.1) ? occurred + rng.int(1, 14) * MS_DAY : null;
    const row = { id, name, location: type === 'visit' ? rng.pick(cityNames) : null, updated_at: iso(occurred) };
    await w.add([ctx.org.workspaceId, id, name, owner, owner, iso(occurred), row.updated_at, 1, type, refs.accountIds[a],
      refs.accountContact[a] >= 0 && rng.chance(0.7) ? refs.contactIds[refs.accountContact[a]] : null,
      refs.accountOpp[a] >= 0 && rng.chance(0.3) ? refs.oppIds[refs.accountOpp[a]] : null,
      followUpContent(rng), iso(occurred), next === null ? null : iso(next), next === null || next < ctx.now - 5 * MS_DAY, row.location]);
    progress(ctx, 'activities', i + 1, ctx.spec.activities, t0);
  }
  await w.end();
}
