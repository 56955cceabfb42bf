import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { PROTOCOL_VERSION, type AvatarLook } from "../../shared/protocol/index.js";
import { PublicEventResponse, type PublicEvent } from "../../shared/protocol/publicEvents.js";
import { ensureIdentity, initialLook, loadIdentity } from "../net/identity.js";
import { takeHostToken } from "../net/hostToken.js";
import { createConnectionStore, inVenue } from "../state/connection.js";
import type { Venue } from "../state/venue.js";
import { EventGrowth } from "./EventGrowth.js";
import { Lobby } from "./Lobby.js";
import { Modal } from "./Modal.js";
import { NotFound } from "./NotFound.js";
import { RemovedPage } from "./moderation/RemovedPage.js";
import { EventStatusLine, STATUS_REFRESH_MS, useNow } from "./EventStatusLine.js";
import type * as VenueScreenModule from "./VenueScreen.js";

/*
 * This module is the light half of `/e/<slug>`: the lobby, the event's status, and the decision to join. Nothing here
 * imports three.js, r3f or colyseus.js (test/server/bundle.test.ts checks the build); the venue half comes by import().
 */

type VenueModule = typeof VenueScreenModule;
let venueModule: Promise<VenueModule> | null = null;

/** Starts downloading the venue's code (once per page) and resolves when it has arrived. */
export function loadVenueModule(): Promise<VenueModule> {
  venueModule ??= import("./VenueScreen.js");
  return venueModule;
}

type EventInfo = { kind: "loading" } | { kind: "found"; event: PublicEvent } | { kind: "notFound" } | { kind: "unreachable" };

