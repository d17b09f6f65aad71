/**
 * The typed catalog: the app's feature and plan ids, known to the compiler.
 *
 * Everything here is a type. An app registers its catalog once by augmenting
 * `Register`; `FeatureId` and `PlanId` then become the unions of its ids, and
 * the params and answers of every operation use them (`CatalogParams`,
 * `CatalogAnswer`, applied where each model exports its type). Without a
 * registration each is exactly the type the schema infers, strings included.
 */

/**
 * Where an app registers its catalog, by module augmentation:
 *
 * ```ts
 * declare module "@useautumn/sdk" {
 *   interface Register {
 *     catalog: typeof import("./autumn.config");
 *   }
 * }
 * ```
 *
 * The catalog is an `autumn.config.ts` module (one export per feature and
 * plan, each with an `id`) or `{ features, plans }` data as the sandbox takes
 * it; either way its ids must be literal types (`as const`), or written by
 * the `autumn-types` command.
 */
export interface Register {}

/** The registered catalog's type, or never without one. */
type Registered = Register extends { catalog: infer TCatalog } ? TCatalog : never;

/** Whether an app registered a catalog: the switch that keeps unregistered types exactly as inferred. */
type IsRegistered = [Registered] extends [never] ? false : true;

/** Feature types: an export of an `autumn.config.ts` with one of them is a feature; others with an id and a name are plans. */
type FeatureKind = "boolean" | "metered" | "credit_system" | "ai_credit_system";

/** The id of each catalog entry: its `id` (autumn.config.ts), else the params' name for it in either casing. */
type EntryId<TEntry, TKey extends string> = TEntry extends { readonly id: infer TId extends string }
  ? TId
  : TKey extends TKey
    ? TEntry extends { readonly [K in TKey]: infer TId extends string }
      ? TId
      : never
    : never;

/** The array `TList` of a `{ features, plans }` catalog (or of its default export). */
type Listed<TCatalog, TList extends string> = TCatalog extends { readonly [K in TList]: unknown }
  ? TCatalog[TList]
  : TCatalog extends { readonly default: { readonly [K in TList]: unknown } }
    ? TCatalog["default"][TList]
    : never;

/**
 * The ids of a list of entries. When every entry names its id `id`, as
 * usual, they are read in one indexed access rather than entry by entry,
 * which for a large catalog is most of the cost of reading it.
 */
type ListedIds<TList, TKey extends string> = TList extends readonly { readonly id: string }[]
  ? TList[number]["id"]
  : TList extends readonly (infer TEntry)[]
    ? EntryId<TEntry, TKey>
    : never;

/**
 * A module's exports sorted into feature ids, plan ids and neither, in one
 * pass shared by both: each export costs the compiler about ten
 * instantiations here, the most of anything in reading a catalog. A feature
 * has a feature type; a plan an id and a name and no type (a reward has a
 * type of its own, a referral program no name). A feature whose `type` is a
 * string TypeScript widened (an entry not declared `as const`) has a widened
 * id too.
 */
type Sorted<TEntry> = TEntry extends { readonly id: infer TId extends string; readonly type: FeatureKind }
  ? { feature: TId; plan: never }
  : TEntry extends { readonly type: string }
    ? string extends TEntry["type"]
      ? { feature: string; plan: never }
      : never
    : TEntry extends { readonly id: infer TId extends string; readonly name: string }
      ? { feature: never; plan: TId }
      : never;

/** The ids of a catalog module's features and plans. */
type ModuleIds<TCatalog> = Sorted<TCatalog[keyof TCatalog]>;

/** Whether a catalog type is `{ features, plans }` data (rather than a module of entries). */
type IsData<TCatalog> = TCatalog extends { readonly features: unknown } | { readonly plans: unknown } | { readonly default: { readonly features: unknown } | { readonly plans: unknown } }
  ? true
  : false;

/** The feature ids of a catalog type, as they are. */
type FeatureIdsIn<TCatalog> =
  IsData<TCatalog> extends true ? ListedIds<Listed<TCatalog, "features">, "featureId" | "feature_id"> : ModuleIds<TCatalog>["feature"];

/** The plan ids of a catalog type, as they are. */
type PlanIdsIn<TCatalog> =
  IsData<TCatalog> extends true
    ? ListedIds<Listed<TCatalog, "plans">, "planId" | "plan_id">
    : ModuleIds<TCatalog>["plan"];

/**
 * The ids as a bare union of literals (`& string` makes a new union, without
 * the alias it was made under), so that a compiler error lists them rather
 * than naming an alias. When there are none, or they are typed
 * `string` (entries made by helpers that declare `id: string`, or written
 * without `as const`), a message takes their place: a registration that
 * checks nothing should not look like one that does.
 */
