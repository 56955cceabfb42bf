import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { PROTOCOL_VERSION, type AvatarLook } from "../../shared/protocol/index.js";
import { VenueConnection } from "../net/VenueConnection.js";
import { defaultIdentity, loadIdentity } from "../net/identity.js";
import { takeHostToken } from "../net/hostToken.js";
import { createConnectionStore, inVenue } from "../state/connection.js";
import { createVenue, VenueContext, type Venue } from "../state/venue.js";
import { MoveSender } from "../scene/controls/MoveSender.js";
import { useKeyboardMove } from "../scene/controls/useKeyboardMove.js";
import { VenueCanvas } from "../scene/VenueCanvas.js";
import { useQuality } from "../prefs/quality.js";
import { useReducedMotion } from "../prefs/media.js";
import { Lobby } from "./Lobby.js";
import { Hud } from "./Hud.js";
import { Modal } from "./Modal.js";
import { fetchEvents } from "./Home.js";

/** What the page reads before the first "Enter": nobody is connected. */
const IDLE_CONNECTION = createConnectionStore();

/** `/e/<slug>`: the lobby, then the venue, with the dialogs for a refused or lost connection. */
export function EventPage({ slug, hostToken }: { slug: string; hostToken?: string | undefined }) {
  const { t } = useTranslation();
  const quality = useQuality();
  const reducedMotion = useReducedMotion();
  const stored = useMemo(() => loadIdentity(), []);
  const [venue, setVenue] = useState<Venue | null>(null);
  const connection = venue?.connection ?? null;
  const [listedTitle, setListedTitle] = useState("");
  const status = useStore(venue?.stores.connection ?? IDLE_CONNECTION, (c) => c.status);
  const refusal = useStore(venue?.stores.connection ?? IDLE_CONNECTION, (c) => c.refusal);
  const eventTitle = useStore(venue?.stores.connection ?? IDLE_CONNECTION, (c) => c.eventTitle);
  const joined = useStore(venue?.stores.connection ?? IDLE_CONNECTION, inVenue);
  const sender = useMemo(() => (connection ? new MoveSender(connection) : null), [connection]);
  const lastLook = useRef<AvatarLook>(stored?.look ?? defaultIdentity().look);
  const lastName = useRef(stored?.name ?? "");

  useEffect(() => {
    const controller = new AbortController();
    fetchEvents(controller.signal).then(
      (events) => setListedTitle(events.find((e) => e.slug === slug)?.title ?? ""),
      () => undefined,
    );
    return () => controller.abort();
  }, [slug]);

  useEffect(() => () => venue?.dispose(), [venue]);
  useEffect(() => () => sender?.dispose(), [sender]);

  // A reload or closed tab leaves on purpose, so the old seat does not linger as an offline ghost.
  useEffect(() => {
    if (!connection) return;
    const onPageHide = () => void connection.leave();
    window.addEventListener("pagehide", onPageHide);
    return () => window.removeEventListener("pagehide", onPageHide);
  }, [connection]);

  useKeyboardMove(sender, status === "joined");

  const title = eventTitle || listedTitle;
  useEffect(() => {
    document.title = title ? `${title} · ${t("app.name")}` : t("app.name");
  }, [title, t]);

  const enter = (name: string, look: AvatarLook) => {
    lastName.current = name;
    lastLook.current = look;
    const identity = loadIdentity();
    const next = venue ?? createVenue(new VenueConnection());
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

  const leave = () => {
    void connection?.leave().finally(() => {
      window.location.assign("/");
    });
  };

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

  if (!joined || !venue || !connection || !sender) {
    return (
      <Lobby
        title={title}
        initialName={lastName.current}
        initialLook={lastLook.current}
        returning={stored !== null && stored.memberId !== undefined}
        joining={status === "joining"}
        refusal={status === "refused" ? (refusal ?? "failed") : null}
        onEnter={enter}
      />
    );
  }

  return (
    <VenueContext.Provider value={venue}>
      <div className="venue-page">
        <VenueCanvas title={title} reducedMotion={reducedMotion} quality={quality} />
        <Hud sender={sender} title={title} onLeave={leave} />
        {status === "takenOver" && (
          <ConnectionDialog title={t("connection.takenOverTitle")} body={t("errors.SESSION_TAKEN_OVER")} action={t("connection.takeBack")}
            onAction={() => void connection.takeBack()} testId="taken-over-dialog" actionTestId="take-back-button" />
        )}
        {status === "lost" && (
          <ConnectionDialog title={t("connection.lostTitle")} body={t("connection.lostBody")} action={t("connection.rejoin")}
            onAction={() => void connection.rejoin()} testId="connection-lost" actionTestId="rejoin-button" />
        )}
      </div>
    </VenueContext.Provider>
  );
}

interface ConnectionDialogProps {
  title: string;
  body: string;
  action: string;
  onAction: () => void;
  testId: string;
  actionTestId: string;
}

/** A connection problem the member must answer: one way back in, or back to the event list. */
function ConnectionDialog({ title, body, action, onAction, testId, actionTestId }: ConnectionDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal title={title} alert testId={testId}>
      <p>{body}</p>
      <div className="modal-actions">
        <button type="button" className="button primary" onClick={onAction} data-testid={actionTestId}>
          {action}
        </button>
        <a className="button ghost" href="/">
          {t("connection.goHome")}
        </a>
      </div>
    </Modal>
  );
}
