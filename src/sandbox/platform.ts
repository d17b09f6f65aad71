import { randomBytes } from "node:crypto";
import { nonEmpty, require400, SandboxError } from "./errors.js";
import type { RevenuecatLink, Route, SandboxState } from "./state.js";

/**
 * RevenueCat for the organisations a platform manages. The sandbox has no
 * RevenueCat: `platform.link_revenuecat` answers a consent URL and counts the
 * organisation as linked at once, as if the user had consented; syncing and
 * reading keys before that are refused. Every organisation's catalog is the
 * sandbox's, and its project has one test-store app.
 */

const APP = { app_id: "app_sandbox_test_store", app_type: "test_store" };

/** The organisation and environment a request names; `test` and `sandbox` are one environment. */
function target(body: Record<string, unknown>, envs: readonly string[]): Pick<RevenuecatLink, "slug" | "env"> {
  const slug = nonEmpty(body["organization_slug"], "organization_slug");
  require400(envs.includes(body["env"] as string), `env takes ${envs.join(", ")}`);
  return { slug, env: body["env"] === "live" ? "live" : "sandbox" };
}

function findLink(state: SandboxState, body: Record<string, unknown>): RevenuecatLink {
  const { slug, env } = target(body, ["test", "sandbox", "live"]);
  const link = state.revenuecat.get(`${slug}:${env}`);
  if (!link) throw new SandboxError("revenuecatNotLinked", `RevenueCat is not linked for ${slug} in ${env}`);
  return link;
}

const link: Route = (state, body) => {
  const { slug, env } = target(body, ["test", "live"]);
  const key = `${slug}:${env}`;
  const project = nonEmpty(body["project_name"], "project_name");
  require400(project.length <= 255, "project_name takes at most 255 characters");
  const redirect = body["redirect_url"];
  require400(typeof redirect === "string" && URL.canParse(redirect), "redirect_url must be a URL");
  if (!state.revenuecat.has(key)) state.revenuecat.set(key, { slug, env, syncedPlans: new Set() });
  const query = new URLSearchParams({ client_id: "autumn_sandbox", redirect_uri: redirect, response_type: "code", scope: "project.read project.write", state: key });
  return { oauth_url: `https://api.revenuecat.com/oauth2/authorize?${query}` };
};

const sync: Route = (state, body) => {
  const linked = findLink(state, body);
  const wanted = body["product_ids"] ?? [...state.catalog.plans.keys()];
  require400(Array.isArray(wanted) && wanted.every((id) => typeof id === "string"), "product_ids must be a list of plan ids");
  const results = (wanted as string[]).map((planId) => {
    const plan = state.catalog.plans.get(planId);
    if (!plan) return { plan_id: planId, status: "error", message: `Plan ${planId} not found` };
    const product = linked.syncedPlans.has(planId) ? "exists" : "created";
    linked.syncedPlans.add(planId);
    return {
      plan_id: planId,
      status: "synced",
      store_identifier: `autumn.${linked.env}.${linked.slug}.${planId}`,
      apps: [{ ...APP, product, store_push: "skipped", price: plan.price === null ? "skipped" : "set" }],
    };
  });
  return { results };
};

const keys: Route = (state, body) => {
  const { slug } = findLink(state, body);
  return {
    apps: [{ ...APP, name: `${slug} (Test Store)`, api_keys: [{ id: "apikey_sandbox", key: `test_${slug}_sandbox`, environment: "sandbox", app_id: APP.app_id }] }],
    // RevenueCat refreshes the OAuth token on every call; so does the sandbox.
    oauth_access_token: `atk_${randomBytes(12).toString("hex")}`,
  };
};

export const platformRoutes: Record<string, Route> = {
  "platform.link_revenuecat": link,
  "platform.sync_revenuecat": sync,
  "platform.get_revenuecat_keys": keys,
};
