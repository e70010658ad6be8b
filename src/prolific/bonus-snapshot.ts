// Reads what reconciliation compares: which submissions each set-up row pays (through
// the study's submission list) and each submission's `bonus_payments`. Reads only.
import { PayoutsError } from "../core/errors/payouts-error.js";
import type { SetUpRecord, Snapshot } from "../ledger/index.js";
import type { ProlificClient } from "./client.js";
import { getSubmission, listStudySubmissions } from "./submissions.js";

const PARALLEL_READS = 4;

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
  const rowSubmissions: Record<string, string[]> = {};
  for (const { participantId } of setUp.rows) {
    // A row names a participant or a submission (csv_bonuses accepts either).
    rowSubmissions[participantId] = list
      .filter((s) => s.id === participantId || s.participant_id === participantId)
      .map((s) => s.id);
  }
  const ids = [...new Set(Object.values(rowSubmissions).flat())];
  const participants = new Map(list.map((s) => [s.id, s.participant_id]));
  const payments = await readBonusPayments(client, ids, options);
  const submissions: Snapshot["submissions"] = {};
  for (const id of ids)
    submissions[id] = {
      participantId: participants.get(id) ?? "",
      bonusPayments: payments[id] ?? [],
    };
  return { takenAt, submissions, rowSubmissions };
}

/** `bonus_payments` (minor units) of each submission, a few reads at a time. */
export async function readBonusPayments(
  client: ProlificClient,
  ids: readonly string[],
  { signal, onProgress }: SnapshotReadOptions = {},
): Promise<Record<string, number[]>> {
  const result: Record<string, number[]> = {};
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++] as string;
      const submission = await getSubmission(client, id, signal ? { signal } : {});
      const payments: unknown = submission.bonus_payments ?? [];
      if (!Array.isArray(payments) || payments.some((p) => typeof p !== "number"))
        throw new PayoutsError(`submission ${JSON.stringify(id)}: bonus_payments is not numbers`);
      result[id] = payments;
      onProgress?.({ read: ++done, total: ids.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, ids.length) }, worker));
  return result;
}
