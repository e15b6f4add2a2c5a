// A loopback server that answers every request at once with a tiny 200, in its own process so
// that it has its own core: what is measured against it is the load generator, not the target.
import { createServer } from "node:http";

const server = createServer((_request, response) => {
  response.writeHead(200, { "content-type": "text/plain", "content-length": "2" });
  response.end("ok");
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") process.send?.({ port: address.port });
});
process.on("disconnect", () => server.close());
