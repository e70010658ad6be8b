// The Prolific reads (submission, a study's submissions, workspace balance) and the
// documented error envelope: the vendor's examples are embedded verbatim and validate,
// bodies that break the stated rules do not.
import { describe, expect, it } from "vitest";
import { componentSchema, loadSpec } from "./spec-validator.js";

const spec = loadSpec("prolific");
const example = (path: string, name: string) =>
  structuredClone(
    spec.paths[path].get.responses["200"].content["application/json"].examples[name].value,
  );

const SUBMISSION = "/api/v1/submissions/{id}/";
const STUDY_SUBMISSIONS = "/api/v1/studies/{id}/submissions/";
const BALANCE = "/api/v1/workspaces/{workspace_id}/balance/";

describe("retrieve a submission", () => {
  const valid = componentSchema("prolific", "Submission");
  const vendor = () => example(SUBMISSION, "approved-with-bonuses");

  it("embeds the vendor's example verbatim, and it validates", () => {
    expect(vendor()).toEqual({
      id: "625d4a831bcda2d59ac5a251",
      completed_at: "2022-04-18T11:25:02.734000Z",
      entered_code: "8E8AC860",
      participant: "60bf9310e8dec401be6e9615",
      started_at: "2022-04-18T11:24:51.395000Z",
      status: "APPROVED",
      study_id: "60aca280709ee40ec37d4885",
      bonus_payments: [1000, 2536],
    });
    expect(valid(vendor()), JSON.stringify(valid.errors)).toBe(true);
  });

  it.each<[string, (s: any) => void]>([
    ["an unknown status (PROCESSING has been seen)", (s) => (s.status = "PROCESSING")],
    ["a fractional bonus", (s) => (s.bonus_payments = [283.34])],
    ["null bonus_payments (the newer page)", (s) => (s.bonus_payments = null)],
    ["a null participant (the newer page)", (s) => (s.participant = null)],
    ["an extra field (additionalProperties: true)", (s) => (s.is_complete = true)],
    ["a return request", (s) => (s.return_requested = "2022-04-18T11:26:00Z")],
  ])("accepts %s", (_name, change) => {
    const submission = vendor();
    change(submission);
    expect(valid(submission), JSON.stringify(valid.errors)).toBe(true);
  });

  it.each<[string, (s: any) => void]>([
    ["no id", (s) => delete s.id],
    ["no started_at", (s) => delete s.started_at],
    ["no status", (s) => delete s.status],
    ["no study_id", (s) => delete s.study_id],
    ["a status that is not a string", (s) => (s.status = 3)],
    ["a bonus as a string", (s) => (s.bonus_payments = ["1000"])],
    ["bonus_payments as a number", (s) => (s.bonus_payments = 1000)],
    ["a return_requested that is not a date-time", (s) => (s.return_requested = "soon")],
  ])("refuses %s", (_name, breakIt) => {
    const submission = vendor();
    breakIt(submission);
    expect(valid(submission)).toBe(false);
  });

  it("documents the known statuses and keeps the list open", () => {
    const status = spec.components.schemas.SubmissionStatus;
    expect(status.anyOf[0].enum).toEqual([
      "ACTIVE",
      "APPROVED",
      "PARTIALLY APPROVED",
      "AWAITING REVIEW",
      "REJECTED",
      "RESERVED",
      "RETURNED",
      "TIMED-OUT",
      "SCREENED OUT",
      "UNKNOWN",
    ]);
    expect(status.anyOf[1]).toEqual({ type: "string" });
  });
});

