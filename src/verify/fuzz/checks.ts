// The checks applied to every generated request's answer, in the way Schemathesis
// checks an API. Each returns the findings it has; none is a finding.
import type { Exchange } from "./proxy.js";

export type RequestClass = "valid" | "invalid" | "no-token";

export const CHECKS = [
  "no server error",
  "status documented",
  "content type documented",
  "response headers documented",
  "body conforms",
  "invalid data rejected with a 4xx",
  "valid data not rejected",
  "missing token refused",
] as const;
export type CheckName = (typeof CHECKS)[number];

export interface Finding {
  check: CheckName;
  message: string;
}

export interface OperationRules {
  /** Statuses the spec documents for the operation. */
  documented: number[];
  /**
   * Refusals of a valid request that are about the data, not its shape (Prolific
   * answers 400 for unknown participants and 404 for an unknown study): not a finding.
   */
  refusalsOfValidData: number[];
}

/** What is wrong with the answer to one request of class `kind`. */
export function checkAnswer(
  kind: RequestClass,
  answer: Exchange,
  rules: OperationRules,
): Finding[] {
  const { status } = answer;
  const findings: Finding[] = [];
  const add = (check: CheckName, message: string) => findings.push({ check, message });
  if (status >= 500) add("no server error", `HTTP ${status}`);
  if (!rules.documented.includes(status))
    add("status documented", `HTTP ${status} is not documented (${rules.documented.join(", ")})`);
  for (const v of answer.answerViolations) {
    if (v.severity !== 0) continue; // warnings: an undocumented status, reported above
    const where = (v.path ?? []).join(".");
    if (/media type/i.test(v.message)) add("content type documented", v.message);
    else if (v.path?.[0] === "header") add("response headers documented", `${where} ${v.message}`);
    else if (v.path?.[0] === "body") add("body conforms", `${where} ${v.message}`);
    else if (!/status code/i.test(v.message)) add("body conforms", `${where} ${v.message}`);
  }
  if (kind === "invalid" && !(status >= 400 && status < 500))
    add("invalid data rejected with a 4xx", `a body the spec refuses was answered HTTP ${status}`);
  if (
    kind === "valid" &&
    (status === 400 || status === 422) &&
    !rules.refusalsOfValidData.includes(status)
  )
    add("valid data not rejected", `a body the spec accepts was refused with HTTP ${status}`);
  if (kind === "no-token" && status !== 401 && status !== 403)
    add("missing token refused", `a request without a token was answered HTTP ${status}`);
  return findings;
}
