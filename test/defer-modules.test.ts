// The stand-ins that let the mocks defer libraries Prism requires but static mocks never
// call (src/mock/defer-modules.ts): nothing loads until used, then every use reaches the
// real library, as if it had been loaded up front. Fake libraries count their loads.
import { describe, expect, it } from "vitest";
import { callable, jsonSchemaFaker, plain } from "../src/mock/defer-modules.js";

function lazy<T extends object>(make: () => T) {
  const counter = { loads: 0 };
  const load = () => {
    counter.loads++;
    return make() as Record<PropertyKey, unknown>;
  };
  let real: Record<PropertyKey, unknown> | undefined;
  return { counter, load: () => (real ??= load()) };
}

describe("a callable stand-in (node-fetch, the proxy agents, lodash/fp)", () => {
  it("loads nothing until used; calls, new, reads and writes reach the real export", () => {
    class Agent {
      constructor(readonly url: string) {}
    }
    function createAgent(url: string) {
      return new Agent(url);
    }
    createAgent.Agent = Agent;
    const { counter, load } = lazy(() => createAgent);
    const standIn = callable(load) as typeof createAgent;
    expect(counter.loads).toBe(0);
    expect(typeof standIn).toBe("function");
    expect(standIn("http://a").url).toBe("http://a");
    // `new createHttpProxyAgent(url)` works on the real one (it returns an object).
    expect(new (standIn as any)("http://b")).toBeInstanceOf(Agent);
    expect(standIn.Agent).toBe(Agent);
    (standIn as any).extra = 1;
    expect((createAgent as any).extra).toBe(1);
    expect(Object.keys(standIn)).toEqual(Object.keys(createAgent));
    expect(counter.loads).toBe(1);
  });
});

describe("an object stand-in (@stoplight/json)", () => {
  it("is an object that loads nothing until a property is read, then reads the real one", () => {
    const { counter, load } = lazy(() => ({ pointerToPath: (p: string) => p.split("/") }));
    const standIn = plain(load) as { pointerToPath: (p: string) => string[] };
    expect(typeof standIn).toBe("object");
    expect(counter.loads).toBe(0);
    expect(standIn.pointerToPath("#/a")).toEqual(["#", "a"]);
    expect("pointerToPath" in standIn).toBe(true);
    expect(counter.loads).toBe(1);
  });
});

describe("json-schema-faker's stand-in", () => {
  function fakeJsf() {
    const calls: unknown[][] = [];
    const jsf = {
      extend: (...args: unknown[]): object => {
        calls.push(["extend", ...args]);
        return jsf;
      },
      option: (...args: unknown[]) => {
        calls.push(["option", ...args]);
        return args.length === 1 ? `value of ${args[0]}` : undefined;
      },
      generate: (schema: unknown) => ({ generated: schema, after: [...calls] }),
    };
    return { calls, exports: { ...jsf, JSONSchemaFaker: jsf } };
  }

  it("notes extend and option while not loaded, and makes them in order on the real one", () => {
    const fake = fakeJsf();
    const { counter, load } = lazy(() => fake.exports);
    const standIn = jsonSchemaFaker(load) as any;
    const jsf = standIn.JSONSchemaFaker;
    const faker = () => "faker";
    expect(jsf.extend("faker", faker)).toBe(standIn);
    jsf.option({ alwaysFakeOptionals: true });
    expect(counter.loads).toBe(0);
    const answer = jsf.generate({ type: "string" });
    expect(counter.loads).toBe(1);
    expect(answer.after).toEqual([
      ["extend", "faker", faker],
      ["option", { alwaysFakeOptionals: true }],
    ]);
    // Loaded: calls go straight to the real one, and are not made twice.
    jsf.option("random", 42);
    expect(fake.calls).toEqual([...answer.after, ["option", "random", 42]]);
  });

  it("reading an option loads the real one first, so the answer is the real value", () => {
    const fake = fakeJsf();
    const { counter, load } = lazy(() => fake.exports);
    const jsf = (jsonSchemaFaker(load) as any).JSONSchemaFaker;
    jsf.option("minItems", 0);
    expect(jsf.option("minItems")).toBe("value of minItems");
    expect(counter.loads).toBe(1);
    expect(fake.calls).toEqual([
      ["option", "minItems", 0],
      ["option", "minItems"],
    ]);
  });
});
