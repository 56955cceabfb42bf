import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiError,
  CreateEventResponse,
  EVENT_CAPACITY_DEFAULT,
  HOST_LINK_PARAM,
  HostLinkResponse,
  ListEventsResponse,
  PublicEventResponse,
  PublicEventsResponse,
  UpdateEventResponse,
  type CreateEventRequest,
  type UpdateEventRequest,
} from "../../shared/protocol/index.js";
import { ADMIN_AUTH_FAILURE_LIMIT } from "../../server/http/admin.js";
import { joinVenue, startTestGrove, TestClock, type TestGrove } from "../helpers/grove.js";
import { rawRequest } from "../helpers/http.js";
import { databaseTargets, type DatabaseTarget } from "../helpers/postgres.js";

/** PostgreSQL runs in a database of its own (see test/helpers/postgres.ts), beside store.test.ts. */
const targets = databaseTargets("grove_admin_api_test");

/** The host token inside a host link. */
const tokenOf = (hostLink: string) => new URL(hostLink, "http://grove.test").searchParams.get(HOST_LINK_PARAM) ?? "";

describe.each(targets)("operator API on %s", (_dialect, database) => {
  let grove: TestGrove;
  let isolated: DatabaseTarget | undefined;
  beforeAll(async () => {
    isolated = await database();
    grove = await startTestGrove(isolated.url ? { databaseUrl: isolated.url } : {});
  });
  afterAll(async () => {
    await grove?.dispose();
    await isolated?.cleanup();
  });

  const call = (method: string, path: string, options: { body?: unknown; token?: string | null; headers?: Record<string, string> } = {}) => {
    const token = options.token === undefined ? grove.operatorToken : options.token;
    return fetch(`${grove.url}/api/admin${path}`, {
      method,
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(options.body === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
      ...(options.body === undefined ? {} : { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }),
    });
  };
  const create = (body: unknown) => call("POST", "/events", { body });
  const errorOf = async (response: Response) => ApiError.parse(await response.json()).error;

  describe("the operator token", () => {
    it("refuses a request without it with 401 UNAUTHORIZED and a Bearer challenge", async () => {
      for (const [method, path] of [["GET", "/events"], ["POST", "/events"], ["POST", "/events/demo/host-link"], ["GET", "/no/such/route"]] as const) {
        const response = await call(method, path, { token: null });
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
        expect(await errorOf(response)).toBe("UNAUTHORIZED");
      }
    });

    it("refuses a wrong token, a truncated or extended one, and the right one in another scheme", async () => {
      const right = grove.operatorToken;
      for (const authorization of [`Bearer ${right.slice(0, -1)}`, `Bearer ${right}x`, `Bearer x${right}`, "Bearer ", `Basic ${right}`, right, `Bearer ${right} ${right}`]) {
        const response = await call("GET", "/events", { token: null, headers: { authorization } });
        expect(response.status).toBe(401);
      }
    });

    it("accepts the right one, with the scheme in any case", async () => {
      expect((await call("GET", "/events")).status).toBe(200);
      expect((await call("GET", "/events", { token: null, headers: { authorization: `bearer ${grove.operatorToken}` } })).status).toBe(200);
    });

    it("answers nothing to be cached, refused or not", async () => {
      expect((await call("GET", "/events")).headers.get("cache-control")).toBe("no-store");
      expect((await call("GET", "/events", { token: "wrong" })).headers.get("cache-control")).toBe("no-store");
    });
  });

  describe("creating an event", () => {
    it("answers 201 with the event, its member link and a host link accepted for that event only", async () => {
      const before = Date.now();
      const response = await create({ slug: "spring-salon", title: "Spring salon · 春季沙龙", capacity: 120 } satisfies CreateEventRequest);
      expect(response.status).toBe(201);
      const body = CreateEventResponse.parse(await response.json());
      expect(body.event).toEqual({ slug: "spring-salon", title: "Spring salon · 春季沙龙", description: "", capacity: 120, online: 0, live: false, startsAt: null, endsAt: null, words: { add: [], remove: [] }, treeGoal: 300, rewardText: "", rewardUrl: null, memberSalons: true });
      expect(body.memberLink).toBe("/e/spring-salon");
      expect(body.hostLink).toMatch(/^\/e\/spring-salon\?host=[A-Za-z0-9_.-]+$/);
      expect(body.hostLinkExpiresAt).toBeGreaterThan(before);

      const event = await grove.store.getEventBySlug("spring-salon");
      expect(event).toMatchObject({ title: "Spring salon · 春季沙龙", capacity: 120 });
      const demo = await grove.store.getEventBySlug("demo");
      expect(grove.hostTokens.check(tokenOf(body.hostLink), event!.id)).toBe("accepted");
      expect(grove.hostTokens.check(tokenOf(body.hostLink), demo!.id)).toBe("otherEvent");
    });

    it("gives an event 200 places unless told, and keeps the title as a name is kept", async () => {
      const response = await create({ slug: "quiet-evening", title: "  Quiet   evening\u200b " });
      expect(response.status).toBe(201);
      const { event } = CreateEventResponse.parse(await response.json());
      expect(event).toMatchObject({ title: "Quiet evening", capacity: EVENT_CAPACITY_DEFAULT });
    });

    it("keeps a description, normalised line by line, and lists it to the operator", async () => {
      const response = await create({ slug: "described", title: "Described", description: "\n  Tea and   talk.\u200b\r\n\n\n\nBring a friend 🌱  \n\n" });
      expect(response.status).toBe(201);
      expect(CreateEventResponse.parse(await response.json()).event.description).toBe("Tea and talk.\n\nBring a friend 🌱");
      expect((await grove.store.getEventBySlug("described"))?.description).toBe("Tea and talk.\n\nBring a friend 🌱");
      const listed = ListEventsResponse.parse(await (await call("GET", "/events")).json()).events.find((e) => e.slug === "described");
      expect(listed?.description).toBe("Tea and talk.\n\nBring a friend 🌱");
      // A description that shows nothing is no description.
      const blank = await create({ slug: "blank-description", title: "Blank", description: " \u200b\n\t" });
      expect(CreateEventResponse.parse(await blank.json()).event.description).toBe("");
    });

    it("refuses a description over 500 characters or that is not text", async () => {
      for (const description of ["x".repeat(501), 42, null, ["a"]]) {
        const response = await create({ slug: "long-description", title: "t", description });
        expect(response.status).toBe(400);
        expect(await errorOf(response)).toBe("INVALID_REQUEST");
      }
      expect(await grove.store.getEventBySlug("long-description")).toBeUndefined();
      expect((await create({ slug: "long-description", title: "t", description: ` ${"x".repeat(500)} ` })).status).toBe(201);
    });

    it("refuses a slug that exists with 409 SLUG_TAKEN and leaves the event as it was", async () => {
      const response = await create({ slug: "demo", title: "Mine now" });
      expect(response.status).toBe(409);
      expect(await errorOf(response)).toBe("SLUG_TAKEN");
      expect((await grove.store.getEventBySlug("demo"))?.title).not.toBe("Mine now");
    });

    it("gives a slug to one of two operators racing for it", async () => {
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => create({ slug: "contested", title: `Take ${i}` })));
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    });

    it("keeps a schedule given in milliseconds, shows it to the operator and on the public endpoints", async () => {
      const response = await create({ slug: "scheduled-ms", title: "Scheduled", startsAt: 1_767_225_600_000, endsAt: 1_767_232_800_000 });
      expect(response.status).toBe(201);
      const { event } = CreateEventResponse.parse(await response.json());
      expect([event.startsAt, event.endsAt]).toEqual([1_767_225_600_000, 1_767_232_800_000]);
      expect(await grove.store.getEventBySlug("scheduled-ms")).toMatchObject({ startsAt: 1_767_225_600_000, endsAt: 1_767_232_800_000 });
      const listed = ListEventsResponse.parse(await (await call("GET", "/events")).json()).events.find((e) => e.slug === "scheduled-ms");
      expect(listed).toMatchObject({ startsAt: 1_767_225_600_000, endsAt: 1_767_232_800_000 });
      const single = PublicEventResponse.parse(await (await fetch(`${grove.url}/api/events/scheduled-ms`)).json());
      expect(single.event).toEqual({ slug: "scheduled-ms", title: "Scheduled", description: "", live: false, online: 0, startsAt: 1_767_225_600_000, endsAt: 1_767_232_800_000 });
      const all = PublicEventsResponse.parse(await (await fetch(`${grove.url}/api/events`)).json()).events;
      expect(all.find((e) => e.slug === "scheduled-ms")).toEqual(single.event);
    });

    it("reads ISO 8601 times with an offset as that instant, and takes a start or an end alone", async () => {
      const both = await create({ slug: "scheduled-iso", title: "Evening", startsAt: "2026-01-01T19:30:00+08:00", endsAt: "2026-01-01T13:00:00Z" });
      expect(both.status).toBe(201);
      expect(CreateEventResponse.parse(await both.json()).event).toMatchObject({ startsAt: Date.UTC(2026, 0, 1, 11, 30), endsAt: Date.UTC(2026, 0, 1, 13, 0) });
      const startOnly = await create({ slug: "starts-only", title: "Opening", startsAt: "2026-03-01T10:00:00.250Z" });
      expect(CreateEventResponse.parse(await startOnly.json()).event).toMatchObject({ startsAt: Date.UTC(2026, 2, 1, 10, 0, 0, 250), endsAt: null });
      const endOnly = await create({ slug: "ends-only", title: "Closing", startsAt: null, endsAt: 5 });
      expect(CreateEventResponse.parse(await endOnly.json()).event).toMatchObject({ startsAt: null, endsAt: 5 });
    });

    it("refuses a schedule that ends before or as it starts, or that is not a time, with 400 INVALID_REQUEST", async () => {
      const bad: unknown[] = [
        { startsAt: 2_000, endsAt: 2_000 },
        { startsAt: 2_000, endsAt: 1_999 },
        { startsAt: "2026-01-01T19:30:00+08:00", endsAt: "2026-01-01T11:29:59Z" },
        { startsAt: "2026-01-01T19:30:00" },
        { startsAt: "2026-01-01" },
        { startsAt: "tomorrow" },
        { startsAt: "2026-02-30T10:00:00Z" },
        { startsAt: "" },
        { startsAt: 1.5 },
        { startsAt: -1 },
        { endsAt: 8_640_000_000_000_001 },
        { startsAt: "1e3" },
        { startsAt: true },
        { startsAt: { at: 1 } },
        { startsAt: [1] },
        { starts: 1 },
      ];
      for (const schedule of bad) {
        const body = { slug: "bad-schedule", title: "t", ...(schedule as object) };
        const response = await create(body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(await errorOf(response)).toBe("INVALID_REQUEST");
      }
      expect(await grove.store.getEventBySlug("bad-schedule")).toBeUndefined();
    });

    it("refuses bodies that do not match the schema with 400 INVALID_REQUEST", async () => {
      const bad: unknown[] = [
        {},
        { slug: "ok-slug" },
        { title: "No slug" },
        { slug: "Upper", title: "t" },
        { slug: "-leading-dash", title: "t" },
        { slug: "a".repeat(49), title: "t" },
        { slug: "../etc", title: "t" },
        { slug: "ok-slug", title: "" },
        { slug: "ok-slug", title: "\u200b\u200d\u3164 " },
        { slug: "ok-slug", title: "x".repeat(81) },
        { slug: "ok-slug", title: "t", capacity: 1 },
        { slug: "ok-slug", title: "t", capacity: 501 },
        { slug: "ok-slug", title: "t", capacity: 20.5 },
        { slug: "ok-slug", title: "t", capacity: "200" },
        { slug: "ok-slug", title: "t", capcity: 100 },
        { slug: "ok-slug", title: ["t"] },
        [],
        "ok-slug",
        null,
        42,
      ];
      for (const body of bad) {
        const response = await create(body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(await errorOf(response)).toBe("INVALID_REQUEST");
      }
      expect(await grove.store.getEventBySlug("ok-slug")).toBeUndefined();
    });

    it("refuses malformed JSON and a missing body with 400 INVALID_REQUEST, never a stack", async () => {
      for (const body of ["{\"slug\": ", "not json", "{'slug':'x'}", "\u0000"]) {
        const response = await call("POST", "/events", { body });
        expect(response.status).toBe(400);
        const text = await response.text();
        expect(text).not.toMatch(/\bat\s|node_modules|SyntaxError/);
        expect(JSON.parse(text)).toEqual({ error: "INVALID_REQUEST" });
      }
      expect((await call("POST", "/events")).status).toBe(400);
    });

    it("refuses a body over 4 KB with 413 BODY_TOO_LARGE, declared or not", async () => {
      const authorization = `Bearer ${grove.operatorToken}`;
      const declared = await rawRequest(grove.url, { method: "POST", path: "/api/admin/events", headers: { authorization, "content-type": "application/json", "content-length": 5000 }, body: JSON.stringify({ slug: "big", title: "t".repeat(4990) }) });
      expect([declared.status, JSON.parse(declared.body)]).toEqual([413, { error: "BODY_TOO_LARGE" }]);
      const chunked = await rawRequest(grove.url, {
        method: "POST",
        path: "/api/admin/events",
        headers: { authorization, "content-type": "application/json", "transfer-encoding": "chunked" },
        stream: { chunk: Buffer.alloc(1024, 0x20), count: 10_000 },
      });
      expect([chunked.status, JSON.parse(chunked.body)]).toEqual([413, { error: "BODY_TOO_LARGE" }]);
      expect(chunked.bytesSent).toBeLessThan(10_000 * 1024);
    });
  });

  describe("listing events", () => {
    it("lists every event, oldest first, with how many are inside now", async () => {
      await create({ slug: "listed-later", title: "Listed later" });
      const { room } = await joinVenue(grove.client);
      try {
        const response = await call("GET", "/events");
        expect(response.status).toBe(200);
        const { events } = ListEventsResponse.parse(await response.json());
        const slugs = events.map((e) => e.slug);
        expect(slugs[0]).toBe("demo");
        expect(slugs.indexOf("spring-salon")).toBeLessThan(slugs.indexOf("listed-later"));
        expect(events.find((e) => e.slug === "demo")).toMatchObject({ online: 1, live: true, capacity: 200 });
        expect(events.find((e) => e.slug === "listed-later")).toMatchObject({ title: "Listed later", online: 0, live: false });
      } finally {
        await room.leave();
      }
    });
  });

  describe("editing an event", () => {
    const patch = (slug: string, body: unknown, token?: string | null) => call("PATCH", `/events/${slug}`, { body, token });
    const made = async (slug: string, extra: Partial<CreateEventRequest> = {}) => {
      expect((await create({ slug, title: "Before", description: "Old words", capacity: 40, startsAt: 1_000, endsAt: 2_000, ...extra })).status).toBe(201);
    };

    it("changes what the body names, answers 200 with the event, and keeps the rest and the slug", async () => {
      await made("edit-me");
      const response = await patch("edit-me", { title: "  After   all ", description: "New words" } satisfies UpdateEventRequest);
      expect(response.status).toBe(200);
      const { event } = UpdateEventResponse.parse(await response.json());
      expect(event).toEqual({ slug: "edit-me", title: "After all", description: "New words", capacity: 40, online: 0, live: false, startsAt: 1_000, endsAt: 2_000, words: { add: [], remove: [] }, treeGoal: 300, rewardText: "", rewardUrl: null, memberSalons: true });
      expect(await grove.store.getEventBySlug("edit-me")).toMatchObject({ slug: "edit-me", title: "After all", description: "New words", capacity: 40, startsAt: 1_000, endsAt: 2_000 });

      const again = await patch("edit-me", { capacity: 300, startsAt: "2026-01-01T19:30:00+08:00", endsAt: null, description: "" });
      expect(again.status).toBe(200);
      expect(UpdateEventResponse.parse(await again.json()).event).toMatchObject({ title: "After all", description: "", capacity: 300, startsAt: Date.UTC(2026, 0, 1, 11, 30), endsAt: null });
      const listed = ListEventsResponse.parse(await (await call("GET", "/events")).json()).events.find((e) => e.slug === "edit-me");
      expect(listed).toMatchObject({ title: "After all", capacity: 300, endsAt: null });
    });

    it("sets the event's keyword list as the moderation rules keep words, lists it, and keeps it through other edits", async () => {
      await made("worded");
      const response = await patch("worded", { words: { add: [" Durian ", "ＫＩＷＩ", "durian", "  "], remove: ["SHIT"] } } satisfies UpdateEventRequest);
      expect(response.status).toBe(200);
      expect(UpdateEventResponse.parse(await response.json()).event.words).toEqual({ add: ["durian", "kiwi"], remove: ["shit"] });
      expect((await grove.store.getEventBySlug("worded"))?.words).toEqual({ add: ["durian", "kiwi"], remove: ["shit"] });
      const listed = ListEventsResponse.parse(await (await call("GET", "/events")).json()).events.find((e) => e.slug === "worded");
      expect(listed?.words).toEqual({ add: ["durian", "kiwi"], remove: ["shit"] });
      expect(UpdateEventResponse.parse(await (await patch("worded", { title: "Renamed" })).json()).event.words).toEqual({ add: ["durian", "kiwi"], remove: ["shit"] });
      expect(UpdateEventResponse.parse(await (await patch("worded", { words: { add: [], remove: [] } })).json()).event.words).toEqual({ add: [], remove: [] });
      // Members never see the list.
      await patch("worded", { words: { add: ["durian"], remove: [] } });
      const publicEvent: unknown = await (await fetch(`${grove.url}/api/events/worded`)).json();
      expect(publicEvent).not.toHaveProperty("event.words");
      expect(JSON.stringify(publicEvent)).not.toContain("durian");
    });

    it("answers an empty patch with the event as it is", async () => {
      await made("untouched");
      const response = await patch("untouched", {});
      expect(response.status).toBe(200);
      expect(UpdateEventResponse.parse(await response.json()).event).toMatchObject({ title: "Before", description: "Old words", capacity: 40, startsAt: 1_000, endsAt: 2_000 });
    });

    it("shows the live head-count in its answer", async () => {
      const { room } = await joinVenue(grove.client);
      try {
        const response = await patch("demo", {});
        expect(UpdateEventResponse.parse(await response.json()).event).toMatchObject({ slug: "demo", online: 1, live: true });
      } finally {
        await room.leave();
      }
    });

    it("answers 404 EVENT_NOT_FOUND for a slug with no event, whatever the body", async () => {
      for (const slug of ["no-such-event", "UPPER", "a%2Fb", "a".repeat(60)]) {
        for (const body of [{ title: "New" }, { title: "" }, {}]) {
          const response = await patch(slug, body);
          expect(response.status, `${slug} ${JSON.stringify(body)}`).toBe(404);
          expect(await errorOf(response)).toBe("EVENT_NOT_FOUND");
        }
      }
      expect(await grove.store.getEventBySlug("no-such-event")).toBeUndefined();
    });

    it("refuses a body that does not match the schema with 400 INVALID_REQUEST and changes nothing", async () => {
      await made("stays-put");
      const bad: unknown[] = [
        { slug: "moved" },
        { title: "" },
        { title: "\u200b " },
        { title: "x".repeat(81) },
        { title: null },
        { description: "x".repeat(501) },
        { description: null },
        { capacity: 1 },
        { capacity: 501 },
        { capacity: 20.5 },
        { capacity: null },
        { startsAt: "tomorrow" },
        { startsAt: -1 },
        { endsAt: "2026-01-01" },
        { titel: "Typo" },
        { title: "Fine", extra: true },
        { words: null },
        { words: ["tea"] },
        { words: { add: ["tea"] } },
        { words: { add: "tea", remove: [] } },
        { words: { add: [1], remove: [] } },
        { words: { add: ["x".repeat(41)], remove: [] } },
        // Forty characters that NFKC makes a hundred and sixty: too long as the list keeps it.
        { words: { add: ["\u337f".repeat(40)], remove: [] } },
        { words: { add: [], remove: [], extra: [] } },
        [],
        "title",
        null,
        7,
      ];
      for (const body of bad) {
        const response = await patch("stays-put", body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(await errorOf(response)).toBe("INVALID_REQUEST");
      }
      for (const body of ["{\"title\": ", "not json"]) {
        const response = await patch("stays-put", body);
        expect([response.status, await response.json()]).toEqual([400, { error: "INVALID_REQUEST" }]);
      }
      expect((await call("PATCH", "/events/stays-put")).status).toBe(400);
      expect(await grove.store.getEventBySlug("stays-put")).toMatchObject({ slug: "stays-put", title: "Before", description: "Old words", capacity: 40, startsAt: 1_000, endsAt: 2_000 });
    });

    it("refuses a schedule that would end before or as it starts once merged with the stored one", async () => {
      await made("merged-schedule");
      const bad: UpdateEventRequest[] = [{ endsAt: 1_000 }, { endsAt: 500 }, { startsAt: 2_000 }, { startsAt: 9_000 }, { startsAt: 5_000, endsAt: 4_000 }, { title: "Ok", startsAt: 3_000, endsAt: 3_000 }];
      for (const body of bad) {
        const response = await patch("merged-schedule", body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(await errorOf(response)).toBe("INVALID_REQUEST");
      }
      expect(await grove.store.getEventBySlug("merged-schedule")).toMatchObject({ title: "Before", startsAt: 1_000, endsAt: 2_000 });
      // Moving both together, or clearing the end first, may put the start past the old end.
      expect((await patch("merged-schedule", { startsAt: 5_000, endsAt: 6_000 })).status).toBe(200);
      expect((await patch("merged-schedule", { endsAt: null })).status).toBe(200);
      expect((await patch("merged-schedule", { startsAt: 9_000 })).status).toBe(200);
      expect((await patch("merged-schedule", { endsAt: 8_000 })).status).toBe(400);
      expect((await patch("merged-schedule", { startsAt: null })).status).toBe(200);
      expect((await patch("merged-schedule", { endsAt: 8_000 })).status).toBe(200);
      expect(await grove.store.getEventBySlug("merged-schedule")).toMatchObject({ startsAt: null, endsAt: 8_000 });
    });

    it("lets only one of two edits that together would end the event before it starts through", async () => {
      await made("racing-edits");
      const answers = await Promise.all([patch("racing-edits", { startsAt: 1_900 }), patch("racing-edits", { endsAt: 1_100 })]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
      const event = await grove.store.getEventBySlug("racing-edits");
      expect(event!.endsAt!).toBeGreaterThan(event!.startsAt!);
    });

    it("refuses an edit without the operator token with 401, changing nothing", async () => {
      await made("guarded");
      for (const token of [null, "wrong-token"]) {
        const response = await patch("guarded", { title: "Taken over" }, token);
        expect(response.status).toBe(401);
        expect(await errorOf(response)).toBe("UNAUTHORIZED");
      }
      expect((await grove.store.getEventBySlug("guarded"))?.title).toBe("Before");
    });

    it("refuses an edit over 4 KB with 413 BODY_TOO_LARGE, declared or not", async () => {
      await made("big-edit");
      const authorization = `Bearer ${grove.operatorToken}`;
      const body = JSON.stringify({ description: "d".repeat(5000) });
      const declared = await rawRequest(grove.url, { method: "PATCH", path: "/api/admin/events/big-edit", headers: { authorization, "content-type": "application/json", "content-length": Buffer.byteLength(body) }, body });
      expect([declared.status, JSON.parse(declared.body)]).toEqual([413, { error: "BODY_TOO_LARGE" }]);
      const chunked = await rawRequest(grove.url, {
        method: "PATCH",
        path: "/api/admin/events/big-edit",
        headers: { authorization, "content-type": "application/json", "transfer-encoding": "chunked" },
        stream: { chunk: Buffer.alloc(1024, 0x20), count: 10_000 },
      });
      expect([chunked.status, JSON.parse(chunked.body)]).toEqual([413, { error: "BODY_TOO_LARGE" }]);
      expect((await grove.store.getEventBySlug("big-edit"))?.description).toBe("Old words");
    });
  });

  describe("host links", () => {
    it("issues a fresh host link for an event", async () => {
      const response = await call("POST", "/events/demo/host-link");
      expect(response.status).toBe(200);
      const body = HostLinkResponse.parse(await response.json());
      expect(body.memberLink).toBe("/e/demo");
      const demo = await grove.store.getEventBySlug("demo");
      expect(grove.hostTokens.check(tokenOf(body.hostLink), demo!.id)).toBe("accepted");
    });

    it("answers 404 EVENT_NOT_FOUND for a slug with no event, or no slug at all", async () => {
      for (const slug of ["no-such-event", "UPPER", "a%2Fb", "%00", "a".repeat(60)]) {
        const response = await call("POST", `/events/${slug}/host-link`);
        expect(response.status).toBe(404);
        expect(await errorOf(response)).toBe("EVENT_NOT_FOUND");
      }
    });

    it("builds the start-up host link on the server's own address", async () => {
      const link = new URL(await grove.hostLink("demo"));
      expect(`${link.origin}${link.pathname}`).toBe(`${grove.url}/e/demo`);
      const demo = await grove.store.getEventBySlug("demo");
      expect(grove.hostTokens.check(link.searchParams.get(HOST_LINK_PARAM)!, demo!.id)).toBe("accepted");
    });
  });
});

describe("guessing the operator token", () => {
  const clock = new TestClock();
  let grove: TestGrove;
  beforeAll(async () => {
    // Behind a trusted proxy, so the test can speak from two addresses.
    grove = await startTestGrove({ now: clock.now, trustProxy: true, operatorToken: "the-operator-token-for-this-test" });
    clock.freeze();
  });
  afterAll(async () => {
    await grove.dispose();
  });

  const list = (token: string, address: string) => fetch(`${grove.url}/api/admin/events`, { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": address } });

  it(`allows ${ADMIN_AUTH_FAILURE_LIMIT.capacity} wrong tries an address, then refuses even the right token with 429 until the budget refills`, async () => {
    for (let i = 0; i < ADMIN_AUTH_FAILURE_LIMIT.capacity; i++) expect((await list(`guess-${i}`, "203.0.113.7")).status).toBe(401);
    const limited = await list("one-more-guess", "203.0.113.7");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("5");
    expect(ApiError.parse(await limited.json()).error).toBe("RATE_LIMITED");
    // A right guess now would learn nothing: it is refused like any other.
    expect((await list(grove.operatorToken, "203.0.113.7")).status).toBe(429);
    // Another address is not held back by this one's guesses.
    expect((await list(grove.operatorToken, "198.51.100.2")).status).toBe(200);

    clock.advance(5000);
    expect((await list(grove.operatorToken, "203.0.113.7")).status).toBe(200);
    expect((await list("wrong-again", "203.0.113.7")).status).toBe(401);
    expect((await list(grove.operatorToken, "203.0.113.7")).status).toBe(429);
  });
});
