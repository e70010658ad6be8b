// checkBody on its own, over validators with Ajv's error shape: which field the refusal
// names (in the caller's words), what it says is wrong, and how many more problems.
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors/invalid-input-error.js";
import { checkBody, type SchemaValidator } from "../../src/core/validate.js";

type AjvError = NonNullable<SchemaValidator["errors"]>[number];

/** A validator that refuses everything with `errors` (or passes when told to). */
function validator(errors: AjvError[] | null | undefined, passes = false): SchemaValidator {
  const validate = ((_data: unknown) => passes) as SchemaValidator;
  validate.errors = errors;
  return validate;
}
const error = (instancePath: string, keyword: string, more: Partial<AjvError> = {}): AjvError => ({
  instancePath,
  keyword,
  params: {},
  message: `breaks ${keyword}`,
  ...more,
});
// The shorter pointer first: the longer one must still win for what lies under it.
const FIELDS = { "/reward": "reward", "/reward/reward_ids": "rewardIds" };

function refusal(validate: SchemaValidator, fields: Record<string, string> = FIELDS) {
  try {
    checkBody(validate, { any: "body" }, fields);
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(InvalidInputError);
    const { field, message } = thrown as InvalidInputError;
    return { field, message };
  }
  throw new Error("checkBody accepted the body");
}

describe("checkBody", () => {
  it("a body that passes: nothing thrown", () => {
    expect(() => checkBody(validator([error("", "type")], true), {}, FIELDS)).not.toThrow();
  });

  it.each([null, undefined, []])("a refusal without errors (%j): the body as a whole", (errors) => {
    expect(refusal(validator(errors))).toEqual({
      field: "body",
      message: "body: does not match the spec",
    });
  });

  it("names the field in the caller's words, by the longest matching pointer, indexes in brackets", () => {
    const refused = refusal(validator([error("/reward/reward_ids/2", "minimum")]));
    expect(refused).toEqual({ field: "rewardIds[2]", message: "rewardIds[2]: breaks minimum" });
  });

  it("a pointer deeper than a named field: named parts after a dot", () => {
    expect(refusal(validator([error("/reward/state/0/x", "type")])).field).toBe(
      "reward.state[0].x",
    );
    expect(refusal(validator([error("/reward/state/12/2x/x2", "type")])).field).toBe(
      "reward.state[12].2x.x2",
    );
  });

  it("a pointer that only starts like a named field is not that field", () => {
    expect(refusal(validator([error("/rewardx", "type")])).field).toBe("/rewardx");
  });

  it("no named field: the wire pointer, or the body for the root", () => {
    expect(refusal(validator([error("/study_id", "type")]), {}).field).toBe("/study_id");
    expect(refusal(validator([error("", "type")]), {}).field).toBe("body");
  });

  it("a missing property: the property's own field, 'is required'", () => {
    const missing = error("/reward", "required", { params: { missingProperty: "reward_ids" } });
    expect(refusal(validator([missing]))).toEqual({
      field: "rewardIds",
      message: "rewardIds: is required",
    });
  });

  it("an enum: the allowed values", () => {
    const refused = refusal(
      validator([
        error("/reward/state", "enum", { params: { allowedValues: ["paid", "pending"] } }),
      ]),
    );
    expect(refused.message).toBe('reward.state: must be one of ["paid","pending"]');
  });

  it("a rule without Ajv's message: named by its keyword", () => {
    const refused = refusal(validator([error("/reward", "format", { message: undefined })]));
    expect(refused.message).toBe("reward: breaks the spec's format rule");
  });

  it("counts the other problems, singular and plural", () => {
    const first = error("/reward", "type");
    expect(refusal(validator([first, error("/x", "type")])).message).toBe(
      "reward: breaks type (and 1 more problem)",
    );
    expect(refusal(validator([first, error("/x", "type"), error("/y", "type")])).message).toBe(
      "reward: breaks type (and 2 more problems)",
    );
  });
});
