// A PostgreSQL cluster of the test's own (initdb into a temporary folder, a free port), so that
// an outage can be staged without touching the shared server. PostgreSQL refuses to run as root:
// as root, the cluster runs as the `postgres` system user.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./server";

export type Cluster = { url: string; start(): void; stop(): void; destroy(): void };

/** The folder of PostgreSQL's server programs, or null when this machine has none. */
export function postgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const version = fs.readdirSync(root).sort((x, y) => Number(y) - Number(x))[0];
  const bin = version && path.join(root, version, "bin");
  return bin && fs.existsSync(path.join(bin, "initdb")) ? bin : null;
}

export async function throwawayCluster(bin: string): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vestibule-pg-"));
  const data = path.join(dir, "data");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const run = (program: string, args: string[]) => {
    const [command, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]]
      : [path.join(bin, program), args];
    execFileSync(command, argv, { stdio: "ignore", cwd: dir });
  };
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const cluster: Cluster = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    start: () => run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "start"]),
    // Immediate: the app's open connections are cut as in a crash, not politely closed.
    stop: () => run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]),
    destroy: () => {
      try {
        cluster.stop();
      } catch {
        // Already stopped.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
