// Writes the OpenAPI document GET /api/openapi.json serves to the file named on the command line,
// for `node scripts/test.mjs lint` to lint it with Redocly (redocly.yaml).
import fs from "node:fs";
import { openApiDocument } from "@/lib/openapi";

const [file] = process.argv.slice(2);
if (!file) throw new Error("usage: tsx --conditions=react-server scripts/openapi-document.ts <file>");
fs.writeFileSync(file, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
