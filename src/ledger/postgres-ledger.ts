// Many machines: one row per bulk bonus payment id in one table. The claim is a single
// INSERT … ON CONFLICT (id) DO UPDATE … WHERE <claimable>: PostgreSQL serialises
// concurrent claims of an id on its primary key, so exactly one of them returns a row.
// Later changes read the row FOR UPDATE and write it back in one transaction.
import { InvalidInputError } from "../core/errors/invalid-input-error.js";
import {
  checkLedgerId,
  checkSetUp,
  claimedEntry,
  duplicateError,
  type LedgerEntry,
  now,
  openOnly,
  ownClaims,
  type PayLedger,
  sharedTransitions,
} from "./pay-ledger.js";

export const LEDGER_TABLE = "payouts_pay_ledger";

// What the ledger uses of a node-postgres Pool, written out so the published types do
// not need `pg` (an optional peer dependency) to be installed.
type Rows = { rows: { entry: LedgerEntry }[] };
interface PoolClient {
  query(text: string, values?: unknown[]): Promise<Rows>;
  release(): void;
}
/** A node-postgres `Pool` (or anything with the same query/connect/end). */
export interface Pool {
  query(text: string, values?: unknown[]): Promise<Rows>;
  connect(): Promise<PoolClient>;
  end(): Promise<void>;
}

/**
 * The table, made idempotently: `postgresLedger` runs it on first use (pass
 * `migrate: false` to leave schema changes to your own migrations and run this there).
 * `entry` holds the whole entry as the other stores keep it; `state` is a copy for the
 * claim's condition and the open-entries index.
 */
export const LEDGER_MIGRATION = `
CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
  id         text PRIMARY KEY,
  state      text NOT NULL CHECK (state IN
               ('set-up', 'in-flight', 'accepted', 'unknown', 'rejected', 'resolved')),
  entry      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ${LEDGER_TABLE}_open ON ${LEDGER_TABLE} (state)
  WHERE state IN ('in-flight', 'unknown');
`;

// The claimable states of isClaimable(), as SQL over the existing row `l`. Earlier
// attempts move into entry.history; the set-up rows carry over.
const CLAIM = `
INSERT INTO ${LEDGER_TABLE} AS l (id, state, entry) VALUES ($1, 'in-flight', $2::jsonb)
ON CONFLICT (id) DO UPDATE SET
  state = 'in-flight',
  updated_at = now(),
  entry = EXCLUDED.entry
    || jsonb_build_object('attempt', COALESCE((l.entry->>'attempt')::int, 0) + 1)
    || CASE WHEN l.entry ? 'setUp' THEN jsonb_build_object('setUp', l.entry->'setUp') ELSE '{}' END
    || CASE WHEN l.state = 'set-up' THEN '{}'::jsonb ELSE jsonb_build_object('history',
         COALESCE(l.entry->'history', '[]') || jsonb_build_array(l.entry - 'history')) END
  WHERE l.state IN ('set-up', 'rejected')
     OR (l.state = 'resolved' AND l.entry->'resolution'->>'verdict' = 'not-paid')
RETURNING entry`;

export type PostgresLedgerOptions = ({ connectionString: string } | { pool: Pool }) & {
  /** Run LEDGER_MIGRATION on first use. Default true. */
  migrate?: boolean;
};

/**
 * A ledger in PostgreSQL, shared by every machine that reaches the database: pass
 * `{ connectionString }` (needs the optional peer dependency `pg`), or your own pool
 * (`pool` or `{ pool }`). A pool you pass stays yours; one made from `connectionString`
 * is ended by `close()`.
 */
