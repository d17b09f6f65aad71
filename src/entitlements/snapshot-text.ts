import * as v from "valibot";
import { dataRecord, toWireName } from "../lib/wire.js";
import { BalanceSchema } from "../models/balance.js";
import { FlagSchema } from "../models/customer.js";
import type { Snapshot } from "./snapshot.js";

/**
 * A snapshot as a shared store keeps it: JSON after a `~`, which JSON
 * cannot start with, so a client that parses JSON-looking answers (Upstash's
 * does by default) hands it back as written. Balances and flags are kept in
 * Autumn's wire form and read back with the SDK's own response schemas, so a
 * store that returns anything else (another version's format, a truncated
 * value, another customer's snapshot) is a miss, never a wrong answer.
 */

const MARK = "~";
const VERSION = 1;

const StoredSnapshotSchema = v.object({
  v: v.literal(VERSION),
  customerId: v.string(),
  entityId: v.optional(v.string()),
  loadedAt: v.number(),
  validUntil: v.nullable(v.number()),
  balances: dataRecord(BalanceSchema),
  flags: dataRecord(FlagSchema),
  features: dataRecord(v.object({ type: v.string(), credits: v.optional(dataRecord(v.number())) })),
  controlled: v.array(v.string()),
  entityScoped: v.array(v.string()),
  entityControlled: v.array(v.string()),
  absent: v.array(v.string()),
  exhausted: v.array(v.string()),
});

/** The text a shared store keeps for a snapshot. */
export function snapshotText(snapshot: Snapshot): string {
  return MARK + JSON.stringify({ ...snapshot, v: VERSION, balances: wire(snapshot.balances), flags: wire(snapshot.flags) });
}

/** The snapshot of `customerId`'s subject `entityId` a stored text holds, or undefined when it holds anything else. */
export function parseSnapshotText(text: unknown, customerId: string, entityId: string | undefined): Snapshot | undefined {
  if (typeof text !== "string" || !text.startsWith(MARK)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text.slice(MARK.length));
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(StoredSnapshotSchema, json);
  if (!parsed.success || parsed.output.customerId !== customerId || parsed.output.entityId !== entityId) return undefined;
  const { v: _version, ...snapshot } = parsed.output;
  return { ...snapshot, entityId: snapshot.entityId } as Snapshot;
}

/** Values back to Autumn's snake_case field names, which the response schemas read. Record keys (feature ids) stay. */
function wire(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) out[key] = snake(value);
  return out;
}

function snake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snake);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[toWireName(key)] = snake(inner);
  return out;
}
