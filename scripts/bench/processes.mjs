// Small process helpers for the benchmark: free ports, and the memory of a whole process tree
// (the app is a primary and its workers; gunicorn a master and its workers).
import fs from "node:fs";
import net from "node:net";

const SAMPLE_MS = 250;

export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Every process's parent, from /proc. */
function parents() {
  const map = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name (field 2) may hold spaces: the parent pid is the second field after it.
      map.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  return map;
}

function rssKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident memory of `root` and all its descendants together, in MB. */
export function processTreeRssMb(root) {
  const parent = parents();
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of tree) total += rssKb(pid);
  return total / 1024;
}

/** Samples the tree's memory until stop() is called; stop() returns the peak, in MB. */
export function watchPeakRss(root) {
  let peak = processTreeRssMb(root);
  const timer = setInterval(() => (peak = Math.max(peak, processTreeRssMb(root))), SAMPLE_MS);
  return () => {
    clearInterval(timer);
    return Math.max(peak, processTreeRssMb(root));
  };
}
