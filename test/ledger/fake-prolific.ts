// A stateful Prolific on 127.0.0.1 for the ledger tests: one study's submissions, set-up,
// pay (which, like Prolific, pays again for every request it gets and adds each row's
// bonus to the submission's bonus_payments), and the submission reads. It counts pays.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { listenOnLoopback } from "../listen-on-loopback.js";
import { componentSchema } from "../spec-validator.js";

const validSubmission = componentSchema("prolific", "Submission");
const validList = componentSchema("prolific", "SubmissionList");

export interface FakeProlificOptions {
  studyId?: string;
  /** Participants in the study; submission ids are `sub-<participant>`. */
  participants: string[];
  /** Called when a pay arrives, before it is answered. "hold" never answers it. */
  onPay?: (id: string) => "answer" | "hold";
  /** Rows of a pay to leave unpaid (by participant), to make a partial pay. */
  skipRows?: string[];
  /** Answer pays with this status instead (nothing paid), e.g. 400 or 503. */
  payStatus?: number;
  /** Answer the submission list with 503. */
  failList?: boolean;
}

export async function startFakeProlific(options: FakeProlificOptions) {
  const studyId = options.studyId ?? "study-1";
  const submissions = new Map(
    options.participants.map((p) => [
      `sub-${p}`,
      { participant: p, bonus_payments: [] as number[] },
    ]),
  );
  const bulks = new Map<string, { participantId: string; minor: number }[]>();
  const pays: string[] = [];
  const reads: string[] = [];
  let nextBulk = 0;
  const prefix = Math.random().toString(36).slice(2, 10); // ids unique across servers

  const submission = (id: string) => {
    const s = submissions.get(id);
    return (
      s && {
        id,
        participant: s.participant,
        started_at: "2026-01-01T00:00:00Z",
        completed_at: "2026-01-01T00:10:00Z",
        status: "APPROVED",
        study_id: studyId,
        bonus_payments: [...s.bonus_payments],
      }
    );
  };

  const errors: string[] = [];
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      errors.push(String(error));
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://x");
    const send = (status: number, body: unknown, check?: (b: unknown) => boolean) => {
      if (check && !check(body))
        throw new Error(`fake answer breaks the spec: ${JSON.stringify(body)}`);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const route = (method: string, pattern: RegExp) =>
      req.method === method ? pattern.exec(url.pathname) : null;
    const pay = route("POST", /^\/api\/v1\/bulk-bonus-payments\/([^/]+)\/pay\/$/);
    const list = route("GET", /^\/api\/v1\/studies\/([^/]+)\/submissions\/$/);
    const read = route("GET", /^\/api\/v1\/submissions\/([^/]+)\/$/);
    if (req.method === "POST" && url.pathname === "/api/v1/submissions/bonus-payments/") {
      const { csv_bonuses } = JSON.parse(Buffer.concat(chunks).toString());
      const rows = String(csv_bonuses)
        .split("\n")
        .map((line) => {
          const [participantId = "", amount = ""] = line.split(",");
          return { participantId, minor: Math.round(Number(amount) * 100) };
        });
      const id = `bulk-${prefix}-${++nextBulk}`;
      bulks.set(id, rows);
      const total = rows.reduce((s, r) => s + r.minor, 0);
      return send(201, { id, study: studyId, amount: total, fees: 0, vat: 0, total_amount: total });
    }
    if (pay) {
      const id = decodeURIComponent(pay[1]!);
      pays.push(id);
      if (options.payStatus) return send(options.payStatus, { detail: "Refused by the test." });
      for (const row of bulks.get(id) ?? []) {
        if (options.skipRows?.includes(row.participantId)) continue;
        const target =
          submissions.get(row.participantId) ?? submissions.get(`sub-${row.participantId}`);
        target?.bonus_payments.push(row.minor);
      }
      if (options.onPay?.(id) === "hold") return; // the client waits; it may be killed
      return send(202, `Bulk bonus payment with ID ${id} is being processed asynchronously.`);
    }
    if (list) {
      if (options.failList) return send(503, { detail: "Try later." });
      const limit = Number(url.searchParams.get("limit") ?? 200);
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const all = [...submissions.keys()].map((id) => ({
        id,
        participant_id: submissions.get(id)!.participant,
        started_at: "2026-01-01T00:00:00Z",
        status: "APPROVED",
        has_siblings: false,
      }));
      const page =
        decodeURIComponent(list[1]!) === studyId ? all.slice(offset, offset + limit) : [];
      const more = offset + limit < all.length;
      reads.push(url.pathname + url.search);
      return send(
        200,
        {
          results: page,
          meta: { count: all.length },
          _links: {
            next: { href: more ? `${url.pathname}?limit=${limit}&offset=${offset + limit}` : null },
          },
        },
        validList,
      );
    }
    if (read) {
      reads.push(url.pathname);
      const s = submission(decodeURIComponent(read[1]!));
      return s ? send(200, s, validSubmission) : send(404, { detail: "Not found." });
    }
    send(404, { detail: "Not found." });
  };
  const url = await listenOnLoopback(server);
  return {
    url,
    studyId,
    /** Ids of the pays received, in order (one entry per request). */
    pays,
    /** Submission reads received. */
    reads,
    /** Answers of this fake that broke the spec (should stay empty). */
    errors,
    bonuses: (submissionId: string) => submissions.get(submissionId)?.bonus_payments,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

export type FakeProlific = Awaited<ReturnType<typeof startFakeProlific>>;
