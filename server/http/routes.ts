import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import express, { type Express } from "express";
import { matchMaker } from "@colyseus/core";
import { PROTOCOL_VERSION } from "../../shared/protocol/index.js";
import type { Store } from "../store/index.js";

export interface HttpOptions {
  store: Store;
  version: string;
  /** The built client (dist/client). Missing: the API still answers and pages say how to build. */
  clientDir: string;
}

/** How many members are in each event's instances right now, from the matchmaker's room cache. */
async function onlineBySlug(): Promise<Map<string, number>> {
  const rooms = await matchMaker.query({ name: "venue" });
  const counts = new Map<string, number>();
  for (const room of rooms) {
    const slug = (room.metadata as { eventSlug?: string } | undefined)?.eventSlug;
    if (slug) counts.set(slug, (counts.get(slug) ?? 0) + room.clients);
  }
  return counts;
}

export function createHttpApp({ store, version, clientDir }: HttpOptions): Express {
  const app = express();
  app.disable("x-powered-by");

  app.get("/healthz", async (_req, res) => {
    const database = await store.health();
    res.status(database.ok ? 200 : 503).json({ ok: database.ok, version, protocolVersion: PROTOCOL_VERSION, database });
  });

  app.get("/api/events", async (_req, res, next) => {
    try {
      const [events, online] = await Promise.all([store.listEvents(), onlineBySlug()]);
      res.json({
        events: events.map((e) => ({ slug: e.slug, title: e.title, live: (online.get(e.slug) ?? 0) > 0, online: online.get(e.slug) ?? 0 })),
      });
    } catch (e) {
      next(e);
    }
  });

  const root = resolve(clientDir);
  const indexHtml = join(root, "index.html");
  app.use(express.static(root, { index: false, maxAge: "1h", setHeaders: (res, path) => {
    // Hashed bundles never change; index.html must always be fresh so a deploy reaches everyone.
    if (/[\\/]assets[\\/].+-[A-Za-z0-9_-]{8}\.(js|css)$/.test(path)) res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
  } }));
  app.get(["/", "/e/:slug"], (_req, res) => {
    if (!existsSync(indexHtml)) {
      res.status(503).type("text/plain").send("The client is not built: run `npm run build` (npm start does it for you).");
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(indexHtml);
  });
  app.use("/api", (_req, res) => res.status(404).json({ error: "NOT_FOUND" }));
  return app;
}
