// payBonuses at the edges the mutation run (npm run test:mutation) showed untested: the
// longest id it takes, and the request named in an error's message.
import { describe, expect, it } from "vitest";
import { createProlificClient, InvalidInputError, payBonuses } from "../src/index.js";
import { jsonAnswer, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const client = () => createProlificClient({ token: "tok-pay-edges", baseUrl: server.url });

describe("payBonuses edges", () => {
  it("an id of exactly 256 characters is paid; 257 are refused before sending", async () => {
    server.otherwise(() => jsonAnswer(202, "being processed"));
    const id = "a".repeat(256);
    expect(await payBonuses(client(), id)).toMatchObject({ outcome: "accepted", id });
    expect(server.seen.map((r) => r.path)).toEqual([`/api/v1/bulk-bonus-payments/${id}/pay/`]);
    await expect(payBonuses(client(), "a".repeat(257))).rejects.toBeInstanceOf(InvalidInputError);
    expect(server.seen).toHaveLength(1);
  });

  it("a refusal's message names the request, with the id encoded as sent", async () => {
    server.otherwise(() => jsonAnswer(404, { detail: "Not found." }));
    const outcome = await payBonuses(client(), "bbp 1");
    expect(outcome.outcome).toBe("rejected");
    if (outcome.outcome === "rejected") {
      expect(outcome.error.message).toContain("from POST /api/v1/bulk-bonus-payments/bbp%201/pay/");
    }
  });
});
