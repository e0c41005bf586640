/** The serve benchmark's HTTP client: reply framing, and one run against a real server. */
import { createServer } from "node:http";
import { describe, expect, test } from "vitest";
import { replyEnd, runLoad } from "../../bench/serve-load.js";

const reply = (head: string, body: string) => Buffer.from(`HTTP/1.1 ${head}\r\n\r\n${body}`);

describe("replyEnd", () => {
  test("a Content-Length reply ends after its body, and not before it is all there", () => {
    const r = reply("200 OK\r\nContent-Length: 5", "hello");
    expect(replyEnd(r)).toEqual({ end: r.length, status: 200 });
    expect(replyEnd(r.subarray(0, r.length - 1))).toBeNull();
    expect(replyEnd(Buffer.concat([r, reply("404 Not Found\r\ncontent-length: 0", "")]))).toEqual({
      end: r.length,
      status: 200,
    });
  });

  test("a chunked reply ends after its last chunk", () => {
    const r = reply(
      "201 Created\r\nTransfer-Encoding: chunked",
      "3\r\nabc\r\na\r\n0123456789\r\n0\r\n\r\n",
    );
    expect(replyEnd(r)).toEqual({ end: r.length, status: 201 });
    for (let cut = 1; cut < r.length; cut++) expect(replyEnd(r.subarray(0, cut))).toBeNull();
  });

  test("a reply with neither framing is refused", () => {
    expect(() => replyEnd(reply("200 OK\r\nConnection: close", "x"))).toThrow(/unframed/);
  });
});

test("runLoad sends every request and counts statuses, over connections the server closes", async () => {
  let seen = 0;
  let failed = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      seen++;
      // Every fifth reply closes its connection; odd ones are chunked, even ones have a length.
      if (seen % 5 === 0) res.setHeader("connection", "close");
      if (seen % 14 === 0) failed++;
      if (seen % 2 === 0) res.writeHead(seen % 14 === 0 ? 500 : 200).end("{}");
      else {
        res.writeHead(200);
        res.write("{");
        res.end("}");
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  try {
    const spec = {
      url: `http://127.0.0.1:${port}/x`,
      body: "{}",
      connections: 4,
      requests: 200,
      progressEvery: 0,
    };
    for (const rate of [null, 2000]) {
      seen = failed = 0;
      const r = await runLoad({ ...spec, rate });
      expect(r.sent).toBe(200);
      // Every reply the server sent arrived; a request written to a connection as it closed is an error.
      expect(r.ok + r.non2xx).toBe(seen);
      expect(r.non2xx).toBe(failed);
      expect(r.ok + r.non2xx + r.errors).toBe(200);
      expect(r.p99Us).toBeGreaterThan(0);
    }
  } finally {
    server.close();
  }
});
