import * as v from "valibot";

/**
 * The single wire <-> SDK casing mechanism.
 *
 * Schemas are written once, with camelCase entry names. `inbound` reads a
 * snake_case JSON object and returns the camelCase value; `outbound` checks a
 * camelCase value and returns the snake_case JSON object. Only object *field
 * names* are renamed: records (`dataRecord`) keep their keys exactly, which is
 * what `balances`, `flags` and `metadata` need, since their keys are data.
 */

/** A JSON object as sent to or received from the API. */
export type WireObject = Record<string, unknown>;
/** A request body: an object, or for batch operations an array of objects. */
export type WireBody = WireObject | readonly WireObject[];

/** The camelCase value an object schema with these entries produces. */
export type ObjectOutput<TEntries extends v.ObjectEntries> = v.InferOutput<v.ObjectSchema<TEntries, undefined>>;
/** The camelCase value an object schema with these entries accepts. */
export type ObjectInput<TEntries extends v.ObjectEntries> = ReadonlyArrays<v.InferInput<v.ObjectSchema<TEntries, undefined>>>;

/**
 * Lets request types take readonly arrays (`as const` literals, frozen
 * config): the SDK never mutates what it is given.
 */
export type ReadonlyArrays<T> = T extends readonly (infer TItem)[]
  ? readonly ReadonlyArrays<TItem>[]
  : T extends Record<string, unknown>
    ? { [K in keyof T]: ReadonlyArrays<T[K]> }
    : T;

/** Converts a camelCase field name to its snake_case wire name. */
export function toWireName(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

type Issue = { path?: unknown[] };
type Dataset = { value: unknown; typed?: boolean; issues?: Issue[] };
type Config = v.Config<v.BaseIssue<unknown>>;
/** Fills `output` from a JSON object, adding issues to `dataset`. */
type Walk = (input: WireObject, output: WireObject, dataset: Dataset, config: Config, schema: object) => void;

/**
 * A valibot schema for a JSON object, written by hand rather than composed
 * from `pipe(object(), transform())`: one walk per object when parsing, and
 * about half the code in a bundle.
 */
// @__NO_SIDE_EFFECTS__
function jsonObject(type: string, props: object, walk: Walk): v.GenericSchema {
  return v._standardSchema({
    kind: "schema",
    type,
    reference: jsonObject,
    expects: "Object",
    async: false,
    ...props,
    "~run"(dataset: Dataset, config: Config) {
      const input = dataset.value as WireObject;
      if (!input || typeof input !== "object") {
        v._addIssue(this as never, "type", dataset as never, config);
        return dataset;
      }
      const output: WireObject = {};
      dataset.typed = true;
      walk(input, output, dataset, config, this);
      dataset.value = output;
      return dataset;
    },
  } as never) as v.GenericSchema;
}

/** Runs one member's schema, files its issues under `key`, and returns its value. */
function member(dataset: Dataset, config: Config, schema: v.GenericSchema, input: WireObject, key: string, origin: "key" | "value", value: unknown): unknown {
  const result = schema["~run"]({ value }, config) as Dataset;
  if (result.issues) {
    const step = { type: "object", origin, input, key, value: input[key] };
    for (const issue of result.issues) (issue.path ??= []).unshift(step);
    (dataset.issues ??= []).push(...result.issues);
  }
  if (!result.typed) dataset.typed = false;
  return result.value;
}

type Leaf = v.GenericSchema & { wrapped?: v.GenericSchema; default?: unknown; pipe?: unknown };

/**
 * For the common leaf schemas (string, number, boolean, unknown, and those
 * wrapped in nullable or optional without a default), a plain check that
 * proves the value passes unchanged. Most fields of a response are leaves, so
 * parsing skips valibot's per-value bookkeeping for them; a value that fails
 * the check still goes through its schema, which reports the issue.
 */
function passesAsIs(schema: Leaf): ((value: unknown) => boolean) | undefined {
  if (schema.pipe) return undefined;
  switch (schema.type) {
    case "string":
    case "boolean":
      return (value) => typeof value === schema.type;
    case "number":
      return (value) => typeof value === "number" && !Number.isNaN(value);
    case "unknown":
      return () => true;
    case "nullable":
    case "optional": {
      const inner = schema.default === undefined ? passesAsIs(schema.wrapped as Leaf) : undefined;
      const empty = schema.type === "nullable" ? null : undefined;
      return inner && ((value) => value === empty || inner(value));
    }
  }
  return undefined;
}

// @__NO_SIDE_EFFECTS__
function wireObject(entries: v.ObjectEntries, inbound: boolean): v.GenericSchema {
  // The field table is made on the first parse, not at import: an app imports many schemas and parses few.
  let fields: (readonly [string, string, v.GenericSchema, ((value: unknown) => boolean) | undefined])[] | undefined;
  // Inbound objects drop unknown fields; outbound ones refuse them.
  return jsonObject(inbound ? "object" : "strict_object", { entries }, (input, output, dataset, config, schema) => {
    fields ??= Object.keys(entries).map((name) => {
      const wire = toWireName(name);
      const field = entries[name]!;
      return inbound ? [wire, name, field, passesAsIs(field)] : [name, wire, field, passesAsIs(field)];
    });
    for (const [from, to, field, quick] of fields) {
      let value = input[from];
      if (!quick?.(value)) value = member(dataset, config, field, input, from, "value", value);
      if (value !== undefined) output[to] = value;
    }
    if (inbound) return;
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(entries, key)) {
        // Older docs and Autumn's wire use snake_case: name the key to write instead.
        const camel = key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
        v._addIssue(schema as never, "key", dataset as never, config, {
          input: key,
          expected: "never",
          ...(camel !== key && Object.hasOwn(entries, camel) ? { message: `unknown field: the SDK takes camelCase, write ${camel}` } : {}),
          path: [{ type: "object", origin: "key", input, key, value: input[key] }],
        });
      }
    }
  });
}

/**
 * A response object schema: accepts the snake_case wire object, tolerates
 * unknown fields (they are dropped), and outputs the camelCase object.
 */
// @__NO_SIDE_EFFECTS__
export function inbound<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
): v.GenericSchema<unknown, ObjectOutput<TEntries>> {
  return wireObject(entries, true) as v.GenericSchema<unknown, ObjectOutput<TEntries>>;
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
  return wireObject(entries, false) as v.GenericSchema<ObjectInput<TEntries>, WireObject>;
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

/**
 * A string-keyed map whose keys are data (feature ids, user keys, metadata)
 * and are never re-cased. Every key is kept, both ways: `constructor` and
 * `prototype` are ordinary keys, and `__proto__` (which assignment would
 * take as a prototype change) is defined as an own data property, as
 * `JSON.parse` makes it, so no body or params can reach a prototype.
 */
// @__NO_SIDE_EFFECTS__
export function dataRecord<TValue extends v.GenericSchema, TKey extends v.GenericSchema<string, string> = v.StringSchema<undefined>>(
  value: TValue,
  key?: TKey,
): v.RecordSchema<TKey, TValue, undefined> {
  return jsonObject("record", { key, value }, (input, output, dataset, config) => {
    for (const name of Object.keys(input)) {
      if (key) member(dataset, config, key, input, name, "key", name);
      const checked = member(dataset, config, value, input, name, "value", input[name]);
      if (name === "__proto__") Object.defineProperty(output, name, { value: checked, enumerable: true, writable: true, configurable: true });
      else output[name] = checked;
    }
  }) as unknown as v.RecordSchema<TKey, TValue, undefined>;
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
