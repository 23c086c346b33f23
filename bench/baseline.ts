/**
 * The bare handler the bench compares the server with: Fastify + pg, no authentication, no transaction,
 * no row-level security, no metadata — it runs the very SQL text the records pipeline sent for the same
 * user (captured by the runner) and returns the rows as JSON.
 * Env: BASELINE_DATABASE_URL, BASELINE_FIXTURE (JSON file), PORT, POOL_SIZE.
 */
import fs from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';

interface Captured { text: string; values: unknown[] }
type Fixture = Record<string, { get: Captured & { idIndex: number }; lists: Record<string, Captured> }>;

// The server's own type parsers: bigint counts as numbers, dates as strings.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

const fixture: Fixture = JSON.parse(fs.readFileSync(process.env.BASELINE_FIXTURE!, 'utf8'));
const pool = new pg.Pool({ connectionString: process.env.BASELINE_DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });
const app = Fastify({ logger: false });

app.get('/get/:user/:id', async (req, reply) => {
  const { user, id } = req.params as { user: string; id: string };
  const q = fixture[user]?.get;
  if (!q) return reply.status(404).send({ error: 'no such user' });
  const values = [...q.values];
  values[q.idIndex] = id;
  const res = await pool.query(q.text, values);
  if (!res.rows[0]) return reply.status(404).send({ error: 'not found' });
  return res.rows[0];
});

app.get('/list/:variant/:user', async (req, reply) => {
  const { variant, user } = req.params as { variant: string; user: string };
  const q = fixture[user]?.lists[variant];
  if (!q) return reply.status(404).send({ error: 'no such list' });
  const res = await pool.query(q.text, q.values);
  return { data: res.rows.slice(0, 50) };
});

app.get('/readyz', async () => ({ ok: true }));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
const stop = async () => { await app.close(); await pool.end(); process.exit(0); };
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
