import * as v from "valibot";
import type { WireObject } from "../lib/wire.js";

/**
 * Checks on the wire object that span fields, for params whose fields the
 * server checks together. Each runs after the object's own checks passed.
 */

/** Reports a rule that spans fields at `key`, so the issue reads like a field's own. */
// @__NO_SIDE_EFFECTS__
export function rule(key: string, message: string, broken: (wire: WireObject) => boolean) {
  return v.rawCheck<WireObject>(({ dataset, addIssue }) => {
    if (dataset.typed && broken(dataset.value)) {
      addIssue({ message, path: [{ type: "object", origin: "value", input: dataset.value, key, value: dataset.value[key] }] });
    }
  });
}

/** A list the server refuses repeats in: each item, or what `key` picks of it, must be unique. */
// @__NO_SIDE_EFFECTS__
export function distinct<TItem>(message: string, key: (item: TItem) => unknown = (item) => item) {
  return v.check((items: TItem[]) => new Set(items.map(key)).size === items.length, message);
}
