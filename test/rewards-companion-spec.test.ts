// DRVN's list and sign-in operations: examples validate, inputs and answers that break
// the stated rules do not, and the JWT is specced as a response header.
import { describe, expect, it } from "vitest";
import { componentSchema, loadSpec, specSchema } from "./spec-validator.js";

const spec = loadSpec("rewards");
const list = spec.paths["/api/v1/finance/rewards"].get;
const signIn = spec.paths["/api/v1/users/sign_in"].post;
const params = Object.fromEntries(list.parameters.map((p: any) => [p.name, p]));
const param = (name: string) =>
  specSchema(
    "rewards",
    `/paths/~1api~1v1~1finance~1rewards/get/parameters/${list.parameters.indexOf(params[name])}/schema`,
  );

describe("list rewards", () => {
  const validList = componentSchema("rewards", "RewardList");
  const example = () =>
    structuredClone(
      list.responses["200"].content["application/json"].examples["pending-referral"].value,
    );

  it("embeds the recorded reward of the vendor's capture, and it validates", () => {
    const [reward] = example().rewards;
    expect(reward).toMatchObject({
      id: 369,
      state: "pending",
      referee: {
        id: 443,
        first_name: "Monty",
        last_name: "Fahey",
        profile_id: 131,
        referral_code: "271219",
      },
      referrer: {
        id: 442,
        first_name: "Sol",
        last_name: "Cremin",
        profile_id: 130,
        referral_code: "934903",
      },
    });
    expect(validList(example()), JSON.stringify(validList.errors)).toBe(true);
  });

  it("requires by_kind (hourly or referral); by_name, from_date, to_date are optional", () => {
    expect(params.by_kind).toMatchObject({ in: "query", required: true });
    for (const name of ["by_name", "from_date", "to_date", "page", "per_page"]) {
      expect(params[name], name).toMatchObject({ in: "query", required: false });
    }
    const kind = param("by_kind");
    expect(kind("referral")).toBe(true);
    expect(kind("hourly")).toBe(true);
    expect(kind("bonus")).toBe(false);
  });

  it("labels paging as an assumption", () => {
    expect(list.description).toMatch(/Assumption: paging/);
    expect(params.page.description).toMatch(/^Assumption:/);
    expect(params.per_page.description).toMatch(/^Assumption:/);
    expect(param("page")(0)).toBe(false);
    expect(param("per_page")(0)).toBe(false);
    expect(param("page")(2)).toBe(true);
  });

  it("dates are ISO dates (assumption) and names are bounded", () => {
    expect(param("from_date")("2025-11-01")).toBe(true);
    expect(param("to_date")("01/11/2025")).toBe(false);
    expect(param("by_name")("")).toBe(false);
    expect(param("by_name")("x".repeat(201))).toBe(false);
  });

  it("answers with per-page and total (required) and an optional Link", () => {
    const headers = list.responses["200"].headers;
    expect(headers["per-page"].$ref).toBe("#/components/headers/PerPage");
    expect(headers.total).toMatchObject({ required: true, schema: { type: "integer" } });
    expect(headers.total.example).toBe(example().rewards.length);
    expect(headers.Link).toMatchObject({ required: false });
  });
});

describe("sign in", () => {
  const validRequest = componentSchema("rewards", "SignInRequest");
  const validAnswer = componentSchema("rewards", "SignedIn");
  const jwtHeader = specSchema("rewards", "/components/headers/SignedInAuthorization/schema");
  const request = () =>
    structuredClone(signIn.requestBody.content["application/json"].examples["sign-in"].value);
  const answer = () =>
    structuredClone(
      signIn.responses["200"].content["application/json"].examples["financial-admin"].value,
    );

  it("needs no token, and its examples validate", () => {
    expect(signIn.security).toEqual([]);
    expect(validRequest(request()), JSON.stringify(validRequest.errors)).toBe(true);
    expect(validAnswer(answer()), JSON.stringify(validAnswer.errors)).toBe(true);
  });

  it("specs the JWT as the required Authorization response header; the seed's JWT is its example", () => {
    const header = signIn.responses["200"].headers.Authorization;
    expect(header.$ref).toBe("#/components/headers/SignedInAuthorization");
    const declared = spec.components.headers.SignedInAuthorization;
    expect(declared.required).toBe(true);
    expect(declared.example).toMatch(/^Bearer eyJhbGciOiJIUzI1NiJ9\./);
    expect(jwtHeader(declared.example)).toBe(true);
    expect(jwtHeader("eyJhbGciOiJIUzI1NiJ9.e30.sig")).toBe(false);
    expect(jwtHeader("Token abc")).toBe(false);
    expect(jwtHeader("Bearer a.b.c d")).toBe(false);
  });

  it.each<[string, (b: any) => void]>([
    ["no user wrapper", (b) => delete b.user],
    ["no login", (b) => delete b.user.login],
    ["no password", (b) => delete b.user.password],
    ["an empty password", (b) => (b.user.password = "")],
    ["remember_me as a string", (b) => (b.user.remember_me = "yes")],
    ["a runaway login", (b) => (b.user.login = "x".repeat(321))],
  ])("refuses a request with %s", (_name, breakIt) => {
    const body = request();
    breakIt(body);
    expect(validRequest(body)).toBe(false);
  });

  it("remember_me is optional", () => {
    const body = request();
    delete body.user.remember_me;
    expect(validRequest(body)).toBe(true);
  });

  it.each<[string, (b: any) => void]>([
    ["no user", (b) => delete b.user],
    ["no id", (b) => delete b.user.id],
    ["an unknown role", (b) => (b.user.role = "owner")],
    ["a company without id", (b) => delete b.user.company.id],
  ])("refuses an answer with %s", (_name, breakIt) => {
    const body = answer();
    breakIt(body);
    expect(validAnswer(body)).toBe(false);
  });

  it("accepts nullable fields as null (assumption) and every documented role", () => {
    const body = answer();
    body.user.company = null;
    body.user.email = null;
    for (const role of ["driver", "operator", "financial_admin", "admin"]) {
      body.user.role = role;
      expect(validAnswer(body), role).toBe(true);
    }
  });

  it("a wrong login is 401 with Devise's body (assumption)", () => {
    const response = spec.components.responses.InvalidLogin;
    expect(response.description).toMatch(/^Assumption:/);
    expect(signIn.responses["401"].$ref).toBe("#/components/responses/InvalidLogin");
  });
});
