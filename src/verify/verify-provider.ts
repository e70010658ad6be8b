// Runs the contract scenarios through `prism proxy --errors` in front of a real
// provider and reports, per operation, pass or the violations by field.

import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { BonusPaymentsSetup } from "../../generated/prolific.js";
import type { RewardStateUpdate } from "../../generated/rewards.js";
import { checkBaseUrl } from "../core/options.js";
import { prismViolations } from "../core/response-info.js";
import { startPrism } from "../mock/prism-process.js";
import { type ApiName, specFile } from "../mock/start-mocks.js";
import { createProlificClient } from "../prolific/client.js";
import { createRewardsClient } from "../rewards/client.js";

export interface VerifyOptions {
  api: ApiName;
  /** The provider's base URL (https, or http to a loopback address). */
  upstream: string;
  /** Token or JWT for the provider. */
  token: string;
  /** Also run Prolific's pay, which MOVES MONEY. Default false. Needs `payId`. */
  includePay?: boolean;
  payId?: string;
  /** Reward ids for DRVN's bulk update. Default: the ids of the spec's example. */
  rewardIds?: number[];
  startTimeoutMs?: number;
}

export interface Violation {
  /** Where, e.g. "response.body.rewards.0.bonus" or "response.header". */
  field: string;
  severity: string;
  message: string;
}

export interface ScenarioReport {
  operation: string;
  /** "pass", "drift" (violations), "skipped" (pay without --include-pay), or "error". */
  result: "pass" | "drift" | "skipped" | "error";
  status?: number;
  violations: Violation[];
  note?: string;
}

export interface VerifyReport {
  api: ApiName;
  upstream: string;
  pass: boolean;
  scenarios: ScenarioReport[];
}

type Scenario = { operation: string; skip?: string; run?: () => Promise<{ response: Response }> };

export async function verifyProvider(options: VerifyOptions): Promise<VerifyReport> {
  const upstream = checkBaseUrl(options.upstream);
  const proxy = await startPrism({
    mode: "proxy",
    spec: specFile(options.api),
    upstream,
    host: "127.0.0.1",
    port: 0,
    flags: ["--errors"],
    startTimeoutMs: options.startTimeoutMs ?? 20_000,
  });
  try {
    const scenarios =
      options.api === "prolific"
        ? prolificScenarios(proxy.url, options)
        : rewardsScenarios(proxy.url, options);
    const reports: ScenarioReport[] = [];
    // One after another: the vendor asks for payment calls not to run in parallel.
    for (const scenario of scenarios) reports.push(await runScenario(scenario));
    return {
      api: options.api,
      upstream,
      pass: reports.every((r) => r.result === "pass" || r.result === "skipped"),
      scenarios: reports,
    };
  } finally {
    await proxy.stop();
  }
}

async function runScenario({ operation, skip, run }: Scenario): Promise<ScenarioReport> {
  if (skip || !run) return { operation, result: "skipped", violations: [], note: skip };
  try {
    const { response } = await run();
    const violations = prismViolations(response).map((v) => ({
      field: v.location.join("."),
      severity: v.severity,
      message: v.message,
    }));
    if (violations.length > 0)
      return { operation, result: "drift", status: response.status, violations };
    // Each scenario asks for a success. Any other answer (Prism's 500 for an unreachable
    // upstream, a 401 for a wrong token, a 422 for our own bad input) may conform to the
    // spec, but the success answer the scenario exists to check was never seen.
    if (!response.ok)
      return {
        operation,
        result: "error",
        status: response.status,
        violations,
        note: "not a success answer, so the provider's success answer was not checked",
      };
    return { operation, result: "pass", status: response.status, violations };
  } catch (error) {
    return {
      operation,
      result: "error",
      violations: [],
      note: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * The first named request example of an operation in our own spec (yaml is a
 * devDependency: this runs from the repository, it is not exported by the package).
 */
function requestExample<T>(api: ApiName, path: string, method: string): T {
  const spec = parse(readFileSync(specFile(api), "utf8"));
  const examples = spec.paths[path][method].requestBody.content["application/json"].examples;
  return (Object.values(examples)[0] as { value: T }).value;
}

function prolificScenarios(baseUrl: string, options: VerifyOptions): Scenario[] {
  const client = createProlificClient({ token: options.token, baseUrl });
  const setUp = "/api/v1/submissions/bonus-payments/";
  const body = requestExample<BonusPaymentsSetup>("prolific", setUp, "post");
  return [
    {
      operation: "set-up-bonus-payments",
      run: () => client.POST(setUp, { body, parseAs: "text" }),
    },
    payScenario(client, options),
  ];
}

function payScenario(
  client: ReturnType<typeof createProlificClient>,
  options: VerifyOptions,
): Scenario {
  const operation = "pay-bonus-payments";
  const id = options.payId;
  if (!options.includePay)
    return { operation, skip: "moves money; pass --include-pay --pay-id ID to run it" };
  if (!id) return { operation, skip: "--include-pay needs --pay-id ID" };
  const pay = "/api/v1/bulk-bonus-payments/{id}/pay/";
  return { operation, run: () => client.POST(pay, { params: { path: { id } }, parseAs: "text" }) };
}

function rewardsScenarios(baseUrl: string, options: VerifyOptions): Scenario[] {
  const client = createRewardsClient({ token: options.token, baseUrl });
  const path = "/api/v1/finance/rewards/bulk_update";
  const body = requestExample<RewardStateUpdate>("rewards", path, "patch");
  if (options.rewardIds) body.reward.reward_ids = options.rewardIds;
  return [
    {
      operation: "bulk-update-reward-state",
      run: () => client.PATCH(path, { body, parseAs: "text" }),
    },
  ];
}

/** The report as lines for a terminal: each operation, then its violations by field. */
export function formatReport(report: VerifyReport): string {
  const lines = [
    `${report.api} provider at ${report.upstream}: ${report.pass ? "MATCHES the spec" : "DRIFTS from the spec"}`,
  ];
  for (const s of report.scenarios) {
    const status = s.status === undefined ? "" : ` (HTTP ${s.status})`;
    lines.push(
      `  ${s.result.toUpperCase().padEnd(7)} ${s.operation}${status}${s.note ? `: ${s.note}` : ""}`,
    );
    for (const v of s.violations) lines.push(`          ${v.field} [${v.severity}] ${v.message}`);
  }
  return lines.join("\n");
}
