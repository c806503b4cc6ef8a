import assert from "node:assert/strict";
import os from "node:os";
import { describe, it } from "node:test";
import { hashThreadsPerWorker, workerCount } from "../scripts/cluster.mjs";
import { loadConfig } from "./env";

describe("hashing threads per process", () => {
  it("uses every core when started outside npm start", () => {
    assert.equal(loadConfig({}).HASH_THREADS, undefined);
  });

  it("shares the cores among npm start's worker processes", () => {
    for (const workers of [1, 2, 3, 64]) {
      const perWorker = loadConfig({ HASH_THREADS: hashThreadsPerWorker(workers, {}) }).HASH_THREADS;
      assert.equal(perWorker, Math.max(1, Math.ceil(os.availableParallelism() / workers)));
    }
  });

  it("runs one worker process per core unless WEB_CONCURRENCY says otherwise", () => {
    assert.equal(workerCount({}), os.availableParallelism());
    assert.equal(workerCount({ WEB_CONCURRENCY: "3" }), 3);
    assert.throws(() => workerCount({ WEB_CONCURRENCY: "0" }), /WEB_CONCURRENCY/);
  });

  it("refuses a HASH_THREADS that is not a whole number from 1", () => {
    for (const raw of ["0", "-1", "1.5", "two"]) assert.throws(() => loadConfig({ HASH_THREADS: raw }), /HASH_THREADS/);
  });
});
