import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import type { ChatEvent, ErrorEvent } from "../../shared/protocol/index.js";
import { PROTOCOL_VERSION } from "../../shared/protocol/index.js";
import { RecentCounts, statusClass } from "../../server/metrics.js";
import { rawRequest } from "../helpers/http.js";
import { collect, joinOptions, joinOutcome, joinVenue, nextMessage, startTestGrove, TestClock, until, type TestGrove } from "../helpers/grove.js";

/** One sample of the Prometheus text format: `name{label="value",…} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Exposition {
  samples: Sample[];
  help: Map<string, string>;
  types: Map<string, string>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** A small parser of the text format (0.0.4): throws on any line that is not a comment, a sample or blank. */
function parseExposition(text: string): Exposition {
  const samples: Sample[] = [];
  const help = new Map<string, string>();
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const comment = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (comment) {
      const [, kind, name = "", rest = ""] = comment;
      if (!NAME.test(name)) throw new Error(`bad metric name in ${line}`);
      (kind === "HELP" ? help : types).set(name, rest);
      continue;
    }
    const head = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
    if (!head?.[1]) throw new Error(`not a sample: ${line}`);
    const name = head[1];
    let at = name.length;
    const labels: Record<string, string> = {};
    if (line[at] === "{") {
      at += 1;
      while (line[at] !== "}") {
        const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(at));
        if (!label?.[1]) throw new Error(`bad label in ${line}`);
        at += label[0].length;
        let value = "";
        for (;;) {
          const ch = line[at];
          if (ch === undefined) throw new Error(`unterminated label value in ${line}`);
          at += 1;
          if (ch === '"') break;
          if (ch === "\\") {
            const escaped = line[at];
            at += 1;
            if (escaped === "n") value += "\n";
            else if (escaped === "\\" || escaped === '"') value += escaped;
            else throw new Error(`bad escape in ${line}`);
          } else value += ch;
        }
        labels[label[1]] = value;
        if (line[at] === ",") at += 1;
        else if (line[at] !== "}") throw new Error(`bad label list in ${line}`);
      }
      at += 1;
    }
    const rest = /^ (\S+)( -?\d+)?$/.exec(line.slice(at));
    if (!rest?.[1]) throw new Error(`bad sample value in ${line}`);
    // prom-client writes NaN as "Nan"; Prometheus reads it (Go's ParseFloat ignores the case), and so does this.
    const nan = rest[1].toLowerCase() === "nan";
    const value = rest[1] === "+Inf" ? Infinity : rest[1] === "-Inf" ? -Infinity : nan ? NaN : Number(rest[1]);
    if (Number.isNaN(value) && !nan) throw new Error(`bad number in ${line}`);
    samples.push({ name, labels, value });
  }
  return { samples, help, types };
}

/** The one sample of `name` whose labels include `labels`; fails when there is none or several. */
function valueOf(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  const found = exposition.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  return found[0]!.value;
}

function total(exposition: Exposition, name: string): number {
  return exposition.samples.filter((s) => s.name === name).reduce((sum, s) => sum + s.value, 0);
}

function labelValues(exposition: Exposition, name: string, label: string): string[] {
  return exposition.samples.filter((s) => s.name === name).map((s) => s.labels[label] ?? "");
}

describe("RecentCounts (the messages-per-second window)", () => {
  it("sums what fell in the last ten whole seconds, the current one included", () => {
    const counts = new RecentCounts(10);
    counts.add(1_000_500);
    counts.add(1_000_999);
    counts.add(1_004_000);
    // Seconds 1000 (two) and 1004 (one) are both inside the window that ends with second 1009.
    expect(counts.total(1_009_999)).toBe(3);
    // From second 1010 on, second 1000 has left the window; second 1004 leaves at 1014.
    expect(counts.total(1_010_000)).toBe(1);
    expect(counts.total(1_013_999)).toBe(1);
    expect(counts.total(1_014_000)).toBe(0);
  });

  it("reuses a slot ten seconds later without keeping the old count", () => {
    const counts = new RecentCounts(10);
    counts.add(5_000);
    counts.add(5_100);
    counts.add(15_000);
    expect(counts.total(15_000)).toBe(1);
    // An instant before anything was counted sees nothing, not a count from its slot's future.
    expect(counts.total(4_000)).toBe(0);
  });
});

