import * as v from "valibot";
import type { CatalogAnswer } from "../lib/catalog.js";
import { dataRecord, inbound } from "../lib/wire.js";
import { openEnumOf } from "./open-enum.js";
import type { FEATURE_TYPES } from "./shared.js";

/** A feature: something a plan grants and a balance measures. */
export const FeatureSchema = /* @__PURE__ */ inbound({
  /** The feature's id. */
  id: v.string(),
  /** The feature's name. */
  name: v.string(),
  /** What kind of feature it is. */
  type: openEnumOf<typeof FEATURE_TYPES>(),
  /** Whether usage is consumed (messages) rather than held (seats). */
  consumable: v.boolean(),
  /** Event names that count toward this feature. */
  eventNames: v.optional(v.array(v.string())),
  /** For credit systems, what each metered feature costs in credits. */
  creditSchema: v.optional(
    v.array(
      inbound({
        /** The metered feature that draws on the credits. */
        meteredFeatureId: v.string(),
        /** Credits per unit of that feature. */
        creditCost: v.number(),
      }),
    ),
  ),
  /** For AI credit systems, markups and costs keyed by model id. */
  modelMarkups: v.optional(
    v.nullable(
      dataRecord(
        inbound({
          markup: v.optional(v.number()),
          inputCost: v.optional(v.number()),
          outputCost: v.optional(v.number()),
        }),
      ),
    ),
  ),
  /** For AI credit systems, the markup applied when no model markup matches, in percent. */
  defaultMarkup: v.optional(v.number()),
  /** For AI credit systems, markups keyed by provider. */
  providerMarkups: v.optional(v.nullable(dataRecord(inbound({ markup: v.number() })))),
  /** How the feature's unit is written. */
  display: v.optional(
    inbound({
      singular: v.optional(v.nullable(v.string())),
      plural: v.optional(v.nullable(v.string())),
    }),
  ),
  /** Whether the feature is archived. */
  archived: v.boolean(),
});

/** A feature. */
export type Feature = CatalogAnswer<v.InferOutput<typeof FeatureSchema>>;