type Checked<TIds, TKind extends string> = [TIds] extends [never]
  ? `the catalog has no ${TKind}s`
  : string extends TIds
    ? `the catalog's ${TKind} ids are typed string, not literals: declare them as const, or write them with autumn-types`
    : TIds & string;

/**
 * The feature ids of a catalog type (`{ features }` data or an
 * `autumn.config.ts` module) as a union of literals, or a message saying why
 * there is none.
 */
export type FeatureIdsOf<TCatalog> = Checked<FeatureIdsIn<TCatalog>, "feature">;

/**
 * The plan ids of a catalog type (`{ plans }` data or an `autumn.config.ts`
 * module) as a union of literals, or a message saying why there is none.
 */
export type PlanIdsOf<TCatalog> = Checked<PlanIdsIn<TCatalog>, "plan">;

/** A feature id of the registered catalog; any string without a registration. */
export type FeatureId = IsRegistered extends true ? FeatureIdsOf<Registered> : string;

/** A plan id of the registered catalog; any string without a registration. */
export type PlanId = IsRegistered extends true ? PlanIdsOf<Registered> : string;

/** Field names whose values are feature ids, wherever they appear. */
type FeatureKey = "featureId" | "featureIds" | "meteredFeatureId" | "entityFeatureId";
/** Field names whose values are plan ids, wherever they appear. */
type PlanKey = "planId" | "planIds" | "licensePlanId" | "parentPlanId" | "removePlanIds" | "autoEnablePlanId" | "basePlanId";
/** Field names of answers whose values are records keyed by feature id. */
type FeatureRecordKey = "balances" | "flags";

/** `TValue` with each string in it (alone, or in an array, which stays as mutable as it was) replaced by `TId`. */
type WithId<TValue, TId> = TValue extends string
  ? TId
  : TValue extends (infer TItem)[]
    ? WithId<TItem, TId>[]
    : TValue extends readonly (infer TItem)[]
      ? readonly WithId<TItem, TId>[]
      : TValue;

/**
 * Params with catalog ids, at any depth. Top-level fields in `TNew` name a new
 * entry and stay strings; the `id` of each object in a `plans` list (the plan
 * filter of `customers.list` and `entities.list`) is a plan id.
 */
type ParamIds<T, TNew = never, TListed = never> = T extends readonly (infer TItem)[]
  ? readonly ParamIds<TItem, never, TListed>[]
  : T extends object
    ? {
        [K in keyof T]: K extends TNew
          ? T[K]
          : K extends FeatureKey
            ? WithId<T[K], FeatureId>
            : K extends PlanKey
              ? WithId<T[K], PlanId>
              : K extends "id"
                ? [TListed] extends [never]
                  ? T[K]
                  : WithId<T[K], TListed>
                : K extends "plans"
                  ? ParamIds<T[K], never, PlanId>
                  : ParamIds<T[K]>;
      }
    : T;

/**
 * An operation's params as the app may pass them: with a registered catalog,
 * every feature id field takes only its feature ids and every plan id field
 * only its plan ids; without one, exactly `T`. `TNew` names top-level fields
 * that name a new entry (`features.create`'s `featureId`), which stay strings.
 */
export type CatalogParams<T, TNew extends string = never> = IsRegistered extends true ? ParamIds<T, TNew> : T;

/** A catalog id in an answer: one of the registered ids, or any other (the server's catalog may be ahead of the code). */
type Known<TId> = TId | (string & {});

/** Answers with catalog ids named, at any depth. */
type AnswerIds<T> = T extends readonly (infer TItem)[]
  ? AnswerIds<TItem>[]
  : T extends object
    ? {
        [K in keyof T]: K extends FeatureKey
          ? WithId<T[K], Known<FeatureId>>
          : K extends PlanKey
            ? WithId<T[K], Known<PlanId>>
            : K extends FeatureRecordKey
              ? ByFeature<T[K]>
              : AnswerIds<T[K]>;
      }
    : T;

/**
 * A record keyed by feature id: the catalog's ids named (each may be absent),
 * any other id still read. A `balances` that is a list (a deduction's) has no
 * string index and is left as it is.
 */
type ByFeature<TRecord> = TRecord extends { [key: string]: infer TValue }
  ? { [K in FeatureId]?: AnswerIds<TValue> } & { [key: string]: AnswerIds<TValue> }
  : TRecord;

/**
 * An answer as the app reads it: with a registered catalog, feature and plan
 * id fields name the catalog's ids (any other string still parses), and
 * `balances` and `flags` are keyed by them; without one, exactly `T`.
 */
export type CatalogAnswer<T> = IsRegistered extends true ? AnswerIds<T> : T;
