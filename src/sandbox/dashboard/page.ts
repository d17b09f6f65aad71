import { TOKEN_HEADER } from "./guard.js";

/** The tab's icon: a leaf, in Autumn's orange. */
export const DASHBOARD_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M2 14C2 6 7 2 14 2c0 7-4 12-12 12z" fill="#d9731f"/></svg>';

/**
 * The dashboard's HTML: the frame its script fills in. It holds no data, only the token the script sends
 * with each control (guard.ts), which the page's own origin alone can read.
 */
export function dashboardPage(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="autumn-dashboard-token" content="${token}" data-header="${TOKEN_HEADER}">
<title>Autumn sandbox</title>
<link rel="icon" href="/_dashboard/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/_dashboard/app.css">
<script src="/_dashboard/app.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="#/customers"><span class="leaf" aria-hidden="true"></span>Autumn sandbox</a>
  <nav>
    <a href="#/customers" data-nav="customers">Customers</a>
    <a href="#/webhooks" data-nav="webhooks">Webhooks</a>
    <a href="#/requests" data-nav="requests">Requests</a>
    <a href="#/catalog" data-nav="catalog">Catalog</a>
  </nav>
  <div class="clock">
    <div><span class="label">Sandbox time</span> <time id="clock-now">…</time> <span id="clock-ahead" class="muted"></span></div>
    <div class="buttons">
      <button type="button" data-advance="hour">+1 hour</button>
      <button type="button" data-advance="day">+1 day</button>
      <button type="button" data-advance="month">+1 month</button>
      <button type="button" id="reset" class="danger">Reset</button>
    </div>
  </div>
  <span id="live" class="live" title="Updates while the sandbox runs">connecting</span>
</header>
<main id="main"><p class="muted">Loading…</p></main>
<p id="notice" class="notice" role="status" hidden></p>
</body>
</html>
`;
}
