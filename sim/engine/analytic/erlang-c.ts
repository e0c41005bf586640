/**
 * Steady-state M/M/c: Poisson arrivals at rate `lambda`, `servers` servers
 * each serving at rate `mu`. Erlang C by the Erlang B recursion, which stays
 * stable for large server counts.
 */
export interface MmcResult {
  /** Offered load in erlangs, lambda / mu. */
  readonly load: number;
  /** Utilization of each server, load / servers. */
  readonly rho: number;
  /** Probability that an arrival waits (Erlang C). */
  readonly pWait: number;
  /** Mean time in queue, Wq. */
  readonly meanWait: number;
  /** Mean time in system, Wq + 1 / mu. */
  readonly meanSojourn: number;
  /** Mean number waiting, Lq = lambda Wq. */
  readonly meanQueueLength: number;
}

export function erlangB(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

export function mmc(lambda: number, mu: number, servers: number): MmcResult {
  if (!(lambda > 0) || !(mu > 0) || !Number.isInteger(servers) || servers < 1) {
    throw new RangeError(`mmc needs lambda > 0, mu > 0 and integer servers >= 1`);
  }
  const load = lambda / mu;
  const rho = load / servers;
  if (rho >= 1) throw new RangeError(`mmc is unstable at rho = ${rho} (needs < 1)`);
  const b = erlangB(servers, load);
  const pWait = (servers * b) / (servers - load * (1 - b));
  const meanWait = pWait / (servers * mu - lambda);
  return {
    load,
    rho,
    pWait,
    meanWait,
    meanSojourn: meanWait + 1 / mu,
    meanQueueLength: lambda * meanWait,
  };
}
