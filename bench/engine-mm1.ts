/** M/M/1 at rho = 0.9: customers per second of wall time. */
import { Scheduler } from "../sim/engine/scheduler.js";
import { RING_MASK, type SimJsApi } from "./support.js";

const RHO = 0.9;

/** Returns a run that serves `customers` customers. */
export type Mm1Runner = (customers: number, ring: Float64Array) => () => number;

export function simjsMm1(S: SimJsApi): Mm1Runner {
  return (customers, ring) => () => {
    const sim = new S.Sim();
    const server = new S.Facility("server");
    let k = 0;
    let served = 0;
    let arrived = 0;
    const done = () => {
      served++;
    };
    class Source extends S.Entity {
      start() {
        this.setTimer(ring[k++ & RING_MASK]! / RHO).done(this.arrive);
      }
      arrive() {
        this.useFacility(server, ring[k++ & RING_MASK]!).done(done);
        if (++arrived < customers) this.start();
      }
    }
    sim.addEntity(Source, "source");
    sim.simulate(Infinity);
    return served;
  };
}

/** The same queue written directly on the core Scheduler. */
export const coreMm1: Mm1Runner = (customers, ring) => () => {
  const s = new Scheduler();
  let k = 0;
  let arrived = 0;
  let served = 0;
  let waiting = 0;
  let busy = false;
  const depart = () => {
    served++;
    if (waiting > 0) {
      waiting--;
      s.after(ring[k++ & RING_MASK]!, depart, undefined);
    } else busy = false;
  };
  const arrive = () => {
    if (busy) waiting++;
    else {
      busy = true;
      s.after(ring[k++ & RING_MASK]!, depart, undefined);
    }
    if (++arrived < customers) s.after(ring[k++ & RING_MASK]! / RHO, arrive, undefined);
  };
  s.after(ring[k++ & RING_MASK]! / RHO, arrive, undefined);
  s.run();
  return served;
};
