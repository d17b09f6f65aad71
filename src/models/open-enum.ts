import { openEnum } from "../lib/wire.js";

/**
 * A response enum typed by a value list that is given as a type:
 * `openEnumOf<typeof TIER_BEHAVIORS>()`. `openEnum` accepts any string and
 * reads its list only for the type, so passing the list's type alone keeps
 * the list itself out of every bundle that reads the field but never sends it.
 */
// @__NO_SIDE_EFFECTS__
export function openEnumOf<const TValues extends readonly string[]>() {
  return openEnum([] as unknown as TValues);
}
