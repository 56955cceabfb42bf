import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { until } from "../helpers/grove.js";
import { SERVER_ENTRY, ensureServerBuilt, freePort, startGroveProcess } from "../helpers/groveProcess.js";

// Voice as `npm start` runs it (docs/voice.md): the compiled server finds Janus, starts it, says so, and never leaves
// it behind, even when the server itself is killed.

const dir = mkdtempSync(join(tmpdir(), "grove-voice-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The pids of `janus` processes whose parent is `parent` (read from /proc, no tools needed). */
function janusChildren(parent: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (comm === "janus" && ppid === parent) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** The TCP addresses `pid` listens on ("127.0.0.1:18188"), from its sockets and /proc/net/tcp{,6}. */
function listeningAddresses(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/u.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  const addresses: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/u);
      if (fields.length < 10 || fields[3] !== "0A" || !inodes.has(fields[9]!)) continue;
      const [hex, port] = fields[1]!.split(":");
      const ip = hex!.length === 8 ? [3, 2, 1, 0].map((i) => parseInt(hex!.slice(i * 2, i * 2 + 2), 16)).join(".") : hex!;
      addresses.push(`${ip}:${parseInt(port!, 16)}`);
    }
  }
  return addresses;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the compiled server with voice", () => {
  it("starts its own Janus, says voice is ready, and takes Janus down when it is killed", async () => {
    const server = await startGroveProcess({ port: await freePort(), sqlitePath: join(dir, "a.sqlite") });
    try {
      await until(() => server.output().includes("Stage voice:"), "the voice line", 20_000);
      expect(server.output()).toMatch(/Stage voice: ready \(media on UDP 20000-20999, Janus started by Grove\)/u);
      const [janus] = janusChildren(server.child.pid!);
      expect(janus).toBeGreaterThan(0);
      // Janus's API listens on loopback only.
      const listening = listeningAddresses(janus!);
      expect(listening.length).toBeGreaterThan(0);
      for (const address of listening) expect(address).toMatch(/^127\.0\.0\.1:\d+$/u);
      // A SIGKILL runs no handler in the server: the watchdog still takes Janus down.
      await server.stop("SIGKILL");
      await until(() => !alive(janus!), "Janus to go with the server", 10_000);
    } finally {
      await server.stop("SIGKILL");
    }
  }, 60_000);

  it("runs without Janus and says how to get it", async () => {
    const server = await startGroveProcess({ port: await freePort(), sqlitePath: join(dir, "b.sqlite"), env: { PATH: "/nonexistent" } });
    try {
      await until(() => server.output().includes("Stage voice:"), "the voice line", 20_000);
      expect(server.output()).toContain("Stage voice: unavailable: Janus is not installed (apt-get install janus, or set JANUS_URL)");
      expect(janusChildren(server.child.pid!)).toEqual([]);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      expect(await server.stop("SIGTERM")).toBe(0);
    }
  }, 60_000);

  it("refuses to start with a media port range it cannot use, in one line", () => {
    ensureServerBuilt();
    const run = spawnSync(process.execPath, [SERVER_ENTRY], {
      env: { ...process.env, PORT: "0", GROVE_SQLITE_PATH: join(dir, "c.sqlite"), DATABASE_URL: "", GROVE_MEDIA_PORTS: "30000-20000" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe("Grove could not start: GROVE_MEDIA_PORTS must look like 20000-20999 (got \"30000-20000\")");
  }, 60_000);
});
