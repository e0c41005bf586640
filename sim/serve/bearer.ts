/**
 * Who may talk to the server: on loopback anyone on the machine, elsewhere
 * only a client holding the bearer token (the server refuses to listen on
 * another address without one).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Addresses only this machine reaches. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Why the server may not listen on `host` with this token, or null. */
export function bindRefusal(host: string, token: string | null): string | null {
  if (isLoopback(host)) return null;
  if (token === null || token === "")
    return `listening on ${host}, beyond this machine, needs a bearer token (--token-file or PROVISIM_SERVE_TOKEN)`;
  if (token.length < 16) return "the bearer token is too short: use at least 16 characters";
  return null;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** An onRequest hook: 401 unless `Authorization: Bearer <token>`. */
export function bearerCheck(token: string) {
  const want = digest(token);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? "";
    const given = header.startsWith("Bearer ") ? header.slice(7) : null;
    // Compared as digests of equal length, in constant time.
    if (given !== null && timingSafeEqual(digest(given), want)) return;
    await reply.code(401).header("www-authenticate", "Bearer").send({
      statusCode: 401,
      error: "Unauthorized",
      message: "a valid bearer token is required",
    });
  };
}
