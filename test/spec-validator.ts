// Test helper: validates a value against a schema of one of our specs, with draft-07
// rules (what Prism applies to OpenAPI 3.1 schemas that declare no $schema).
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export type SpecName = "prolific" | "rewards";

export const specPath = (name: SpecName): string =>
  new URL(`../specs/${name}.openapi.yaml`, import.meta.url).pathname;

export function loadSpec(name: SpecName): Record<string, any> {
  return parse(readFileSync(specPath(name), "utf8"));
}

/** Returns a validator for the schema at `pointer` (a JSON pointer into the spec). */
export function specSchema(name: SpecName, pointer: string): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(loadSpec(name), name);
  const validate = ajv.getSchema(`${name}#${pointer}`);
  if (!validate) throw new Error(`no schema at ${name}#${pointer}`);
  return validate;
}

export const componentSchema = (name: SpecName, schema: string): ValidateFunction =>
  specSchema(name, `/components/schemas/${schema}`);
