import * as v from "valibot";

/**
 * The single wire <-> SDK casing mechanism.
 *
 * Schemas are written once, with camelCase entry names. `inbound` reads a
 * snake_case JSON object and returns the camelCase value; `outbound` checks a
 * camelCase value and returns the snake_case JSON object. Only object *field
 * names* are renamed: records (`v.record`) keep their keys exactly, which is
 * what `balances`, `flags` and `metadata` need, since their keys are data.
 */

/** A JSON object as sent to or received from the API. */
export type WireObject = Record<string, unknown>;
/** A request body: an object, or for batch operations an array of objects. */
export type WireBody = WireObject | readonly WireObject[];

/** The camelCase value an object schema with these entries produces. */
export type ObjectOutput<TEntries extends v.ObjectEntries> = v.InferOutput<v.ObjectSchema<TEntries, undefined>>;
/** The camelCase value an object schema with these entries accepts. */
export type ObjectInput<TEntries extends v.ObjectEntries> = v.InferInput<v.ObjectSchema<TEntries, undefined>>;

/** Converts a camelCase field name to its snake_case wire name. */
export function toWireName(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function wireNames(entries: v.ObjectEntries): [wire: string, sdk: string][] {
  return Object.keys(entries).map((name) => [toWireName(name), name]);
}

/**
 * A response object schema: accepts the snake_case wire object, tolerates
 * unknown fields (they are dropped), and outputs the camelCase object.
 */
// @__NO_SIDE_EFFECTS__
export function inbound<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
): v.GenericSchema<unknown, ObjectOutput<TEntries>> {
  const names = wireNames(entries);
  const wireEntries: v.ObjectEntries = {};
  for (const [wire, name] of names) wireEntries[wire] = entries[name]!;
  return v.pipe(
    v.object(wireEntries) as v.GenericSchema<WireObject>,
    v.transform((input: WireObject) => {
      const output: WireObject = {};
      for (const [wire, name] of names) {
        if (wire in input) output[name] = input[wire];
      }
      return output;
    }),
  ) as unknown as v.GenericSchema<unknown, ObjectOutput<TEntries>>;
}

/**
 * A request object schema: accepts the camelCase object, rejects unknown
 * fields (the server silently drops them, so a typo would otherwise go
 * unnoticed), and outputs the snake_case wire object.
 */
// @__NO_SIDE_EFFECTS__
export function outbound<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
): v.GenericSchema<ObjectInput<TEntries>, WireObject> {
  const names = wireNames(entries);
  return v.pipe(
    v.strictObject(entries) as v.GenericSchema<WireObject>,
    v.transform((input: WireObject) => {
      const output: WireObject = {};
      for (const [wire, name] of names) {
        if (input[name] !== undefined) output[wire] = input[name];
      }
      return output;
    }),
  ) as unknown as v.GenericSchema<ObjectInput<TEntries>, WireObject>;
}

/**
 * A string enum in a response. Values the SDK does not know yet are accepted
 * and passed through unchanged, so a server release cannot break parsing; the
 * type keeps the known values for autocompletion.
 */
// @__NO_SIDE_EFFECTS__
export function openEnum<const TValues extends readonly string[]>(
  _values: TValues,
): v.GenericSchema<string, TValues[number] | (string & {})> {
  return v.string() as v.GenericSchema<string, TValues[number] | (string & {})>;
}

/** A string-keyed map whose keys are data (feature ids, user keys) and are never re-cased. */
// @__NO_SIDE_EFFECTS__
export function dataRecord<TValue extends v.GenericSchema>(value: TValue) {
  return v.record(v.string(), value);
}

/**
 * Combines shared entries with an operation's own. A function rather than an
 * object spread because bundlers cannot prove a spread free of side effects
 * and would keep every schema built with one.
 */
// @__NO_SIDE_EFFECTS__
export function withEntries<const TShared extends v.ObjectEntries, const TOwn extends v.ObjectEntries>(
  shared: TShared,
  own: TOwn,
): TShared & TOwn {
  return Object.assign({}, shared, own);
}
