import * as v from "valibot";
import { toWireName } from "../../src/lib/wire.js";

/** The parts of a valibot schema this walk looks at; which are set depends on the schema's type. */
interface SchemaParts {
  type: string;
  entries?: Record<string, v.GenericSchema>;
  value?: v.GenericSchema;
  item?: v.GenericSchema;
  wrapped?: v.GenericSchema;
  options?: v.GenericSchema[];
}

/**
 * The wire fields of `json` that `schema` does not name, as dotted paths.
 *
 * The SDK's response schemas drop unknown fields on purpose (the real server
 * adds fields without notice), so parsing alone cannot tell that the sandbox
 * invented a field. A field the sandbox sends that the SDK has never heard of
 * is drift: either the sandbox made it up or the SDK is missing it.
 */
export function unknownWireFields(schema: v.GenericSchema, json: unknown, path = "$"): string[] {
  const parts = schema as unknown as SchemaParts;
  switch (parts.type) {
    case "optional":
    case "nullable":
    case "nullish":
      return json === undefined || json === null ? [] : unknownWireFields(parts.wrapped!, json, path);
    case "union": {
      // The first option that accepts the value is the one the SDK would use.
      const chosen = parts.options!.find((option) => v.safeParse(option, json).success);
      return chosen ? unknownWireFields(chosen, json, path) : [];
    }
    case "array":
      return Array.isArray(json) ? json.flatMap((item, index) => unknownWireFields(parts.item!, item, `${path}[${index}]`)) : [];
    case "record":
      return isObject(json) ? Object.entries(json).flatMap(([key, item]) => unknownWireFields(parts.value!, item, `${path}.${key}`)) : [];
    case "object": {
      if (!isObject(json)) return [];
      const known = new Map(Object.entries(parts.entries!).map(([name, field]) => [toWireName(name), field]));
      return Object.entries(json).flatMap(([key, item]) => {
        const field = known.get(key);
        return field ? unknownWireFields(field, item, `${path}.${key}`) : [`${path}.${key}`];
      });
    }
    default:
      return [];
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
