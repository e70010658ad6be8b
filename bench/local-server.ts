// A plain node:http server that answers the three benchmarked calls with fixed bodies,
// so the server's share of each round trip is small and the same for every variant.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), "utf8");

export const SEED_MARK_BODY = JSON.parse(fixture("seed-004-request.json")) as {
  reward: { reward_ids: number[]; state: "paid" | "pending"; passcode: number };
};
const MARK_ANSWER = JSON.stringify(JSON.parse(fixture("seed-004-response.json")));
const PAY_ANSWER = JSON.stringify(
  "Bulk bonus payment with ID 8f14e45f-ceea-4d3a-9f2b-1a2b3c4d5e6f is being processed asynchronously.",
);
const SET_UP_ANSWER = JSON.stringify({
  id: "64a1b2c3d4e5f6a7b8c9d0e1",
  study: "60d5f1a2b3c4d5e6f7a8b9c0",
  amount: 850,
  fees: 283,
  vat: 57,
  total_amount: 1190,
});

export interface LocalServer {
  url: string;
  /** Requests answered, by "METHOD path-prefix". */
  seen: Map<string, number>;
  close(): Promise<void>;
}

export async function startLocalServer(): Promise<LocalServer> {
  const seen = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = req.url ?? "";
      const [status, body, headers] =
        req.method === "PATCH" && url.startsWith("/api/v1/finance/rewards/bulk_update")
          ? [200, MARK_ANSWER, { "per-page": "25", total: "5" }]
          : req.method === "POST" && url.startsWith("/api/v1/bulk-bonus-payments/")
            ? [202, PAY_ANSWER, {}]
            : req.method === "POST" && url.startsWith("/api/v1/submissions/bonus-payments/")
              ? [201, SET_UP_ANSWER, {}]
              : [404, '{"error":"no such route"}', {}];
      const key = `${req.method} ${url.split("/").slice(0, 5).join("/")}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      res.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        ...headers,
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
