import * as v from "valibot";
import { dataRecord, outbound } from "../lib/wire.js";
import { FEATURE_TYPES } from "./shared.js";

// @__NO_SIDE_EFFECTS__
function markup() {
  return v.pipe(v.number(), v.minValue(-100));
}

// @__NO_SIDE_EFFECTS__
function cost() {
  return v.pipe(v.number(), v.minValue(0));
}

/** What kind of feature it is. */
export const FeatureTypeSchema = /* @__PURE__ */ v.picklist(FEATURE_TYPES);

/** Settings shared by `features.create` and `features.update`. */
export const featureSettings = {
  /** For metered features: used up and reset (messages) rather than held (seats). */
  consumable: v.optional(v.boolean()),
  /** How the feature's unit is written in your interface. */
  display: v.optional(outbound({ singular: v.string(), plural: v.string() })),
  /** For credit systems: what one unit of each metered feature costs in credits. */
  creditSchema: v.optional(v.array(outbound({ meteredFeatureId: v.string(), creditCost: v.number() }))),
  /** For AI credit systems: markups and costs keyed by model id. */
  modelMarkups: v.optional(
    v.nullable(
      dataRecord(
        outbound({ markup: v.optional(markup()), inputCost: v.optional(cost()), outputCost: v.optional(cost()) }),
      ),
    ),
  ),
  /** For AI credit systems: the markup in percent when no model or provider markup applies; -100 makes usage free. */
  defaultMarkup: v.optional(markup()),
  /** For AI credit systems: markups in percent keyed by provider (the first segment of a model id). */
  providerMarkups: v.optional(v.nullable(dataRecord(outbound({ markup: markup() })))),
  /** Event names that count toward the feature. */
  eventNames: v.optional(v.array(v.string())),
};
