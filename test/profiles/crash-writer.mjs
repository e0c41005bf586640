// Writes observations one by one to the store named by argv[2] and prints the
// number of each as soon as its write is acknowledged, until it is killed.
import { openProfileStore } from "../../dist/sim/profiles/stores/open-store.js";

const store = await openProfileStore(process.argv[2], { maxInputsPerVersion: 100_000 });
process.stdout.write("open\n");
for (let i = 0; ; i++) {
  await store.record([
    {
      codeId: `crash-${i % 5}`,
      codeVersion: `v${i % 2}`,
      timestampS: i,
      inputHash: `h${i}`,
      cpuSeconds: i,
      peakMemMiB: 64 + (i % 100),
      ioReadBytes: i * 10,
      ioWriteBytes: i * 3,
      executionS: i / 1000,
      sequenceId: `s${i % 4}`,
    },
  ]);
  process.stdout.write(`${i}\n`);
}
