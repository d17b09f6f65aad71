// A keep-alive HTTP server on 127.0.0.1 that answers every request with the
// JSON file named in argv[2]. bench/per-call.ts forks it with plain `node`
// so that the server runs on its own event loop (and, on a multi-core
// machine, its own core), with nothing else loaded.
import { readFileSync } from "node:fs";
import { serveOnLoopback, writeAnswer } from "../dist/sandbox/loopback-http.js";

// Read once: every answer is the same bytes, so no serialising per request.
const body = readFileSync(process.argv[2]);
const { server, port } = await serveOnLoopback((request, response) => {
  request.resume();
  request.on("end", () => writeAnswer(response, 200, body, { "content-type": "application/json" }));
});
server.keepAliveTimeout = 60_000;
process.send({ port });
process.on("disconnect", () => process.exit(0));
