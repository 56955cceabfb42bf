import { matchMaker } from "@colyseus/core";
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import { CLIENT_INTENTS, ErrorCode, type IntentType } from "../shared/protocol/index.js";

/** Messages whose type Grove does not declare share one label value, so a client cannot mint label values. */
export const OTHER_MESSAGE = "other";
/** `grove_messages_per_second` averages over this many whole seconds. */
export const MESSAGE_RATE_WINDOW_SECONDS = 10;
const HTTP_STATUS_CLASSES = ["1xx", "2xx", "3xx", "4xx", "5xx"] as const;

/**
 * What the rooms and the HTTP layer tell the metrics. Every label value is from a closed set (a declared intent,
 * an ErrorCode, a status class): nothing a client wrote (a name, a chat line, a message type it made up) ever
 * becomes a label, so a client can neither read another member's data off /metrics nor grow its series.
 */
export interface MetricsSink {
  /** A client message reached a room: its intent when Grove declares it, else undefined. */
  message(type: IntentType | undefined): void;
  /** A refusal went to a client (a join refused at the door included). */
  refused(code: ErrorCode): void;
  /** An HTTP answer went out with this status. */
  answered(status: number): void;
}

export interface GroveMetrics extends MetricsSink {
  /** This Grove's own registry (never prom-client's global one: tests run several servers in one process). */
  readonly registry: Registry;
  /** The Prometheus text exposition, and its content type (`text/plain; version=0.0.4`). */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  now: () => number;
  /** Live sessions held by this process (SessionHub). */
  liveSessions: () => number;
}

/**
 * Counts what fell in each of the last `seconds` whole seconds, in a ring: memory stays `seconds` numbers
 * however many messages arrive, and a second older than the window never counts.
 */
export class RecentCounts {
  private readonly counts: number[];
  private readonly stamps: number[];
  constructor(private readonly seconds: number) {
    this.counts = Array.from({ length: seconds }, () => 0);
    this.stamps = Array.from({ length: seconds }, () => -1);
  }

  add(atMs: number): void {
    const second = Math.floor(atMs / 1000);
    const slot = ((second % this.seconds) + this.seconds) % this.seconds;
    if (this.stamps[slot] !== second) {
      this.stamps[slot] = second;
      this.counts[slot] = 0;
    }
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
  }

  /** How many fell in the window ending with the second of `atMs` (that second included). */
  total(atMs: number): number {
    const second = Math.floor(atMs / 1000);
    let sum = 0;
    for (let slot = 0; slot < this.seconds; slot += 1) {
      const stamp = this.stamps[slot] ?? -1;
      if (stamp > second - this.seconds && stamp <= second) sum += this.counts[slot] ?? 0;
    }
    return sum;
  }
}

/** "2xx" for 204; anything outside 100–599 counts as "5xx" (a server that answered nonsense). */
export function statusClass(status: number): (typeof HTTP_STATUS_CLASSES)[number] {
  const hundreds = Math.floor(status / 100);
  return HTTP_STATUS_CLASSES[hundreds - 1] ?? "5xx";
}

/** Colyseus rooms in this process and the members connected to Grove's venues (seated, not reservations). */
async function roomCounts(): Promise<{ rooms: number; online: number }> {
  const rooms = await matchMaker.query({});
  let online = 0;
  for (const room of rooms) {
    if (room.name !== "venue") continue;
    const value = (room.metadata as { online?: unknown } | undefined)?.online;
    if (typeof value === "number") online += value;
  }
  return { rooms: rooms.length, online };
}

let refusalCounter: ((code: ErrorCode) => void) | undefined;

/**
 * Where refusals are counted. `refuse` (the rooms) and the matchmaking route are plain functions, so the counter is
 * one per process, as VenueRoom.services is: the Grove started last counts them.
 */
export function countRefusalsWith(counter: ((code: ErrorCode) => void) | undefined): void {
  refusalCounter = counter;
}

/** Counts one refusal sent to a client (an `error` event in a room, or a refused join). */
export function countRefusal(code: ErrorCode): void {
  refusalCounter?.(code);
}

/** One Grove's metrics: its own registry, counters fed by the rooms and the HTTP layer, gauges read at scrape time. */
export function createMetrics(options: MetricsOptions): GroveMetrics {
  const registry = new Registry();
  const recent = new RecentCounts(MESSAGE_RATE_WINDOW_SECONDS);
  const messages = new Counter({ name: "grove_messages_total", help: "Client messages received by the rooms, by intent (undeclared types are \"other\").", labelNames: ["intent"] as const, registers: [registry] });
  const refusals = new Counter({ name: "grove_refusals_total", help: "Refusals sent to clients, join refusals included, by error code.", labelNames: ["code"] as const, registers: [registry] });
  const answers = new Counter({ name: "grove_http_requests_total", help: "HTTP requests answered, by status class.", labelNames: ["status_class"] as const, registers: [registry] });
  // Every label value exists from the start at 0, so rate() sees the first one and a scrape lists them all.
  for (const intent of [...Object.keys(CLIENT_INTENTS), OTHER_MESSAGE]) messages.inc({ intent }, 0);
  for (const code of ErrorCode.options) refusals.inc({ code }, 0);
  for (const status_class of HTTP_STATUS_CLASSES) answers.inc({ status_class }, 0);

  // One scrape reads the rooms once for both gauges.
  let counts: Promise<{ rooms: number; online: number }> | undefined;
  const readCounts = () => (counts ??= roomCounts().finally(() => void (counts = undefined)));
  new Gauge({
    name: "grove_rooms",
    help: "Colyseus rooms in this process.",
    registers: [registry],
    async collect() {
      this.set((await readCounts()).rooms);
    },
  });
  new Gauge({
    name: "grove_members_online",
    help: "Members connected to a venue instance in this process (seat reservations and dropped members waiting to come back are not).",
    registers: [registry],
    async collect() {
      this.set((await readCounts()).online);
    },
  });
  new Gauge({
    name: "grove_sessions_live",
    help: "Live sessions this process holds.",
    registers: [registry],
    collect() {
      this.set(options.liveSessions());
    },
  });
  new Gauge({
    name: "grove_messages_per_second",
    help: `Client messages per second over the last ${MESSAGE_RATE_WINDOW_SECONDS} s (for those without Prometheus' rate()).`,
    registers: [registry],
    collect() {
      this.set(recent.total(options.now()) / MESSAGE_RATE_WINDOW_SECONDS);
    },
  });

  // The process's defaults (event-loop lag, memory, CPU, handles) are registered on the first scrape: they keep a
  // delay monitor and a GC observer running for good, which a server nobody scrapes (every test's) need not pay.
  let defaults = false;
  return {
    registry,
    message(type) {
      messages.inc({ intent: type ?? OTHER_MESSAGE });
      recent.add(options.now());
    },
    refused(code) {
      refusals.inc({ code });
    },
    answered(status) {
      answers.inc({ status_class: statusClass(status) });
    },
    async scrape() {
      if (!defaults) {
        defaults = true;
        collectDefaultMetrics({ register: registry });
      }
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
