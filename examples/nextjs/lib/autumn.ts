/**
 * What both usage routes share: one client, the signed-in user, and the
 * error values turned into answers. Server code only: the browser never
 * imports this module, so the key and the SDK stay on the server.
 */
import { AutumnCore } from "@useautumn/sdk/core.js";
import type { SDKError } from "@useautumn/sdk/models";

// One client per server process (and per edge isolate); constructing it does no I/O. It reads
// AUTUMN_SECRET_KEY (and AUTUMN_SERVER_URL, if set) from the environment when a call is made.
export const autumn = new AutumnCore();

/** Stands in for your auth: replace with your session lookup. */
export function currentUserId(request: Request): string | null {
  return request.headers.get("x-user-id");
}

/** Errors are values: decide per kind what the client sees, and log the rest. */
export function errorResponse(error: SDKError): Response {
  switch (error.name) {
    case "AutumnAPIError":
      // Autumn's 4xx codes are safe to pass on; its 5xx are our problem, not the client's.
      if (error.status < 500) return Response.json({ error: error.code }, { status: error.status === 404 ? 404 : 400 });
      break;
    case "RequestValidationError":
      return Response.json({ error: `invalid ${error.field}` }, { status: 400 });
    case "RequestAbortedError":
      // The browser went away (request.signal aborted): nobody reads this answer.
      return new Response(null, { status: 499 });
  }
  console.error(error);
  return Response.json({ error: "billing is unavailable" }, { status: 503 });
}
