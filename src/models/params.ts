import * as v from "valibot";

// Pieces of params used by several resources.

/** A string a request may not leave empty: a name, a code, a processor's id. */
export const NonEmptyParamSchema = /* @__PURE__ */ v.pipe(v.string(), v.minLength(1, "must not be empty"));

/** A count a request gives as a whole number above zero. */
export const PositiveCountParamSchema = /* @__PURE__ */ v.pipe(v.number(), v.safeInteger(), v.minValue(1));
