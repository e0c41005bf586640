/**
 * Request semantics that a plain timer must keep whether or not it is
 * detached (see Request): compared with simjs on the same script.
 */
import { expect, test } from "vitest";
import { loadReferenceSimJs, ours, type SimJsApi } from "../../support/simjs-reference.js";

const reference = loadReferenceSimJs();

function script(S: SimJsApi) {
  const log: (string | number | boolean)[][] = [];
  const sim = new S.Sim();
  class Actor extends S.Entity {
    start() {
      const fired = this.setTimer(1).done(() => log.push([this.time(), "fired"]));
      const cancelled = this.setTimer(2).done(() => log.push([this.time(), "never"]));
      const silent = this.setTimer(1.5);
      const twice = this.setTimer(3)
        .done(() => log.push([this.time(), "first"]))
        .done(() => log.push([this.time(), "second"]));
      const late = this.setTimer(4).done(() => log.push([this.time(), "late"]));
      late.waitUntil(3.5, () => log.push([this.time(), "renege clause"]));
      const withData = this.setTimer(5).done(function (this: Actor) {
        log.push([this.time(), "data", String(this.callbackData)]);
      });
      withData.setData("d");
      log.push([0, "pending", fired.cancelled, silent.cancelled]);
      this.setTimer(0.5).done(() => {
        cancelled.cancel();
        log.push([this.time(), "after cancel", cancelled.cancelled]);
      });
      this.setTimer(2.5).done(() => {
        log.push([this.time(), "states", fired.cancelled, silent.cancelled, cancelled.cancelled]);
        fired.cancel();
        log.push([this.time(), "cancel after fire", fired.cancelled]);
      });
      this.setTimer(6).done(() =>
        log.push([this.time(), "end", twice.cancelled, late.cancelled, withData.cancelled]),
      );
    }
  }
  sim.addEntity(Actor, "actor");
  sim.simulate(10);
  return log;
}

test("timers behave as in simjs: fire, cancel, silent, several callbacks, reneging, data", () => {
  const expected = script(reference);
  expect(expected.length).toBeGreaterThan(8);
  expect(script(ours)).toEqual(expected);
});
