// verify:provider --fuzz: generated requests, valid and invalid, sent one after another
// through Prism's proxy (in-process) to the provider; each answer is checked
// (./checks.ts). A failure is shrunk by fast-check to a small request and printed as
// a curl line. The same seed sends the same requests.
import fc from "fast-check";
import { checkBaseUrl } from "../../core/options.js";
import type { ApiName } from "../../mock/start-mocks.js";
import { invalidBodies, validBodies } from "./bodies.js";
import { type CheckName, checkAnswer, type Finding, type RequestClass } from "./checks.js";
import { curlLine } from "./curl.js";
import { loadOperations, type Operation } from "./operations.js";
import { createProxy, type Sent } from "./proxy.js";

export interface FuzzOptions {
  api: ApiName;
  upstream: string;
  token: string;
  /** Generated requests per operation and class (valid, invalid). */
  runs: number;
  /** Default: a random one, given back in the report. */
  seed?: number;
  /** Pay (MOVES MONEY) is never fuzzed; with both of these it is sent once. */
  includePay?: boolean;
  payId?: string;
  /** DRVN: every reward id sent is one of these (the update changes their state). */
  rewardIds?: number[];
  onProgress?: (line: string) => void;
  /** Longest wait for one answer, in ms; no answer by then is an error. Default 30 000. */
  answerTimeoutMs?: number;
}

export interface FuzzFailure extends Finding {
  operation: string;
  kind: RequestClass;
  status: number;
  /** The smallest failing request fast-check found, as a curl line (no secret in it). */
  curl: string;
}

export interface FuzzReport {
  api: ApiName;
  upstream: string;
  seed: number;
  /** "fail": some check failed; "error": the provider could not be reached. */
  result: "pass" | "fail" | "error";
  error?: string;
  operations: Array<{ operation: string; sent: Record<RequestClass, number>; skipped?: string }>;
  failures: FuzzFailure[];
}

const SCHEME: Record<ApiName, string> = { prolific: "Token", rewards: "Bearer" };
const TOKEN_VARIABLE: Record<ApiName, string> = {
  prolific: "PROLIFIC_TOKEN",
  rewards: "REWARDS_TOKEN",
};
// Refusals of valid data that are about the data (the spec says so), not its shape.
const REFUSALS_OF_VALID_DATA: Record<string, number[]> = {
  "set-up-bonus-payments": [400, 404], // unknown participants; unknown study
};
// A check that failed is looked for again without it, to find the other failing checks.
const ROUNDS = 3;

class Unreachable extends Error {}

