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

/**
 * A process's proportional set size: its private resident pages plus its share of the pages it
 * shares. Summed over processes it counts each physical page once, where summed RSS counts the
 * Node.js binary's ~43 MB and everything a fork shares once per process (three times for a
 * primary and two workers). Linux's own tools (smem) measure "memory of these processes" this way.
 */
function pssKb(pid) {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Memory of `root` and all its descendants together (PSS), in MB. */
export function processTreeMemoryMb(root) {
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
  for (const pid of tree) total += pssKb(pid);
  return total / 1024;
}

/** Samples the tree's memory until stop() is called; stop() returns the peak, in MB. */
export function watchPeakMemory(root) {
  let peak = processTreeMemoryMb(root);
  const timer = setInterval(() => (peak = Math.max(peak, processTreeMemoryMb(root))), SAMPLE_MS);
  return () => {
    clearInterval(timer);
    return Math.max(peak, processTreeMemoryMb(root));
  };
}
