// Runs every row of README.md's scenario table as written (the curl line, pointed at
// the running stateful mocks) and checks the status and the named example that come back; and
// checks that the table covers every documented status and named example of the specs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mocks, prolificSpec, rewardsSpec } from "./helpers.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const table = readme.slice(
  readme.indexOf("<!-- scenarios:start -->"),
  readme.indexOf("<!-- scenarios:end -->"),
);
const ROW = /^\| (.+?) \| (\d{3}) \| `([^`]+)` \| `curl (.+)` \|$/;
const rows = table
  .split("\n")
  .map((line) => ROW.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map(([, scenario, status, example, curl]) => ({
    scenario: scenario!,
    status: Number(status),
    example: example!,
    curl: curl!,
  }));

/** The few curl flags the table uses: -s, -X, -H, -d; single-quoted arguments. */
function parseCurl(line: string) {
  const args = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");
  const request = {
    method: "GET",
    url: "",
    headers: {} as Record<string, string>,
    body: undefined as string | undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "-s") continue;
    if (arg === "-X") request.method = args[++i]!;
    else if (arg === "-H") {
      const [name, ...value] = args[++i]!.split(":");
      request.headers[name!.trim()] = value.join(":").trim();
    } else if (arg === "-d") request.body = args[++i];
    else request.url = arg;
  }
  return request;
}

const withoutQuery = (url: string) => url.split("?")[0]!;

type Spec = Record<string, any>;
const specs: Array<[Spec, string]> = [
  [prolificSpec, "http://127.0.0.1:4010"],
  [rewardsSpec, "http://127.0.0.1:4011"],
];

/** Every named response example: operation, status, name, value, and its README URL. */
const documented = specs.flatMap(([spec, host]) =>
  Object.entries<any>(spec.paths).flatMap(([path, item]) =>
    Object.values<any>(item).flatMap((operation) =>
      Object.entries<any>(operation.responses).flatMap(([status, response]) => {
        const resolved = response.$ref
          ? spec.components.responses[response.$ref.split("/").pop()]
          : response;
        return Object.entries<any>(resolved.content["application/json"].examples).map(
          ([name, example]) => ({
            pathPattern: new RegExp(`^${host}${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
            status: Number(status),
            name,
            value: example.value,
          }),
        );
      }),
    ),
  ),
);

describe(`README scenarios (${rows.length})`, () => {
  it("cover every documented status and named example of both specs", () => {
    expect(rows.length).toBeGreaterThanOrEqual(documented.length);
    for (const d of documented) {
      const covered = rows.some(
        (r) =>
          r.status === d.status &&
          r.example === d.name &&
          d.pathPattern.test(withoutQuery(parseCurl(r.curl).url)),
      );
      expect(covered, `${d.pathPattern} ${d.status} ${d.name}`).toBe(true);
    }
  });

  it.each(rows)("$scenario → $status $example", async ({ curl, status, example }) => {
    const request = parseCurl(curl);
    const match = documented.find(
      (d) =>
        d.pathPattern.test(withoutQuery(request.url)) && d.status === status && d.name === example,
    );
    expect(match, "the row names a documented example").toBeDefined();
    const { urls } = mocks();
    const url = request.url
      .replace("http://127.0.0.1:4010", urls.prolific)
      .replace("http://127.0.0.1:4011", urls.rewards);
    const response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    expect(response.status).toBe(status);
    // A created resource (201) has its own new id; everything else is the example's.
    const expected =
      status === 201 ? { ...(match!.value as object), id: expect.any(String) } : match!.value;
    expect(await response.json()).toEqual(expected);
  });
});
