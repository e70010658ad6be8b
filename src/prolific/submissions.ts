import type { Submission, SubmissionShort } from "../../generated/prolific.js";
import { listStudySubmissionsQuery } from "../../generated/prolific.validators.js";
import { secretsOf } from "../core/create-client.js";
import { InvalidInputError } from "../core/errors/invalid-input-error.js";
import { checkSignal, readOptions } from "../core/input.js";
import { checkMaxPages, eachItemOnce, type Page } from "../core/paginate.js";
import { readOnce } from "../core/read-once.js";
import { checkBody, type SchemaValidator } from "../core/validate.js";
import type { ProlificClient } from "./client.js";

export interface ReadOptions {
  signal?: AbortSignal;
}

export interface ListSubmissionsOptions extends ReadOptions {
  /** Page size sent as `limit` (1..200). Default 200, as the vendor's CLI sends. */
  pageSize?: number;
  /** Pages read at most before a PagingError. Default 1000. */
  maxPages?: number;
}

const SUBMISSION = "/api/v1/submissions/{id}/";
const STUDY_SUBMISSIONS = "/api/v1/studies/{id}/submissions/";
const DEFAULT_PAGE_SIZE = 200;
const MAX_ID_LENGTH = 256;

/**
 * One submission, with `bonus_payments` (minor units, kept as received): what was paid
 * on it. Reading never pays. Throws the typed error of a failed read (NotFoundError…).
 */
export async function getSubmission(
  client: ProlificClient,
  id: string,
  options: ReadOptions = {},
): Promise<Submission> {
  checkId(id, "id");
  const signal = checkSignal(readOptions(options, ["signal"] as const).signal);
  const where = `GET ${SUBMISSION.replace("{id}", encodeURIComponent(id))}`;
  const { body } = await readOnce(
    (init) => client.GET(SUBMISSION, { params: { path: { id } }, ...init }),
    where,
    secretsOf(client),
    signal,
    isSubmission,
  );
  return body;
}

/**
 * Every submission of a study (short form, without `bonus_payments`: read each one with
 * getSubmission), each once, page after page with `limit`/`offset`. Stops at the last
 * page (`_links.next.href` null, or a short page) or once `meta.count` were listed: that
 * paging is what the vendor's CLI does, an assumption. A repeated page ends the loop
 * with a PagingError. Input is checked at once; a failed page throws its typed error.
 */
export function listStudySubmissions(
  client: ProlificClient,
  studyId: string,
  options: ListSubmissionsOptions = {},
): AsyncIterable<SubmissionShort> {
  checkId(studyId, "studyId");
  const given = readOptions(options, ["pageSize", "maxPages", "signal"] as const);
  const limit = given.pageSize ?? DEFAULT_PAGE_SIZE;
  checkBody(
    listStudySubmissionsQuery as unknown as SchemaValidator,
    { limit, offset: 0 },
    {
      "/limit": "options.pageSize",
    },
  );
  const maxPages = checkMaxPages(given.maxPages);
  const signal = checkSignal(given.signal);
  const where = `GET ${STUDY_SUBMISSIONS.replace("{id}", encodeURIComponent(studyId))}`;

  const readPage = async (index: number): Promise<Page<SubmissionShort>> => {
    const params = {
      path: { id: studyId },
      query: { limit: limit as number, offset: index * (limit as number) },
    };
    const { body } = await readOnce(
      (init) => client.GET(STUDY_SUBMISSIONS, { params, ...init }),
      where,
      secretsOf(client),
      signal,
      isSubmissionList,
    );
    const next = body._links?.next?.href;
    const last = next === null || body.results.length < (limit as number);
    return { items: body.results, total: body.meta?.count, last };
  };
  return { [Symbol.asyncIterator]: () => eachItemOnce(readPage, where, maxPages) };
}

function checkId(id: unknown, name: string): asserts id is string {
  if (typeof id !== "string" || id.trim() === "" || id.length > MAX_ID_LENGTH) {
    throw new InvalidInputError(
      name,
      `must be a non-empty string of at most ${MAX_ID_LENGTH} characters`,
    );
  }
  // The client refuses them too; said here at once, before the first page is asked for.
  if (id === "." || id === "..") throw new InvalidInputError(name, "cannot be a dot segment");
}

function isSubmission(body: unknown): body is Submission {
  return typeof (body as Partial<Submission> | null)?.id === "string";
}

function isSubmissionList(body: unknown): body is {
  results: SubmissionShort[];
  meta?: { count?: number };
  _links?: { next?: { href?: string | null } };
} {
  // Every submission needs its id: the loop lists each id once, and getSubmission takes them.
  const results = (body as { results?: unknown } | null)?.results;
  return Array.isArray(results) && results.every((r) => typeof r?.id === "string" && r.id !== "");
}
