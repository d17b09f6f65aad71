import { DASHBOARD_CUSTOMER_SCRIPT } from "./script-customers.js";
import { DASHBOARD_VIEWS_SCRIPT } from "./script-views.js";

/*
 * The dashboard's script, as the text the sandbox serves at /_dashboard/app.js: plain browser JavaScript
 * with no dependency, in one function scope. This part is the frame: building elements (text only ever
 * through textContent, so a customer named `<img onerror=…>` is shown as those characters), the data and
 * control requests, the router, the clock and the live poll. script-customers.ts and script-views.ts draw
 * the pages. No backtick or dollar-brace may appear in any of them, as they are template strings.
 */
const FRAME = String.raw`
var meta = document.querySelector('meta[name="autumn-dashboard-token"]');
var TOKEN = meta ? meta.getAttribute("content") : "";
var TOKEN_HEADER = meta ? meta.getAttribute("data-header") : "";
var main = document.getElementById("main");
var views = {};
var sandboxNow = Date.now();
var current = null;

// Attributes h() sets; anything else (an event handler above all) is refused.
var SAFE_ATTRIBUTE = /^(class|id|title|type|placeholder|value|role|colspan|name|for|disabled|open|datetime|viewBox|preserveAspectRatio|x|y|width|height|rx|x1|x2|y1|y2|text-anchor|data-[a-z-]+|aria-[a-z-]+)$/;
var SVG_TAGS = /^(svg|g|rect|line|text|title)$/;

/** An element: attrs.text becomes its text, attrs.on its listeners, children are nodes, strings or arrays of them. */
function h(tag, attrs, children) {
  var node = SVG_TAGS.test(tag) ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  attrs = attrs || {};
  Object.keys(attrs).forEach(function (name) {
    var value = attrs[name];
    if (value === undefined || value === null || value === false) return;
    if (name === "text") node.textContent = String(value);
    else if (name === "on") Object.keys(value).forEach(function (type) { node.addEventListener(type, value[type]); });
    else if (name === "href") node.setAttribute("href", "#" + String(value).replace(/^#/, ""));
    else if (SAFE_ATTRIBUTE.test(name)) node.setAttribute(name, value === true ? "" : String(value));
    else throw new Error("h(): attribute " + name + " is not allowed");
  });
  append(node, children);
  return node;
}

function append(node, children) {
  if (children === undefined || children === null || children === false) return;
  if (Array.isArray(children)) return children.forEach(function (child) { append(node, child); });
  node.appendChild(typeof children === "object" ? children : document.createTextNode(String(children)));
}

/** Replaces a node's children (nulls and falses skipped, as h() skips them). */
function fill(node) {
  node.replaceChildren();
  append(node, Array.prototype.slice.call(arguments, 1));
}

function number(value) {
  if (value === null || value === undefined) return "–";
  return Number(value).toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** A time on the sandbox's clock, in UTC as its bins and resets count it. */
function time(ms) {
  if (ms === null || ms === undefined) return "–";
  var iso = new Date(ms).toISOString();
  return iso.slice(0, 10) + " " + iso.slice(11, 16) + " UTC";
}

/** "3 d 4 h", "25 min": a length of time, to the two largest units. */
function span(ms) {
  var units = [["d", 86400000], ["h", 3600000], ["min", 60000], ["s", 1000]];
  var parts = [];
  ms = Math.abs(ms);
  units.forEach(function (unit) {
    if (parts.length === 2 || (parts.length === 1 && ms < unit[1])) return;
    var count = Math.floor(ms / unit[1]);
    if (count > 0) { parts.push(count + " " + unit[0]); ms -= count * unit[1]; }
  });
  return parts.length ? parts.join(" ") : "now";
}

/** When ms is from the sandbox's now: "in 3 d", "2 h ago". */
function relative(ms) {
  if (ms === null || ms === undefined) return "";
  var delta = ms - sandboxNow;
  return Math.abs(delta) < 1000 ? "now" : delta > 0 ? "in " + span(delta) : span(delta) + " ago";
}

function when(ms) {
  return h("time", { datetime: ms === null ? null : new Date(ms).toISOString(), title: relative(ms), text: time(ms) });
}

function query(params) {
  var search = new URLSearchParams();
  Object.keys(params || {}).forEach(function (name) {
    if (params[name] !== undefined && params[name] !== null && params[name] !== "") search.set(name, String(params[name]));
  });
  var text = search.toString();
  return text ? "?" + text : "";
}

function request(name, params, init) {
  return fetch("/_dashboard/api/" + name + query(params), init).then(function (response) {
    return response.json().then(function (body) {
      if (!response.ok) throw new Error((body && body.error) || "HTTP " + response.status);
      return body;
    });
  });
}

/** The dashboard's data, read with a GET. */
function api(name, params) {
  return request(name, params, { headers: { accept: "application/json" } });
}

/** A control: a POST with the page's token, which no other page can read or send. */
function control(name, params) {
  var headers = { accept: "application/json" };
  headers[TOKEN_HEADER] = TOKEN;
  return request(name, params, { method: "POST", headers: headers }).then(function (result) {
    poll(true);
    return result;
  }, function (error) {
    notify(error.message, true);
    throw error;
  });
}

var noticeTimer = 0;
function notify(text, isError) {
  var notice = document.getElementById("notice");
  notice.textContent = text;
  notice.className = isError ? "notice error" : "notice";
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(function () { notice.hidden = true; }, 5000);
}

/** Runs fn's promise and hands its result to draw, unless a later call has started since. */
function latest(load, draw) {
  var turn = 0;
  return function (params) {
    var mine = ++turn;
    return load(params).then(function (data) {
      if (mine === turn) draw(data, params);
    }, function (error) {
      if (mine === turn) notify(error.message, true);
    });
  };
}

/** The route in the address's hash: #/view/arg?params. */
function route() {
  var hash = location.hash.replace(/^#\/?/, "");
  var at = hash.indexOf("?");
  var path = (at < 0 ? hash : hash.slice(0, at)).split("/");
  var params = new URLSearchParams(at < 0 ? "" : hash.slice(at + 1));
  var arg = "";
  try { arg = path.slice(1).map(decodeURIComponent).join("/"); } catch (error) { arg = ""; }
  return { view: views[path[0]] ? path[0] : "customers", arg: arg, params: params };
}

function link(view, arg, params) {
  return "#/" + view + (arg ? "/" + encodeURIComponent(arg) : "") + query(params);
}

/** Changes the hash's params without a new history entry, and redraws. */
function setParams(changes) {
  var now = route();
  Object.keys(changes).forEach(function (name) {
    if (changes[name] === null || changes[name] === "") now.params.delete(name);
    else now.params.set(name, String(changes[name]));
  });
  var text = now.params.toString();
  history.replaceState(null, "", "#/" + now.view + (now.arg ? "/" + encodeURIComponent(now.arg) : "") + (text ? "?" + text : ""));
  show();
}

/** Mounts the view the hash names (or refreshes it, when only its params changed). */
function show() {
  var next = route();
  document.querySelectorAll("[data-nav]").forEach(function (item) {
    item.classList.toggle("active", item.getAttribute("data-nav") === next.view);
  });
  if (!current || current.view !== next.view || current.arg !== next.arg) {
    current = { view: next.view, arg: next.arg, page: views[next.view](next.arg, next.params) };
    window.scrollTo(0, 0);
  }
  current.params = next.params;
  return current.page.refresh(next.params);
}

function pager(page, onMove) {
  var last = Math.min(page.offset + page.limit, page.total);
  return h("div", { class: "pager" }, [
    h("span", { class: "muted", text: page.total === 0 ? "None" : number(page.offset + 1) + "–" + number(last) + " of " + number(page.total) }),
    h("button", { type: "button", disabled: page.offset === 0, text: "Newer", on: { click: function () { onMove(Math.max(0, page.offset - page.limit)); } } }),
    h("button", { type: "button", disabled: last >= page.total, text: "Older", on: { click: function () { onMove(page.offset + page.limit); } } }),
  ]);
}

function badge(text, kind) {
  return h("span", { class: "badge " + (kind || ""), text: text });
}

/** A pretty-printed JSON text, or the text itself when it is not JSON. */
function pretty(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch (error) { return String(text); }
}

// The clock and the live poll: the summary is cheap, and the page redraws only when its version moved.
var lastVersion = null;
var lastDrawn = 0;
var polling = 0;
var pollTurn = 0;
function poll(redraw) {
  var mine = ++pollTurn;
  clearTimeout(polling);
  return api("summary").then(function (summary) {
    var live = document.getElementById("live");
    live.textContent = "live";
    live.className = "live on";
    sandboxNow = summary.now;
    var clock = document.getElementById("clock-now");
    clock.textContent = time(summary.now);
    clock.setAttribute("data-now", String(summary.now));
    document.getElementById("clock-ahead").textContent = Math.abs(summary.ahead_ms) < 1000 ? "" : (summary.ahead_ms > 0 ? "+" : "−") + span(summary.ahead_ms) + " from real time";
    // Also every 15 s: real time passing may bring a reset due, which no request announces.
    if (current && (summary.version !== lastVersion || Date.now() - lastDrawn > 15000 || redraw === true)) {
      lastDrawn = Date.now();
      current.page.refresh(current.params);
    }
    lastVersion = summary.version;
  }, function () {
    var live = document.getElementById("live");
    live.textContent = "offline";
    live.className = "live off";
  }).then(function () {
    if (mine === pollTurn) polling = setTimeout(poll, 1000);
  });
}

function start() {
  document.querySelectorAll("[data-advance]").forEach(function (button) {
    button.addEventListener("click", function () {
      control("clock", { advance: button.getAttribute("data-advance") }).then(function (result) {
        notify("Clock moved to " + time(result.now));
      }, function () {});
    });
  });
  var reset = document.getElementById("reset");
  var armed = 0;
  reset.addEventListener("click", function () {
    if (!armed) {
      reset.textContent = "Forget everything?";
      reset.classList.add("armed");
      armed = setTimeout(function () { armed = 0; reset.textContent = "Reset"; reset.classList.remove("armed"); }, 4000);
      return;
    }
    clearTimeout(armed);
    armed = 0;
    reset.textContent = "Reset";
    reset.classList.remove("armed");
    control("reset").then(function () { notify("Sandbox reset: customers, events, webhooks and requests forgotten"); }, function () {});
  });
  window.addEventListener("hashchange", show);
  show();
  poll();
}
`;

/** The whole script: the frame, the views, and the start once the page is parsed. */
export const DASHBOARD_SCRIPT = `(function () {\n"use strict";\n${FRAME}\n${DASHBOARD_CUSTOMER_SCRIPT}\n${DASHBOARD_VIEWS_SCRIPT}\nstart();\n})();\n`;
