// The tests drive Debian's Chromium (end-to-end) and a real Janus media server (stage voice). Install what is
// missing (as root), or stop and say what to do: a missing program must never turn into silently skipped tests.
import { execSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";

const CHROMIUM = process.env.GROVE_CHROMIUM ?? "/usr/bin/chromium";

function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

const packages = [];
if (!existsSync(CHROMIUM)) packages.push("chromium", "fonts-noto-cjk", "fonts-noto-color-emoji");
if (!onPath("janus")) packages.push("janus");
if (packages.length === 0) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `The tests need Debian packages that are missing: ${packages.join(" ")}.\n` +
      `Install them with: sudo apt-get update && sudo apt-get install -y ${packages.join(" ")}\n` +
      "(or point GROVE_CHROMIUM at another Chromium binary), then run npm test again.",
  );
  process.exit(1);
}
console.error(`Installing what the tests need with apt-get: ${packages.join(" ")} …`);
try {
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(" ")}`, { stdio: "inherit" });
} catch {
  console.error("Installing with apt-get failed; install the packages by hand and run npm test again.");
  process.exit(1);
}
if (!existsSync(CHROMIUM) || !onPath("janus")) {
  console.error(`apt-get finished but ${!existsSync(CHROMIUM) ? CHROMIUM : "janus"} is still missing.`);
  process.exit(1);
}
