// verify:provider --fuzz against local providers that answer as the spec says except
// on some inputs, drifts the named scenarios never send. Each drift is found, shrunk to
// a small request and printed as a curl line without the token; a faithful provider
// passes; the same seed sends the same requests; pay is never generated; and every
// reward id the provider saw is one the caller chose.
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setUpBonusPaymentsBody } from "../../generated/prolific.validators.js";
import { bulkUpdateRewardStateBody } from "../../generated/rewards.validators.js";
import {
  type FuzzOptions,
  formatFuzzReport,
  fuzzProvider,
} from "../../src/verify/fuzz/fuzz-provider.js";
import { verifyProvider } from "../../src/verify/verify-provider.js";
import { listenOnLoopback } from "../listen-on-loopback.js";

const TOKEN = "fuzz.secret.jwt";
const json = (res: ServerResponse, status: number, body: unknown, extra = {}) =>
  res
    .writeHead(status, { "content-type": "application/json; charset=utf-8", ...extra })
    .end(JSON.stringify(body));
const party = (id: number) => ({
  id,
  financial_company_id: null,
  first_name: "Ada",
  last_name: "Lovelace",
  profile_id: id,
  referral_code: "012345",
});

type Drift = (reward: Record<string, any>, res: ServerResponse) => boolean | undefined;
// A DRVN rewards provider as the spec says, except for its drift.
const rewardsProvider =
  (drift: { check?: (body: any) => unknown; auth?: false; answer?: Drift } = {}) =>
  (req: IncomingMessage, text: string, res: ServerResponse) => {
    if (drift.auth !== false && req.headers.authorization !== `Bearer ${TOKEN}`)
      return json(res, 401, { error: "You need to sign in or sign up before continuing." });
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      return json(res, 422, { errors: "unparsable" });
    }
    if (!bulkUpdateRewardStateBody(drift.check ? drift.check(body) : body))
      return json(res, 422, { errors: { reward: ["is invalid"] } });
    const { reward_ids: ids, state } = body.reward;
    if (drift.answer?.(body.reward, res)) return;
    const rewards = [...new Set<number>(ids)].map((id) => ({
      id,
      bonus: "10.0",
      completed_at: "2025-11-10T00:00:00.000Z",
      referee: party(id + 1),
      referrer: party(id + 2),
      state,
    }));
    json(res, 200, { rewards }, { "per-page": "20", total: String(rewards.length) });
  };

const rewardsProviders = {
  faithful: rewardsProvider(),
  // A 500 once more than three ids are named: the named scenario names two.
  "fails-past-three-ids": rewardsProvider({
    answer: (reward, res) => {
      if (reward.reward_ids.length <= 3) return false;
      res.writeHead(500).end("boom");
      return true;
    },
  }),
  // Marking as pending answers the bonus as a number: the named scenario marks as paid.
  "pending-bonus-as-number": rewardsProvider({
    answer: (reward, res) => {
      if (reward.state !== "pending") return false;
      const rewards = reward.reward_ids.map((id: number) => ({
        ...{ id, bonus: 10, completed_at: "2025-11-10T00:00:00.000Z" },
        ...{ referee: party(1), referrer: party(2), state: "pending" },
      }));
      json(res, 200, { rewards }, { "per-page": "20", total: String(rewards.length) });
      return true;
    },
  }),
  // Takes any passcode: a string passcode is accepted instead of refused.
  "ignores-passcode-type": rewardsProvider({
    check: (body) => {
      const { passcode: _, ...reward } = body?.reward ?? {};
      return { ...body, reward };
    },
  }),
  // Never asks for a token.
  "no-auth": rewardsProvider({ auth: false }),
};

