// `npm start`'s migrations, in a child process that exits when they are done: the primary process
// lives as long as the server and counts towards its memory, and a database driver loaded into it
// only for the migrations would stay resident for nothing (~10 MB).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

export function migrateInChild(url) {
  const migrateModule = pathToFileURL(path.resolve("scripts", "migrate.mjs")).href;
  const code = `import { migrate } from ${JSON.stringify(migrateModule)};
const applied = await migrate(${JSON.stringify(url)});
if (applied.length) console.log("Applied migrations: " + applied.join(", "));`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
