/**
 * Type-check cost of the typed catalog: what tsc spends on an app that calls
 * the SDK with a 200-feature, 50-plan catalog registered, against the same
 * app without the registration (where every id is a plain string, as before
 * the typed catalog), in the same run.
 *
 * The app is generated into node_modules/.cache/bench-type-check/ (inside the
 * package, so `@useautumn/sdk` resolves to dist/): catalog.ts holds the
 * catalog as `as const` data, each plan granting four features; app.ts makes
 * 610 calls that name ids: a check (standalone function) and a track (the
 * `Autumn` class) per feature, an attach with two customised items and a
 * preview per plan, 50 reads of a customer's balances and flags, 50 checks
 * with a customer's token, and a webhook handler. autumn.config.ts holds the
 * same catalog as a module of 250 exports. The registered variants add one
 * registration, of the data or of the module; the app's code is the same.
 *
 * How to read it: each variant is compiled RUNS times by the project's
 * TypeScript with `--extendedDiagnostics`, the variants taking turns.
 * Instantiations and types are counts (the same every run); check time and
 * total time are medians. The ratios are registered ÷ unregistered; the goal
 * is ≤ 1.5 on both instantiations and check time. Last, the message tsc prints for
 * one misspelt feature id, to read at this catalog's size.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fixed, median, type Report, ROOT } from "./lib.js";

const FEATURES = 200;
const PLANS = 50;
const RUNS = 5;
const GOAL_RATIO = 1.5;
const DIR = join(ROOT, "node_modules/.cache/bench-type-check");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

const feature = (index: number) => `feature_${String(index).padStart(3, "0")}`;
const plan = (index: number) => `plan_${String(index).padStart(2, "0")}`;
const featureOfPlan = (index: number, nth: number) => feature((index * 4 + nth) % FEATURES);

function catalogModule(): string {
  const features = Array.from({ length: FEATURES }, (_, index) => `    { id: "${feature(index)}", name: "Feature ${index}", type: "metered", consumable: ${index % 2 === 0} },`);
  const plans = Array.from({ length: PLANS }, (_, index) => {
    const items = [0, 1, 2, 3].map((nth) => `{ featureId: "${featureOfPlan(index, nth)}", included: ${100 * (nth + 1)} }`).join(", ");
    return `    { id: "${plan(index)}", name: "Plan ${index}", group: "main", items: [${items}] },`;
  });
  return `export const catalog = {\n  features: [\n${features.join("\n")}\n  ],\n  plans: [\n${plans.join("\n")}\n  ],\n} as const;\n`;
}

/** The same catalog as an autumn.config.ts: one export per entry, as Autumn's CLI writes it, `as const`. */
function configModule(): string {
  const features = Array.from({ length: FEATURES }, (_, index) => `export const f${index} = { id: "${feature(index)}", name: "Feature ${index}", type: "metered", consumable: ${index % 2 === 0} } as const;`);
  const plans = Array.from({ length: PLANS }, (_, index) => {
    const items = [0, 1, 2, 3].map((nth) => `{ featureId: "${featureOfPlan(index, nth)}", included: ${100 * (nth + 1)} }`).join(", ");
    return `export const p${index} = { id: "${plan(index)}", name: "Plan ${index}", group: "main", items: [${items}] } as const;`;
  });
  return `${[...features, ...plans].join("\n")}\n`;
}

function appModule(): string {
  const lines = [
    `import { Autumn, CustomerCore } from "@useautumn/sdk";`,
    `import { AutumnCore } from "@useautumn/sdk/core";`,
    `import { balancesCheck } from "@useautumn/sdk/funcs/balances-check";`,
    `import type { WebhookEvent } from "@useautumn/sdk";`,
    `declare const autumn: Autumn;`,
    `declare const core: AutumnCore;`,
    `declare const token: CustomerCore;`,
    `const customerId = "user_123";`,
    `export async function usage() {`,
  ];
  for (let index = 0; index < FEATURES; index++) {
    lines.push(`  await balancesCheck(core, { customerId, featureId: "${feature(index)}" });`);
    lines.push(`  await autumn.balances.track({ customerId, featureId: "${feature(index)}", value: 1 });`);
  }
  lines.push(`}`, `export async function billing() {`);
  for (let index = 0; index < PLANS; index++) {
    const items = [0, 1].map((nth) => `{ featureId: "${featureOfPlan(index, nth)}", included: 10 }`).join(", ");
    lines.push(`  await autumn.billing.attach({ customerId, planId: "${plan(index)}", customize: { items: [${items}] } });`);
    lines.push(`  await autumn.billing.previewAttach({ customerId, planId: "${plan(index)}" });`);
  }
  lines.push(`}`, `export async function reads() {`, `  const customer = await autumn.customers.get({ customerId });`, `  let total = 0;`);
  for (let index = 0; index < 50; index++) {
    lines.push(`  total += customer.balances["${feature(index)}"]?.remaining ?? 0;`);
    lines.push(`  if (customer.flags["${feature(index)}"]) total += 1;`);
    lines.push(`  await balancesCheck(token, { featureId: "${feature(index)}" });`);
  }
  lines.push(`  return total;`, `}`);
  lines.push(
    `export function onEvent(event: WebhookEvent): string {`,
    `  if (event.known && event.type === "balances.limit_reached") return event.data.featureId;`,
    `  if (event.known && event.type === "billing.updated") return event.data.planChanges[0]?.subscription?.planId ?? "";`,
    `  return "";`,
    `}`,
  );
  return `${lines.join("\n")}\n`;
}

