// The mocks read each spec's operations from generated/<api>.operations.json (written by
// `npm run generate` with Prism's own reader), which spares them the spec parsers at
// start-up. The file holds exactly what Prism reads from the spec today, and a spec
// edited since, or another Prism version, is read from the spec instead: never stale.
// Only a file that says its schemas were checked against the draft-07 meta-schema spares
// Prism's Ajv that check (src/mock/meta-schema-check.ts).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { afterAll, describe, expect, it } from "vitest";
import { APIS, specFile } from "../src/mock/index.js";
import { loadPrism } from "../src/mock/load-prism.js";
import { loadOperations } from "../src/mock/operations.js";

const root = new URL("..", import.meta.url).pathname;
const generatedFile = (api: string) => join(root, "generated", `${api}.operations.json`);
const prism = loadPrism();
const dir = mkdtempSync(join(tmpdir(), "payouts-operations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generated operations", () => {
  it.each(APIS)(
    "%s: the generated file is what Prism reads from the spec, and is used",
    async (api) => {
      const loaded = await loadOperations(
        { specFile: specFile(api), generatedFile: generatedFile(api) },
        prism,
      );
      expect(loaded.source).toBe("generated");
      expect(loaded.schemasChecked).toBe(true);
      expect(loaded.operations).toEqual(await getHttpOperationsFromSpec(specFile(api)));
      expect(loaded.operations.length).toBeGreaterThan(2);
    },
  );

  it("a spec edited since generation is read from the spec, edit included", async () => {
    const edited = join(dir, "rewards.openapi.yaml");
    const spec = readFileSync(specFile("rewards"), "utf8");
    expect(spec).toContain("      summary: Mark as paid/pending\n");
    writeFileSync(edited, spec.replace("summary: Mark as paid/pending", "summary: Edited"));
    const loaded = await loadOperations(
      { specFile: edited, generatedFile: generatedFile("rewards") },
      prism,
    );
    expect(loaded.source).toBe("spec");
    expect(loaded.schemasChecked).toBe(false);
    const op = loaded.operations.find((o) => o.iid === "bulk-update-reward-state");
    expect(op?.summary).toBe("Edited");
  });

  it("a file generated with another Prism version, or none at all: the spec is read", async () => {
    const spec = join(dir, "prolific.openapi.yaml");
    copyFileSync(specFile("prolific"), spec);
    const other = join(dir, "prolific.operations.json");
    const generated = JSON.parse(readFileSync(generatedFile("prolific"), "utf8"));
    writeFileSync(other, JSON.stringify({ ...generated, prismHttp: "0.0.1" }));
    const expected = await getHttpOperationsFromSpec(spec);
    for (const file of [other, join(dir, "missing.json"), undefined]) {
      const loaded = await loadOperations({ specFile: spec, generatedFile: file }, prism);
      expect(loaded.source).toBe("spec");
      expect(loaded.operations).toEqual(expected);
    }
    // The same file with the version put back is used: only the version differed.
    writeFileSync(other, JSON.stringify(generated));
    const used = await loadOperations({ specFile: spec, generatedFile: other }, prism);
    expect(used.source).toBe("generated");
  });

  it("a file that does not say its schemas were checked is used, as unchecked", async () => {
    const spec = join(dir, "prolific.openapi.yaml");
    copyFileSync(specFile("prolific"), spec);
    const generated = JSON.parse(readFileSync(generatedFile("prolific"), "utf8"));
    expect(generated.schemasValidAgainst).toBe("http://json-schema.org/draft-07/schema#");
    const older = join(dir, "older.operations.json");
    for (const schemasValidAgainst of [undefined, "https://json-schema.org/draft/2020-12/schema"]) {
      writeFileSync(older, JSON.stringify({ ...generated, schemasValidAgainst }));
      const loaded = await loadOperations({ specFile: spec, generatedFile: older }, prism);
      expect(loaded.source).toBe("generated");
      expect(loaded.schemasChecked).toBe(false);
    }
  });
});
