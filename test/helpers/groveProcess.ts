import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";

/** The server as `npm start` runs it: compiled by tsc, run by plain `node`. */
export const SERVER_ENTRY = "dist/server/server/main.js";

/** The newest modification time among the sources the server build compiles. */
function newestSource(): number {
  return Math.max(
    ...["server", "shared", "tsconfig.server.json", "tsconfig.base.json"].flatMap((root) =>
      statSync(root).isDirectory()
        ? readdirSync(root, { recursive: true, encoding: "utf8" }).map((file) => statSync(join(root, file)).mtimeMs)
        : [statSync(root).mtimeMs],
    ),
  );
}

/** `npm test` has just built the server; a lone run of a suite builds it when missing or older than its sources. */
export function ensureServerBuilt(): void {
  if (existsSync(SERVER_ENTRY) && statSync(SERVER_ENTRY).mtimeMs >= newestSource()) return;
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.server.json"], { stdio: "inherit" });
}

/** A port nobody listens on now, for a server that must come back on the same one after a restart. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Grove as `npm start` runs it, in its own process, so a test can kill it the way an operator or a crash would. */
export interface GroveProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed, for a failure message. */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when a signal ended it). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

export async function startGroveProcess(options: { port: number; sqlitePath: string; timeoutMs?: number; env?: Record<string, string> }): Promise<GroveProcess> {
  ensureServerBuilt();
  const child = spawn(process.execPath, ["--enable-source-maps", SERVER_ENTRY], {
    env: { ...process.env, PORT: String(options.port), GROVE_SQLITE_PATH: options.sqlitePath, DATABASE_URL: "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Grove is running on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
