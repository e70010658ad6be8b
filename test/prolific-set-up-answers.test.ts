// createBonusPayments believes a set-up only when the answer is a 201 holding a payment
// (an id and a finite total); anything else is an error and nothing is recorded in the
// ledger. Found untested by the mutation run (npm run test:mutation).
import { describe, expect, it } from "vitest";
import {
  ApiError,
  createBonusPayments,
  createProlificClient,
  InvalidInputError,
  memoryLedger,
  ResponseTooLargeError,
} from "../src/index.js";
import { jsonAnswer, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const INPUT = { studyId: "study-1", bonuses: [{ participantId: "p1", amount: "1.50" }] };
const PAYMENT = { id: "bbp-1", study: "study-1", amount: 150, fees: 50, vat: 0, total_amount: 200 };

async function setUpAnswered(status: number, body: unknown, maxResponseBytes?: number) {
  server.otherwise(() => jsonAnswer(status, body));
  const ledger = memoryLedger();
  const client = createProlificClient({
    token: "tok-set-up",
    baseUrl: server.url,
    ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
  });
  const result = await createBonusPayments(client, INPUT, { ledger });
  return { result, recorded: await ledger.get("bbp-1") };
}

describe("createBonusPayments trusts only a 201 with a payment", () => {
  it("a 201 with a payment: ok, and the rows are recorded in the ledger", async () => {
    const { result, recorded } = await setUpAnswered(201, PAYMENT);
    expect(result).toEqual({ ok: true, payment: PAYMENT });
    expect(recorded?.setUp).toMatchObject({
      studyId: "study-1",
      rows: [{ participantId: "p1", amount: "1.50" }],
    });
    expect(server.seen.map((r) => [r.method, r.path])).toEqual([
      ["POST", "/api/v1/submissions/bonus-payments/"],
    ]);
  });

  it.each([
    ["null", null],
    ["a string", "bbp-1"],
    ["an array", [PAYMENT]],
    ["an id that is a number", { ...PAYMENT, id: 5 }],
    ["no total", { ...PAYMENT, total_amount: undefined }],
    ["a total as a string", { ...PAYMENT, total_amount: "200" }],
  ])("a 201 with %s is an ApiError, nothing recorded", async (_name, body) => {
    const { result, recorded } = await setUpAnswered(201, body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ status: 201 });
    expect(recorded).toBeUndefined();
  });

  it("a 200 with a payment is not a set-up: ApiError naming the request, nothing recorded", async () => {
    const { result, recorded } = await setUpAnswered(200, PAYMENT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBeInstanceOf(ApiError);
    if (!result.ok)
      expect(result.error.message).toMatch(
        /^200 .* from POST \/api\/v1\/submissions\/bonus-payments\//,
      );
    expect(recorded).toBeUndefined();
  });

  it("a 201 whose body is cut by the size cap is that error, nothing recorded", async () => {
    const { result, recorded } = await setUpAnswered(201, PAYMENT, 20);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBeInstanceOf(ResponseTooLargeError);
    expect(recorded).toBeUndefined();
  });
});

describe("createBonusPayments input errors name what is wrong", () => {
  const client = () => createProlificClient({ token: "tok-set-up", baseUrl: server.url });
  it.each<[string, unknown, string, RegExp]>([
    [
      "bonuses not an array",
      { studyId: "s", bonuses: "p1,1.50" },
      "bonuses",
      /array of \{ participantId, amount \}/,
    ],
    ["a study id that is not a string", { studyId: 7, bonuses: [] }, "studyId", /must be a string/],
    ["no rows", { studyId: "s", bonuses: [] }, "bonuses", /has no rows/],
    [
      "participants paid twice",
      {
        studyId: "s",
        bonuses: ["a", "b", "c", "d", "e", "f"].flatMap((p) => [
          { participantId: p, amount: "1" },
          { participantId: p, amount: "2" },
        ]),
      },
      "bonuses",
      /pays a, b, c, d, e more than once; merge the rows/,
    ],
  ])("%s", async (_name, input, field, message) => {
    const error = await createBonusPayments(client(), input as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toMatch(message);
    expect(server.seen).toHaveLength(0);
  });
});
