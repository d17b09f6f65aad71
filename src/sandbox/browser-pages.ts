import type { IncomingMessage, ServerResponse } from "node:http";
import { completeCheckout } from "./plans.js";
import type { SandboxState } from "./state.js";

/**
 * The two pages the sandbox's URLs lead a person to: a checkout (opening it
 * pays, as `sandbox.completeCheckout` does, then follows `success_url` when
 * the attach gave one) and the customer portal. Answers true when the
 * request was for one of them.
 */
export function servePage(state: SandboxState, request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "GET") return false;
  const [, kind, id] = /^\/(checkout|portal)\/([^/?#]+)/.exec(request.url ?? "") ?? [];
  if (!kind || !id) return false;
  if (kind === "checkout") {
    const checkout = state.checkouts.get(id);
    if (!checkout) return page(response, 404, "Checkout not found", "This checkout was completed already, or never existed.");
    completeCheckout(state, id);
    const target = checkout.success_url === undefined ? undefined : redirectTarget(checkout.success_url);
    if (target !== undefined) {
      response.writeHead(303, { location: target }).end();
      return true;
    }
    return page(response, 200, "Paid", checkout.plans.length === 0 ? "The card is saved." : `Plan ${checkout.plans.map((plan) => plan.plan_id).join(", ")} is attached.`);
  }
  return page(response, 200, "Customer portal", "The sandbox has no invoices or cards to manage.");
}

/**
 * `successUrl` as a Location header can carry it, or undefined when it is no http(s) URL. Autumn takes
 * any string; the URL parser percent-encodes what a header cannot hold (above U+007E) and drops line
 * breaks, so that neither an `订单` nor a smuggled `\r\nSet-Cookie:` reaches `writeHead`, which would throw.
 */
function redirectTarget(successURL: string): string | undefined {
  try {
    const url = new URL(successURL);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function page(response: ServerResponse, status: number, title: string, text: string): true {
  const escape = (value: string) => value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = `<!doctype html><meta charset="utf-8"><title>${escape(title)}</title><h1>${escape(title)}</h1><p>${escape(text)}</p><p>Autumn sandbox</p>`;
  response.writeHead(status, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(body) }).end(body);
  return true;
}
