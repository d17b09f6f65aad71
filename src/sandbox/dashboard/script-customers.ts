/*
 * The dashboard script's customer pages (see script.ts for the frame they use, and script-views.ts for the
 * others): the list, one customer, its balances as bars and its usage as a chart.
 */
export const DASHBOARD_CUSTOMER_SCRIPT = String.raw`
/** A balance as a bar of used over granted, with what is left and when it resets. */
function balanceBar(balance, compact) {
  var granted = balance.granted;
  var share = balance.unlimited ? 0 : granted > 0 ? Math.min(1, balance.usage / granted) : balance.usage > 0 ? 1 : 0;
  var fill = h("span", { class: "fill" + (share >= 1 ? " full" : share >= 0.8 ? " high" : "") });
  fill.style.width = (share * 100).toFixed(1) + "%";
  var figures = balance.unlimited ? number(balance.usage) + " used · unlimited" : number(balance.usage) + " / " + number(granted) + " used";
  return h("div", { class: "balance" + (compact ? " compact" : ""), "data-feature": balance.feature_id, "data-usage": balance.usage, "data-granted": granted }, [
    h("div", { class: "balance-head" }, [h("span", { class: "name", text: balance.name }), h("span", { class: "figures", text: figures })]),
    h("div", { class: "bar", role: "meter", "aria-label": balance.name, "aria-valuenow": balance.usage, "aria-valuemax": granted }, fill),
    compact ? null : h("div", { class: "balance-foot muted" }, [
      balance.unlimited ? null : h("span", { text: number(balance.remaining) + " left" + (balance.overage_allowed ? " · overage allowed" : "") }),
      balance.next_reset_at === null ? h("span", { text: "never resets" }) : h("span", { class: "reset", title: time(balance.next_reset_at), text: "resets " + relative(balance.next_reset_at) + (balance.interval ? " (every " + balance.interval + ")" : "") }),
    ]),
  ]);
}

/** A plan a customer holds, with its status and what is scheduled for it. */
function planLine(plan) {
  var notes = [];
  if (plan.status === "scheduled") notes.push(badge("starts " + relative(plan.started_at), "scheduled"));
  else notes.push(badge(plan.in_trial ? "trialing" : "active", plan.in_trial ? "trial" : "active"));
  if (plan.in_trial && plan.trial_ends_at !== null) notes.push(h("span", { class: "muted", title: time(plan.trial_ends_at), text: "trial ends " + relative(plan.trial_ends_at) }));
  if (plan.canceled_at !== null || plan.expires_at !== null) notes.push(badge(plan.expires_at === null ? "cancelled" : "ends " + relative(plan.expires_at), "ending"));
  else if (plan.status === "active" && plan.current_period_end !== null) notes.push(h("span", { class: "muted", title: time(plan.current_period_end), text: "renews " + relative(plan.current_period_end) }));
  if (plan.add_on) notes.push(badge("add-on"));
  if (plan.entity_id !== null) notes.push(badge("entity " + plan.entity_id));
  if (plan.quantity > 1) notes.push(badge("× " + plan.quantity));
  return h("li", { class: "plan", "data-plan": plan.plan_id, "data-status": plan.status }, [
    h("div", {}, [h("strong", { text: plan.name }), " ", h("span", { class: "muted mono", text: plan.plan_id + " v" + plan.version })]),
    h("div", { class: "notes" }, notes),
  ]);
}

function customerName(customer) {
  return customer.name || customer.email || customer.id || "(no id)";
}

views.customers = function (arg, params) {
  if (arg) return customerPage(arg);
  var search = h("input", { type: "search", placeholder: "Search by id, name or email", value: params.get("q") || "", "aria-label": "Search customers" });
  var timer = 0;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { setParams({ q: search.value, offset: null }); }, 200);
  });
  var list = h("div", { class: "results" }, h("p", { class: "muted", text: "Loading…" }));
  fill(main, h("section", { class: "view" }, [h("div", { class: "view-head" }, [h("h1", { text: "Customers" }), search]), list]));
  return {
    refresh: latest(function (params) {
      return api("customers", { q: params.get("q"), offset: params.get("offset"), limit: 50 });
    }, function (page) {
      if (page.total === 0) {
        fill(list, h("p", { class: "empty", text: search.value ? "No customer matches “" + search.value + "”." : "No customers yet: your app creates them with customers.getOrCreate." }));
        return;
      }
      var rows = page.items.map(function (customer) {
        var balances = customer.balances.slice(0, 3).map(function (balance) { return balanceBar(balance, true); });
        if (customer.balances.length > 3) balances.push(h("span", { class: "muted", text: "+" + (customer.balances.length - 3) + " more" }));
        return h("tr", { "data-key": customer.key }, [
          h("td", {}, [
            h("a", { href: link("customers", customer.key), class: "customer-name", text: customerName(customer) }),
            h("div", { class: "muted small" }, [h("span", { class: "mono", text: customer.id === null ? "(no id)" : customer.id }), customer.email ? " · " + customer.email : null]),
          ]),
          h("td", {}, h("ul", { class: "plans compact" }, customer.plans.map(function (plan) {
            return h("li", {}, [plan.name, " ", badge(plan.status === "scheduled" ? "scheduled" : plan.in_trial ? "trial" : plan.expires_at !== null ? "ending" : "active", plan.status === "scheduled" ? "scheduled" : plan.in_trial ? "trial" : plan.expires_at !== null ? "ending" : "active")]);
          }))),
          h("td", { class: "balances-cell" }, balances),
          h("td", { class: "muted" }, when(customer.created_at)),
        ]);
      });
      fill(list,
        h("table", { class: "customers" }, [
          h("thead", {}, h("tr", {}, [h("th", { text: "Customer" }), h("th", { text: "Plans" }), h("th", { text: "Balances" }), h("th", { text: "Created" })])),
          h("tbody", {}, rows),
        ]),
        pager(page, function (offset) { setParams({ offset: offset }); }),
      );
    }),
  };
};

function customerPage(key) {
  var head = h("div", { class: "view-head" }, h("h1", { text: key }));
  var parts = {};
  ["plans", "balances", "usage", "events", "entities", "flags", "metadata", "webhooks"].forEach(function (name) { parts[name] = h("div", { class: "part-" + name }); });
  var rangeButtons = ["24h", "30d"].map(function (range) {
    return h("button", { type: "button", "data-range": range, text: range === "24h" ? "Last 24 hours" : "Last 30 days", on: { click: function () { setParams({ range: range }); } } });
  });
  fill(main, h("section", { class: "view customer", "data-key": key }, [
    h("a", { href: link("customers"), class: "back", text: "← Customers" }),
    head,
    h("div", { class: "grid" }, [
      h("div", { class: "card" }, [h("h2", { text: "Plans" }), parts.plans]),
      h("div", { class: "card" }, [h("h2", { text: "Balances" }), parts.balances]),
    ]),
    h("div", { class: "card" }, [h("div", { class: "card-head" }, [h("h2", { text: "Usage" }), h("div", { class: "segmented" }, rangeButtons)]), parts.usage]),
    h("div", { class: "card" }, [h("h2", { text: "Latest events" }), parts.events]),
    h("div", { class: "grid" }, [
      h("div", { class: "card" }, [h("h2", { text: "Entities" }), parts.entities]),
      h("div", { class: "card" }, [h("h2", { text: "Flags" }), parts.flags, h("h2", { text: "Metadata" }), parts.metadata]),
    ]),
    h("div", { class: "card" }, [h("h2", { text: "Webhooks about this customer" }), parts.webhooks]),
  ]));
  return {
    refresh: latest(function (params) {
      return api("customer", { key: key }).then(function (detail) {
        var id = detail.customer.id;
        return Promise.all([
          api("usage", { key: key, range: params.get("range") || "30d" }),
          api("events", { key: key, offset: params.get("events") || 0, limit: 20 }),
          id === null ? Promise.resolve({ total: 0, offset: 0, limit: 10, items: [] }) : api("webhooks", { customer: id, limit: 10 }),
        ]).then(function (more) { return { detail: detail, usage: more[0], events: more[1], webhooks: more[2] }; });
      });
    }, function (data) {
      var customer = data.detail.customer;
      fill(head,
        h("h1", { text: customerName(customer) }),
        h("div", { class: "facts" }, [
          h("span", { class: "mono", text: customer.id === null ? "(no id)" : customer.id }),
          customer.email ? h("span", { text: customer.email }) : null,
          h("span", { class: "muted" }, ["created ", when(customer.created_at)]),
          customer.stripe_id ? h("span", { class: "muted mono", text: customer.stripe_id }) : null,
          badge(customer.env),
        ]),
      );
      fill(parts.plans, data.detail.plans.length ? h("ul", { class: "plans" }, data.detail.plans.map(planLine)) : h("p", { class: "empty", text: "No plans." }));
      fill(parts.balances, data.detail.balances.length ? h("div", { class: "balances" }, data.detail.balances.map(function (balance) { return balanceBar(balance, false); })) : h("p", { class: "empty", text: "No balances." }));
      rangeButtons.forEach(function (button) { button.classList.toggle("active", button.getAttribute("data-range") === data.usage.range); });
      fill(parts.usage, chart(data.usage));
      fill(parts.events, eventTable(data.events, function (offset) { setParams({ events: offset }); }));
      fill(parts.entities, data.detail.entities.length ? h("ul", { class: "entities" }, data.detail.entities.map(function (entity) {
        return h("li", { "data-entity": entity.id }, [
          h("div", {}, [h("strong", { text: entity.name || entity.id }), " ", h("span", { class: "muted mono", text: entity.id + " · " + entity.feature_id })]),
          h("div", { class: "balances" }, entity.balances.map(function (balance) { return balanceBar(balance, true); })),
        ]);
      })) : h("p", { class: "empty", text: "No entities." }));
      var flags = Object.keys(customer.flags || {});
      fill(parts.flags, flags.length ? h("div", { class: "chips" }, flags.map(function (flag) { return badge(flag, "flag"); })) : h("p", { class: "empty", text: "No flags." }));
      fill(parts.metadata, keyValues(customer.metadata));
      fill(parts.webhooks, deliveryList(data.webhooks.items));
    }),
  };
}

function keyValues(record) {
  var keys = Object.keys(record || {});
  if (!keys.length) return h("p", { class: "empty", text: "None." });
  return h("dl", { class: "pairs" }, keys.map(function (key) {
    var value = record[key];
    return [h("dt", { class: "mono", text: key }), h("dd", { class: "mono", text: typeof value === "string" ? value : JSON.stringify(value) })];
  }));
}

function eventTable(page, onMove) {
  if (page.total === 0) return h("p", { class: "empty", text: "No events: track and check with sendEvent record them." });
  return h("div", {}, [
    h("table", { class: "events" }, [
      h("thead", {}, h("tr", {}, ["Time", "Feature", "Value", "Entity", "Properties"].map(function (title) { return h("th", { text: title }); }))),
      h("tbody", {}, page.items.map(function (event) {
        return h("tr", { "data-event": event.id }, [
          h("td", {}, when(event.timestamp)),
          h("td", { class: "mono", text: event.feature_id + (event.event_name ? " (" + event.event_name + ")" : "") }),
          h("td", { class: "number", text: number(event.value) }),
          h("td", { class: "mono", text: event.entity_id || "" }),
          h("td", { class: "mono small", text: Object.keys(event.properties || {}).length ? JSON.stringify(event.properties) : "" }),
        ]);
      })),
    ]),
    pager(page, onMove),
  ]);
}

/** Usage per bin as stacked bars, one colour per feature, from events.aggregate's bins. */
function chart(usage) {
  if (!usage.bins.length) return h("p", { class: "empty", text: "No usage in this range." });
  var width = 720, height = 180, left = 40, bottom = 22, top = 8;
  var totals = usage.bins.map(function (bin) { return usage.features.reduce(function (sum, feature) { return sum + (bin.values[feature.id] || 0); }, 0); });
  var max = Math.max.apply(null, totals.concat([1]));
  var step = (width - left) / usage.bins.length;
  var scale = (height - bottom - top) / max;
  var bars = usage.bins.map(function (bin, index) {
    var y = height - bottom;
    var label = time(bin.period) + ": " + usage.features.map(function (feature) { return feature.name + " " + number(bin.values[feature.id] || 0); }).join(", ");
    return h("g", { class: "bin" }, [h("title", { text: label })].concat(usage.features.map(function (feature, series) {
      var value = bin.values[feature.id] || 0;
      var tall = value * scale;
      y -= tall;
      return value > 0 ? h("rect", { class: "s" + series, x: (left + index * step + step * 0.15).toFixed(1), y: y.toFixed(1), width: (step * 0.7).toFixed(1), height: Math.max(tall, 1).toFixed(1), rx: 2 }) : null;
    })));
  });
  var first = usage.bins[0].period, last = usage.bins[usage.bins.length - 1].period;
  var format = usage.range === "24h" ? function (ms) { return new Date(ms).toISOString().slice(11, 16); } : function (ms) { return new Date(ms).toISOString().slice(5, 10); };
  var svg = h("svg", { class: "chart", viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Usage per " + (usage.range === "24h" ? "hour" : "day") }, [
    h("line", { class: "axis", x1: left, x2: width, y1: height - bottom, y2: height - bottom }),
    h("text", { class: "tick", x: left - 6, y: top + 10, "text-anchor": "end", text: number(max) }),
    h("text", { class: "tick", x: left - 6, y: height - bottom, "text-anchor": "end", text: "0" }),
    h("text", { class: "tick", x: left, y: height - 6, text: format(first) }),
    h("text", { class: "tick", x: width, y: height - 6, "text-anchor": "end", text: format(last) }),
  ].concat(bars));
  var legend = h("div", { class: "legend" }, usage.features.map(function (feature, series) {
    var total = usage.bins.reduce(function (sum, bin) { return sum + (bin.values[feature.id] || 0); }, 0);
    return h("span", {}, [h("span", { class: "swatch s" + series }), feature.name + " · " + number(total)]);
  }));
  return h("div", { class: "chart-box" }, [svg, legend]);
}
`;
