/*
 * The dashboard script's pages (see script.ts for the frame they use): each view mounts its skeleton once
 * and returns `refresh(params)`, which loads its data and redraws the parts that change, so that a live
 * update keeps the search box's focus and the payloads a developer opened. The customer pages are in
 * script-customers.ts; here are the webhooks, the requests and the catalog.
 */
export const DASHBOARD_VIEWS_SCRIPT = String.raw`
var openDeliveries = {};
function deliveryList(items) {
  if (!items.length) return h("p", { class: "empty", text: "No webhooks." });
  return h("ul", { class: "deliveries" }, items.map(function (delivery) {
    var details = h("details", { open: openDeliveries[delivery.id] === true }, [
      h("summary", {}, [
        h("span", { class: "mono", text: delivery.type }),
        badge(delivery.status, delivery.status),
        h("span", { class: "muted", text: delivery.attempts.length ? "attempts: " + delivery.attempts.join(", ") : "no attempts" }),
        delivery.customer_id ? h("a", { href: link("customers", delivery.customer_id), class: "muted mono", text: delivery.customer_id }) : null,
      ]),
      h("div", { class: "delivery-body" }, [
        h("div", { class: "muted mono small", text: delivery.id }),
        h("pre", { text: pretty(delivery.body) }),
        h("button", { type: "button", class: "resend", disabled: delivery.status === "pending", text: "Resend", on: { click: function () {
          control("resend", { id: delivery.id }).then(function () { notify("Resending " + delivery.type); }, function () {});
        } } }),
      ]),
    ]);
    details.addEventListener("toggle", function () { openDeliveries[delivery.id] = details.open; });
    return h("li", { class: "delivery", "data-id": delivery.id, "data-status": delivery.status, "data-type": delivery.type }, details);
  }));
}

views.webhooks = function () {
  var target = h("p", { class: "muted" });
  var list = h("div", {}, h("p", { class: "muted", text: "Loading…" }));
  fill(main, h("section", { class: "view" }, [h("div", { class: "view-head" }, h("h1", { text: "Webhooks" })), target, list]));
  return {
    refresh: latest(function (params) {
      return Promise.all([api("webhooks", { offset: params.get("offset"), limit: 50 }), api("summary")]);
    }, function (data) {
      var url = data[1].webhook_url;
      fill(target, url ? h("span", {}, ["Sent to ", h("span", { class: "mono", text: url }), ", retried until a 2xx."]) : h("span", { text: "Not sent: no webhook URL is set (autumn-sandbox --webhook-url, or startSandbox({ webhookURL })). Each event is still recorded here, as unsent." }));
      fill(list, deliveryList(data[0].items), pager(data[0], function (offset) { setParams({ offset: offset }); }));
    }),
  };
};

var openRequests = {};
views.requests = function () {
  var list = h("div", {}, h("p", { class: "muted", text: "Loading…" }));
  fill(main, h("section", { class: "view" }, [h("div", { class: "view-head" }, h("h1", { text: "Requests" })), list]));
  return {
    refresh: latest(function (params) {
      return api("requests", { offset: params.get("offset"), limit: 50 });
    }, function (page) {
      if (page.total === 0) {
        fill(list, h("p", { class: "empty", text: "No requests yet: point your app at this sandbox's URL." }));
        return;
      }
      fill(list, h("ul", { class: "requests" }, page.items.map(function (request) {
        var status = request.status === null ? (request.duration_ms === null ? "pending" : "no answer") : String(request.status);
        var kind = request.status === null ? "failed" : request.status >= 500 ? "failed" : request.status >= 400 ? "warn" : "delivered";
        var details = h("details", { open: openRequests[request.index] === true }, [
          h("summary", {}, [
            h("span", { class: "mono", text: request.path }),
            badge(status, kind),
            request.fault ? badge("fault: " + request.fault, "failed") : null,
            h("span", { class: "muted", text: request.duration_ms === null ? "" : number(request.duration_ms) + " ms" }),
            h("span", { class: "muted", text: request.credential }),
          ]),
          h("div", { class: "delivery-body" }, [
            request.idempotency_key ? h("div", { class: "muted mono small", text: "Idempotency-Key: " + request.idempotency_key }) : null,
            h("pre", { text: pretty(request.body) }),
          ]),
        ]);
        details.addEventListener("toggle", function () { openRequests[request.index] = details.open; });
        return h("li", { class: "request", "data-index": request.index, "data-path": request.path }, details);
      })), pager(page, function (offset) { setParams({ offset: offset }); }));
    }),
  };
};

views.catalog = function () {
  var body = h("div", {}, h("p", { class: "muted", text: "Loading…" }));
  fill(main, h("section", { class: "view" }, [h("div", { class: "view-head" }, h("h1", { text: "Catalog" })), body]));
  return {
    refresh: latest(function () { return api("catalog"); }, function (catalog) {
      var source = catalog.source || { file: null, loadedAt: null, error: null };
      var origin = h("p", { class: "source" }, [
        source.file ? ["From ", h("span", { class: "mono", text: source.file }), ", "] : "Given in code (startSandbox or setCatalog), ",
        "loaded ", h("time", { text: source.loadedAt === null ? "–" : new Date(source.loadedAt).toLocaleString() }),
      ]);
      var error = source.error ? h("div", { class: "error-box" }, [h("strong", { text: "The last reload failed, " + new Date(source.error.at).toLocaleString() + ": still serving the catalog below." }), h("pre", { text: source.error.message })]) : null;
      var features = h("table", { class: "features" }, [
        h("thead", {}, h("tr", {}, ["Feature", "Type", "Credits"].map(function (title) { return h("th", { text: title }); }))),
        h("tbody", {}, catalog.features.map(function (feature) {
          return h("tr", { "data-feature": feature.id }, [
            h("td", {}, [h("strong", { text: feature.name }), " ", h("span", { class: "muted mono", text: feature.id })]),
            h("td", { text: feature.type + (feature.type === "metered" ? (feature.consumable ? ", consumable" : ", held") : "") }),
            h("td", { class: "mono small", text: (feature.credit_schema || []).map(function (entry) { return entry.metered_feature_id + " × " + entry.credit_cost; }).join(", ") }),
          ]);
        })),
      ]);
      var plans = h("div", { class: "plan-cards" }, catalog.plans.map(function (plan) {
        var price = plan.price ? "$" + number(plan.price.amount) + " / " + plan.price.interval : "free";
        return h("div", { class: "card plan-card", "data-plan": plan.id }, [
          h("div", { class: "card-head" }, [h("h3", {}, [h("span", { text: plan.name }), " ", h("span", { class: "muted mono", text: plan.id + " v" + plan.version })]), h("span", { class: "price", text: price })]),
          h("div", { class: "notes" }, [
            plan.group ? badge("group " + plan.group) : null,
            plan.add_on ? badge("add-on") : null,
            plan.auto_enable ? badge("auto-enabled", "active") : null,
            plan.free_trial ? badge(plan.free_trial.duration_length + " " + plan.free_trial.duration_type + " trial", "trial") : null,
          ]),
          h("table", { class: "items" }, h("tbody", {}, plan.items.map(function (item) {
            var included = item.unlimited ? "unlimited" : number(item.included);
            var reset = item.reset ? "every " + item.reset.interval : "no reset";
            var cost = item.price ? (item.price.amount !== undefined ? "$" + number(item.price.amount) : "tiered") + " per " + number(item.price.billing_units) + " (" + item.price.billing_method + ")" : "";
            return h("tr", {}, [h("td", { class: "mono", text: item.feature_id }), h("td", { class: "number", text: included }), h("td", { class: "muted", text: reset }), h("td", { class: "muted", text: cost })]);
          }))),
        ]);
      }));
      fill(body, origin, error, h("h2", { text: "Features" }), features, h("h2", { text: "Plans" }), plans);
    }),
  };
};
`;