const register = (catalog: string) => `import type {} from "@useautumn/sdk";
declare module "@useautumn/sdk" {
  interface Register {
    catalog: ${catalog};
  }
}
`;

const TYPO = `import { Autumn } from "@useautumn/sdk";
declare const autumn: Autumn;
export const typo = autumn.balances.check({ customerId: "user_123", featureId: "feature_01" });
`;

function tsconfig(files: string[]): string {
  return JSON.stringify({
    compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022", "DOM"], types: [], strict: true, noEmit: true, skipLibCheck: true },
    files,
  });
}

interface Figures {
  instantiations: number;
  types: number;
  checkSeconds: number;
  totalSeconds: number;
}

function compile(config: string): { output: string; figures: Figures } {
  const child = spawnSync(process.execPath, [TSC, "-p", config, "--extendedDiagnostics"], { cwd: DIR, encoding: "utf8" });
  const output = child.stdout;
  const read = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(output)?.[1] ?? Number.NaN);
  return { output, figures: { instantiations: read("Instantiations"), types: read("Types"), checkSeconds: read("Check time"), totalSeconds: read("Total time") } };
}

export async function runTypeCheck(report: Report): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  writeFileSync(join(DIR, "catalog.ts"), catalogModule());
  writeFileSync(join(DIR, "autumn.config.ts"), configModule());
  writeFileSync(join(DIR, "app.ts"), appModule());
  writeFileSync(join(DIR, "register-data.ts"), register(`typeof import("./catalog").catalog`));
  writeFileSync(join(DIR, "register-module.ts"), register(`typeof import("./autumn.config")`));
  writeFileSync(join(DIR, "typo.ts"), TYPO);
  // Each variant compiles both catalog files, so that they differ only in the registration.
  writeFileSync(join(DIR, "unregistered.json"), tsconfig(["catalog.ts", "autumn.config.ts", "app.ts"]));
  writeFileSync(join(DIR, "data.json"), tsconfig(["catalog.ts", "autumn.config.ts", "register-data.ts", "app.ts"]));
  writeFileSync(join(DIR, "module.json"), tsconfig(["catalog.ts", "autumn.config.ts", "register-module.ts", "app.ts"]));
  writeFileSync(join(DIR, "typo.json"), tsconfig(["catalog.ts", "register-data.ts", "typo.ts"]));

  const variants = ["unregistered", "data", "module"] as const;
  const runs = { unregistered: [] as Figures[], data: [] as Figures[], module: [] as Figures[] };
  for (let round = 0; round < RUNS; round++) {
    for (const variant of variants) {
      const { output, figures } = compile(`${variant}.json`);
      // The app is valid in both variants: any error is a fault of the bench or of the types.
      if (/error TS\d+/.test(output)) throw new Error(`the ${variant} app does not compile:\n${output}`);
      runs[variant].push(figures);
    }
  }
  const summary = (variant: (typeof variants)[number]) => {
    const [first] = runs[variant];
    return {
      instantiations: first!.instantiations,
      types: first!.types,
      check: median(runs[variant].map((figures) => figures.checkSeconds)),
      total: median(runs[variant].map((figures) => figures.totalSeconds)),
    };
  };
  const base = summary("unregistered");
  const ratio = (value: number, of: number) => fixed(value / of, 2);
  const goal = (...ratios: number[]) => (ratios.every((value) => value <= GOAL_RATIO) ? "met" : "missed");
  const row = (label: string, variant: (typeof variants)[number]) => {
    const figures = summary(variant);
    const instantiations = figures.instantiations / base.instantiations;
    const check = figures.check / base.check;
    return [label, figures.instantiations, figures.types, fixed(figures.check, 2), fixed(figures.total, 2), ratio(figures.instantiations, base.instantiations), ratio(figures.check, base.check), variant === "unregistered" ? "" : goal(instantiations, check)];
  };
  report.line(`Type-check cost of an app with a ${FEATURES}-feature, ${PLANS}-plan catalog (tsc --extendedDiagnostics; times: median of ${RUNS} runs)`);
  report.table(
    ["app", "instantiations", "types", "check s", "total s", "× instantiations", "× check", `goal ≤ ${GOAL_RATIO}×`],
    [
      row("unregistered (plain strings, as before)", "unregistered"),
      row("registered: { features, plans } data", "data"),
      row("registered: autumn.config.ts module", "module"),
    ],
  );
  const typo = compile("typo.json").output.split("\n").find((line) => line.includes("error TS"));
  report.line();
  report.line(`A misspelt id with ${FEATURES} features, as tsc prints it:`);
  report.line(typo ?? "(no error: the misspelt id compiled)");
}
