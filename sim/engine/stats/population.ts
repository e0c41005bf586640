import { DataSeries } from "./data-series.js";
import { TimeSeries } from "./time-series.js";

/**
 * Members entering and leaving a place: the size over time (a TimeSeries, so
 * its average is L) and each member's stay (a DataSeries, so its average is W).
 */
export class Population {
  readonly name: string | undefined;
  readonly sizeSeries = new TimeSeries();
  readonly durationSeries = new DataSeries();
  private population = 0;

  constructor(name?: string) {
    this.name = name;
  }

  reset(): void {
    this.sizeSeries.reset();
    this.durationSeries.reset();
    this.population = 0;
  }

  enter(timestamp: number): void {
    this.population++;
    this.sizeSeries.record(this.population, timestamp);
  }

  leave(arrivedAt: number, leftAt: number): void {
    this.population--;
    this.sizeSeries.record(this.population, leftAt);
    this.durationSeries.record(leftAt - arrivedAt);
  }

  current(): number {
    return this.population;
  }

  finalize(timestamp: number): void {
    this.sizeSeries.finalize(timestamp);
  }
}
