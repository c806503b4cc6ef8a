// The targets, as ratios from one run: the app against the reference peers, and against
// its own ceilings. Each line says whether the run met it.

const TARGETS = {
  readsOverBetterAuth: 1.5,
  readsOverDrf: 5,
  anonymousOverDrf: 1,
  loginsOfCeiling: 0.9,
  readP99DuringLoginsMs: 50,
  memoryMb: 350,
};

const fixed = (value, digits = 0) => (value === undefined ? "—" : value.toFixed(digits));

function ratioLine(label, ours, theirs, target) {
  if (!ours || !theirs)
    return `| ${label} | ${fixed(ours?.rps)} | ${fixed(theirs?.rps)} | — | ≥ ${target}× | not measured |`;
  const ratio = ours.rps / theirs.rps;
  return `| ${label} | ${fixed(ours.rps)} | ${fixed(theirs.rps)} | ${ratio.toFixed(2)}× | ≥ ${target}× | ${ratio >= target ? "met" : "**missed**"} |`;
}

/** Figures per server and scenario: requests/s, latency, unexpected answers, peak memory. */
export function figuresTable(servers) {
  const lines = [
    "| server | scenario | requests/s | p50 ms | p99 ms | errors | peak memory MB (PSS) |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const [name, result] of Object.entries(servers)) {
    if (result.skipped) {
      lines.push(`| ${name} | not run: ${result.skipped} | | | | | |`);
      continue;
    }
    for (const [scenario, r] of Object.entries(result.rows))
      lines.push(
        `| ${name} | ${scenario} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${result.memoryMb.toFixed(0)} |`,
      );
  }
  return lines.join("\n");
}

/**
 * `servers`: { Vestibule, DRF, "Better Auth" } → { rows: { scenario: { rps, p99 } } } or { skipped }.
 * `own`: the app's login figure as a share of its ceiling, its read p99 while logins saturate the
 * hashing, and the peak memory of all its processes over the whole run.
 */
export function ratioTable(servers, own) {
  const rows = (name) => servers[name]?.rows ?? {};
  const ours = rows("Vestibule");
  const drf = rows("DRF");
  const ba = rows("Better Auth");
  const lines = [
    "| target | Vestibule | peer | ratio | target | result |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
  ];
  lines.push(
    ratioLine(
      "`GET /api/me` session ÷ Better Auth `GET /api/me` session",
      ours["GET /api/me session"],
      ba["GET /api/me session"],
      TARGETS.readsOverBetterAuth,
    ),
  );
  lines.push(
    ratioLine(
      "`GET /api/me` token ÷ Better Auth `GET /api/me` session (it has no tokens)",
      ours["GET /api/me token"],
      ba["GET /api/me session"],
      TARGETS.readsOverBetterAuth,
    ),
  );
  lines.push(
    ratioLine(
      "`GET /api/me` session ÷ DRF",
      ours["GET /api/me session"],
      drf["GET /api/me session"],
      TARGETS.readsOverDrf,
    ),
  );
  lines.push(
    ratioLine("`GET /api/me` token ÷ DRF", ours["GET /api/me token"], drf["GET /api/me token"], TARGETS.readsOverDrf),
  );
  lines.push(
    ratioLine(
      "anonymous `GET /api/session` ÷ DRF",
      ours["GET /api/session anonymous"],
      drf["GET /api/session anonymous"],
      TARGETS.anonymousOverDrf,
    ),
  );
  const share = own.loginShare;
  lines.push(
    `| logins at cost ${own.cost} ÷ hash-bound ceiling | ${fixed(own.loginRps, 1)}/s | ${fixed(own.ceiling, 1)}/s | ${fixed(100 * share)}% | ≥ ${100 * TARGETS.loginsOfCeiling}% | ${share >= TARGETS.loginsOfCeiling ? "met" : "**missed**"} |`,
  );
  lines.push(
    `| \`GET /api/me\` p99 while logins saturate the hashing | ${own.readP99} ms | | | < ${TARGETS.readP99DuringLoginsMs} ms | ${own.readP99 < TARGETS.readP99DuringLoginsMs ? "met" : "**missed**"} |`,
  );
  lines.push(
    `| peak memory (PSS) of all server processes together, whole run | ${fixed(own.memoryMb)} MB | | | ≤ ${TARGETS.memoryMb} MB | ${own.memoryMb <= TARGETS.memoryMb ? "met" : "**missed**"} |`,
  );
  return lines.join("\n");
}
