import {
  checkLedgerId,
  checkSetUp,
  claimedEntry,
  duplicateError,
  isClaimable,
  type LedgerEntry,
  now,
  openOnly,
  type PayLedger,
  resolvedEntry,
  sendingEntry,
  settledEntry,
  withFields,
} from "./pay-ledger.js";

/**
 * A copy of ledger data, which is JSON (objects, arrays, strings, numbers, booleans,
 * null), as a file or a database hands it back: structuredClone copies such data too,
 * at several times the cost (it serializes and deserializes). A "__proto__" key (an id
 * a server sent) stays a key.
 */
function copyData<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  const from = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(from)) {
    if (key === "__proto__")
      Object.defineProperty(copy, key, {
        value: copyData(from[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = copyData(from[key]);
  }
  return copy as T;
}

/**
 * A ledger in this process's memory: one process only, gone when it exits. For tests
 * and for scripts that pay once and exit; use `fileLedger` or `postgresLedger` to guard
 * against re-runs and other workers.
 */
export function memoryLedger(): PayLedger {
  // Every attempt per id, oldest first; the last one is current.
  // Entries go in and come out as copies, as they do from a file or a database: a caller
  // that changes an entry it was given (or the snapshot it passed) cannot change the ledger.
  // What a caller hands in is copied where it comes in (the snapshot); an entry built
  // here from stored parts and fresh values is stored as it is, and copied on the way out.
  const attempts = new Map<string, LedgerEntry[]>();
  const current = (id: string) => attempts.get(id)?.at(-1);
  const replace = (entry: LedgerEntry) => {
    const list = attempts.get(entry.id) ?? [];
    list[list.length - 1] = entry;
  };
  const existing = (id: string): LedgerEntry => {
    checkLedgerId(id);
    const entry = current(id);
    if (!entry) throw new Error(`no ledger entry for ${JSON.stringify(id)}`);
    return entry;
  };

  return {
    location: "memory",
    async recordSetUp(id, setUp) {
      checkLedgerId(id);
      const record = { ...checkSetUp(setUp), recordedAt: now() };
      const entry = current(id);
      if (entry) replace(withFields(entry, { setUp: record }));
      else attempts.set(id, [{ id, state: "set-up", attempt: 0, setUp: record }]);
    },
    async claim(id) {
      checkLedgerId(id);
      const previous = current(id);
      if (!isClaimable(previous)) throw duplicateError(previous as LedgerEntry, "memory");
      const entry = claimedEntry(id, previous);
      const list = attempts.get(id) ?? [];
      if (previous?.state === "set-up") list.pop();
      list.push(copyData(entry));
      attempts.set(id, list);
      return entry;
    },
    async markSending(id, sending) {
      replace(sendingEntry(existing(id), { at: now(), ...copyData(sending) }));
    },
    async settle(id, outcome, detail) {
      replace(settledEntry(existing(id), { at: now(), outcome, detail }));
    },
    async resolve(id, verdict, note) {
      const entry = resolvedEntry(existing(id), verdict, note);
      replace(entry);
      return copyData(entry);
    },
    async get(id) {
      checkLedgerId(id);
      const list = attempts.get(id);
      if (!list) return undefined;
      const entry = copyData(list.at(-1) as LedgerEntry);
      return list.length > 1 ? withFields(entry, { history: copyData(list.slice(0, -1)) }) : entry;
    },
    async listOpen() {
      return openOnly([...attempts.values()].map((list) => copyData(list.at(-1) as LedgerEntry)));
    },
    async close() {},
  };
}
