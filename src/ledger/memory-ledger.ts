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
  return copyFields({}, value) as T;
}

/** `copy` with a copy of each own field of `from` (JSON data) added, in order. */
function copyFields(copy: Record<string, unknown>, value: object): Record<string, unknown> {
  const from = value as Record<string, unknown>;
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
  return copy;
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
  // The attempts of an id that has one (a pay's markSending and settle: one check of the
  // id and one lookup each); the last one is replaced by the next state's entry.
  const attemptsOf = (id: string): LedgerEntry[] => {
    checkLedgerId(id);
    const list = attempts.get(id);
    if (!list) throw new Error(`no ledger entry for ${JSON.stringify(id)}`);
    return list;
  };
  const last = (list: LedgerEntry[]) => list[list.length - 1] as LedgerEntry;

  return {
    location: "memory",
    async recordSetUp(id, setUp) {
      checkLedgerId(id);
      const record = { ...checkSetUp(setUp), recordedAt: now() };
      const list = attempts.get(id);
      if (list) list[list.length - 1] = withFields(last(list), { setUp: record });
      else attempts.set(id, [{ id, state: "set-up", attempt: 0, setUp: record }]);
    },
    async claim(id) {
      checkLedgerId(id);
      const list = attempts.get(id);
      const previous = list && last(list);
      if (!isClaimable(previous)) throw duplicateError(previous as LedgerEntry, "memory");
      // Built from fresh values and stored parts (the set-up record, shared with the
      // attempt before it, never changed in place): stored as is, handed out as a copy.
      const entry = claimedEntry(id, previous);
      if (!list) attempts.set(id, [entry]);
      else if (previous?.state === "set-up") list[list.length - 1] = entry;
      else list.push(entry);
      return copyData(entry);
    },
    async markSending(id, sending) {
      const list = attemptsOf(id);
      // The caller's snapshot is copied as it comes in; "at" first, as the other stores write it.
      const record = copyFields({ at: now() }, sending ?? {});
      list[list.length - 1] = sendingEntry(last(list), record as LedgerEntry["sending"]);
    },
    async settle(id, outcome, detail) {
      const list = attemptsOf(id);
      list[list.length - 1] = settledEntry(last(list), { at: now(), outcome, detail });
    },
    async resolve(id, verdict, note) {
      const list = attemptsOf(id);
      const entry = resolvedEntry(last(list), verdict, note);
      list[list.length - 1] = entry;
      return copyData(entry);
    },
    async get(id) {
      checkLedgerId(id);
      const list = attempts.get(id);
      if (!list) return undefined;
      const entry = copyData(last(list));
      return list.length > 1 ? withFields(entry, { history: copyData(list.slice(0, -1)) }) : entry;
    },
    async listOpen() {
      return openOnly([...attempts.values()].map((list) => copyData(last(list))));
    },
    async close() {},
  };
}
