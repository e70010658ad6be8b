// Opens the built API reference in headless Chromium (Debian's package, driven by
// playwright-core) and checks that each API's operations, its auth scheme and an
// example are visible; saves a screenshot of each page in test-results/.
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback } from "../listen-on-loopback.js";

const root = new URL("../..", import.meta.url).pathname;
const docs = join(root, "docs");
const shots = join(root, "test-results");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// A static server for docs/ on loopback (file:// would hide problems a host would show).
const server = createServer((req, res) => {
  const name = (req.url ?? "/").split("?")[0] === "/" ? "index.html" : (req.url ?? "").slice(1);
  try {
    const body = readFileSync(join(docs, name.replace(/\.\./g, "")));
    res
      .writeHead(200, {
        "content-type": extname(name) === ".html" ? "text/html" : "application/octet-stream",
      })
      .end(body);
  } catch {
    res.writeHead(404).end();
  }
});
let base = "";
let browser: Browser;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  base = await listenOnLoopback(server);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  server.close();
});

describe("API reference", () => {
  it("the index links both APIs", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await expect(page.getByRole("link", { name: "Prolific bonus payments" }).count()).resolves.toBe(
      1,
    );
    await expect(page.getByRole("link", { name: "DRVN finance rewards" }).count()).resolves.toBe(1);
    await page.close();
  });

  it.each([
    [
      "prolific",
      ["Pay bonuses", "Set up bonus payments"],
      "ProlificToken",
      '"study_id": "60d5f1a2b3c4d5e6f7a8b9c0"',
    ],
    ["rewards", ["Mark as paid/pending"], "BearerJWT", '"passcode": 1234'],
  ])(
    "%s: operations, auth scheme and an example are visible",
    async (api, operations, scheme, example) => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(`${base}/${api}.html`);
      // Redoc 3 folds each tag's operations; open them as a reader would.
      await page.getByText("+ Show").first().click({ timeout: 15_000 });
      // innerText, not textContent: what a reader sees, without hidden nodes.
      const visibleText = () => page.locator("body").innerText();
      await expect.poll(visibleText, { timeout: 15_000 }).toContain(operations[0]);
      const text = await visibleText();
      for (const operation of operations) expect(text).toContain(operation);
      expect(text).toContain(scheme);
      expect(text).toContain(example);
      await page.screenshot({ path: join(shots, `docs-${api}.png`), fullPage: false });
      await page.close();
    },
    30_000,
  );
});
