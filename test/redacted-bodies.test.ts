// An error's `body` is the server's answer with secrets taken out, and otherwise the same
// shape: arrays stay arrays (nested ones too), secret-named keys are blanked whatever they
// hold, a number equal to the passcode is blanked and no other, and nesting is kept to 64
// levels exactly. Checked against the hostile server through markRewards' 422.
import { describe, expect, it } from "vitest";
import { createRewardsClient, markRewards, ValidationError } from "../src/index.js";
import { jsonAnswer, useHostileServer } from "./hostile-server.js";

const JWT = "jwt.redacted.bodies";
const PASSCODE = 73519;
const server = useHostileServer();

/** The body of the ValidationError markRewards returns for a 422 carrying `body`. */
async function errorBody(body: unknown, passcode: number | null = PASSCODE) {
  const before = server.seen.length;
  server.script(jsonAnswer(422, body));
  const client = createRewardsClient({ token: JWT, baseUrl: server.url });
  const input = {
    rewardIds: [499],
    state: "paid" as const,
    ...(passcode !== null && { passcode }),
  };
  const result = await markRewards(client, input, { maxAttempts: 1 });
  expect(server.seen).toHaveLength(before + 1);
  if (result.ok) throw new Error("expected the 422 to fail the call");
  expect(result.error).toBeInstanceOf(ValidationError);
  return (result.error as ValidationError).body;
}

describe("redacted error bodies keep their shape", () => {
  it("an array body stays an array, secrets replaced inside it", async () => {
    const body = await errorBody([`token ${JWT}`, PASSCODE, PASSCODE + 1, ["x", [JWT]], null]);
    expect(Array.isArray(body)).toBe(true);
    expect(body).toEqual([
      "token [REDACTED]",
      "[REDACTED]",
      PASSCODE + 1,
      ["x", ["[REDACTED]"]],
      null,
    ]);
  });

  it("arrays inside objects stay arrays; secret-named keys are blanked whatever they hold", async () => {
    const body = await errorBody({
      errors: [{ field: "passcode", value: PASSCODE }],
      Authorization: ["Bearer", "anything"],
      api_key: { nested: true },
      "X-Api-Key": 5,
      note: `sent ${JWT} twice`,
      [`key-${JWT}`]: "a key holding the token",
      count: 3,
      ok: false,
    });
    expect(body).toEqual({
      errors: [{ field: "passcode", value: "[REDACTED]" }],
      Authorization: "[REDACTED]",
      api_key: "[REDACTED]",
      "X-Api-Key": "[REDACTED]",
      note: "sent [REDACTED] twice",
      "key-[REDACTED]": "a key holding the token",
      count: 3,
      ok: false,
    });
    expect(Array.isArray((body as { errors: unknown }).errors)).toBe(true);
  });

  it("without a passcode, numbers are left alone", async () => {
    expect(await errorBody([PASSCODE, "73519"], null)).toEqual([PASSCODE, "73519"]);
  });

  it("a string or a number as the whole body is redacted too", async () => {
    expect(await errorBody(`echo ${JWT}`)).toBe("echo [REDACTED]");
    expect(await errorBody(PASSCODE)).toBe("[REDACTED]");
    expect(await errorBody(7)).toBe(7);
  });

  it("keeps 64 levels of nesting and cuts the 65th", async () => {
    const nested = (levels: number): unknown => (levels === 0 ? "leaf" : [nested(levels - 1)]);
    expect(await errorBody(nested(64))).toEqual(nested(64));
    const cut = await errorBody(nested(65));
    let inner: unknown = cut;
    for (let level = 0; level < 64; level++) {
      expect(Array.isArray(inner)).toBe(true);
      inner = (inner as unknown[])[0];
    }
    expect(inner).toBe("[nested too deep]");
  });
});
