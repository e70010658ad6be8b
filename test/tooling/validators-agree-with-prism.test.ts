// Our generated request validators (generated/*.validators.ts, what the client checks
// before sending) and Prism's request validation (what the mocks and `prism proxy`
// enforce) agree on every body: for each request schema, 1,000 bodies from Prism's own
// generator, about two thirds of them mutated (wrong types, dropped or extra fields,
// bounds, control and astral characters). A disagreement prints the body and each
// side's rule, shrunk to a small body by fast-check.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mixedBodies } from "../../src/verify/fuzz/bodies.js";
import { loadOperations, prismBodyViolations } from "../../src/verify/fuzz/operations.js";

const RUNS = 1000;
const operations = [...(await loadOperations("prolific")), ...(await loadOperations("rewards"))];
const withBodies = operations.filter((op) => op.body);

describe.each(withBodies)("$api $id: generated validator vs Prism", (op) => {
  it(`agree on ${RUNS} generated and mutated bodies`, () => {
    const body = op.body!;
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(mixedBodies(body.generate, 128), (sent) => {
        const ours = body.validator(sent);
        const prism = prismBodyViolations(op, sent);
        if (ours === (prism.length === 0)) {
          seen[ours ? "accepted" : "refused"]++;
          return;
        }
        const ourRules = (body.validator.errors ?? []).map(
          (e) => `${e.instancePath || "/"} ${e.keyword}: ${e.message}`,
        );
        const prismRules = prism.map((v) => `${(v.path ?? []).join(".")} ${v.code}: ${v.message}`);
        throw new Error(
          [
            `disagreement on ${JSON.stringify(sent)}`,
            `  generated validator ${ours ? "accepts" : `refuses: ${ourRules.join("; ")}`}`,
            `  Prism ${prism.length === 0 ? "accepts" : `refuses: ${prismRules.join("; ")}`}`,
          ].join("\n"),
        );
      }),
      { numRuns: RUNS, seed: 20_261_122 },
    );
    // Both sides of the rules were exercised, not just one.
    expect(seen.accepted).toBeGreaterThan(RUNS / 10);
    expect(seen.refused).toBeGreaterThan(RUNS / 10);
    console.log(`${op.api} ${op.id}: ${seen.accepted} accepted, ${seen.refused} refused by both`);
  });
});

it("every operation with a JSON body is covered", () => {
  expect(withBodies.map((op) => op.id).sort()).toEqual(
    operations
      .filter((op) => op.prism.request?.body?.contents?.length)
      .map((op) => op.id)
      .sort(),
  );
  expect(withBodies.length).toBeGreaterThanOrEqual(2);
});