/** `GET /api/events/<slug>`: the event, or null when the server says there is none. Throws when it cannot tell. */
export async function fetchEvent(slug: string, signal?: AbortSignal): Promise<PublicEvent | null> {
  const response = await fetch(`/api/events/${encodeURIComponent(slug)}`, { signal: signal ?? null, headers: { accept: "application/json" } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return PublicEventResponse.parse(await response.json()).event;
}

/** The server answers an unknown event's page with 404: where the browser tells us, the first screen can say so at once. */
function pageAnsweredNotFound(): boolean {
  const [navigation] = performance.getEntriesByType("navigation") as (PerformanceEntry & { responseStatus?: number })[];
  return navigation?.responseStatus === 404;
}

/** The event as the lobby shows it, fetched at once and again every STATUS_REFRESH_MS while the page is open. */
function useEventInfo(slug: string, refreshing: boolean): EventInfo {
  const [info, setInfo] = useState<EventInfo>(() => (pageAnsweredNotFound() ? { kind: "notFound" } : { kind: "loading" }));
  useEffect(() => {
    if (!refreshing) return;
    const controller = new AbortController();
    const load = () =>
      fetchEvent(slug, controller.signal).then(
        (event) => setInfo(event ? { kind: "found", event } : { kind: "notFound" }),
        // Unreachable: the form still shows (the join will say what is wrong), and what we knew last stays.
        () => setInfo((last) => (controller.signal.aborted || last.kind !== "loading" ? last : { kind: "unreachable" })),
      );
    void load();
    const timer = window.setInterval(() => void load(), STATUS_REFRESH_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [slug, refreshing]);
  return info;
}

/** What the page reads before the first "Enter": nobody is connected. */
const IDLE_CONNECTION = createConnectionStore();

/** `/e/<slug>`: the lobby, then the venue, with the dialogs for a refused or lost connection. */
export function EventPage({ slug, hostToken }: { slug: string; hostToken?: string | undefined }) {
  const { t } = useTranslation();
  const [stored] = useState(ensureIdentity);
  const [venueCode, setVenueCode] = useState<VenueModule | null>(null);
  const [venueCodeFailed, setVenueCodeFailed] = useState(false);
  const [waitingForCode, setWaitingForCode] = useState(false);
  const [venue, setVenue] = useState<Venue | null>(null);
  const connection = venue?.connection ?? null;
  const status = useStore(venue?.stores.connection ?? IDLE_CONNECTION, (c) => c.status);
  const refusal = useStore(venue?.stores.connection ?? IDLE_CONNECTION, (c) => c.refusal);
  const eventTitle = useStore(venue?.stores.connection ?? IDLE_CONNECTION, (c) => c.eventTitle);
  const joined = useStore(venue?.stores.connection ?? IDLE_CONNECTION, inVenue);
  const info = useEventInfo(slug, !joined);
  const now = useNow();
  const lastLook = useRef<AvatarLook>(initialLook(stored));
  const lastName = useRef(stored.name);

  // The venue's code starts downloading while the member picks a name and a look.
  useEffect(() => {
    let current = true;
    loadVenueModule().then(
      (code) => current && setVenueCode(code),
      () => current && setVenueCodeFailed(true),
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => () => venue?.dispose(), [venue]);

  // A reload or closed tab leaves on purpose, so the old seat does not linger as an offline ghost.
  useEffect(() => {
    if (!connection) return;
    const onPageHide = () => void connection.leave();
    window.addEventListener("pagehide", onPageHide);
    return () => window.removeEventListener("pagehide", onPageHide);
  }, [connection]);

  const listedTitle = info.kind === "found" ? info.event.title : "";
  const title = eventTitle || listedTitle;
  useEffect(() => {
    if (info.kind === "notFound" && !joined) return;
    document.title = title ? `${title} · ${t("app.name")}` : t("app.name");
  }, [title, t, info.kind, joined]);

  const join = (code: VenueModule, name: string, look: AvatarLook) => {
    const identity = loadIdentity();
    const next = venue ?? code.openVenue();
    if (!venue) setVenue(next);
    // App took the token out of the address; a later join reads it from storage again, where a link the server
    // turned down has been forgotten.
    void next.connection.join({
      protocolVersion: PROTOCOL_VERSION,
      eventSlug: slug,
      memberId: identity?.memberId,
      secret: identity?.secret,
      name,
      look,
      hostToken: venue ? takeHostToken(slug) : hostToken,
    });
  };

  const enter = (name: string, look: AvatarLook) => {
    lastName.current = name;
    lastLook.current = look;
    if (venueCode) {
      join(venueCode, name, look);
      return;
    }
    // Enter before the venue's code arrived: "joining…" until it does. There is no venue yet, so join makes one.
    setWaitingForCode(true);
    loadVenueModule().then(
      (code) => {
        setWaitingForCode(false);
        join(code, name, look);
      },
      () => undefined, // The download effect above shows the failure.
    );
  };

  const leave = () => {
    void connection?.leave().finally(() => {
      window.location.assign("/");
    });
  };

  if (venueCodeFailed) return <PageLoadFailed />;

  if (status === "refused" && refusal === "PROTOCOL_MISMATCH") {
    return (
      <Modal title={t("connection.outdatedTitle")} alert testId="outdated-dialog">
        <p>{t("connection.outdatedBody")}</p>
        <div className="modal-actions">
          <button type="button" className="button primary" onClick={() => window.location.reload()} data-testid="reload-button">
            {t("connection.reload")}
          </button>
        </div>
      </Modal>
    );
  }

  // A host removed this member: a page of its own, and no way back into this session from here.
  if (status === "removed") return <RemovedPage />;

  if (!joined || !venue || !venueCode) {
    if (info.kind === "notFound") return <NotFound kind="event" />;
    return (
      <Lobby
        title={title}
        description={info.kind === "found" ? info.event.description : ""}
        status={info.kind === "found" ? <EventStatusLine event={info.event} now={now} testId="lobby-status" /> : null}
        initialName={lastName.current}
        initialLook={lastLook.current}
        returning={stored.memberId !== undefined}
        joining={waitingForCode || status === "joining"}
        refusal={status === "refused" ? (refusal ?? "failed") : null}
        onEnter={enter}
        extra={<EventGrowth slug={slug} />}
      />
    );
  }

  const { VenueScreen } = venueCode;
  return <VenueScreen venue={venue} title={title} onLeave={leave} />;
}

/** The venue's code could not be downloaded (offline, or a deploy replaced it): reloading fetches the page afresh. */
function PageLoadFailed() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="alert" data-testid="page-load-failed">
      <p>{t("connection.failed")}</p>
      <button type="button" className="button primary" onClick={() => window.location.reload()}>
        {t("connection.reload")}
      </button>
    </div>
  );
}
