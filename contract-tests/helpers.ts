import { inject } from "vitest";
import { createProlificClient, createRewardsClient } from "../src/index.js";
import { fakeFetch } from "../test/fake-fetch.js";
import { loadSpec } from "../test/spec-validator.js";

export const mocks = () => inject("mocks");
export const prolificSpec = loadSpec("prolific");
export const rewardsSpec = loadSpec("rewards");

/** A fetch that records every request it sends on to the real network. */
export function recordingFetch() {
  const { fetch, requests } = fakeFetch((request) => globalThis.fetch(request));
  return { fetch, sent: requests };
}

export const prolific = (extra: { fetch?: (r: Request) => Promise<Response> } = {}) =>
  createProlificClient({ token: "test-prolific-token", baseUrl: mocks().urls.prolific, ...extra });

export const rewards = (extra: { fetch?: (r: Request) => Promise<Response> } = {}) =>
  createRewardsClient({ token: "test.rewards.jwt", baseUrl: mocks().urls.rewards, ...extra });

/** The named examples of one response of one operation, `$ref`s resolved. */
export function responseExamples(
  spec: Record<string, any>,
  path: string,
  method: string,
  status: string,
): Record<string, unknown> {
  let response = spec.paths[path][method].responses[status];
  if (response.$ref) response = spec.components.responses[response.$ref.split("/").pop()];
  const examples = response.content["application/json"].examples;
  return Object.fromEntries(Object.entries<any>(examples).map(([name, e]) => [name, e.value]));
}

/** Documented statuses of an operation, `2xx` excluded. */
export const errorStatuses = (spec: Record<string, any>, path: string, method: string) =>
  Object.keys(spec.paths[path][method].responses).filter((s) => !s.startsWith("2"));

/** The bulk payment every mock starts with set up (the id of the vendor's pay example). */
export { SEEDED_PAYMENT_ID } from "../src/mock/prolific-state.js";

export const PAY = "/api/v1/bulk-bonus-payments/{id}/pay/";
export const SET_UP = "/api/v1/submissions/bonus-payments/";
export const BULK_UPDATE = "/api/v1/finance/rewards/bulk_update";
export const SUBMISSION = "/api/v1/submissions/{id}/";
export const STUDY_SUBMISSIONS = "/api/v1/studies/{id}/submissions/";
export const BALANCE = "/api/v1/workspaces/{workspace_id}/balance/";
export const REWARDS = "/api/v1/finance/rewards";
export const SIGN_IN = "/api/v1/users/sign_in";
