import { describe, expect, it } from "vitest";
import { componentSchema, loadSpec, specSchema } from "./spec-validator.js";

const spec = loadSpec("prolific");
const pay = spec.paths["/api/v1/bulk-bonus-payments/{id}/pay/"].post;
const setUp = spec.paths["/api/v1/submissions/bonus-payments/"].post;
const payBody = specSchema(
  "prolific",
  "/paths/~1api~1v1~1bulk-bonus-payments~1{id}~1pay~1/post/responses/202/content/application~1json/schema",
);

describe("pay bonuses", () => {
  it("has the vendor's 202 example, and it validates as a JSON string", () => {
    const examples = pay.responses["202"].content["application/json"].examples;
    expect(examples.processing.value).toBe(
      "Bulk bonus payment with ID 8f14e45f-ceea-4d3a-9f2b-1a2b3c4d5e6f is being processed asynchronously. Payments will be completed shortly.",
    );
    for (const { value } of Object.values<any>(examples)) expect(payBody(value)).toBe(true);
    expect(payBody({ message: "not a string" })).toBe(false);
  });

  it("takes the id as an unconstrained string path parameter and no body", () => {
    expect(pay.parameters).toEqual([
      expect.objectContaining({
        name: "id",
        in: "path",
        required: true,
        schema: { type: "string" },
      }),
    ]);
    expect(pay.requestBody).toBeUndefined();
  });

  it("uses the Token apiKey scheme in the Authorization header, and says it is not idempotent", () => {
    expect(spec.components.securitySchemes.ProlificToken).toMatchObject({
      type: "apiKey",
      in: "header",
      name: "Authorization",
    });
    expect(spec.security).toEqual([{ ProlificToken: [] }]);
    expect(pay.description).toMatch(/NOT idempotent/);
  });
});

describe("set up bonus payments", () => {
  const validSetUp = componentSchema("prolific", "BonusPaymentsSetup");
  const validPayment = componentSchema("prolific", "BulkBonusPayment");

  it("its examples validate", () => {
    const request = setUp.requestBody.content["application/json"].examples["two-participants"];
    expect(validSetUp(request.value)).toBe(true);
    for (const { value } of Object.values<any>(
      setUp.responses["201"].content["application/json"].examples,
    )) {
      expect(validPayment(value), JSON.stringify(validPayment.errors)).toBe(true);
    }
  });

  it("embeds the vendor's set-up answer verbatim, and the older float answer's amounts", () => {
    const examples = setUp.responses["201"].content["application/json"].examples;
    expect(examples["set-up"].value).toEqual({
      id: "621014cb8e9e0f81e387021f",
      total_amount: 1133.34,
      study: "620ca2735fcbba4fa2b3211a",
      amount: 850,
      fees: 283.34,
      vat: 0,
    });
    expect(examples["older-float-answer"].value).toMatchObject({
      amount: 40.0,
      fees: 0.0,
      total_amount: 40.0,
      vat: 0.0,
    });
  });

  it.each([
    ["one row", "60d5f1a2b3c4d5e6f7a8b9c1,4.25"],
    ["rows with a trailing newline", "a,4.25\nb,1\n"],
    ["a whole amount", "a,10"],
    ["a small amount", "a,0.01"],
  ])("accepts %s", (_name, csv) => {
    expect(validSetUp({ study_id: "s", csv_bonuses: csv })).toBe(true);
  });

  it.each([
    ["an empty study id", { study_id: "", csv_bonuses: "a,1" }],
    ["no rows", { study_id: "s", csv_bonuses: "" }],
    ["an empty participant id", { study_id: "s", csv_bonuses: ",4.25" }],
    ["a zero amount", { study_id: "s", csv_bonuses: "a,0.00" }],
    ["a negative amount", { study_id: "s", csv_bonuses: "a,-1" }],
    ["an exponent", { study_id: "s", csv_bonuses: "a,1e3" }],
    ["an empty line between rows", { study_id: "s", csv_bonuses: "a,1\n\nb,2" }],
    ["no csv_bonuses", { study_id: "s" }],
  ])("refuses %s", (_name, body) => {
    expect(validSetUp(body)).toBe(false);
  });

  it("needs id and total_amount in the answer; amounts are numbers in minor units, fractions kept", () => {
    expect(validPayment({ id: "x", total_amount: 1190 })).toBe(true);
    expect(validPayment({ id: "x", total_amount: 1190, amount: null, fees: null })).toBe(true);
    expect(validPayment({ id: "x", total_amount: 1133.34, fees: 283.34 })).toBe(true);
    expect(validPayment({ total_amount: 1190 })).toBe(false);
    expect(validPayment({ id: "x" })).toBe(false);
    expect(validPayment({ id: "x", total_amount: "1190" })).toBe(false);
    expect(validPayment({ id: "x", total_amount: 1190, fees: "283.34" })).toBe(false);
  });

  it("documents every error status with a named example", () => {
    for (const op of [pay, setUp]) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        const ref = response.$ref as string | undefined;
        const resolved = ref ? spec.components.responses[ref.split("/").pop()!] : response;
        const examples = resolved.content["application/json"].examples;
        expect(Object.keys(examples).length, `${op.operationId} ${status}`).toBeGreaterThan(0);
      }
    }
  });
});
