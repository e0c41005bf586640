export * as engine from "./engine/index.js";
export * as random from "./random/index.js";
