// eachItemOnce: a paged list read to its end, each item once, and never forever; the
// pages asked for, and the PagingError (page, yielded) when the server breaks the rules.
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors/invalid-input-error.js";
import { PagingError } from "../../src/core/errors/paging-error.js";
import {
  checkMaxPages,
  DEFAULT_MAX_PAGES,
  eachItemOnce,
  type Page,
} from "../../src/core/paginate.js";

type Item = { id: number };
const items = (...ids: number[]): Item[] => ids.map((id) => ({ id }));

/** Reads `pages` (by index) through eachItemOnce; what it yielded, asked and threw. */
async function read(pages: Array<Page<Item>>, maxPages = 10) {
  const asked: number[] = [];
  const yielded: number[] = [];
  let error: unknown;
  try {
    const readPage = async (index: number) => {
      asked.push(index);
      const page = pages[index];
      if (!page) throw new Error(`page ${index} was not meant to be read`);
      return page;
    };
    for await (const item of eachItemOnce(readPage, "GET /things", maxPages)) yielded.push(item.id);
  } catch (thrown) {
    error = thrown;
  }
  return { asked, yielded, error: error as PagingError | undefined };
}

describe("eachItemOnce: where it stops", () => {
  it("at the page the server calls last", async () => {
    const run = await read([
      { items: items(1, 2), last: false },
      { items: items(3), last: true },
    ]);
    expect(run).toEqual({ asked: [0, 1], yielded: [1, 2, 3], error: undefined });
  });

  it("once `total` items were yielded, without asking for another page", async () => {
    const run = await read([
      { items: items(1, 2), total: 4, last: false },
      { items: items(3, 4), total: 4, last: false },
    ]);
    expect(run).toEqual({ asked: [0, 1], yielded: [1, 2, 3, 4], error: undefined });
  });

  it("at an empty page when the server gives no total", async () => {
    const run = await read([
      { items: items(1), last: false },
      { items: [], last: false },
    ]);
    expect(run).toEqual({ asked: [0, 1], yielded: [1], error: undefined });
  });

  it("an empty list: one page asked", async () => {
    expect(await read([{ items: [], total: 0, last: false }])).toEqual({
      asked: [0],
      yielded: [],
      error: undefined,
    });
  });
});

describe("eachItemOnce: each item once", () => {
  it("an item repeated on a later page or within a page is yielded once", async () => {
    const run = await read([
      { items: items(1, 2, 2), last: false },
      { items: items(2, 3), last: true },
    ]);
    expect(run).toEqual({ asked: [0, 1], yielded: [1, 2, 3], error: undefined });
  });
});

describe("eachItemOnce: never forever", () => {
  it("a page holding only items already listed: the server ignores paging", async () => {
    const run = await read([
      { items: items(1, 2), last: false },
      { items: items(2, 1), last: false },
    ]);
    expect(run.yielded).toEqual([1, 2]);
    expect(run.error).toBeInstanceOf(PagingError);
    expect([run.error?.page, run.error?.yielded]).toEqual([2, 2]);
    expect(run.error?.message).toBe(
      "GET /things: page 2 repeats items already listed; the server seems to ignore paging",
    );
  });

  it("an empty page before the announced total", async () => {
    const run = await read([
      { items: items(1), total: 3, last: false },
      { items: [], total: 3, last: false },
    ]);
    expect(run.yielded).toEqual([1]);
    expect([run.error?.page, run.error?.yielded]).toEqual([2, 1]);
    expect(run.error?.message).toBe(
      "GET /things: page 2 is empty but the server counts 3 items and 1 were listed",
    );
  });

  it("more pages than maxPages: the page past the limit is not asked for", async () => {
    const endless = Array.from({ length: 5 }, (_, i) => ({ items: items(i), last: false }));
    const run = await read(endless, 2);
    expect(run.asked).toEqual([0, 1]);
    expect(run.yielded).toEqual([0, 1]);
    expect([run.error?.page, run.error?.yielded]).toEqual([3, 2]);
    expect(run.error?.message).toBe("GET /things: stopped after 2 pages (maxPages)");
    const one = await read(endless, 1);
    expect([one.asked, one.error?.page]).toEqual([[0], 2]);
  });
});

describe("checkMaxPages", () => {
  it("1000 by default; a whole number of at least 1", () => {
    expect(checkMaxPages(undefined)).toBe(DEFAULT_MAX_PAGES);
    expect(DEFAULT_MAX_PAGES).toBe(1000);
    expect([checkMaxPages(1), checkMaxPages(50)]).toEqual([1, 50]);
    for (const bad of [0, -1, 1.5, "2", null, Number.NaN]) {
      expect(() => checkMaxPages(bad)).toThrow(InvalidInputError);
      try {
        checkMaxPages(bad);
      } catch (error) {
        expect((error as InvalidInputError).field).toBe("options.maxPages");
      }
    }
  });
});
