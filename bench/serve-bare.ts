/**
 * The floor of this machine for the serve suite: a bare node:http server
 * that reads the same JSON body, parses it, and answers a JSON reply, with
 * no framework, validation or policy. `sim serve`'s latency against this one,
 * in the same run, is what fastify and the policy cost.
 */
import { createServer, type Server } from "node:http";

export function bareServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let reply: string;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { fleet?: unknown };
        reply = JSON.stringify({ actions: [], sawFleet: body.fleet !== undefined });
      } catch {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(reply);
    });
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const a = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${a.port}`, server });
    }),
  );
}
