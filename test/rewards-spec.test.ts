import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bulkUpdateRewardStateBody as generatedUpdate } from "../generated/rewards.validators.js";
import { componentSchema, loadSpec } from "./spec-validator.js";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));
const seedRequest = fixture("seed-004-request.json");
const seedResponse = fixture("seed-004-response.json");
const spec = loadSpec("rewards");
const operation = spec.paths["/api/v1/finance/rewards/bulk_update"].patch;

const validUpdate = componentSchema("rewards", "RewardStateUpdate");
const validList = componentSchema("rewards", "RewardList");
const validReward = componentSchema("rewards", "Reward");

const clone = <T>(value: T): T => structuredClone(value);

describe("the seed 004 bodies are the spec's examples and validate", () => {
  it("embeds the seed's request body verbatim as the named example", () => {
    const example =
      operation.requestBody.content["application/json"].examples["seed-mark-paid"].value;
    expect(example).toEqual(seedRequest);
  });

  it("embeds the seed's response body verbatim as the named example", () => {
    const example =
      operation.responses["200"].content["application/json"].examples["seed-five-paid"].value;
    expect(example).toEqual(seedResponse);
  });

  const seedFile = new URL("../../shared/seeds/004_696b87e10bd02e94.txt", import.meta.url);
  it.skipIf(!existsSync(seedFile))("the fixtures are the bodies printed in the seed", () => {
    const text = readFileSync(seedFile, "utf8").replace(/\s+/g, "");
    expect(text).toContain(JSON.stringify(seedRequest));
    expect(text).toContain(JSON.stringify(seedResponse));
  });

  it("the request body validates against RewardStateUpdate", () => {
    expect(validUpdate(seedRequest), JSON.stringify(validUpdate.errors)).toBe(true);
  });

  it("the response body validates against RewardList", () => {
    expect(validList(seedResponse), JSON.stringify(validList.errors)).toBe(true);
  });

  it("declares per-page and total as required integer response headers", () => {
    const headers = spec.components.headers;
    expect(headers.PerPage).toMatchObject({ required: true, schema: { type: "integer" } });
    expect(headers.Total).toMatchObject({ required: true, schema: { type: "integer" } });
    expect(Object.keys(operation.responses["200"].headers).sort()).toEqual(["per-page", "total"]);
  });
});

describe("request bodies that break the stated rules are invalid", () => {
  const broken: Array<[string, (body: any) => void]> = [
    ["no reward_ids", (b) => delete b.reward.reward_ids],
    ["an empty reward_ids list", (b) => (b.reward.reward_ids = [])],
    ['state "lost"', (b) => (b.reward.state = "lost")],
    ["no state", (b) => delete b.reward.state],
    ["a fractional id", (b) => (b.reward.reward_ids = [499, 1.5])],
    ["an id as a string", (b) => (b.reward.reward_ids = ["499"])],
    ["a zero id", (b) => (b.reward.reward_ids = [0])],
    ["a negative id", (b) => (b.reward.reward_ids = [-4])],
    ["passcode as a string", (b) => (b.reward.passcode = "1234")],
    [
      "passcode 1e21 (an integer JavaScript cannot keep exactly)",
      (b) => (b.reward.passcode = 1e21),
    ],
    ["passcode 2^53", (b) => (b.reward.passcode = 2 ** 53)],
    ["a negative passcode", (b) => (b.reward.passcode = -1)],
    ["a fractional passcode", (b) => (b.reward.passcode = 12.5)],
    ["no reward wrapper", (b) => (b.reward = undefined)],
  ];
  it.each(broken)("%s", (_name, breakIt) => {
    const body = clone(seedRequest);
    breakIt(body);
    expect(validUpdate(JSON.parse(JSON.stringify(body)))).toBe(false);
  });

  it("the generated validator bounds passcode like reward ids: 0..2^53-1", () => {
    const withPasscode = (passcode: number) => ({
      reward: { reward_ids: [499], state: "paid", passcode },
    });
    for (const bad of [1e21, 2 ** 53, -1, 0.5]) {
      expect(generatedUpdate(withPasscode(bad)), String(bad)).toBe(false);
    }
    for (const good of [0, 1234, Number.MAX_SAFE_INTEGER]) {
      expect(generatedUpdate(withPasscode(good)), String(good)).toBe(true);
    }
  });

  it("passcode may be left out (assumption: optional)", () => {
    const body = clone(seedRequest);
    delete body.reward.passcode;
    expect(validUpdate(body)).toBe(true);
  });
});

describe("rewards that break the stated rules are invalid", () => {
  const first = () => clone(seedResponse.rewards[0]);
  const broken: Array<[string, (r: any) => void]> = [
    ["bonus as a number", (r) => (r.bonus = 10.0)],
    ["bonus that is not a decimal", (r) => (r.bonus = "ten")],
    ["referral_code of five digits", (r) => (r.referee.referral_code = "66210")],
    ["referral_code as a number", (r) => (r.referrer.referral_code = 817107)],
    ["financial_company_id as a string", (r) => (r.referee.financial_company_id = "7")],
    ["no financial_company_id", (r) => delete r.referee.financial_company_id],
    ['state "lost"', (r) => (r.state = "lost")],
    ["completed_at that is not a date-time", (r) => (r.completed_at = "yesterday")],
    ["no referrer", (r) => delete r.referrer],
  ];
  it.each(broken)("%s", (_name, breakIt) => {
    const reward = first();
    breakIt(reward);
    expect(validReward(reward)).toBe(false);
  });

  it("accepts an integer financial_company_id and a referral code starting with 0", () => {
    const reward = first();
    reward.referee.financial_company_id = 12;
    reward.referee.referral_code = "012345";
    expect(validReward(reward), JSON.stringify(validReward.errors)).toBe(true);
  });
});
