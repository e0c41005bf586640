/** Worker thread: formats and writes the batches of a ThreadedTraceWriter. */
import { parentPort, workerData } from "node:worker_threads";
import { fromColumns, type RowColumns } from "./row-columns.js";
import type { WriterThreadData } from "./threaded-writer.js";
import { errorAsData } from "./worker-stream.js";
import { TraceWriter } from "./writer.js";

const data = workerData as WriterThreadData;
const writer = new TraceWriter(data.path, data.gzip);
const names: string[] = [];
// One batch at a time, in the order sent.
let last: Promise<void> = Promise.resolve();

parentPort!.on("message", (m: RowColumns | "close") => {
  last = last.then(async () => {
    try {
      if (m === "close") {
        await writer.close();
        parentPort!.postMessage("closed");
        parentPort!.close();
      } else {
        await writer.writeBatch(fromColumns(m, names));
        parentPort!.postMessage("written");
      }
    } catch (e) {
      parentPort!.postMessage({ error: errorAsData(e) });
    }
  });
});