describe("statusClass", () => {
  it("names the hundred a status falls in, and calls nonsense a server error", () => {
    expect([100, 200, 204, 301, 404, 429, 500, 599].map(statusClass)).toEqual(["1xx", "2xx", "2xx", "3xx", "4xx", "4xx", "5xx", "5xx"]);
    expect([0, 99, 600, 1000].map(statusClass)).toEqual(["5xx", "5xx", "5xx", "5xx"]);
  });
});

describe("GET /metrics", () => {
  let grove: TestGrove;
  const clock = new TestClock();
  beforeAll(async () => {
    grove = await startTestGrove({ now: clock.now });
  });
  afterEach(() => clock.release());
  afterAll(async () => {
    await grove.dispose();
  });

  async function scrapeText(): Promise<string> {
    const res = await fetch(`${grove.url}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  }
  const scrape = async () => parseExposition(await scrapeText());

  it("answers the Prometheus text format, uncached, with a help and a type for every metric", async () => {
    const res = await fetch(`${grove.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const exposition = parseExposition(await res.text());
    const expected = { grove_rooms: "gauge", grove_members_online: "gauge", grove_sessions_live: "gauge", grove_messages_per_second: "gauge", grove_messages_total: "counter", grove_refusals_total: "counter", grove_http_requests_total: "counter", nodejs_eventloop_lag_seconds: "gauge" };
    for (const [name, type] of Object.entries(expected)) expect([name, exposition.types.get(name)]).toEqual([name, type]);
    for (const sample of exposition.samples) {
      const family = [...exposition.types.keys()].find((name) => sample.name === name || sample.name.startsWith(`${name}_`));
      expect(family, sample.name).toBeDefined();
      expect(exposition.help.has(family!), sample.name).toBe(true);
    }
    // The process's defaults came with it, once.
    expect(exposition.samples.filter((s) => s.name === "nodejs_eventloop_lag_seconds")).toHaveLength(1);
    expect(exposition.samples.some((s) => s.name === "process_resident_memory_bytes")).toBe(true);
    // A second scrape registers nothing twice (prom-client would throw, and the route answer 500).
    expect((await fetch(`${grove.url}/metrics`)).status).toBe(200);
  });

  it("counts rooms, members online and live sessions up as two members join and down as they leave", async () => {
    const before = await scrape();
    const base = { rooms: valueOf(before, "grove_rooms"), online: valueOf(before, "grove_members_online"), sessions: valueOf(before, "grove_sessions_live") };
    const a = await joinVenue(grove.client, { name: "Ada" });
    const b = await joinVenue(new Client(grove.url), { name: "Ben" });
    let now = await scrape();
    await until(async () => valueOf((now = await scrape()), "grove_members_online") === base.online + 2, "two members online");
    expect(valueOf(now, "grove_rooms")).toBe(base.rooms + 1);
    expect(valueOf(now, "grove_sessions_live")).toBe(base.sessions + 1);

    await a.room.leave();
    await until(async () => valueOf((now = await scrape()), "grove_members_online") === base.online + 1, "one member online");
    expect(valueOf(now, "grove_rooms")).toBe(base.rooms + 1);

    await b.room.leave();
    await until(async () => valueOf((now = await scrape()), "grove_rooms") === base.rooms, "the room gone");
    await until(async () => valueOf((now = await scrape()), "grove_sessions_live") === base.sessions, "the session ended");
    expect(valueOf(now, "grove_members_online")).toBe(base.online);
  });

  it("counts exactly the messages sent, by intent", async () => {
    const { room } = await joinVenue(grove.client, { name: "Chatty" });
    const before = await scrape();
    for (const text of ["one", "two", "three"]) {
      const echo = nextMessage<ChatEvent>(room, "chat");
      room.send("chat", { text });
      await echo;
    }
    const after = await scrape();
    expect(total(after, "grove_messages_total") - total(before, "grove_messages_total")).toBe(3);
    expect(valueOf(after, "grove_messages_total", { intent: "chat" }) - valueOf(before, "grove_messages_total", { intent: "chat" })).toBe(3);
    await room.leave();
  });

  it("gives the messages of the last ten seconds per second, refused ones included", async () => {
    const { room } = await joinVenue(grove.client, { name: "Counter" });
    clock.freeze();
    // Whatever earlier tests sent falls out of the window.
    clock.advance(60_000);
    expect(valueOf(await scrape(), "grove_messages_per_second")).toBe(0);
    // Chat's bucket holds 3 and the clock stands still: three lines go out, the fourth is refused, all four arrived.
    const echoes = collect<ChatEvent>(room, "chat");
    const errors = collect<ErrorEvent>(room, "error");
    for (const text of ["a", "b", "c", "d"]) room.send("chat", { text });
    await until(() => echoes.length === 3 && errors.length === 1, "three lines and a refusal");
    expect(errors[0]?.code).toBe("RATE_LIMITED");
    expect(valueOf(await scrape(), "grove_messages_per_second")).toBeCloseTo(0.4, 10);
    clock.advance(9_000);
    expect(valueOf(await scrape(), "grove_messages_per_second")).toBeCloseTo(0.4, 10);
    clock.advance(1_000);
    expect(valueOf(await scrape(), "grove_messages_per_second")).toBe(0);
    await room.leave();
  });

  it("counts refusals by code: a malformed payload, an unknown type, joins refused by the room and by the door", async () => {
    const { room } = await joinVenue(grove.client, { name: "Clumsy" });
    const before = await scrape();
    const malformed = nextMessage<ErrorEvent>(room, "error");
    room.send("chat", { text: 42 });
    expect((await malformed).code).toBe("INVALID_MESSAGE");
    const unknown = nextMessage<ErrorEvent>(room, "error");
    room.send("noSuchThing", {});
    expect((await unknown).code).toBe("UNKNOWN_MESSAGE");
    expect(await joinOutcome(new Client(grove.url), { ...joinOptions(), protocolVersion: PROTOCOL_VERSION + 1000 })).toBe("PROTOCOL_MISMATCH");
    // Refused at the matchmaking door itself, before the room's onAuth.
    const foreign = await rawRequest(grove.url, { method: "POST", path: "/matchmake/joinOrCreate/venue", headers: { "content-type": "application/json", origin: "https://elsewhere.example" }, body: JSON.stringify(joinOptions()) });
    expect(foreign.status).toBe(403);

    const after = await scrape();
    const rise = (code: string) => valueOf(after, "grove_refusals_total", { code }) - valueOf(before, "grove_refusals_total", { code });
    expect([rise("INVALID_MESSAGE"), rise("UNKNOWN_MESSAGE"), rise("PROTOCOL_MISMATCH"), rise("INVALID_JOIN")]).toEqual([1, 1, 1, 1]);
    // Each once: a join the room refused is not counted again by the door that answers it.
    expect(total(after, "grove_refusals_total") - total(before, "grove_refusals_total")).toBe(4);
    // Both reached the room: the malformed chat as a chat, the unknown type as "other".
    expect(valueOf(after, "grove_messages_total", { intent: "chat" }) - valueOf(before, "grove_messages_total", { intent: "chat" })).toBe(1);
    expect(valueOf(after, "grove_messages_total", { intent: "other" }) - valueOf(before, "grove_messages_total", { intent: "other" })).toBe(1);
    await room.leave();
  });

  it("makes no label value of a message type a client made up", async () => {
    const { room } = await joinVenue(grove.client, { name: "Inventive" });
    const before = await scrape();
    const invented = `zz${Math.random().toString(36).slice(2)}Type`;
    const refused = nextMessage<ErrorEvent>(room, "error");
    room.send(invented, { any: "thing" });
    await refused;
    const text = await scrapeText();
    expect(text).not.toContain(invented);
    const after = parseExposition(text);
    // The same series as before: the message went to "other", no new one was made.
    expect(after.samples.filter((s) => s.name.startsWith("grove_")).map((s) => `${s.name}${JSON.stringify(s.labels)}`)).toEqual(
      before.samples.filter((s) => s.name.startsWith("grove_")).map((s) => `${s.name}${JSON.stringify(s.labels)}`),
    );
    expect(labelValues(after, "grove_messages_total", "intent")).not.toContain(invented);
    await room.leave();
  });

  it("never shows a member's name, id, seat or secret", async () => {
    const name = "Wilhelmina Quux";
    const { room, welcome } = await joinVenue(grove.client, { name });
    const echo = nextMessage<ChatEvent>(room, "chat");
    room.send("chat", { text: "secret plans for Tuesday" });
    await echo;
    const text = await scrapeText();
    for (const leak of [name, "Wilhelmina", welcome.memberId, welcome.secret, room.sessionId, room.roomId, "secret plans"]) expect(text, leak).not.toContain(leak);
    await room.leave();
  });

  it("counts HTTP answers by status class", async () => {
    const before = await scrape();
    expect((await fetch(`${grove.url}/api/no-such-route`)).status).toBe(404);
    expect((await fetch(`${grove.url}/healthz`)).status).toBe(200);
    let after = before;
    // The count is taken when an answer has gone out, just after the client may have read it.
    await until(async () => valueOf((after = await scrape()), "grove_http_requests_total", { status_class: "4xx" }) > valueOf(before, "grove_http_requests_total", { status_class: "4xx" }), "the 404 counted");
    expect(valueOf(after, "grove_http_requests_total", { status_class: "4xx" }) - valueOf(before, "grove_http_requests_total", { status_class: "4xx" })).toBe(1);
    // At least the health check and the scrape before it.
    expect(valueOf(after, "grove_http_requests_total", { status_class: "2xx" }) - valueOf(before, "grove_http_requests_total", { status_class: "2xx" })).toBeGreaterThanOrEqual(2);
    expect(valueOf(after, "grove_http_requests_total", { status_class: "5xx" })).toBe(valueOf(before, "grove_http_requests_total", { status_class: "5xx" }));
  });
});

describe("GET /metrics with GROVE_METRICS_TOKEN", () => {
  const token = "metrics-token-0123456789abcdef";
  let grove: TestGrove;
  beforeAll(async () => {
    grove = await startTestGrove({ metricsToken: token });
  });
  afterAll(async () => {
    await grove.dispose();
  });

  it("answers 401 without the token or with another, and the metrics with it", async () => {
    const none = await fetch(`${grove.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await none.text()).not.toContain("grove_");
    for (const authorization of [`Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, token, `Basic ${token}`, "Bearer "]) {
      expect((await fetch(`${grove.url}/metrics`, { headers: { authorization } })).status, authorization).toBe(401);
    }
    const right = await fetch(`${grove.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(right.status).toBe(200);
    expect(right.headers.get("cache-control")).toBe("no-store");
    expect(valueOf(parseExposition(await right.text()), "grove_rooms")).toBe(0);
  });

  it("refuses to start with a token short enough to guess", async () => {
    await expect(startTestGrove({ metricsToken: "short" })).rejects.toThrow(/GROVE_METRICS_TOKEN must be at least 16 characters/);
  });
});
