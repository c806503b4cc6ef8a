// `node scripts/test.mjs lint` runs this: imports point down (issue #22).
//   1. No file imports itself back (madge --circular over lib, app and components).
//   2. Nothing in lib/ imports scripts/ or components/ (tests beside the code excepted).
//   3. No lib/ folder imports a folder that imports it back.
// What still breaks 2 and 3 is listed below, in lists that may only shrink: a new entry fails,
// and so does a listed one that is gone (take it off the list).
import path from "node:path";
import madge from "madge";

const ROOT = path.resolve(import.meta.dirname, "..");

const KNOWN_FOLDER_CYCLES = new Set([]);
// The configuration defaults the start-up scripts share, still in scripts/ (issue #22 item 3).
const KNOWN_SCRIPT_IMPORTS = new Set([
  "lib/db.ts -> scripts/database-url.d.mts",
  "lib/env.ts -> scripts/auth-secret.d.mts",
  "lib/env.ts -> scripts/database-url.d.mts",
  "lib/users/account.ts -> scripts/database-url.d.mts",
  "lib/users/deletion.ts -> scripts/database-url.d.mts",
]);

const MADGE = {
  baseDir: ROOT,
  fileExtensions: ["ts", "tsx", "mjs", "cjs"],
  tsConfig: path.join(ROOT, "tsconfig.json"),
  excludeRegExp: [/\.test\.ts$/, /node_modules/],
};

/** lib/login/login.ts → "lib/auth"; null outside lib/'s folders. */
function folderOf(file) {
  const parts = file.split("/");
  return parts[0] === "lib" && parts.length > 2 ? `lib/${parts[1]}` : null;
}

const problems = [];
const graph = await madge(["lib", "app", "components"], MADGE);

for (const cycle of graph.circular()) problems.push(`a cycle of files: ${cycle.join(" > ")}`);

const edges = new Set();
const scriptImports = new Set();
for (const [file, imports] of Object.entries(graph.obj())) {
  for (const imported of imports) {
    if (file.startsWith("lib/") && /^(scripts|components)\//.test(imported))
      scriptImports.add(`${file} -> ${imported}`);
    const from = folderOf(file);
    const to = folderOf(imported);
    if (from && to && from !== to) edges.add(`${from} -> ${to}`);
  }
}

for (const edge of scriptImports)
  if (!KNOWN_SCRIPT_IMPORTS.has(edge)) problems.push(`${edge}: lib/ never imports scripts/ or components/`);
for (const edge of KNOWN_SCRIPT_IMPORTS)
  if (!scriptImports.has(edge)) problems.push(`${edge} is gone: take it off KNOWN_SCRIPT_IMPORTS`);

const found = new Set();
for (const edge of edges) {
  const [from, to] = edge.split(" -> ");
  if (from < to && edges.has(`${to} -> ${from}`)) found.add(`${from} <-> ${to}`);
}
for (const pair of found) if (!KNOWN_FOLDER_CYCLES.has(pair)) problems.push(`a new cycle between folders: ${pair}`);
for (const pair of KNOWN_FOLDER_CYCLES)
  if (!found.has(pair)) problems.push(`${pair} no longer imports both ways: take it off KNOWN_FOLDER_CYCLES`);

if (problems.length) {
  console.error(problems.map((problem) => `✖ ${problem}`).join("\n"));
  process.exit(1);
}
console.log(`✔ imports point down (${Object.keys(graph.obj()).length} files; ${found.size} known folder cycles left)`);
