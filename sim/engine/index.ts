export {
  Scheduler,
  SchedulerError,
  PRIORITY_URGENT,
  PRIORITY_NORMAL,
  PRIORITY_LATE,
  type EventFn,
  type EventHandle,
  type RunResult,
  type StopReason,
} from "./scheduler.js";
export { DataSeries } from "./stats/data-series.js";
export { TimeSeries } from "./stats/time-series.js";
export { Population } from "./stats/population.js";
export { Sim } from "./process/sim.js";
export { Entity } from "./process/entity.js";
export { Request } from "./process/request.js";
export { Facility } from "./resources/facility.js";
export { Buffer } from "./resources/buffer.js";
export { Store } from "./resources/store.js";
export { SimEvent } from "./resources/event.js";
export { StatQueue } from "./resources/stat-queue.js";