describe("list a study's submissions", () => {
  const valid = componentSchema("prolific", "SubmissionList");
  const page = () => example(STUDY_SUBMISSIONS, "one-page");
  const operation = spec.paths[STUDY_SUBMISSIONS].get;

  it("its example validates", () => {
    expect(valid(page()), JSON.stringify(valid.errors)).toBe(true);
  });

  it("labels paging as an assumption: limit (1..200) and offset (>= 0)", () => {
    expect(operation.description).toMatch(/Assumption: paging is not documented/);
    const params = Object.fromEntries(operation.parameters.map((p: any) => [p.name, p]));
    expect(params.limit).toMatchObject({ in: "query", required: false });
    expect(params.limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 200 });
    expect(params.offset.schema).toMatchObject({ type: "integer", minimum: 0 });
    expect(params.limit.description).toMatch(/^Assumption:/);
  });

  it.each<[string, (p: any) => void]>([
    ["no results", (p) => delete p.results],
    ["a short submission without participant_id", (p) => delete p.results[0].participant_id],
    ["a short submission without has_siblings", (p) => delete p.results[0].has_siblings],
    ["a count that is not an integer", (p) => (p.meta.count = "1")],
    ["a next link that is not a string", (p) => (p._links.next.href = 2)],
  ])("refuses %s", (_name, breakIt) => {
    const body = page();
    breakIt(body);
    expect(valid(body)).toBe(false);
  });

  it("accepts a page without meta or links, an unknown status and extra fields", () => {
    const body = page();
    delete body.meta;
    delete body._links;
    body.results[0].status = "PROCESSING";
    body.results[0].study_url = "https://example.org";
    expect(valid(body), JSON.stringify(valid.errors)).toBe(true);
  });
});

describe("workspace balance", () => {
  const valid = componentSchema("prolific", "WorkspaceBalance");
  const balance = () => example(BALANCE, "balance");

  it("embeds the vendor's example verbatim, and it validates", () => {
    expect(balance()).toEqual({
      currency_code: "GBP",
      total_balance: 630,
      balance_breakdown: { rewards: 450, fees: 150, vat: 30 },
      available_balance: 210,
      available_balance_breakdown: { rewards: 150, fees: 50, vat: 10 },
    });
    expect(valid(balance()), JSON.stringify(valid.errors)).toBe(true);
  });

  it.each<[string, (b: any) => void]>([
    ["no currency_code", (b) => delete b.currency_code],
    ["no available_balance", (b) => delete b.available_balance],
    ["a balance as a string", (b) => (b.total_balance = "630")],
    ["a breakdown amount as a string", (b) => (b.balance_breakdown.fees = "150")],
  ])("refuses %s", (_name, breakIt) => {
    const body = balance();
    breakIt(body);
    expect(valid(body)).toBe(false);
  });
});

describe("the error envelope, as the vendor's OpenAPI document defines it", () => {
  const valid = componentSchema("prolific", "ProlificError");
  const envelope = {
    error: { status: 400, error_code: 140100, title: "Bad Request", detail: "Nope." },
  };

  it("is stated as documented, not assumed", () => {
    expect(spec.components.schemas.ProlificError.description).toMatch(
      /vendor's public OpenAPI document/,
    );
    expect(spec.components.schemas.ProlificError.description).not.toMatch(/Assumption/);
  });

  it.each<[string, unknown]>([
    ["the envelope", envelope],
    ["detail as a list", { error: { ...envelope.error, detail: ["a", "b"] } }],
    ["detail per field", { error: { ...envelope.error, detail: { study_id: ["bad"] } } }],
    ["the optional fields", { error: { ...envelope.error, traceback: "…", interactive: false } }],
    ["the CLI's {message, detail}", { message: "m", detail: "d" }],
    ["the CLI's {detail}", { detail: "d" }],
  ])("accepts %s", (_name, body) => {
    expect(valid(body), JSON.stringify(valid.errors)).toBe(true);
  });

  it.each<[string, unknown]>([
    ["an envelope without error_code", { error: { status: 400, title: "t", detail: "d" } }],
    ["an envelope with a string status", { error: { ...envelope.error, status: "400" } }],
    ["a message that is not a string", { message: 4, detail: "d" }],
    ["a message without detail", { message: "m" }],
  ])("refuses %s", (_name, body) => {
    expect(valid(body)).toBe(false);
  });

  it("every error example of every operation validates", () => {
    for (const [name, response] of Object.entries<any>(spec.components.responses)) {
      for (const { value } of Object.values<any>(response.content["application/json"].examples)) {
        expect(valid(value), name).toBe(true);
      }
    }
  });
});
