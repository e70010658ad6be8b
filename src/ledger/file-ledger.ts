// One host, many processes. Every change of an entry is a new file,
// claims/<id>.<attempt>.<version>.json, created exclusively: the JSON is written and
// fsynced under a temporary name, then hard-linked to its final name (link fails if the
// name exists), then the directory is fsynced, all before the pay leaves. So exactly one
// process wins attempt n (the claim, version 1) and exactly one writes each next version
// (a compare-and-swap without locks: a loser re-reads and re-checks). The newest version
// is the entry; the older ones are its history. A kill -9 at any point leaves complete
// files only; stray `.tmp-*` files are ignored.
import { createHash, randomUUID } from "node:crypto";
import { link, mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import {
  checkLedgerId,
  checkSetUp,
  claimedEntry,
  duplicateError,
  isClaimable,
  type LedgerEntry,
  now,
  openOnly,
  ownClaims,
  type PayLedger,
  type SetUpRecord,
  sharedTransitions,
} from "./pay-ledger.js";

/** A ledger in `dir` (created if missing): plain JSON files an operator can read. */
export function fileLedger(dir: string): PayLedger {
  if (typeof dir !== "string" || dir === "")
    throw new TypeError("fileLedger(dir): dir must be a path");
  const root = resolve(dir);
  const claims = join(root, "claims");
  const setUps = join(root, "set-up");
  const location = `file ${root}`;
  let ready: Promise<void> | undefined;
  const prepare = () => {
    ready ??= (async () => {
      for (const d of [claims, setUps]) {
        await mkdir(d, { recursive: true });
        await syncDir(dirname(d));
      }
    })();
    return ready;
  };

  const own = ownClaims();
  const version = (id: string, n: number, v: number) => `${fileName(id)}.${n}.${v}.json`;
  const entryAt = (id: string, n: number, v: number) =>
    readEntry(join(claims, version(id, n, v)), id, (owner) => owner === id);
  const exists = async (id: string, n: number, v: number) =>
    (await entryAt(id, n, v)) !== undefined;

  /** The newest version of attempt n (v = 0 when there is none). */
  async function newest(id: string, n: number): Promise<{ v: number; entry?: LedgerEntry }> {
    let v = 0;
    let entry: LedgerEntry | undefined;
    for (;;) {
      const next = await entryAt(id, n, v + 1);
      if (!next) return { v, ...(entry && { entry }) };
      v++;
      entry = next;
    }
  }

  /** The latest attempt (n = 0 when never claimed), its newest version and entry. */
  async function latest(id: string) {
    let n = 0;
    while (await exists(id, n + 1, 1)) n++;
    // Stryker disable next-line EqualityOperator,ObjectLiteral: with n = 0, newest(id, 0) finds no file (attempts count from 1) and gives { v: 0 }; and v is never read when there is no entry
    return { n, ...(n > 0 ? await newest(id, n) : { v: 0 }) };
  }

  async function update(id: string, change: (entry: LedgerEntry) => LedgerEntry) {
    checkLedgerId(id);
    await prepare();
    for (;;) {
      const { n, v, entry } = await latest(id);
      if (!entry) throw new Error(`no claim for ${JSON.stringify(id)} in ${location}`);
      const next = change(entry);
      if (await writeDurably(claims, version(id, n, v + 1), next)) return next;
      // Another process wrote version v + 1 first: re-read, and re-check against it.
    }
  }

  return {
    location,
    async recordSetUp(id, setUp) {
      checkLedgerId(id);
      const record: SetUpRecord = { ...checkSetUp(setUp), recordedAt: now() };
      await prepare();
      await writeDurably(setUps, `${fileName(id)}.json`, { id, ...record }, "replace");
    },
    async claim(id) {
      checkLedgerId(id);
      await prepare();
      for (;;) {
        const { n, entry } = await latest(id);
        if (entry && !isClaimable(entry)) throw duplicateError(entry, location);
        const setUp = entry ? undefined : await readSetUp(setUps, id);
        const previous = entry ?? (setUp && { id, state: "set-up" as const, attempt: 0, setUp });
        const next = { ...claimedEntry(id, previous || undefined), attempt: n + 1 };
        if (await writeDurably(claims, version(id, n + 1, 1), next)) return own.remember(next);
        // Another process took attempt n + 1 first: read what it wrote.
      }
    },
    ...sharedTransitions(update, own),
    async get(id) {
      checkLedgerId(id);
      await prepare();
      const { n, entry } = await latest(id);
      if (!entry) {
        const setUp = await readSetUp(setUps, id);
        return setUp && { id, state: "set-up", attempt: 0, setUp };
      }
      const history: LedgerEntry[] = [];
      for (let i = 1; i < n; i++) {
        const earlier = (await newest(id, i)).entry;
        if (earlier) history.push(earlier);
      }
      return history.length > 0 ? { ...entry, history } : entry;
    },
    async listOpen() {
      await prepare();
      const last = new Map<string, [number, number]>();
      for (const name of await readdir(claims)) {
        // Stryker disable next-line ArrayDeclaration: any array without match groups leaves id, n and v undefined, the same as []
        const [, id, n, v] = /^([^.]+)\.(\d+)\.(\d+)\.json$/.exec(name) ?? [];
        // Stryker disable next-line LogicalOperator: the regex's groups are all mandatory, so id, n and v are all set or all undefined
        if (!id || !n || !v) continue;
        const [ln = 0, lv = 0] = last.get(id) ?? [];
        if (Number(n) > ln || (Number(n) === ln && Number(v) > lv))
          last.set(id, [Number(n), Number(v)]);
      }
      const entries = await Promise.all(
        [...last].map(([name, [n, v]]) =>
          readEntry(
            join(claims, `${name}.${n}.${v}.json`),
            `file name ${name}`,
            (owner) => fileName(owner) === name,
          ),
        ),
      );
      return openOnly(entries.filter((e): e is LedgerEntry => e !== undefined));
    },
    async close() {},
  };
}

/** A file name for an id: percent-encoded (dots too), or a hash when too long. */
function fileName(id: string): string {
  const encoded = encodeURIComponent(id).replaceAll(".", "%2E");
  return encoded.length <= 180
    ? encoded
    : `sha256-${createHash("sha256").update(id).digest("hex")}`;
}

async function readSetUp(dir: string, id: string): Promise<SetUpRecord | undefined> {
  const record = await readJson<SetUpRecord & { id: string }>(join(dir, `${fileName(id)}.json`));
  if (!record) return undefined;
  const { id: _id, ...setUp } = record;
  return setUp;
}

/**
 * A claims file, checked to be an entry of `id`. A file edited by hand into something
 * else (`null`, an array, another id's entry) would otherwise read as "no claim" and let
 * the id be paid again, or never let a settle land; it stops the ledger instead.
 */
async function readEntry(
  path: string,
  id: string,
  isOwner: (id: string) => boolean,
): Promise<LedgerEntry | undefined> {
  const entry = await readJson<Partial<LedgerEntry> | null>(path);
  if (entry === undefined) return undefined;
  if (
    typeof entry !== "object" ||
    entry === null ||
    Array.isArray(entry) ||
    typeof entry.id !== "string" ||
    !isOwner(entry.id) ||
    typeof entry.state !== "string" ||
    !Number.isSafeInteger(entry.attempt)
  )
    throw new Error(
      `pay ledger file ${path} is not an entry of ${JSON.stringify(id)} ({ id, state, attempt }); fix it by hand or restore it`,
    );
  return entry as LedgerEntry;
}

async function readJson<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    // Stryker disable next-line StringLiteral: without an encoding readFile gives a Buffer, and JSON.parse reads a Buffer as UTF-8 text all the same
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`pay ledger file ${path} is not valid JSON; fix it by hand or restore it`);
  }
}

/**
 * Writes `value` as `dir/name`, durably: data fsynced under a temporary name, then linked
 * ("exclusive", the default: false if the name exists) or renamed ("replace") into place,
 * then the directory fsynced so the name itself survives a crash.
 */
async function writeDurably(
  dir: string,
  name: string,
  value: unknown,
  mode: "exclusive" | "replace" = "exclusive",
): Promise<boolean> {
  const tmp = join(dir, `.tmp-${process.pid}-${randomUUID()}`);
  const file = await open(tmp, "wx", 0o644);
  try {
    await file.writeFile(`${JSON.stringify(value, null, 2)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    if (mode === "replace") await rename(tmp, join(dir, name));
    else await link(tmp, join(dir, name));
  } catch (error) {
    if (mode === "exclusive" && (error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    if (mode === "exclusive") await unlink(tmp).catch(() => {});
  }
  await syncDir(dir);
  return true;
}

async function syncDir(dir: string) {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
