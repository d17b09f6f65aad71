/** The dashboard's style sheet, served at /_dashboard/app.css: system fonts only (it works offline), light and dark. */
export const DASHBOARD_STYLE = String.raw`
:root {
  color-scheme: light dark;
  --bg: #f7f6f3; --panel: #ffffff; --text: #1d1c1a; --muted: #6d6a63; --line: #e6e3dc;
  --accent: #c2570c; --accent-soft: #fbe9dc; --ok: #1f7a4d; --ok-soft: #dcf2e6; --warn: #9a6700; --warn-soft: #fbf0d0;
  --bad: #b42318; --bad-soft: #fde4e1; --info: #3558c4; --info-soft: #e2e9fb;
  --s0: #d9731f; --s1: #3b82c4; --s2: #2f9e6a; --s3: #a356c7; --s4: #c94f6d; --s5: #7c8a2e;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #161514; --panel: #1f1e1c; --text: #ecebe8; --muted: #a29e96; --line: #34322e;
    --accent: #f08a3c; --accent-soft: #3a2616; --ok: #5cc98f; --ok-soft: #173325; --warn: #e2b547; --warn-soft: #3a2f12;
    --bad: #f2776b; --bad-soft: #3d1b17; --info: #8aa8ff; --info-soft: #1c2544;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: inherit; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 10px; }
* + h2 { margin-top: 22px; }
.card-head h2 { margin: 0; }
.card > h2:first-child { margin-top: 0; }
h3 { font-size: 15px; margin: 0; }
button { font: inherit; color: var(--text); background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); }
button:disabled { opacity: .45; cursor: default; }
button.danger { color: var(--bad); }
button.armed { background: var(--bad); color: #fff; border-color: var(--bad); }
button.active { background: var(--accent-soft); border-color: var(--accent); }
input[type=search] { font: inherit; color: var(--text); background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 7px 12px; width: min(360px, 100%); }
input[type=search]:focus { outline: 2px solid var(--accent-soft); border-color: var(--accent); }
.top { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 10px 24px; background: var(--panel); border-bottom: 1px solid var(--line); }
.brand { display: flex; align-items: center; gap: 8px; font-weight: 650; text-decoration: none; }
.leaf { width: 14px; height: 14px; border-radius: 2px 10px; background: var(--accent); transform: rotate(-20deg); }
nav { display: flex; gap: 4px; }
nav a { text-decoration: none; padding: 5px 10px; border-radius: 6px; color: var(--muted); }
nav a.active, nav a:hover { color: var(--text); background: var(--bg); }
.clock { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 14px; margin-left: auto; }
.clock .label { color: var(--muted); }
.clock time { font-family: var(--mono); }
.buttons { display: flex; gap: 6px; }
.live { font-size: 12px; color: var(--muted); }
.live::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; background: var(--muted); }
.live.on::before { background: var(--ok); }
.live.off::before { background: var(--bad); }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 60px; }
.view-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 12px; margin-bottom: 16px; }
.back { display: inline-block; margin-bottom: 8px; color: var(--muted); text-decoration: none; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; width: 100%; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin-bottom: 16px; }
.card-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin-bottom: 10px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 0 16px; }
table { width: 100%; border-collapse: collapse; background: var(--panel); }
.results table, table.features { border: 1px solid var(--line); border-radius: 10px; }
th { text-align: left; font-weight: 600; font-size: 12px; color: var(--muted); padding: 8px 12px; border-bottom: 1px solid var(--line); }
td { padding: 9px 12px; border-bottom: 1px solid var(--line); vertical-align: top; }
tr:last-child td { border-bottom: 0; }
.customers tbody tr:hover { background: var(--bg); }
.customer-name { font-weight: 600; text-decoration: none; }
.customer-name:hover { color: var(--accent); }
.mono { font-family: var(--mono); font-size: 12.5px; }
.small { font-size: 12px; }
.muted { color: var(--muted); }
.number { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); margin: 4px 0; }
.badge { display: inline-block; font-size: 11.5px; line-height: 18px; padding: 0 7px; border-radius: 9px; background: var(--bg); border: 1px solid var(--line); white-space: nowrap; }
.badge.active, .badge.delivered { background: var(--ok-soft); color: var(--ok); border-color: transparent; }
.badge.trial, .badge.scheduled, .badge.pending { background: var(--info-soft); color: var(--info); border-color: transparent; }
.badge.ending, .badge.warn, .badge.unsent { background: var(--warn-soft); color: var(--warn); border-color: transparent; }
.badge.failed { background: var(--bad-soft); color: var(--bad); border-color: transparent; }
.badge.flag { background: var(--accent-soft); color: var(--accent); border-color: transparent; }
.plans { list-style: none; margin: 0; padding: 0; }
.plans .plan { padding: 8px 0; border-bottom: 1px solid var(--line); }
.plans .plan:last-child { border-bottom: 0; }
.plans.compact li { margin-bottom: 2px; }
.notes { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 4px; }
.balances { display: grid; gap: 12px; }
.balances-cell { min-width: 220px; }
.balance.compact { margin-bottom: 6px; }
.balance-head { display: flex; justify-content: space-between; gap: 10px; }
.balance-head .name { font-weight: 550; }
.balance-head .figures { font-variant-numeric: tabular-nums; color: var(--muted); }
.balance.compact .balance-head { font-size: 12px; }
.bar { height: 8px; border-radius: 4px; background: var(--bg); border: 1px solid var(--line); overflow: hidden; margin: 4px 0; }
.balance.compact .bar { height: 6px; margin: 2px 0; }
.fill { display: block; height: 100%; background: var(--ok); transition: width .3s ease; }
.fill.high { background: var(--warn); }
.fill.full { background: var(--bad); }
.balance-foot { display: flex; justify-content: space-between; gap: 10px; font-size: 12px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 12px; }
.pairs { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; }
.pairs dd { margin: 0; overflow-wrap: anywhere; }
.entities { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
.segmented { display: flex; gap: 4px; }
.chart-box { overflow-x: auto; }
.chart { width: 100%; min-width: 480px; height: auto; display: block; }
.chart .axis { stroke: var(--line); }
.chart .tick { fill: var(--muted); font-size: 11px; }
.chart .bin:hover rect { opacity: .8; }
.s0 { fill: var(--s0); background: var(--s0); } .s1 { fill: var(--s1); background: var(--s1); } .s2 { fill: var(--s2); background: var(--s2); }
.s3 { fill: var(--s3); background: var(--s3); } .s4 { fill: var(--s4); background: var(--s4); } .s5 { fill: var(--s5); background: var(--s5); }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 12px; color: var(--muted); margin-top: 6px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.deliveries, .requests { list-style: none; margin: 0; padding: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 10px; }
.delivery, .request { border-bottom: 1px solid var(--line); }
.delivery:last-child, .request:last-child { border-bottom: 0; }
summary { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; padding: 9px 12px; cursor: pointer; list-style: none; }
summary::-webkit-details-marker { display: none; }
summary::before { content: "▸"; color: var(--muted); }
details[open] > summary::before { content: "▾"; }
.delivery-body { padding: 0 12px 12px 30px; }
pre { font-family: var(--mono); font-size: 12px; background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 10px; overflow: auto; max-height: 360px; margin: 6px 0; }
.pager { display: flex; align-items: center; justify-content: flex-end; gap: 8px; margin-top: 10px; }
.pager span { margin-right: auto; }
.source { color: var(--muted); }
.error-box { background: var(--bad-soft); color: var(--bad); border-radius: 10px; padding: 12px 14px; margin-bottom: 16px; }
.error-box pre { background: transparent; border-color: currentColor; color: inherit; }
.plan-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 0 16px; }
.plan-card .price { font-weight: 600; }
.items td { padding: 5px 6px; }
.notice { position: fixed; right: 20px; bottom: 20px; max-width: 420px; background: var(--text); color: var(--bg); padding: 10px 14px; border-radius: 8px; box-shadow: 0 4px 20px rgba(0, 0, 0, .2); margin: 0; }
.notice.error { background: var(--bad); color: #fff; }
.notice[hidden] { display: none; }
@media (max-width: 720px) { .top, main { padding-left: 12px; padding-right: 12px; } .clock { margin-left: 0; } }
`;
