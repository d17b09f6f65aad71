// Runs in a fresh `node --expose-gc` process started by bench/sandbox.ts.
// argv: <mode> <kind> [count]
// - mode "start": imports what `kind` needs, then starts one server, has it answer one request and closes
//   it; prints the import time and the start → answered → closed time (both cold: first run in a process).
// - mode "repeat" (kind "both"): after one untimed round, `count` rounds of that start → answered → closed
//   cycle for each kind, the kinds alternating, so that machine noise hits both alike; prints each time.
// - mode "memory": after one untimed start/answer/close (so that lazy module state and the HTTP client
//   are loaded before the baseline), starts `count` servers, has each answer one request, and prints the
//   heap used and RSS added while they sit idle, each read after a full GC.
// `kind` is "sandbox" (`@useautumn/sdk/sandbox`, resolved through the package's own exports as an
// installed copy would be) or "bare" (a `node:http` server on 127.0.0.1:0 answering a small JSON body).
import { request } from "node:http";

const [mode, kind, countArg] = process.argv.slice(2);

const importStart = performance.now();
const start = kind === "sandbox" ? await sandboxStarter() : kind === "bare" ? await bareStarter() : undefined;
const importMs = performance.now() - importStart;

if (mode === "start") {
  print({ importMs, startMs: await cycle(start) });
} else if (mode === "repeat") {
  const starters = { sandbox: await sandboxStarter(), bare: await bareStarter() };
  const times = { sandbox: [], bare: [] };
  for (let round = -1; round < Number(countArg); round++) {
    const order = round % 2 === 0 ? ["sandbox", "bare"] : ["bare", "sandbox"];
    for (const name of order) {
      const ms = await cycle(starters[name]);
      if (round >= 0) times[name].push(ms);
    }
  }
  print(times);
} else if (mode === "memory") {
  const count = Number(countArg);
  const first = await start();
  await answered(first.url, first.secretKey);
  await first.close();
  const before = await settled();
  const servers = [];
  for (let i = 0; i < count; i++) servers.push(await start());
  for (const server of servers) await answered(server.url, server.secretKey);
  const after = await settled();
  print({ heapBytes: after.heapUsed - before.heapUsed, rssBytes: after.rss - before.rss });
  await Promise.all(servers.map((server) => server.close()));
} else {
  throw new Error(`unknown mode ${mode}`);
}

/** Start → one answered request → closed, in ms. */
async function cycle(start) {
  const started = performance.now();
  const server = await start();
  await answered(server.url, server.secretKey);
  await server.close();
  return performance.now() - started;
}

async function sandboxStarter() {
  const { startSandbox } = await import("@useautumn/sdk/sandbox");
  return () => startSandbox();
}

async function bareStarter() {
  const { createServer } = await import("node:http");
  const body = JSON.stringify({ list: [] });
  return () =>
    new Promise((resolve) => {
      const server = createServer((req, res) => {
        req.resume();
        req.on("end", () => res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body));
      });
      server.listen({ port: 0, host: "127.0.0.1" }, () => {
        resolve({
          url: `http://127.0.0.1:${server.address().port}`,
          secretKey: "am_sk_test_bench",
          close: () => new Promise((done) => server.close(() => done(undefined))),
        });
      });
    });
}

/** One `plans.list` over a connection of its own (no keep-alive, so nothing stays open on either side). */
function answered(url, secretKey) {
  return new Promise((resolve, reject) => {
    const body = "{}";
    const req = request(`${url}/v1/plans.list`, {
      method: "POST",
      agent: false,
      headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json", "content-length": body.length, "x-api-version": "2.3.0" },
    });
    req.on("response", (res) => {
      if (res.statusCode !== 200) reject(new Error(`${kind} answered ${res.statusCode}`));
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function settled() {
  // Let the closed client connections finish closing on both sides before counting.
  await new Promise((resolve) => setTimeout(resolve, 50));
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

function print(figures) {
  process.stdout.write(JSON.stringify(figures));
}
