// The operations of a spec as Prism's engine reads them. Usually from the file that
// `npm run generate` wrote with Prism's own reader (scripts/generate-mock-operations.mjs),
// which spares the mocks the spec parsers' load time and the parse. A spec edited since
// (its SHA-256 differs), another Prism version, or no such file: Prism reads the spec now.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { IHttpOperation } from "@stoplight/types";
import type { Prism } from "./load-prism.js";

/** What generated/<api>.operations.json holds. */
export interface GeneratedOperations {
  prismHttp: string;
  specSha256: string;
  /** The meta-schema every schema of the operations was checked against, if any. */
  schemasValidAgainst?: string;
  operations: IHttpOperation[];
}

/** The meta-schema scripts/generate-mock-operations.mjs checks the schemas against. */
export const CHECKED_AGAINST = "http://json-schema.org/draft-07/schema#";

/** The operations, and where they came from: the generated file, or the spec just read. */
export async function loadOperations(
  spec: { specFile: string; generatedFile?: string },
  prism: Pick<Prism, "version" | "readSpec">,
): Promise<{
  operations: IHttpOperation[];
  source: "generated" | "spec";
  schemasChecked: boolean;
}> {
  if (spec.generatedFile) {
    const [text, generated] = await Promise.all([
      readFile(spec.specFile),
      readFile(spec.generatedFile, "utf8").catch(() => undefined),
    ]);
    if (generated !== undefined) {
      const { prismHttp, specSha256, schemasValidAgainst, operations } = JSON.parse(
        generated,
      ) as GeneratedOperations;
      const sha256 = createHash("sha256").update(text).digest("hex");
      if (specSha256 === sha256 && prismHttp === prism.version)
        return {
          operations,
          source: "generated",
          schemasChecked: schemasValidAgainst === CHECKED_AGAINST,
        };
    }
  }
  return {
    operations: await prism.readSpec()(spec.specFile),
    source: "spec",
    schemasChecked: false,
  };
}
