// Reads what reconciliation compares: which submissions each set-up row pays (through
// the study's submission list) and each submission's `bonus_payments`. Reads only.
import { PayoutsError } from "../core/errors/payouts-error.js";
import type { SetUpRecord, Snapshot } from "../ledger/index.js";
import type { ProlificClient } from "./client.js";
import { getSubmission, listStudySubmissions } from "./submissions.js";

const PARALLEL_READS = 4;

// Snapshot records are keyed by ids from the caller and the server ("__proto__" is a legal
// participant id): kept in objects without a prototype, and read through `own`, so such a
// key is a plain entry, never the object's prototype or something inherited.
const record = <T>(): Record<string, T> => Object.create(null);

/** `rec[key]` when it is rec's own entry, else undefined (also for a snapshot read back from JSON). */
export const own = <T>(rec: Record<string, T> | undefined, key: string): T | undefined =>
  rec !== undefined && Object.hasOwn(rec, key) ? rec[key] : undefined;

export interface SnapshotReadOptions {
  signal?: AbortSignal;
  /** Hears progress while submissions are read: `read` of `total`. */
  onProgress?: (progress: { read: number; total: number }) => void;
}

/** Each row's submissions and their `bonus_payments` now. */
export async function takeSnapshot(
  client: ProlificClient,
  setUp: SetUpRecord,
  options: SnapshotReadOptions = {},
): Promise<Snapshot> {
  const takenAt = new Date().toISOString();
  const list: { id: string; participant_id: string }[] = [];
  const signal = options.signal;
  for await (const s of listStudySubmissions(client, setUp.studyId, signal ? { signal } : {}))
    list.push(s);
  const rowSubmissions = record<string[]>();
  for (const { participantId } of setUp.rows) {
    // A row names a participant or a submission (csv_bonuses accepts either).
    rowSubmissions[participantId] = list
      .filter((s) => s.id === participantId || s.participant_id === participantId)
      .map((s) => s.id);
  }
  const ids = [...new Set(Object.values(rowSubmissions).flat())];
  const participants = new Map(list.map((s) => [s.id, s.participant_id]));
  const payments = await readBonusPayments(client, ids, options);
  const submissions: Snapshot["submissions"] = record();
  for (const id of ids)
    submissions[id] = {
      participantId: participants.get(id) ?? "",
      bonusPayments: own(payments, id) ?? [],
    };
  return { takenAt, submissions, rowSubmissions };
}

/** `bonus_payments` (minor units) of each submission, a few reads at a time. */
export async function readBonusPayments(
  client: ProlificClient,
  ids: readonly string[],
  { signal, onProgress }: SnapshotReadOptions = {},
): Promise<Record<string, number[]>> {
  const result = record<number[]>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++] as string;
      const submission = await getSubmission(client, id, signal ? { signal } : {});
      // Own field only: a polluted Object.prototype.bonus_payments must not read as paid.
      const payments: unknown = own(submission as Record<string, unknown>, "bonus_payments") ?? [];
      if (!Array.isArray(payments) || payments.some((p) => typeof p !== "number"))
        throw new PayoutsError(`submission ${JSON.stringify(id)}: bonus_payments is not numbers`);
      result[id] = payments;
      onProgress?.({ read: ++done, total: ids.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, ids.length) }, worker));
  return result;
}
