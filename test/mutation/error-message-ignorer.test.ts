// The Stryker ignore-plugin leaves out the string literals of error messages, and nothing
// else: checked on source shaped like this package's, and against the error classes
// themselves (the argument it leaves out is the one that becomes `message`).
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are source code to parse
import { parse } from "@babel/parser";
import traverse from "@babel/traverse";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs plugin for Stryker, without types
import { errorMessageIgnorer, MESSAGE_ARGUMENT } from "../../mutation/error-message-ignorer.mjs";
import * as api from "../../src/index.js";

/** The string and template literals of `code` that the ignorer leaves out, as source. */
function ignored(code: string): string[] {
  const ast = parse(code, { sourceType: "module", plugins: ["typescript"] });
  const out: string[] = [];
  traverse(ast, {
    enter(path) {
      if (errorMessageIgnorer.shouldIgnore(path)) {
        out.push(code.slice(path.node.start ?? 0, path.node.end ?? 0));
      }
    },
  });
  return out;
}

describe("error-message-text ignorer", () => {
  it("leaves out the message argument of a known error class, not its data arguments", () => {
    expect(ignored(`throw new InvalidInputError("token", "is empty");`)).toEqual(['"is empty"']);
    expect(ignored(`new PagingError("page repeated", 2, 0);`)).toEqual(['"page repeated"']);
    expect(ignored(`new UnexpectedAnswerError("twice", "not-a-status");`)).toEqual(['"twice"']);
    expect(ignored(`new DuplicatePayError("id", "in-flight");`)).toEqual([]);
  });

  it("follows + , ?: branches, ?? fallbacks and ${} into the message", () => {
    expect(ignored(`new Error("a " + x + "b");`)).toEqual(['"a "', '"b"']);
    expect(ignored(`new Error(c ? "yes" : "no");`)).toEqual(['"yes"', '"no"']);
    expect(ignored('new Error(`${w}: ${x ?? "none"}`);')).toEqual(['"none"']);
    expect(ignored(`new Error(x === "k" ? "a" : "b");`)).toEqual(['"a"', '"b"']);
    expect(ignored(`new Error(x && "a");`)).toEqual([]);
  });

  it("leaves out a template only when nothing in it could be mutated", () => {
    expect(ignored("new AbortedError(`${where}: aborted before ${JSON.stringify(id)}`);")).toEqual([
      "`${where}: aborted before ${JSON.stringify(id)}`",
    ]);
    expect(ignored("new TimeoutError(`${a.b.c} after ${String(ms)} ms`, ms);")).toHaveLength(1);
    expect(ignored("new TimeoutError(`after ${a + b} ms`, ms);")).toEqual([]);
    expect(ignored('new TimeoutError(`after ${list.join(", ")}`, ms);')).toEqual([]);
    expect(ignored("new TimeoutError(`after ${a?.b}`, ms);")).toEqual([]);
  });

  it("reads super(…) as the superclass's constructor", () => {
    const code = `class A extends PayoutsError { constructor() { super("text"); } }
class B extends Base { constructor() { super("kept"); } }`;
    expect(ignored(code)).toEqual(['"text"']);
  });

  it("keeps literals anywhere else", () => {
    expect(ignored(`new Set(["a"]); new Foo("b"); f("c"); const d = "d"; throw "e";`)).toEqual([]);
    expect(ignored(`new Error(["x"].join());`)).toEqual([]);
    expect(ignored(`new Error(f("x"));`)).toEqual([]);
  });

  it("names, for each class in its table, the argument that becomes the message", () => {
    const classes = api as unknown as Record<string, new (...args: unknown[]) => Error>;
    const notFound: string[] = [];
    for (const [name, index] of Object.entries(MESSAGE_ARGUMENT as Record<string, number>)) {
      const ErrorClass = classes[name] ?? (globalThis as Record<string, unknown>)[name];
      if (typeof ErrorClass !== "function") {
        notFound.push(name);
        continue;
      }
      // The arguments before the message are data (a field name); those after it, left out.
      const args: unknown[] = Array.from({ length: index }, () => "data");
      const error = new (ErrorClass as new (...args: unknown[]) => Error)(...args, "the message");
      expect(error.message, name).toContain("the message");
    }
    expect(notFound).toEqual(["UsageError"]); // private to src/prolific/ledger-commands.ts
  });
});