export async function fuzzProvider(options: FuzzOptions): Promise<FuzzReport> {
  const upstream = checkBaseUrl(options.upstream);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const operations = await loadOperations(options.api);
  const proxy = createProxy(
    upstream,
    operations.map((op) => op.prism),
  );
  const report: FuzzReport = {
    api: options.api,
    upstream,
    seed,
    result: "pass",
    operations: [],
    failures: [],
  };
  let runIndex = 0;

  const timeoutMs = options.answerTimeoutMs ?? 30_000;
  const send = async (request: Sent) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([proxy.send(request), late]);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Unreachable(`${request.method.toUpperCase()} ${request.path}: ${why}`);
    } finally {
      clearTimeout(timer);
    }
  };
  const request = (op: Operation, body: unknown, withToken = true): Sent => ({
    method: op.method,
    path: op.path.replace("{id}", encodeURIComponent(options.payId ?? "")),
    headers: {
      ...(withToken ? { authorization: `${SCHEME[options.api]} ${options.token}` } : {}),
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body,
  });
  const fail = (op: Operation, kind: RequestClass, sent: Sent, status: number, f: Finding[]) => {
    const curl = curlLine(upstream, sent, TOKEN_VARIABLE[options.api]);
    for (const finding of f)
      report.failures.push({ operation: op.id, kind, status, curl, ...finding });
  };

  try {
    for (const op of operations) {
      const sent: Record<RequestClass, number> = { valid: 0, invalid: 0, "no-token": 0 };
      const entry = { operation: op.id, sent, skipped: skipReason(op, options) };
      report.operations.push(entry);
      if (entry.skipped) continue;
      const rules = {
        documented: op.prism.responses.map((r) => Number(r.code)).filter(Number.isInteger),
        refusalsOfValidData: REFUSALS_OF_VALID_DATA[op.id] ?? [],
      };
      const body = op.body;
      if (!body) {
        // Pay: one request with the chosen id, never generated, never repeated.
        const once = request(op, undefined);
        const answer = await send(once);
        sent.valid++;
        fail(op, "valid", once, answer.status, checkAnswer("valid", answer, rules));
        continue;
      }
      const confine = (b: unknown) => confineRewardIds(b, options.rewardIds);
      const isValid = (b: unknown) => body.validator(b);
      const generate = (s: string) => confine(body.generate(s));
      for (const kind of ["valid", "invalid"] as const) {
        const bodies =
          kind === "valid" ? validBodies(generate, isValid) : invalidBodies(generate, isValid);
        const known = new Set<CheckName>();
        for (let round = 0; round < ROUNDS; round++) {
          let last: { sent: Sent; status: number; findings: Finding[] } | undefined;
          const property = fc.asyncProperty(bodies, async (generated) => {
            const sentRequest = request(op, confine(generated));
            // Confining ids may move a body to the other class: it is not this class's.
            if (isValid(sentRequest.body) !== (kind === "valid")) return true;
            const answer = await send(sentRequest);
            sent[kind]++;
            const findings = checkAnswer(kind, answer, rules).filter((f) => !known.has(f.check));
            if (findings.length === 0) return true;
            last = { sent: sentRequest, status: answer.status, findings };
            return false;
          });
          const details = await fc.check(property, {
            numRuns: options.runs,
            seed: seed + runIndex++,
          });
          if (details.errorInstance instanceof Unreachable) throw details.errorInstance;
          if (!details.failed || !last) break;
          // The last failing run is the shrunk counterexample.
          fail(op, kind, last.sent, last.status, last.findings);
          for (const f of last.findings) known.add(f.check);
        }
        options.onProgress?.(`${op.id}: ${sent[kind]} ${kind} requests`);
      }
      // The same kind of valid request, without its token.
      const [first] = fc.sample(validBodies(generate, isValid), { numRuns: 1, seed });
      const bare = request(op, first, false);
      const answer = await send(bare);
      sent["no-token"]++;
      fail(op, "no-token", bare, answer.status, checkAnswer("no-token", answer, rules));
      options.onProgress?.(`${op.id}: 1 request without a token`);
    }
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    return {
      ...report,
      result: "error",
      error: `the provider could not be reached: ${error.message}`,
    };
  }
  report.result = report.failures.length > 0 ? "fail" : "pass";
  return report;
}

function skipReason(op: Operation, options: FuzzOptions): string | undefined {
  if (op.id === "pay-bonus-payments")
    return options.includePay && options.payId
      ? undefined
      : "moves money: never generated; --include-pay --pay-id ID sends it once";
  if (op.id === "sign-in") return "signs in with generated credentials: could lock an account";
  if (!op.body) return "not generated: only JSON bodies are (its parameters are not, yet)";
  if (options.api === "rewards" && !options.rewardIds?.length)
    return "changes reward states: pass --reward-ids";
  return undefined;
}

/** Every well-formed reward id in the body replaced by one of the chosen ones. */
function confineRewardIds(body: unknown, rewardIds: number[] | undefined): unknown {
  const ids = (body as { reward?: { reward_ids?: unknown } } | null)?.reward?.reward_ids;
  if (!rewardIds?.length || !Array.isArray(ids)) return body;
  const copy = structuredClone(body) as { reward: { reward_ids: unknown[] } };
  copy.reward.reward_ids = ids.map((id, i) =>
    Number.isSafeInteger(id) && (id as number) >= 1 ? rewardIds[i % rewardIds.length] : id,
  );
  return copy;
}

/** The report as lines: counts per operation, then each failure with its curl line. */
export function formatFuzzReport(report: FuzzReport): string {
  const verdict = {
    pass: "PASSED every check",
    fail: "FAILED checks",
    error: "COULD NOT BE FUZZED",
  };
  const lines = [
    `${report.api} provider at ${report.upstream}, generated requests (seed ${report.seed}): ${verdict[report.result]}`,
  ];
  if (report.error) lines.push(`  ERROR ${report.error}`);
  for (const op of report.operations) {
    const counts = `${op.sent.valid} valid, ${op.sent.invalid} invalid, ${op.sent["no-token"]} without a token`;
    lines.push(`  ${op.operation}: ${op.skipped ? `SKIPPED (${op.skipped})` : counts}`);
  }
  for (const f of report.failures) {
    lines.push(
      `  FAIL ${f.operation} [${f.check}] ${f.kind} request, HTTP ${f.status}: ${f.message}`,
    );
    lines.push(`       ${f.curl}`);
  }
  return lines.join("\n");
}
