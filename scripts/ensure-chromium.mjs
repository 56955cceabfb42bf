// The end-to-end tests drive Debian's Chromium. Install it when missing (as root), or stop and say what to do:
// a missing browser must never turn into silently skipped tests.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = process.env.GROVE_CHROMIUM ?? "/usr/bin/chromium";

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `Chromium is missing at ${CHROMIUM}; the end-to-end tests need it.\n` +
      "Install it with: sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk\n" +
      "(or point GROVE_CHROMIUM at another Chromium binary), then run npm test again.",
  );
  process.exit(1);
}
console.error("Chromium is missing: installing Debian's chromium with apt-get …");
try {
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-color-emoji", { stdio: "inherit" });
} catch {
  console.error("Installing chromium with apt-get failed; install it by hand and run npm test again.");
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
