import { InvalidInputError } from "./errors/invalid-input-error.js";
import { PagingError } from "./errors/paging-error.js";
import { isWholeIn } from "./input.js";

/** Pages a paged helper reads at most, unless told otherwise. */
export const DEFAULT_MAX_PAGES = 1000;

/** The `maxPages` option: a whole number of pages, at least 1 (default 1000). */
export function checkMaxPages(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_PAGES;
  if (!isWholeIn(value, 1, Number.POSITIVE_INFINITY)) {
    throw new InvalidInputError("options.maxPages", "must be a whole number of pages, at least 1");
  }
  return value;
}

/** One page as a paged helper read it. */
export interface Page<T> {
  items: T[];
  /** How many items the whole list holds, when the server says. */
  total?: number;
  /** True when the server says this is the last page. */
  last: boolean;
}

/**
 * Yields every item of a paged list once (by `id`), asking `readPage` for page 0, 1, …
 * It stops at the server's last page, or once `total` items were yielded. It never
 * loops forever: a page holding only items already yielded (the server ignores paging),
 * an empty page before `total`, or more than `maxPages` pages end it with a PagingError.
 */
export async function* eachItemOnce<T extends { id: unknown }>(
  readPage: (index: number) => Promise<Page<T>>,
  where: string,
  maxPages: number,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<unknown>();
  for (let index = 0; ; index++) {
    const number = index + 1;
    if (index >= maxPages) {
      throw new PagingError(
        `${where}: stopped after ${maxPages} pages (maxPages)`,
        number,
        seen.size,
      );
    }
    const page = await readPage(index);
    const fresh = page.items.filter((item) => !seen.has(item.id));
    if (page.items.length > 0 && fresh.length === 0) {
      throw new PagingError(
        `${where}: page ${number} repeats items already listed; the server seems to ignore paging`,
        number,
        seen.size,
      );
    }
    for (const item of fresh) {
      if (seen.has(item.id)) continue; // repeated within the page itself
      seen.add(item.id);
      yield item;
    }
    // Stryker disable next-line ConditionalExpression: n >= undefined is false, as the check it stands for
    if (page.total !== undefined && seen.size >= page.total) return;
    if (page.last) return;
    if (page.items.length === 0) {
      if (page.total === undefined) return;
      throw new PagingError(
        `${where}: page ${number} is empty but the server counts ${page.total} items and ${seen.size} were listed`,
        number,
        seen.size,
      );
    }
  }
}
