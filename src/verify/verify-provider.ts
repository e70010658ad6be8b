// Runs the contract scenarios through `prism proxy --errors` (in-process) in front of a real
// provider and reports, per operation, pass or the violations by field.

import { checkBaseUrl } from "../core/options.js";
import { prismViolations } from "../core/response-info.js";
import { type ApiName, specFile } from "../mock/start-mocks.js";
import { startProxy } from "./proxy-server.js";
import { type Scenario, scenarios } from "./scenarios.js";

export interface VerifyOptions {
  api: ApiName;
  /** The provider's base URL (https, or http to a loopback address). */
  upstream: string;
  /** Token or JWT for the provider. */
  token: string;
  /** Also run Prolific's pay, which MOVES MONEY. Default false. Needs `payId`. */
  includePay?: boolean;
  payId?: string;
  /**
   * Reward ids for DRVN's bulk update, which changes their state. No default: without
   * them the update is skipped, so nothing real changes by accident.
   */
  rewardIds?: number[];
  /** Hears each operation as it finishes (the CLI prints a progress line). */
  onProgress?: (report: ScenarioReport, index: number, total: number) => void;
}

export interface Violation {
  /** Where, e.g. "response.body.rewards.0.bonus" or "response.header". */
  field: string;
  severity: string;
  message: string;
}

export interface ScenarioReport {
  operation: string;
  /**
   * "pass" (an expected status, no violation), "drift" (Prism found violations),
   * "skipped" (not run: it would move money or change data nobody chose), or "error"
   * (nothing to judge: the provider was unreachable, failed with a 5xx, or gave an
   * answer the scenario does not expect, e.g. 401 for a wrong token).
   */
  result: "pass" | "drift" | "skipped" | "error";
  status?: number;
  violations: Violation[];
  note?: string;
}

export interface VerifyReport {
  api: ApiName;
  upstream: string;
  /** Every operation passed or was skipped. */
  pass: boolean;
  /** The worst result: "error" over "drift" over "pass" (skips count as pass). */
  result: "pass" | "drift" | "error";
  scenarios: ScenarioReport[];
}

export async function verifyProvider(options: VerifyOptions): Promise<VerifyReport> {
  const upstream = checkBaseUrl(options.upstream);
  const proxy = await startProxy(specFile(options.api), upstream);
  try {
    const list = scenarios(options.api, proxy.url, options);
    const reports: ScenarioReport[] = [];
    // One after another: the vendor asks for payment calls not to run in parallel.
    for (const scenario of list) {
      const report = await runScenario(scenario);
      reports.push(report);
      options.onProgress?.(report, reports.length, list.length);
    }
    const has = (result: ScenarioReport["result"]) => reports.some((r) => r.result === result);
    const result = has("error") ? "error" : has("drift") ? "drift" : "pass";
    return { api: options.api, upstream, pass: result === "pass", result, scenarios: reports };
  } finally {
    await proxy.stop();
  }
}

async function runScenario({ operation, expect, skip, run }: Scenario): Promise<ScenarioReport> {
  if (skip || !run) return { operation, result: "skipped", violations: [], note: skip };
  let response: Response;
  let text: unknown;
  try {
    const answer = await run();
    response = answer.response;
    text = answer.data ?? answer.error;
  } catch (error) {
    const note = `no answer through the proxy: ${error instanceof Error ? error.message : String(error)}`;
    return { operation, result: "error", violations: [], note };
  }
  const violations = prismViolations(response).map((v) => ({
    field: v.location.join("."),
    severity: v.severity,
    message: v.message,
  }));
  const status = response.status;
  const judged = judge(status, violations, expect ?? [], text);
  return { operation, ...judged, status, violations };
}

/**
 * An error-severity violation is drift (with --errors Prism answers it with its own
 * 500). Otherwise a 5xx is an error: the provider failed, or Prism could not reach it
 * (its own problem+json, with no violations). Warnings (an undocumented 4xx) are drift;
 * an unexpected but documented status is an error: nothing was verified.
 */
function judge(
  status: number,
  violations: Violation[],
  expected: number[],
  body: unknown,
): Pick<ScenarioReport, "result" | "note"> {
  if (violations.some((v) => v.severity === "Error")) return { result: "drift" };
  if (status >= 500) {
    const prism = prismProblem(body);
    return {
      result: "error",
      note: prism
        ? `Prism could not get an answer from the provider: ${prism}`
        : `the provider failed with HTTP ${status}`,
    };
  }
  if (violations.length > 0) return { result: "drift" };
  if (!expected.includes(status))
    return { result: "error", note: `expected HTTP ${expected.join(" or ")}, got ${status}` };
  return { result: "pass" };
}

/** Prism's own problem+json (e.g. a FetchError when the upstream is unreachable). */
function prismProblem(body: unknown): string | undefined {
  let problem = body;
  if (typeof body === "string") {
    try {
      problem = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const { type, title } = (problem ?? {}) as { type?: unknown; title?: unknown };
  if (typeof type !== "string" || typeof title !== "string") return undefined;
  const isPrism = type.startsWith("https://stoplight.io/prism/errors#") || /^\w*Error$/.test(type);
  return isPrism ? `${type}: ${title}` : undefined;
}

const VERDICT = {
  pass: "MATCHES the spec",
  drift: "DRIFTS from the spec",
  error: "COULD NOT BE VERIFIED (see ERROR)",
};

/** The report as lines for a terminal: each operation, then its violations by field. */
export function formatReport(report: VerifyReport): string {
  const header = `${report.api} provider at ${report.upstream}: ${VERDICT[report.result]}`;
  return [header, ...report.scenarios.map(formatScenario)].join("\n");
}

/** One operation's line, then one line per violation. */
export function formatScenario(s: ScenarioReport): string {
  const status = s.status === undefined ? "" : ` (HTTP ${s.status})`;
  const lines = [
    `  ${s.result.toUpperCase().padEnd(7)} ${s.operation}${status}${s.note ? `: ${s.note}` : ""}`,
  ];
  for (const v of s.violations) lines.push(`          ${v.field} [${v.severity}] ${v.message}`);
  return lines.join("\n");
}
