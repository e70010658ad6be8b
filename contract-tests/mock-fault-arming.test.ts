// Arming a fault that could never fire, or never run out, is refused loudly, over HTTP and
// through startMocks() alike: before, an unknown operationId (a typo) was armed and never
// fired, and `mocks.armFault({ times: 0 })` faulted every request for ever, so a team's
// test passed or failed without the fault it asked for.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningMocks, startMocks } from "../src/mock/index.js";

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks();
});
afterAll(() => mocks.stop());
beforeEach(() => mocks.reset());

const LIST = "/api/v1/finance/rewards?by_kind=referral";
const list = () =>
  fetch(`${mocks.urls.rewards}${LIST}`, { headers: { Authorization: "Bearer a.b.c" } }).then(
    async (r) => {
      await r.arrayBuffer();
      return r.status;
    },
  );
const arm = (body: string) =>
  fetch(`${mocks.urls.rewards}/__mock/faults`, { method: "POST", body }).then(async (r) => ({
    status: r.status,
    body: await r.json(),
  }));
const armed = async () =>
  (await (await fetch(`${mocks.urls.rewards}/__mock/faults`)).json()).faults as unknown[];

describe("POST /__mock/faults", () => {
  it.each([
    ["an unknown operationId", '{"operationId":"list-reward","fault":"status-503"}'],
    ["times 0", '{"operationId":"list-rewards","fault":"status-503","times":0}'],
    ["fractional times", '{"operationId":"list-rewards","fault":"status-503","times":1.5}'],
    ["fields only under __proto__", '{"__proto__":{"operationId":"*","fault":"status-503"}}'],
    ["an array", '[{"operationId":"*","fault":"status-503"}]'],
    ["deeply nested JSON", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
    ["not JSON", "operationId=*"],
  ])("refuses %s with a 400, arms nothing", async (_what, body) => {
    const answer = await arm(body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual(expect.any(String));
    expect(await armed()).toEqual([]);
    expect(await list()).toBe(200);
    expect(mocks.requests({ operationId: "list-rewards" })[0]?.fault).toBeUndefined();
  });

  it("arms a known operation for exactly `times` requests", async () => {
    const answer = await arm('{"operationId":"list-rewards","fault":"status-503","times":2}');
    expect(answer).toEqual({
      status: 201,
      body: { operationId: "list-rewards", fault: "status-503", times: 2 },
    });
    expect([await list(), await list(), await list()]).toEqual([503, 503, 200]);
    expect(mocks.requests().map((r) => r.fault ?? null)).toEqual([
      "status-503",
      "status-503",
      null,
    ]);
  });
});

describe("mocks.armFault()", () => {
  it.each([
    [{ api: "rewards" as const, operationId: "list-reward", fault: "status-503" as const }],
    [{ operationId: "list-rewards", fault: "status-503" as const, times: 0 }],
    [{ operationId: "list-rewards", fault: "status-503" as const, times: -1 }],
    [{ operationId: "list-rewards", fault: "bogus" as never }],
  ])("refuses %j and arms nothing", async (fault) => {
    expect(() => mocks.armFault(fault)).toThrow(/armFault/);
    expect([await list(), await list()]).toEqual([200, 200]);
    expect(mocks.requests().map((r) => r.fault ?? null)).toEqual([null, null]);
  });
});
