/**
 * The SimJS API (the `simjs` npm package, v2): a model written against it
 * runs unchanged with `import * as Sim from "provisim/simjs"`.
 */
export { Sim } from "../process/sim.js";
export { Entity } from "../process/entity.js";
export { Request } from "../process/request.js";
export { Facility } from "../resources/facility.js";
export { Buffer } from "../resources/buffer.js";
export { Store } from "../resources/store.js";
export { SimEvent as Event } from "../resources/event.js";
export { Random } from "./random.js";
export { DataSeries } from "../stats/data-series.js";
export { TimeSeries } from "../stats/time-series.js";
export { Population } from "../stats/population.js";
