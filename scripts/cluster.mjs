// The process model of `npm start`: one primary (this process) and WEB_CONCURRENCY workers, each a
// `next start`. One Node.js process runs JavaScript on one core; Node's cluster module lets every
// worker listen on the same port (the primary accepts connections and hands them out in turn), so
// all cores serve requests. The workers share nothing but the database, as separate instances do.
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";

// A worker that dies this soon after it was started is failing to start (a bad build, the port
// taken): starting it again would only loop, so the whole server stops with an error instead.
const MIN_UPTIME_MS = 10_000;

/** WEB_CONCURRENCY (Heroku's name, also gunicorn's), default one worker per core. */
export function workerCount(env = process.env) {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return os.availableParallelism();
  const count = Number(raw);
  if (!/^\d+$/.test(raw) || count < 1 || count > 256) {
    throw new Error(`Invalid configuration: WEB_CONCURRENCY must be a whole number from 1 to 256, got "${raw}".`);
  }
  return count;
}

/**
 * Hashing threads per worker, so that all workers together have about one per core: bcrypt is
 * pure CPU, and more threads than cores would only make every login slower. HASH_THREADS wins.
 */
export function hashThreadsPerWorker(workers, env = process.env) {
  if (env.HASH_THREADS?.trim()) return env.HASH_THREADS.trim();
  return String(Math.max(1, Math.ceil(os.availableParallelism() / workers)));
}

/**
 * Forks the workers and supervises them: a worker that dies after it was up is replaced; SIGINT
 * or SIGTERM stops them all, and this process exits once the last one has (no orphan keeps the
 * port). Workers also exit by themselves if this process dies: cluster workers leave when their
 * channel to the primary closes.
 */
export function serve({ port, env, execArgv }) {
  let workers;
  try {
    workers = workerCount(env);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  cluster.setupPrimary({
    exec: path.resolve("node_modules", "next", "dist", "bin", "next"),
    args: ["start", "-p", String(port)],
    execArgv: [
      ...execArgv,
      "--require",
      path.resolve("lib", "client-address.cjs"),
      "--require",
      path.resolve("lib", "login-shield.cjs"),
    ],
  });
  const workerEnv = { ...env, HASH_THREADS: hashThreadsPerWorker(workers, env) };
  const started = new Map();
  let stopping = false;
  let exitCode = 0;

  const fork = () => started.set(cluster.fork(workerEnv).id, Date.now());
  const stop = (signal) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };

  cluster.on("exit", (worker, code, signal) => {
    const uptime = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (!stopping) {
      if (uptime >= MIN_UPTIME_MS) {
        console.error(`Worker ${worker.process.pid} exited (${code ?? signal}); starting another.`);
        fork();
        return;
      }
      console.error(`Worker ${worker.process.pid} exited (${code ?? signal}) right after it started; stopping.`);
      exitCode = 1;
      stop("SIGTERM");
    }
    if (started.size === 0) process.exit(exitCode);
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal));
  for (let i = 0; i < workers; i++) fork();
}
