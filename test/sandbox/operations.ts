import { readFileSync } from "node:fs";
import type * as v from "valibot";
import type { AutumnCore } from "../../src/core.js";
import type { RequestOptions } from "../../src/lib/config.js";
import type { Result } from "../../src/lib/result.js";
import * as models from "../../src/models/index.js";

/** An SDK operation as the contract tests drive it: its function and the schema its descriptor parses with. */
export interface SdkOperation {
  /** The exported function, e.g. `customersGetOrCreate`. */
  readonly name: string;
  readonly call: (core: AutumnCore, params: unknown, options?: RequestOptions) => Promise<Result<unknown>>;
  /** The export name of the response schema, as the descriptor spells it. */
  readonly schemaName: string;
  readonly schema: v.GenericSchema;
}

/**
 * The SDK operation serving `route` (`customers.get_or_create` lives in
 * src/funcs/customers-get-or-create.ts). The response schema is read from the
 * descriptor's `response:` line rather than named by the test, so the test
 * cannot check an answer against a different schema than the SDK parses with.
 */
export async function sdkOperation(route: string): Promise<SdkOperation> {
  const file = route.replace(/[._]/g, "-");
  const source = readFileSync(new URL(`../../src/funcs/${file}.ts`, import.meta.url), "utf8");
  const schemaName = /\bresponse:\s*(\w+)/.exec(source)?.[1];
  const name = /export function (\w+)\(/.exec(source)?.[1];
  if (!schemaName || !name) throw new Error(`src/funcs/${file}.ts has no descriptor with a response schema`);
  const schema = (models as Record<string, unknown>)[schemaName] as v.GenericSchema | undefined;
  if (!schema) throw new Error(`${schemaName} (named by src/funcs/${file}.ts) is not exported from src/models`);
  const module = (await import(/* @vite-ignore */ new URL(`../../src/funcs/${file}.ts`, import.meta.url).href)) as Record<string, SdkOperation["call"]>;
  return { name, call: module[name]!, schemaName, schema };
}
