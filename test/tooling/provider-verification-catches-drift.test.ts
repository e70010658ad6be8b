// Provider verification through `prism proxy --errors`, against local fake providers
// on 127.0.0.1: a faithful one passes; each drift is caught and named by field.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReport, verifyProvider } from "../../src/verify/verify-provider.js";
import { listenOnLoopback } from "../listen-on-loopback.js";

const seed = JSON.parse(
  readFileSync(new URL("../fixtures/seed-004-response.json", import.meta.url), "utf8"),
);
const headers = { "content-type": "application/json; charset=utf-8", "per-page": "20", total: "5" };

type Provider = (req: IncomingMessage, res: ServerResponse) => void;
const send =
  (status: number, body: unknown, head: Record<string, string> = headers): Provider =>
  (_req, res) =>
    res.writeHead(status, head).end(JSON.stringify(body));
const withReward = (change: (r: any) => void) => {
  const body = structuredClone(seed);
  change(body.rewards[0]);
  return body;
};

// Each fake provider lives under its own path prefix of one local server.
const rewardsProviders: Record<string, Provider> = {
  faithful: send(200, seed),
  "bonus-as-number": send(
    200,
    withReward((r) => (r.bonus = 10.0)),
  ),
  "wrong-type": send(
    200,
    withReward((r) => (r.id = "499")),
  ),
  "missing-field": send(
    200,
    withReward((r) => delete r.referee.financial_company_id),
  ),
  "missing-header": send(200, seed, { "content-type": "application/json" }),
  "extra-status": send(418, { teapot: true }),
};
const paid: string[] = [];
const prolificProviders: Record<string, Provider> = {
  faithful: (req, res) => {
    if (req.url?.endsWith("/pay/")) {
      paid.push(req.url);
      return send(202, "Successfully processed bonus payments.")(req, res);
    }
    send(201, {
      id: "64a1b2c3d4e5f6a7b8c9d0e1",
      study: null,
      amount: 850,
      fees: null,
      vat: null,
      total_amount: 1190,
    })(req, res);
  },
  "amount-as-decimal-string": send(201, { id: "x", total_amount: "11.90" }),
};

let base = "";
const server = createServer((req, res) => {
  req.resume();
  const [, api, name] = req.url?.split("/") ?? [];
  const providers = api === "rewards" ? rewardsProviders : prolificProviders;
  const provider = providers[name ?? ""];
  req.url = `/${req.url?.split("/").slice(3).join("/")}`;
  if (provider) provider(req, res);
  else res.writeHead(404).end();
});
beforeAll(async () => {
  base = await listenOnLoopback(server);
});
afterAll(() => server.close());

const verify = (api: "rewards" | "prolific", name: string, extra = {}) =>
  verifyProvider({
    api,
    upstream: `${base}/${api}/${name}`,
    token: "verify-token",
    ...(api === "rewards" ? { rewardIds: [499, 504] } : {}),
    ...extra,
  });

// Each case starts its own Prism proxy; they are independent, so they run side by side.
describe.concurrent("DRVN rewards provider", () => {
  it("a faithful provider passes", async () => {
    const report = await verify("rewards", "faithful");
    expect(report).toMatchObject({ pass: true, result: "pass" });
    expect(report.scenarios).toEqual([
      { operation: "bulk-update-reward-state", result: "pass", status: 200, violations: [] },
    ]);
  });

  it.each([
    ["bonus-as-number", "response.body.rewards.0.bonus", /must be string/],
    ["wrong-type", "response.body.rewards.0.id", /must be integer/],
    ["missing-field", "response.body.rewards.0.referee", /financial_company_id/],
    ["missing-header", "response.header", /per-page|total/],
    ["extra-status", "response", /status code/],
  ])("%s is caught and named (%s)", async (name, field, message) => {
    const report = await verify("rewards", name);
    expect(report).toMatchObject({ pass: false, result: "drift" });
    const [scenario] = report.scenarios;
    expect(scenario?.result).toBe("drift");
    expect(scenario?.violations).toContainEqual(
      expect.objectContaining({ field, message: expect.stringMatching(message) }),
    );
    expect(formatReport(report)).toContain(field);
  });
});

describe("Prolific provider", () => {
  it("a faithful provider passes; pay is skipped unless asked for (it moves money)", async () => {
    const report = await verify("prolific", "faithful");
    expect(report.pass).toBe(true);
    expect(report.scenarios.map((s) => [s.operation, s.result])).toEqual([
      ["set-up-bonus-payments", "pass"],
      ["pay-bonus-payments", "skipped"],
    ]);
    expect(paid).toEqual([]);
  });

  it("with --include-pay and an id, pay runs exactly once", async () => {
    const report = await verify("prolific", "faithful", {
      includePay: true,
      payId: "64a1b2c3d4e5f6a7b8c9d0e1",
    });
    expect(report.scenarios.map((s) => [s.operation, s.result, s.status])).toEqual([
      ["set-up-bonus-payments", "pass", 201],
      ["pay-bonus-payments", "pass", 202],
    ]);
    expect(paid).toEqual(["/api/v1/bulk-bonus-payments/64a1b2c3d4e5f6a7b8c9d0e1/pay/"]);
  });

  it("an amount as a decimal string instead of minor units is caught", async () => {
    const report = await verify("prolific", "amount-as-decimal-string");
    expect(report.scenarios[0]?.violations).toContainEqual(
      expect.objectContaining({
        field: "response.body.total_amount",
        message: expect.stringMatching(/must be number/),
      }),
    );
  });
});