export function postgresLedger(optionsOrPool: PostgresLedgerOptions | Pool): PayLedger {
  const options = isPool(optionsOrPool) ? { pool: optionsOrPool } : optionsOrPool;
  const ours = typeof options === "object" && options !== null && "connectionString" in options;
  if (
    ours
      ? typeof options.connectionString !== "string" || options.connectionString === ""
      : !isPool((options as { pool?: unknown })?.pool)
  )
    throw new InvalidInputError("options", "must be { connectionString }, a pg Pool, or { pool }");
  const own = ownClaims();
  const location = ours ? `postgres ${describe(options.connectionString)}` : "postgres (pool)";
  let poolPromise: Promise<Pool> | undefined;
  const pool = () => {
    poolPromise ??= (async () => {
      const p = ours ? await newPool(options.connectionString) : options.pool;
      if (options.migrate !== false) await p.query(LEDGER_MIGRATION);
      return p;
    })();
    return poolPromise;
  };
  const read = async (id: string): Promise<LedgerEntry | undefined> => {
    const { rows } = await (await pool()).query(`SELECT entry FROM ${LEDGER_TABLE} WHERE id = $1`, [
      id,
    ]);
    return rows[0]?.entry;
  };

  async function update(id: string, change: (entry: LedgerEntry) => LedgerEntry) {
    checkLedgerId(id);
    return transaction(await pool(), async (db) => {
      const { rows } = await db.query(
        `SELECT entry FROM ${LEDGER_TABLE} WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!rows[0] || rows[0].entry.state === "set-up")
        throw new Error(`no claim for ${JSON.stringify(id)} in ${location}`);
      const next = change(rows[0].entry);
      await db.query(
        `UPDATE ${LEDGER_TABLE} SET state = $2, entry = $3::jsonb, updated_at = now() WHERE id = $1`,
        [id, next.state, JSON.stringify(next)],
      );
      return next;
    });
  }

  return {
    location,
    async recordSetUp(id, setUp) {
      checkLedgerId(id);
      const record = { ...checkSetUp(setUp), recordedAt: now() };
      const entry: LedgerEntry = { id, state: "set-up", attempt: 0, setUp: record };
      await (await pool()).query(
        `INSERT INTO ${LEDGER_TABLE} AS l (id, state, entry) VALUES ($1, 'set-up', $2::jsonb)
         ON CONFLICT (id) DO UPDATE SET entry = l.entry || jsonb_build_object('setUp', $3::jsonb),
           updated_at = now()`,
        [id, JSON.stringify(entry), JSON.stringify(record)],
      );
    },
    async claim(id) {
      checkLedgerId(id);
      const entry = claimedEntry(id, undefined);
      const { rows } = await (await pool()).query(CLAIM, [id, JSON.stringify(entry)]);
      if (rows[0]) return own.remember(withoutHistory(rows[0].entry));
      const holder = await read(id);
      if (!holder) throw new Error(`claim of ${JSON.stringify(id)} lost its row; try again`);
      throw duplicateError(holder, location);
    },
    ...sharedTransitions(update, own),
    async get(id) {
      checkLedgerId(id);
      return read(id);
    },
    async listOpen() {
      const { rows } = await (await pool()).query(
        `SELECT entry FROM ${LEDGER_TABLE} WHERE state IN ('in-flight', 'unknown')`,
      );
      return openOnly(rows.map((r) => withoutHistory(r.entry)));
    },
    async close() {
      if (ours && poolPromise) await (await poolPromise.catch(() => undefined))?.end();
    },
  };
}

function isPool(value: unknown): value is Pool {
  const v = value as Partial<Pool> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.query === "function" &&
    typeof v.connect === "function"
  );
}

function withoutHistory({ history: _history, ...entry }: LedgerEntry): LedgerEntry {
  return entry;
}

async function transaction<T>(pool: Pool, work: (db: PoolClient) => Promise<T>): Promise<T> {
  const db = await pool.connect();
  try {
    await db.query("BEGIN");
    const result = await work(db);
    await db.query("COMMIT");
    return result;
  } catch (error) {
    await db.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    db.release();
  }
}

async function newPool(connectionString: string): Promise<Pool> {
  let pg: typeof import("pg").default;
  try {
    pg = (await import("pg")).default;
  } catch {
    throw new Error("postgresLedger needs the pg package: npm install pg");
  }
  return new pg.Pool({ connectionString, max: 4 }) as unknown as Pool;
}

/** user@host:port/database, without the password or query parameters. */
export function describe(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : "";
    return `${user}${url.host}${url.pathname}`;
  } catch {
    return "(connection string not shown)";
  }
}
