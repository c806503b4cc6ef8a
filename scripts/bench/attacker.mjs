// The flood of "reads during a login flood", run as its own process: an attacker is not the
// readers' client. Driven from the readers' process, autocannon's one event loop also served the
// 150 flooding connections (their connects, ~450 answers a second), and the reads' latencies
// included the time their answers waited for it there. The process still shares the machine's
// cores with the server and the readers.
import { spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon from "autocannon";

/**
 * Runs autocannon with `options` in a child process. `started` resolves once its load is under
 * way (the child's own start-up, loading Node.js and autocannon, is not part of the flood);
 * `done` with autocannon's figures at the end.
 */
export function loadInOwnProcess(options) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), JSON.stringify(options)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  const done = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      const last = output.trim().split("\n").at(-1);
      if (code === 0 && last?.startsWith("{")) resolve(JSON.parse(last));
      else reject(new Error(`the flood's process exited with ${code}`));
    });
  });
  // A child that dies before its load is under way rejects `started` too, instead of leaving the
  // caller waiting for ever.
  const started = new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.startsWith("started\n")) resolve();
    });
    done.catch(reject);
  });
  return { started, done };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  autocannon(JSON.parse(process.argv[2]), (error, { requests, latency, non2xx, errors, timeouts }) => {
    if (error) throw error;
    process.stdout.write(`${JSON.stringify({ requests, latency, non2xx, errors, timeouts })}\n`);
  });
  process.stdout.write("started\n");
}
