// The hash-bound ceiling of logins: how many bcrypt compares a second this machine does with one
// thread per core all hashing at once, measured, rather than computed as cores × one thread's
// rate: on a shared or virtual machine, threads hashing together need not each keep a lone
// thread's speed (on a quiet machine here the two agree, 4.4 against 4.6 compares a second at
// cost 12; with other work running they do not), and the ceiling should be what this machine did.
import { createRequire } from "node:module";
import os from "node:os";
import { Worker } from "node:worker_threads";

const BCRYPT = createRequire(import.meta.url).resolve("bcryptjs");
const SECONDS = 4;

const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const bcrypt = require(workerData.bcrypt);
const hash = bcrypt.hashSync("x".repeat(64), workerData.cost);
parentPort.postMessage("ready");
parentPort.once("message", () => {
  let done = 0;
  const end = Date.now() + workerData.ms;
  while (Date.now() < end) {
    bcrypt.compareSync("x".repeat(64), hash);
    done += 1;
  }
  parentPort.postMessage(done);
});`;

/** Compares a second at `cost` with one hashing thread per core, all started together. */
export async function hashCeiling(cost, threads = os.availableParallelism()) {
  const workers = Array.from(
    { length: threads },
    () => new Worker(THREAD, { eval: true, workerData: { bcrypt: BCRYPT, cost, ms: SECONDS * 1000 } }),
  );
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("message", resolve))));
  const started = performance.now();
  const counts = workers.map((worker) => new Promise((resolve) => worker.once("message", resolve)));
  for (const worker of workers) worker.postMessage("go");
  const total = (await Promise.all(counts)).reduce((sum, count) => sum + count, 0);
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return total / seconds;
}
