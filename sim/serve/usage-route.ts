/**
 * `GET /policies/:instance/usage/stream`: server-sent events of one policy
 * instance (see usage-streams.ts), with a comment line every `heartbeatMs`
 * so the server's idle timeout does not close a quiet stream.
 */
import type { FastifyInstance } from "fastify";
import type { UsageStreams } from "./usage-streams.js";

export function registerUsageStream(
  app: FastifyInstance,
  streams: UsageStreams,
  known: (instance: string) => boolean,
  params: unknown,
  heartbeatMs: number,
): void {
  const beat = setInterval(() => streams.heartbeat(), heartbeatMs);
  beat.unref();
  app.addHook("preClose", async () => {
    clearInterval(beat);
    streams.endAll();
  });
  app.get<{ Params: { instance: string } }>(
    "/policies/:instance/usage/stream",
    { schema: { params } },
    (req, reply) => {
      const name = req.params.instance;
      if (!known(name)) {
        void reply.code(404).send({
          statusCode: 404,
          error: "Not Found",
          message: `no policy instance "${name}"`,
        });
        return reply;
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      res.write(`: usage of policy instance ${name}\n\n`);
      const stop = streams.subscribe(name, res, () => res.destroy());
      req.raw.once("close", stop);
      res.once("close", stop);
      return reply;
    },
  );
}
