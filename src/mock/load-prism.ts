// Prism's HTTP engine (@stoplight/prism-http), put together as its `createInstance` does
// (router, validators, mocker and forwarder on prism-core's factory) but required by
// path: the package's index also loads Prism's spec readers (OpenAPI 2 and 3, Postman
// collections and, with them, faker's English locale) and prism-core's pino logger,
// which static mocks never use. The specs' operations come from generated/
// (operations.ts); Prism's reader is loaded only when a spec must be read. Libraries
// only other paths use are deferred (defer-modules.ts), lodash's method files are served
// from the lodash Prism loads (share-lodash.ts), Prism's Ajv instances are noted as they
// are made (meta-schema-check.ts) and those for drafts 2019-09 and 2020-12 are made on
// first use (lazy-ajv-drafts.ts).
import { createRequire } from "node:module";
import type { IHttpOperation } from "@stoplight/types";
import { deferUnusedModules } from "./defer-modules.js";
import { deferLaterDrafts } from "./lazy-ajv-drafts.js";
import { findPrismAjv, type MetaSchemaCheck } from "./meta-schema-check.js";
import { shareLodash } from "./share-lodash.js";

export const PRISM_HTTP_VERSION = "5.12.0";

type PrismHttp = typeof import("@stoplight/prism-http");
type Router = typeof import("@stoplight/prism-http/dist/router/index.js");
export type Validator = typeof import("@stoplight/prism-http/dist/validator/index.js");

export interface Prism {
  /** The installed version of @stoplight/prism-http. */
  version: string;
  createInstance: PrismHttp["createInstance"];
  route: Router["default"];
  validator: Validator;
  ProblemJsonError: PrismHttp["ProblemJsonError"];
  /** Whether Prism's Ajv checks schemas against the meta-schema (meta-schema-check.ts). */
  metaSchemaCheck: MetaSchemaCheck;
  /** Prism's own spec reader; its parsers load on the first call. */
  readSpec: () => (specFile: string) => Promise<IHttpOperation[]>;
}

const installHint = (found: string) =>
  `The mocks need Prism's engine, @stoplight/prism-http ${PRISM_HTTP_VERSION} (an optional peer dependency of payouts-api; ${found}). Install it with:\n` +
  `  npm install --save-dev --save-exact @stoplight/prism-http@${PRISM_HTTP_VERSION}`;

let loaded: Prism | undefined;

export function loadPrism(): Prism {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  let prism: NodeJS.Require;
  try {
    prism = createRequire(require.resolve("@stoplight/prism-http"));
  } catch {
    throw new Error(installHint("not found"));
  }
  const { version } = prism("../package.json") as { version: string };
  try {
    deferUnusedModules(prism);
    shareLodash(prism);
    // The order of Prism's index, so its modules' circular requires resolve as there.
    const requireEngine = () => ({
      factory: prism("@stoplight/prism-core/dist/factory.js").factory,
      forward: prism("./forwarder/index.js").default,
      mock: prism("./mocker/index.js").default,
      route: prism("./router/index.js").default as Router["default"],
      validator: prism("./validator/index.js") as Validator,
      ProblemJsonError: (prism("./types.js") as PrismHttp).ProblemJsonError,
    });
    const [engine, metaSchemaCheck] = findPrismAjv(prism, () =>
      deferLaterDrafts(prism, requireEngine),
    );
    const { factory, forward, mock, route, validator, ProblemJsonError } = engine;
    const { validateInput, validateOutput, validateSecurity } = validator;
    const builtIn = { route, validateInput, validateOutput, validateSecurity, mock, forward };
    const createInstance: PrismHttp["createInstance"] = (config, components) =>
      factory(config, { ...builtIn, ...components });
    const readSpec = () => prism("./utils/operations.js").getHttpOperationsFromSpec;
    loaded = {
      version,
      createInstance,
      route,
      validator,
      ProblemJsonError,
      metaSchemaCheck,
      readSpec,
    };
    return loaded;
  } catch (error) {
    throw new Error(installHint(`found ${version}`), { cause: error });
  }
}
