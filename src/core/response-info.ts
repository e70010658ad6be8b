/** One request or response violation that Prism reported in its `sl-violations` header. */
export interface PrismViolation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** Prism's violations for this response, or [] when it reported none (or isn't Prism). */
export function prismViolations(response: Response): PrismViolation[] {
  const header = response.headers.get("sl-violations");
  // Stryker disable next-line ConditionalExpression: JSON.parse of null is not a list, and of "" throws: both answer [] below
  if (!header) return [];
  try {
    const parsed: unknown = JSON.parse(header);
    return Array.isArray(parsed) ? (parsed as PrismViolation[]) : [];
  } catch {
    return [];
  }
}

/** DRVN's paging headers as numbers (`undefined` when absent or not a whole number). */
export function pagination(response: Response): { perPage?: number; total?: number } {
  return { perPage: wholeNumber(response, "per-page"), total: wholeNumber(response, "total") };
}

function wholeNumber(response: Response, header: string): number | undefined {
  const value = response.headers.get(header)?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Whether a `Link` header (RFC 8288) points to a next page. */
export function hasNextPage(response: Response): boolean {
  const link = response.headers.get("link");
  // Stryker disable next-line ConditionalExpression: the pattern refuses null too (tested as the text "null")
  return link !== null && /;\s*rel\s*=\s*"?(?:[^",;]*\s)?next(?:[\s"]|;|,|$)/i.test(link);
}

/** `Retry-After` as milliseconds from `now` (delta-seconds or an HTTP-date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
