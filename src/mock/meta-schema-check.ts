// Prism's validator makes its Ajv instances as it loads (validators/utils.js) and Ajv,
// before compiling a schema for the first time, checks it against its meta-schema, which
// it compiles first: the draft-07 meta-schema, once in each of the two instances the
// mocks use (coercing and not), most of the first answers' Ajv time. A schema that passes
// compiles and validates the same with or without that check. The shipped specs' schemas
// are checked against the meta-schema by `npm run generate`
// (scripts/generate-mock-operations.mjs), so while every spec this process serves came
// from a file so checked, Prism's draft-07 instances skip it; a spec read at start-up
// (edited since) turns it back on for good.
import { createRequire } from "node:module";

type Require = ReturnType<typeof createRequire>;
interface AjvInstance {
  opts: { validateSchema?: boolean | "log" };
  schemas: Record<string, { validate?: unknown } | undefined>;
}
type AjvClass = { prototype: { addFormat: (...args: unknown[]) => unknown } };

/** Where Ajv keeps the draft-07 meta-schema (ajv/dist/ajv.js). */
const DRAFT_07 = "http://json-schema.org/draft-07/schema";

export interface MetaSchemaCheck {
  /** Prism's draft-07 Ajv instances found as Prism made them (none if it was loaded before). */
  readonly instances: number;
  /** Whether the spec an engine serves had its schemas checked when its operations were generated. */
  served(checkedAtGenerate: boolean): void;
  /** Whether Prism's draft-07 instances check schemas against the meta-schema now. */
  readonly checking: boolean;
  /** How many of them have compiled the meta-schema (to check a schema with it). */
  readonly compiledMetaSchemas: number;
}

/**
 * Runs `load`, which must first require Prism's validator, noting the Ajv instances it makes
 * (Prism calls `addFormat` on each; the method is wrapped only while `load` runs).
 */
export function findPrismAjv<T>(prism: Require, load: () => T): [T, MetaSchemaCheck] {
  const found = new Set<AjvInstance>();
  let draft07: AjvClass | undefined;
  let core: AjvClass | undefined;
  try {
    const ajv = createRequire(prism.resolve("./validator/validators/utils.js"));
    draft07 = ajv("ajv").default as AjvClass;
    core = ajv("ajv/dist/core").default as AjvClass;
  } catch {
    // not installed as Prism 5.12 installs it: its instances are left alone
  }
  const addFormat = core?.prototype.addFormat;
  if (core && addFormat)
    core.prototype.addFormat = function (this: AjvInstance, ...args: unknown[]) {
      found.add(this);
      return addFormat.apply(this, args);
    };
  let loaded: T;
  try {
    loaded = load();
  } finally {
    if (core && addFormat) core.prototype.addFormat = addFormat;
  }
  const instances = [...found].filter(
    (ajv) => draft07 && ajv instanceof (draft07 as unknown as new () => object),
  );
  let trusted: boolean | undefined;
  const check: MetaSchemaCheck = {
    instances: instances.length,
    served(checkedAtGenerate) {
      // Once a spec is served unchecked, every instance checks again, for good.
      trusted = trusted !== false && checkedAtGenerate;
      for (const ajv of instances) ajv.opts.validateSchema = !trusted;
    },
    get checking() {
      return instances.length === 0 || instances.some((ajv) => ajv.opts.validateSchema !== false);
    },
    get compiledMetaSchemas() {
      return instances.filter((ajv) => ajv.schemas[DRAFT_07]?.validate !== undefined).length;
    },
  };
  return [loaded, check];
}
