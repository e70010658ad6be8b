// Class 3: nothing inherited is read. Each option and input of every public function
// and factory is tried with Object.prototype polluted under its name (and the names
// openapi-fetch reads); the request the server saw must be the one the own fields ask
// for. Each pollution is removed in `finally`.
// Not here: `signal`, `query` and `body`. Node's own net and fetch (undici) read those
// from plain option objects, so polluting them breaks every request of the process
// whatever this package does (the package itself reads `signal` only from snapshots).
import { describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  createRewardsClient,
  DuplicatePayError,
  InvalidInputError,
  listRewards,
  listStudySubmissions,
  markRewards,
  memoryLedger,
  PROLIFIC_BASE_URL,
  payBonuses,
  reconcilePayment,
  signIn,
} from "../src/index.js";
import { jsonAnswer, rewardsFor, type SeenRequest, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const other = useHostileServer(); // where a polluted baseUrl would send requests
const STUDY = "60d5f1a2b3c4d5e6f7a8b9c0";
const ID = "64a1b2c3d4e5f6a7b8c9d0e1";

function healthy(request: SeenRequest) {
  if (request.path.endsWith("/pay/")) return jsonAnswer(202, "being processed");
  if (request.path.endsWith("/bonus-payments/"))
    return jsonAnswer(201, { id: ID, total_amount: 425 });
  return jsonAnswer(200, rewardsFor(request));
}

async function polluted<T>(key: string, value: unknown, run: () => Promise<T>): Promise<T> {
  server.otherwise(healthy);
  other.otherwise(healthy);
  (Object.prototype as any)[key] = value;
  try {
    return await run();
  } finally {
    delete (Object.prototype as any)[key];
  }
}

const rewards = () => createRewardsClient({ token: "jwt.polluted", baseUrl: server.url });
const prolific = () => createProlificClient({ token: "prolific-polluted", baseUrl: server.url });
const mark = (options = {}) =>
  markRewards(rewards(), { rewardIds: [499, 504], state: "paid" }, { baseDelayMs: 1, ...options });
const SENT_MARK = { reward: { reward_ids: [499, 504], state: "paid" } };

describe("factories read own options only", () => {
  it("an inherited token is not used", async () => {
    await polluted("token", "inherited-token", async () => {
      expect(() => createRewardsClient({ baseUrl: server.url } as never)).toThrow(
        InvalidInputError,
      );
      expect(() => createProlificClient({} as never)).toThrow(InvalidInputError);
    });
  });

  it("an inherited baseUrl is not used, by the factory nor per call", async () => {
    const seenUrls: string[] = [];
    const recording = (request: Request) => {
      seenUrls.push(request.url);
      return Promise.resolve(new Response('"ok"', { status: 202 }));
    };
    await polluted("baseUrl", other.url, async () => {
      await payBonuses(createProlificClient({ token: "t0ken", fetch: recording }), ID);
      expect((await mark()).ok).toBe(true);
    });
    expect(seenUrls).toEqual([`${PROLIFIC_BASE_URL}/api/v1/bulk-bonus-payments/${ID}/pay/`]);
    expect(server.seen).toHaveLength(1);
    expect(other.seen).toHaveLength(0);
  });

  it("an inherited fetch is not used, by the factory nor per call", async () => {
    let called = 0;
    const evil = () => {
      called++;
      return Promise.resolve(new Response("{}", { status: 200 }));
    };
    const result = await polluted("fetch", evil, () => mark());
    expect(result.ok).toBe(true);
    expect(called).toBe(0);
    expect(server.seen).toHaveLength(1);
  });

  it.each([
    ["timeoutMs", 1],
    ["maxResponseBytes", 1],
  ])("an inherited %s is not used", async (key, value) => {
    const result = await polluted(key, value, () => mark());
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(server.seen).toHaveLength(1);
  });

  it.each([
    ["headers", { "x-smuggled": "1", authorization: "Bearer someone-else" }],
    ["bodySerializer", () => '{"reward":{"reward_ids":[1],"state":"pending"}}'],
    ["querySerializer", () => "smuggled=1"],
    ["smuggled", "1"], // enumerable: a for-in over query parameters would pick it up
    ["params", { query: { smuggled: "1" }, header: { "x-smuggled": "1" } }],
    ["redirect", "follow"],
  ])("openapi-fetch does not pick up an inherited %s", async (key, value) => {
    const result = await polluted(key, value, () => mark());
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(server.seen).toHaveLength(1);
    const [seen] = server.seen;
    expect(seen?.path).toBe("/api/v1/finance/rewards/bulk_update");
    expect(seen?.headers["x-smuggled"]).toBeUndefined();
    expect(seen?.headers.authorization).toBe("Bearer jwt.polluted");
    expect(JSON.parse(seen?.body ?? "")).toEqual(SENT_MARK);
  });
});

describe("payBonuses reads own options only", () => {
  it("an inherited payAgain does not turn the duplicate guard off", async () => {
    const client = prolific();
    await polluted("payAgain", true, async () => {
      expect((await payBonuses(client, ID)).outcome).toBe("accepted");
      await expect(payBonuses(client, ID)).rejects.toThrow(DuplicatePayError);
    });
    expect(server.seen).toHaveLength(1);
  });
});

describe("createBonusPayments reads own inputs only", () => {
  it.each([
    ["studyId", STUDY, { bonuses: [{ participantId: "p1", amount: "1" }] }],
    ["bonuses", [{ participantId: "p1", amount: "1" }], { studyId: STUDY }],
    ["participantId", "p1", { studyId: STUDY, bonuses: [{ amount: "1" }] }],
    ["amount", "1", { studyId: STUDY, bonuses: [{ participantId: "p1" }] }],
  ])("an inherited %s is refused as missing", async (key, value, input) => {
    const error = await polluted(key, value, () =>
      createBonusPayments(prolific(), input as never).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(server.seen).toHaveLength(0);
  });
});

describe("markRewards reads own inputs and options only", () => {
  it("an inherited passcode is not sent", async () => {
    const result = await polluted("passcode", 9999, () => mark());
    expect(result.ok).toBe(true);
    expect(JSON.parse(server.seen[0]?.body ?? "")).toEqual(SENT_MARK);
  });

  it.each([
    ["rewardIds", [1, 2], { state: "paid" }],
    ["state", "paid", { rewardIds: [1] }],
  ])("an inherited %s is refused as missing", async (key, value, input) => {
    const error = await polluted(key, value, () =>
      markRewards(rewards(), input as never).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(server.seen).toHaveLength(0);
  });

  it.each([
    ["maxAttempts", 1],
    ["baseDelayMs", "invalid"], // read, these would be refused as bad options
    ["maxDelayMs", "invalid"],
    ["totalTimeoutMs", 1],
    ["random", "invalid"],
  ])("an inherited %s is not used", async (key, value) => {
    // Two 503s then success: the default policy (4 attempts) gets there.
    server.script(jsonAnswer(503, {}), jsonAnswer(503, {}));
    const result = await polluted(key, value, () =>
      markRewards(
        rewards(),
        { rewardIds: [499], state: "paid" },
        {}, // the defaults (250 ms back-off) are what must apply
      ),
    );
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(server.seen).toHaveLength(3);
  });

  it("an inherited onAttempt is not called", async () => {
    let heard = 0;
    const result = await polluted(
      "onAttempt",
      () => heard++,
      () => mark(),
    );
    expect(result.ok).toBe(true);
    expect(heard).toBe(0);
  });
});

// The helpers added with the companion endpoints and the ledger.
const JWT = `h.${Buffer.from('{"exp":2000000000}').toString("base64url")}.s`;
const signedIn = () => ({
  status: 200,
  headers: [
    ["authorization", `Bearer ${JWT}`],
    ["content-type", "application/json"],
  ] as Array<[string, string]>,
  body: JSON.stringify({ user: { id: 1 } }),
});
const drain = async (items: AsyncIterable<unknown>) => {
  const out: unknown[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe("signIn reads own inputs only", () => {
  it.each([
    ["rememberMe", true],
    ["timeoutMs", 1],
    ["baseUrl", "http://127.0.0.1:9"],
    ["fetch", () => Promise.reject(new Error("inherited fetch"))],
  ])("an inherited %s is not used", async (key, value) => {
    const session = await polluted(key, value, () => {
      server.otherwise(signedIn);
      return signIn({ baseUrl: server.url, login: "a@example.org", password: "pw-polluted" });
    });
    expect(session.token).toBe(JWT);
    expect(server.seen).toHaveLength(1);
    expect(JSON.parse(server.seen[0]?.body ?? "")).toEqual({
      user: { login: "a@example.org", password: "pw-polluted" },
    });
  });

  it("an inherited password is refused as missing, nothing sent", async () => {
    const error = await polluted("password", "inherited-pw", () =>
      signIn({ baseUrl: server.url, login: "a@example.org" } as never).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(server.seen).toHaveLength(0);
  });
});

describe("the paged reads read own inputs and options only", () => {
  // The query is checked by the spec's validator, which also sees inherited keys: the call
  // is refused before sending, never sent with an inherited filter.
  it.each(["name", "from", "to", "perPage", "maxPages", "by_name"])(
    "listRewards with an inherited %s sends nothing it did not own",
    async (key) => {
      const outcome = await polluted(key, key === "perPage" || key === "maxPages" ? 1 : "x", () => {
        server.otherwise(() => jsonAnswer(200, { rewards: [] }));
        return (async () => drain(listRewards(rewards(), { kind: "referral" })))().catch(
          (e: unknown) => e,
        );
      });
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(InvalidInputError);
      for (const seen of server.seen)
        expect(seen.path).toBe("/api/v1/finance/rewards?by_kind=referral&page=1");
    },
  );

  it.each(["pageSize", "maxPages", "offset"])(
    "listStudySubmissions with an inherited %s sends nothing it did not own",
    async (key) => {
      const outcome = await polluted(key, 1, () => {
        server.otherwise(() => jsonAnswer(200, { results: [] }));
        return (async () => drain(listStudySubmissions(prolific(), STUDY)))().catch(
          (e: unknown) => e,
        );
      });
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(InvalidInputError);
      for (const seen of server.seen)
        expect(seen.path).toBe(`/api/v1/studies/${STUDY}/submissions/?limit=200&offset=0`);
    },
  );
});

describe("the ledger and reconciliation read own fields only", () => {
  it("recordSetUp refuses an inherited studyId", async () => {
    const ledger = memoryLedger();
    await polluted("studyId", STUDY, async () => {
      await expect(
        ledger.recordSetUp(ID, { rows: [{ participantId: "p1", amount: "2.00" }] } as never),
      ).rejects.toThrow(InvalidInputError);
    });
    expect(await ledger.get(ID)).toBeUndefined();
  });

  it("an inherited bonus_payments is not read as a payment", async () => {
    const ledger = memoryLedger();
    await ledger.recordSetUp(ID, {
      studyId: STUDY,
      rows: [{ participantId: "p1", amount: "2.00" }],
    });
    await ledger.claim(ID);
    await ledger.markSending(ID, {
      snapshot: {
        takenAt: new Date().toISOString(),
        submissions: { sub1: { participantId: "p1", bonusPayments: [] } },
        rowSubmissions: { p1: ["sub1"] },
      },
    });
    await ledger.settle(ID, "unknown", "connection reset");
    const result = await polluted("bonus_payments", [200], () => {
      server.otherwise(() => jsonAnswer(200, { id: "sub1", participant_id: "p1" }));
      return reconcilePayment(prolific(), { ledger, id: ID, settleWindowMs: 0 });
    });
    expect(server.seen.map((r) => r.path)).toEqual(["/api/v1/submissions/sub1/"]);
    expect(result).toMatchObject({ finding: "not-paid", rows: [{ appeared: 0 }] });
  });
});
