import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { joinOptions, nextMessage } from "../helpers/grove.js";
import { SERVER_ENTRY, ensureServerBuilt, freePort } from "../helpers/groveProcess.js";

// The server as `npm start` runs it (compiled by tsc, plain `node`, Node's own module loader), not as Vitest
// loads it: module-format mix-ups such as two copies of Colyseus' matchmaker only show up here.
let child: ChildProcess;
let url = "";
const dir = mkdtempSync(join(tmpdir(), "grove-cli-"));

beforeAll(async () => {
  ensureServerBuilt();
  const port = await freePort();
  child = spawn(process.execPath, ["--enable-source-maps", SERVER_ENTRY], {
    env: { ...process.env, PORT: String(port), GROVE_SQLITE_PATH: join(dir, "grove.sqlite"), DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Grove is running on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        url = match[1];
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("the server started as npm start starts it", () => {
  it("answers /healthz and lets a member join the demo event", async () => {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    const room = await new Client(url).joinOrCreate("venue", joinOptions({ name: "Smoke" }));
    const welcome = await nextMessage<{ memberId: string }>(room, "welcome");
    expect(welcome.memberId).toMatch(/^[0-9a-f-]{36}$/);
    await room.leave();
  });

  it("shuts down cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});

describe("a start that cannot go on", () => {
  it("says why in one line and exits with 1, without a stack", async () => {
    const broken = mkdtempSync(join(tmpdir(), "grove-cli-broken-"));
    try {
      writeFileSync(join(broken, "grove-secrets.json"), "{ not json");
      const starting = spawn(process.execPath, [SERVER_ENTRY], {
        env: { ...process.env, PORT: String(await freePort()), GROVE_SQLITE_PATH: join(broken, "grove.sqlite"), DATABASE_URL: "", GROVE_ADMIN_TOKEN: "", GROVE_SECRET: "" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      starting.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      starting.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => starting.once("exit", (c) => resolve(c)));
      expect(code).toBe(1);
      expect(output).toMatch(/^Grove could not start: .*grove-secrets\.json/m);
      expect(output).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
