// Reads what reconciliation compares: which submissions each set-up row pays (through
// the study's submission list) and each submission's `bonus_payments`. Reads only.
import { secretsOf } from "../core/create-client.js";
import { apiErrorFrom } from "../core/errors/api-error.js";
import { PayoutsError } from "../core/errors/payouts-error.js";
import { sendOnce } from "../core/send-once.js";
import type { SetUpRecord, Snapshot } from "../ledger/index.js";
import type { ProlificClient } from "./client.js";

const LIST = "/api/v1/studies/{id}/submissions/";
const READ = "/api/v1/submissions/{id}/";
const PAGE = 200; // the vendor CLI's page size (an assumption the spec labels)
const MAX_PAGES = 1000;
const PARALLEL_READS = 4;

export interface ReadOptions {
  signal?: AbortSignal;
  /** Hears progress while submissions are read: `read` of `total`. */
  onProgress?: (progress: { read: number; total: number }) => void;
}

/** Each row's submissions and their `bonus_payments` now. */
export async function takeSnapshot(
  client: ProlificClient,
  setUp: SetUpRecord,
  options: ReadOptions = {},
): Promise<Snapshot> {
  const takenAt = new Date().toISOString();
  const list = await listSubmissions(client, setUp.studyId, options.signal);
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

/** Every submission of a study, page by page (limit/offset, as the spec assumes). */
async function listSubmissions(client: ProlificClient, studyId: string, signal?: AbortSignal) {
  const all: { id: string; participant_id: string }[] = [];
  const seen = new Set<string>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = (await read(
      client,
      `GET ${LIST.replace("{id}", encodeURIComponent(studyId))}`,
      (init) =>
        client.GET(LIST, {
          params: { path: { id: studyId }, query: { limit: PAGE, offset: all.length } },
          ...init,
        }),
      signal,
    )) as { results?: unknown; _links?: { next?: { href?: unknown } } };
    if (!Array.isArray(body?.results))
      throw new PayoutsError(`study ${JSON.stringify(studyId)}: submission list has no results`);
    const fresh = body.results.filter((s) => !seen.has(s?.id));
    for (const s of fresh) {
      seen.add(s.id);
      all.push({ id: String(s.id), participant_id: String(s.participant_id) });
    }
    if (body.results.length === 0 || !body._links?.next?.href) return all;
    if (fresh.length === 0)
      throw new PayoutsError(
        `study ${JSON.stringify(studyId)}: the server sent the same page twice (paging ignored?)`,
      );
  }
  throw new PayoutsError(`study ${JSON.stringify(studyId)}: more than ${MAX_PAGES} pages`);
}

/** `bonus_payments` (minor units) of each submission, a few reads at a time. */
export async function readBonusPayments(
  client: ProlificClient,
  ids: readonly string[],
  { signal, onProgress }: ReadOptions = {},
): Promise<Record<string, number[]>> {
  const result: Record<string, number[]> = {};
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++] as string;
      const body = (await read(
        client,
        `GET ${READ.replace("{id}", encodeURIComponent(id))}`,
        (init) => client.GET(READ, { params: { path: { id } }, ...init }),
        signal,
      )) as { bonus_payments?: unknown };
      const payments = body?.bonus_payments ?? [];
      if (!Array.isArray(payments) || payments.some((p) => typeof p !== "number"))
        throw new PayoutsError(`submission ${JSON.stringify(id)}: bonus_payments is not numbers`);
      result[id] = payments;
      onProgress?.({ read: ++done, total: ids.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, ids.length) }, worker));
  return result;
}

async function read(
  client: ProlificClient,
  where: string,
  call: Parameters<typeof sendOnce>[0],
  signal?: AbortSignal,
): Promise<unknown> {
  const secrets = secretsOf(client);
  const answer = await sendOnce(call, where, secrets, signal);
  if (answer instanceof PayoutsError) throw answer;
  if (answer.bodyFailure) throw answer.bodyFailure;
  if (answer.response.status !== 200)
    throw apiErrorFrom(answer.response, where, answer.body, secrets);
  return answer.body;
}
