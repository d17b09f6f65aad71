// A keep-alive HTTP server on 127.0.0.1 that answers every request with the
// JSON file named in argv[2]. bench/per-call.ts forks it so that the server
// runs on its own event loop (and, on a multi-core machine, its own core).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const body = readFileSync(process.argv[2]);
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": body.byteLength });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
process.on("disconnect", () => process.exit(0));
