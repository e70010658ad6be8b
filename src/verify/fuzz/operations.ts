// The operations of a spec as Prism's engine reads them, with what generated requests
// need: the JSON body schema, Prism's own data generator for it, our generated validator
// for it, and Prism's request validation.
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { generate } from "@stoplight/prism-http/dist/mocker/generator/JSONSchema.js";
import { validateInput } from "@stoplight/prism-http/dist/validator/index.js";
import type { IHttpOperation } from "@stoplight/types";
import * as prolificValidators from "../../../generated/prolific.validators.js";
import * as rewardsValidators from "../../../generated/rewards.validators.js";
import type { SchemaValidator } from "../../core/validate.js";
import { type ApiName, specFile } from "../../mock/start-mocks.js";

const VALIDATORS: Record<ApiName, Record<string, SchemaValidator>> = {
  prolific: prolificValidators,
  rewards: rewardsValidators,
};

export interface Operation {
  api: ApiName;
  /** The spec's operationId, e.g. "bulk-update-reward-state". */
  id: string;
  method: string;
  /** The path template, e.g. "/api/v1/bulk-bonus-payments/{id}/pay/". */
  path: string;
  prism: IHttpOperation;
  /** The JSON request body, when the operation takes one. */
  body?: {
    /** Prism's generator (json-schema-faker under Prism's options), deterministic per seed. */
    generate(seed: string): unknown;
    /** Our generated (Ajv standalone) validator of the body. */
    validator: SchemaValidator;
  };
}

// Under Prism's options the generator always fills a list to its maxItems (1,000 reward
// ids take ~25 ms to draw); lists drawn from copies capped at these lengths keep each
// draw fast and vary the length. Mutations still reach the real bounds.
const LIST_CAPS = [1, 2, 3, 5, 8, 13];

function capLists(schema: unknown, cap: number): unknown {
  if (Array.isArray(schema)) return schema.map((s) => capLists(s, cap));
  if (schema === null || typeof schema !== "object") return schema;
  const copy = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, capLists(value, cap)]),
  ) as { maxItems?: number; minItems?: number };
  if (copy.maxItems === undefined || copy.maxItems > cap)
    if ("items" in copy || (copy as { type?: unknown }).type === "array")
      copy.maxItems = Math.max(cap, copy.minItems ?? 0);
  return copy;
}

/** Every operation of one spec, in the spec's order. */
export async function loadOperations(api: ApiName): Promise<Operation[]> {
  const operations = await getHttpOperationsFromSpec(specFile(api));
  return operations.map((op) => {
    const content = op.request?.body?.contents?.find((c) => c.mediaType === "application/json");
    const schema = content?.schema;
    const bundle = (op as { __bundled__?: unknown }).__bundled__;
    const id = op.iid ?? op.id;
    const validatorName = `${id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Body`;
    const validator = VALIDATORS[api][validatorName];
    if (schema && !validator) throw new Error(`no generated validator ${validatorName} (${api})`);
    const shortLists = schema ? LIST_CAPS.map((cap) => capLists(schema, cap)) : [];
    return {
      api,
      id,
      method: op.method,
      path: op.path,
      prism: op,
      body:
        schema && validator
          ? {
              validator,
              generate: (seed: string) => {
                const variant = shortLists[Number.parseInt(seed, 10) % shortLists.length];
                const result = generate(op, bundle, variant ?? schema, seed);
                if (result._tag === "Left") throw result.left;
                return result.right;
              },
            }
          : undefined,
    };
  });
}

/**
 * Prism's request validation of a JSON body sent to `operation` (in-process; the same
 * code `prism mock` and `prism proxy` run). Returns its violations, [] when it accepts.
 */
export function prismBodyViolations(
  operation: Operation,
  body: unknown,
): Array<{ path?: string[]; code?: string | number; message: string }> {
  const text = JSON.stringify(body);
  const result = validateInput({
    resource: operation.prism,
    element: {
      method: operation.method as IHttpOperation["method"] as never,
      url: { path: operation.path },
      headers: { "content-type": "application/json", "content-length": String(text.length) },
      body,
    },
  });
  return result._tag === "Left" ? [...result.left] : [];
}
