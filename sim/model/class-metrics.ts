import type { ClassSummary, RequestRecord } from "./summary.js";

/** What one service class's requests did, counted as they arrive and end. */
export class ClassMetrics {
  requests = 0;
  completed = 0;
  failed = 0;
  rejected = 0;
  withinSla = 0;
  private latencySumS = 0;

  end(outcome: RequestRecord["outcome"], latencyS: number, slaS: number): void {
    if (outcome === "rejected") this.rejected++;
    else if (outcome !== "completed") this.failed++;
    else {
      this.completed++;
      this.latencySumS += latencyS;
      if (latencyS <= slaS) this.withinSla++;
    }
  }

  summarize(): ClassSummary {
    const ended = this.completed + this.failed + this.rejected;
    return {
      requests: this.requests,
      completed: this.completed,
      failed: this.failed,
      rejected: this.rejected,
      latencyMeanS: this.completed > 0 ? this.latencySumS / this.completed : 0,
      slaAttainment: ended > 0 ? this.withinSla / ended : 1,
    };
  }
}
