// Class 2: no CSV smuggling. Each field of a bonus row is checked on its own, anchored,
// so one input row is exactly one row of `csv_bonuses`: checked on what the server saw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBonusPayments, createProlificClient, InvalidInputError } from "../src/index.js";
import { useFaultServer } from "./fault-server.js";

const STUDY = "60d5f1a2b3c4d5e6f7a8b9c0";
const server = useFaultServer();
const client = () =>
  createProlificClient({ token: "csv-token-0123", baseUrl: server.url, timeoutMs: 5000 });

/** The rows of the csv_bonuses the server received, split as the spec defines them. */
const sentRows = () =>
  (JSON.parse(server.seen[0]?.body ?? "{}").csv_bonuses as string)
    .split("\n")
    .map((row) => row.split(","));

describe("smuggled rows are refused before sending, naming the field", () => {
  const smuggled: Array<[string, { participantId: string; amount: string }, string]> = [
    ["a row in the amount", { participantId: "p1", amount: "1.00\np1,1000" }, "bonuses[0].amount"],
    ["a row in the id", { participantId: "p1,5\np2", amount: "1.00" }, "bonuses[0].participantId"],
    ["a column in the id", { participantId: "p1,9", amount: "1.00" }, "bonuses[0].participantId"],
    ["a trailing newline", { participantId: "p1", amount: "4.25\n" }, "bonuses[0].amount"],
    ["CR LF in the amount", { participantId: "p1", amount: "4.25\r\np2,1" }, "bonuses[0].amount"],
    ["a second column", { participantId: "p1", amount: "4.25,7" }, "bonuses[0].amount"],
    ["a line separator", { participantId: "p1\u2028p2", amount: "1" }, "bonuses[0].participantId"],
  ];
  it.each(smuggled)("%s", async (_name, row, field) => {
    const error = await createBonusPayments(client(), { studyId: STUDY, bonuses: [row] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe(field);
    expect(server.seen).toHaveLength(0);
  });
});

describe("property: what is accepted is sent as exactly the input rows", () => {
  // Ids and amounts drawn from the characters that matter: separators, whitespace,
  // controls, Unicode line breaks, and the characters of valid values.
  const hostileChar = fc.constantFrom(
    "p",
    "1",
    "0",
    ".",
    ",",
    "\n",
    "\r",
    " ",
    "\t",
    "\u2028",
    "é",
    "\u0000",
    "-",
    "e",
  );
  const validId = fc.stringMatching(/^[a-f0-9]{1,24}$/);
  const validAmount = fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.nat(99))
    .map(([units, cents]) => `${units}.${String(cents).padStart(2, "0")}`);
  const hostile = fc.string({ unit: hostileChar, minLength: 0, maxLength: 8 });
  // Whole smuggled rows built from valid pieces, as an attacker would write them.
  const smuggledRow = fc.tuple(validId, validAmount).map(([p, a]) => `\n${p},${a}`);
  const participantId = fc.oneof(
    { arbitrary: validId, weight: 6 },
    { arbitrary: hostile, weight: 1 },
    {
      arbitrary: fc.tuple(validId, validAmount, validId).map(([p, a, q]) => `${p},${a}\n${q}`),
      weight: 1,
    },
  );
  const amount = fc.oneof(
    { arbitrary: validAmount, weight: 6 },
    { arbitrary: hostile, weight: 1 },
    { arbitrary: fc.tuple(validAmount, smuggledRow).map(([a, row]) => `${a}${row}`), weight: 1 },
  );
  const rows = fc.array(fc.record({ participantId, amount }), { minLength: 1, maxLength: 3 });

  it("parsing the sent csv_bonuses gives back the input rows (300 runs)", async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(rows, async (bonuses) => {
        server.reset();
        const result = await createBonusPayments(client(), { studyId: STUDY, bonuses }).catch(
          (e: unknown) => e,
        );
        if (result instanceof InvalidInputError) {
          refused++;
          expect(server.seen).toHaveLength(0);
          return;
        }
        accepted++;
        expect(result).toMatchObject({ ok: true });
        expect(server.seen).toHaveLength(1);
        expect(sentRows()).toEqual(bonuses.map((b) => [b.participantId, b.amount]));
      }),
      { numRuns: 300 },
    );
    // Both branches were exercised, so the property says something.
    expect(accepted).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
  }, 60_000);
});