const paid: string[] = [];
const prolificError = (status: number, title: string, detail: string) => ({
  error: { status, error_code: 140_000 + status, title, detail },
});
const prolificProvider =
  (oneRowOnly: boolean) => (req: IncomingMessage, text: string, res: ServerResponse) => {
    if (req.headers.authorization !== `Token ${TOKEN}`)
      return json(res, 401, prolificError(401, "Unauthorized", "Invalid token."));
    if (req.url?.endsWith("/pay/")) {
      paid.push(req.url);
      return json(res, 202, "Successfully processed bonus payments.");
    }
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      return json(res, 422, prolificError(422, "Unprocessable Entity", "Not JSON."));
    }
    if (!setUpBonusPaymentsBody(body) || (oneRowOnly && body.csv_bonuses.trim().includes("\n")))
      return json(res, 422, prolificError(422, "Unprocessable Entity", "Enter a valid amount."));
    json(res, 201, { id: "64a1b2c3d4e5f6a7b8c9d0e1", study: body.study_id, total_amount: 100 });
  };
const prolificProviders = {
  faithful: prolificProvider(false),
  "one-row-only": prolificProvider(true),
};

const journal: Array<{ url: string; body: string; auth?: string }> = [];
const server = createServer(async (req, res) => {
  let text = "";
  for await (const chunk of req) text += chunk;
  const [, api, name, ...rest] = req.url?.split("/") ?? [];
  journal.push({ url: `/${rest.join("/")}`, body: text, auth: req.headers.authorization });
  const providers: Record<string, any> = api === "rewards" ? rewardsProviders : prolificProviders;
  req.url = `/${rest.join("/")}`;
  const provider = providers[name ?? ""];
  if (provider) provider(req, text, res);
  else res.writeHead(404).end();
});
let base = "";
beforeAll(async () => {
  base = await listenOnLoopback(server);
});
afterAll(() => server.close());
beforeEach(() => {
  journal.length = 0;
  paid.length = 0;
});

const fuzz = (api: "rewards" | "prolific", name: string, extra: Partial<FuzzOptions> = {}) =>
  fuzzProvider({
    api,
    upstream: `${base}/${api}/${name}`,
    token: TOKEN,
    runs: 40,
    seed: 42,
    ...(api === "rewards" ? { rewardIds: [17, 23] } : {}),
    ...extra,
  });
const curlBody = (curl: string) => JSON.parse(/--data-raw '(.*)'$/.exec(curl)?.[1] ?? "null");
const sentIds = () =>
  journal.flatMap((r) => {
    const ids = (() => {
      try {
        return JSON.parse(r.body)?.reward?.reward_ids;
      } catch {
        return undefined;
      }
    })();
    // Ids a provider could take for a reward's (ill-formed ones such as 2^53 or 0 stay).
    return Array.isArray(ids) ? ids.filter((id) => Number.isSafeInteger(id) && id >= 1) : [];
  });

