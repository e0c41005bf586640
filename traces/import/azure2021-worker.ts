/** Worker thread: the parsing stage of an Azure 2021 import (see azure2021.ts). */
import { workerData } from "node:worker_threads";
import { sendToParent } from "../worker-stream.js";
import { azure2021Columns } from "./azure2021-columns.js";

await sendToParent(azure2021Columns(workerData as string), (c) => [
  c.endS.buffer,
  c.durationS.buffer,
  c.functionIndex.buffer,
]);
