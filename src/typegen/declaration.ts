/**
 * The declaration file `autumn-types` writes: the catalog's ids registered
 * with the SDK as `{ features, plans }` data, the shape `Register` reads. The
 * same catalog always gives the same text (ids sorted, no date, no server),
 * so `--check` compares texts.
 */

/** A catalog's feature and plan ids. */
export interface CatalogIds {
  readonly features: readonly string[];
  readonly plans: readonly string[];
}

/** The declaration file for these ids. */
export function renderDeclaration(ids: CatalogIds): string {
  return `// The feature and plan ids of your Autumn catalog, for the types of @useautumn/sdk.
// Written by autumn-types: run it again when the catalog changes (autumn-types --check tells).
import type {} from "@useautumn/sdk";

declare module "@useautumn/sdk" {
  interface Register {
    catalog: {
      features: ${entries(ids.features)};
      plans: ${entries(ids.plans)};
    };
  }
}
`;
}

function entries(ids: readonly string[]): string {
  if (ids.length === 0) return "[]";
  // JSON's string syntax is TypeScript's, escapes included.
  return `[\n${[...ids].sort().map((id) => `        { id: ${JSON.stringify(id)} },\n`).join("")}      ]`;
}

/** The ids a file written by `renderDeclaration` holds, or undefined for a file of another shape. */
export function readDeclaration(text: string): CatalogIds | undefined {
  const list = (name: string) => {
    const body = new RegExp(`\\n {6}${name}: \\[([^\\]]*)\\];\\n`).exec(text)?.[1];
    return body === undefined ? undefined : [...body.matchAll(/\{ id: ("(?:[^"\\]|\\.)*") \}/g)].map((match) => JSON.parse(match[1]!) as string);
  };
  const features = list("features");
  const plans = list("plans");
  return features && plans ? { features, plans } : undefined;
}

/** What changed from `before` to `after`, as "feature images added, plan legacy removed". */
export function describeChanges(before: CatalogIds, after: CatalogIds): string {
  const changes = (noun: string, was: readonly string[], now: readonly string[]) => [
    ...now.filter((id) => !was.includes(id)).map((id) => `${noun} ${id} added`),
    ...was.filter((id) => !now.includes(id)).map((id) => `${noun} ${id} removed`),
  ];
  return [...changes("feature", before.features, after.features), ...changes("plan", before.plans, after.plans)].join(", ");
}