describe("DRVN rewards", () => {
  it("a faithful provider passes every check; only the chosen ids are ever sent", async () => {
    const report = await fuzz("rewards", "faithful");
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ result: "pass", seed: 42 });
    expect(report.operations).toContainEqual({
      operation: "bulk-update-reward-state",
      sent: { valid: 40, invalid: 40, "no-token": 1 },
    });
    // Signing in with generated credentials could lock an account: never fuzzed.
    expect(report.operations).toContainEqual(
      expect.objectContaining({ operation: "sign-in", skipped: expect.stringMatching(/lock/) }),
    );
    expect(journal).toHaveLength(81);
    expect(new Set(sentIds())).toEqual(new Set([17, 23]));
    expect(journal.filter((r) => r.auth === undefined)).toHaveLength(1);
  });

  it.each([
    [
      "fails-past-three-ids",
      "no server error",
      (b: any) => expect(b.reward.reward_ids).toHaveLength(4),
    ],
    [
      "pending-bonus-as-number",
      "body conforms",
      (b: any) => expect(b.reward.state).toBe("pending"),
    ],
    [
      "ignores-passcode-type",
      "invalid data rejected with a 4xx",
      (b: any) => expect(Number.isInteger(b.reward.passcode)).toBe(false),
    ],
    ["no-auth", "missing token refused", (b: any) => expect(b.reward.reward_ids).toBeDefined()],
  ])(
    "%s: found (%s), shrunk, printed as a curl line without the token",
    async (name, check, shape) => {
      const report = await fuzz("rewards", name);
      expect(report.result).toBe("fail");
      const failure = report.failures.find((f) => f.check === check);
      expect(failure, formatFuzzReport(report)).toBeDefined();
      expect(failure?.curl).toMatch(/^curl -sS -i -X PATCH 'http:\/\/127\.0\.0\.1:\d+\/rewards\//);
      expect(failure?.curl).not.toContain(TOKEN);
      if (check !== "missing token refused")
        expect(failure?.curl).toContain(`-H "Authorization: Bearer $REWARDS_TOKEN"`);
      const body = curlBody(failure?.curl ?? "");
      shape(body);
      // Shrunk: nothing but what the failure needs (no extra fields, at most 4 ids). The
      // request without a token is one valid request, not a search: it is not shrunk.
      if (failure?.kind !== "no-token") {
        expect(Object.keys(body)).toEqual(["reward"]);
        expect(body.reward.reward_ids.length).toBeLessThanOrEqual(4);
      }
      expect(new Set(sentIds())).toEqual(new Set([17, 23]));
      expect(journal.every((r) => !r.body.includes(TOKEN))).toBe(true);
    },
  );

  it("the named scenario passes on a drift that only generated requests find", async () => {
    const report = await verifyProvider({
      api: "rewards",
      upstream: `${base}/rewards/fails-past-three-ids`,
      token: TOKEN,
      rewardIds: [17, 23],
    });
    expect(report.result).toBe("pass");
  });

  it("the same seed sends the same requests and finds the same failure", async () => {
    const first = await fuzz("rewards", "fails-past-three-ids", { seed: 7 });
    const firstSent = journal.map((r) => r.body);
    journal.length = 0;
    const second = await fuzz("rewards", "fails-past-three-ids", { seed: 7 });
    expect(second.failures).toEqual(first.failures);
    expect(journal.map((r) => r.body)).toEqual(firstSent);
  });

  it("an unreachable provider is an error, not a pass", async () => {
    const report = await fuzz("rewards", "faithful", { upstream: "http://127.0.0.1:9" });
    expect(report).toMatchObject({ result: "error", error: expect.stringMatching(/ECONNREFUSED/) });
  });
});

describe("Prolific", () => {
  it("valid data refused on some inputs (two rows or more) is found; pay is never sent", async () => {
    const report = await fuzz("prolific", "one-row-only");
    const failure = report.failures.find((f) => f.check === "valid data not rejected");
    expect(failure, formatFuzzReport(report)).toMatchObject({ status: 422, kind: "valid" });
    const body = curlBody(failure?.curl ?? "");
    expect(body.csv_bonuses.trim().split("\n")).toHaveLength(2);
    expect(report.operations.find((o) => o.operation === "pay-bonus-payments")).toMatchObject({
      skipped: expect.stringMatching(/moves money/),
    });
    expect(paid).toEqual([]);
  });

  it("with --include-pay and an id, pay is sent once and never generated", async () => {
    const report = await fuzz("prolific", "faithful", { includePay: true, payId: "abc123" });
    expect(report.failures, formatFuzzReport(report)).toEqual([]);
    expect(paid).toEqual(["/api/v1/bulk-bonus-payments/abc123/pay/"]);
  });
});

it("the CLI: --fuzz prints the failure and its curl line, exit 1", async () => {
  const cli = new URL("../../dist/src/verify/cli.js", import.meta.url).pathname;
  const args = ["--api", "rewards", "--upstream", `${base}/rewards/fails-past-three-ids`];
  const env = { ...process.env, REWARDS_TOKEN: TOKEN };
  const run = promisify(execFile)(
    process.execPath,
    [cli, ...args, "--reward-ids", "17,23", "--fuzz", "30", "--seed", "5"],
    { env },
  );
  const error = await run.then(
    () => undefined,
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  expect(error?.code).toBe(1);
  expect(error?.stdout).toMatch(/PASS\s+bulk-update-reward-state/);
  expect(error?.stdout).toMatch(/generated requests \(seed 5\): FAILED checks/);
  expect(error?.stdout).toMatch(
    /FAIL bulk-update-reward-state \[no server error\] valid request, HTTP 500/,
  );
  expect(error?.stdout).toMatch(/^\s+curl -sS -i -X PATCH /m);
  expect(error?.stdout).not.toContain(TOKEN);
  expect(error?.stderr).toMatch(/\[fuzz\] bulk-update-reward-state: \d+ valid requests/);
});
