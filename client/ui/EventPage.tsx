import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PROTOCOL_VERSION, type AvatarLook } from "../../shared/protocol/index.js";
import { INITIAL_VIEW, VenueConnection } from "../net/VenueConnection.js";
import { useStore, createStore } from "../net/store.js";
import { defaultIdentity, loadIdentity } from "../net/identity.js";
import { MoveSender } from "../scene/controls/MoveSender.js";
import { useKeyboardMove } from "../scene/controls/useKeyboardMove.js";
import { VenueCanvas } from "../scene/VenueCanvas.js";
import { useQuality } from "../prefs/quality.js";
import { useReducedMotion } from "../prefs/media.js";
import { Lobby } from "./Lobby.js";
import { Hud } from "./Hud.js";
import { Modal } from "./Modal.js";
import { fetchEvents } from "./Home.js";

const IDLE_VIEW_STORE = createStore(INITIAL_VIEW);

/** `/e/<slug>`: the lobby, then the venue, with the dialogs for a refused or lost connection. */
export function EventPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const quality = useQuality();
  const reducedMotion = useReducedMotion();
  const stored = useMemo(() => loadIdentity(), []);
  const [connection, setConnection] = useState<VenueConnection | null>(null);
  const [listedTitle, setListedTitle] = useState("");
  const view = useStore(connection?.view ?? IDLE_VIEW_STORE, (v) => v);
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

  useEffect(() => () => connection?.dispose(), [connection]);
  useEffect(() => () => sender?.dispose(), [sender]);

  // A reload or closed tab leaves on purpose, so the old seat does not linger as an offline ghost.
  useEffect(() => {
    if (!connection) return;
    const onPageHide = () => void connection.leave();
    window.addEventListener("pagehide", onPageHide);
    return () => window.removeEventListener("pagehide", onPageHide);
  }, [connection]);

  const joined = view.status === "joined" || view.status === "reconnecting" || view.status === "takenOver" || view.status === "lost";
  useKeyboardMove(sender, view.status === "joined");

  const title = view.eventTitle || listedTitle;
  useEffect(() => {
    document.title = title ? `${title} · ${t("app.name")}` : t("app.name");
  }, [title, t]);

  const enter = (name: string, look: AvatarLook) => {
    lastName.current = name;
    lastLook.current = look;
    const identity = loadIdentity();
    const next = connection ?? new VenueConnection();
    if (!connection) setConnection(next);
    void next.join({
      protocolVersion: PROTOCOL_VERSION,
      eventSlug: slug,
      memberId: identity?.memberId,
      secret: identity?.secret,
      name,
      look,
    });
  };

  const leave = () => {
    void connection?.leave().finally(() => {
      window.location.assign("/");
    });
  };

  if (view.status === "refused" && view.refusal === "PROTOCOL_MISMATCH") {
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

  if (!joined || !connection || !sender) {
    return (
      <Lobby
        title={title}
        initialName={lastName.current}
        initialLook={lastLook.current}
        returning={stored !== null && stored.memberId !== undefined}
        joining={view.status === "joining"}
        refusal={view.status === "refused" ? (view.refusal ?? "failed") : null}
        onEnter={enter}
      />
    );
  }

  return (
    <div className="venue-page">
      <VenueCanvas connection={connection} title={title} reducedMotion={reducedMotion} quality={quality} />
      <Hud connection={connection} sender={sender} title={title} onLeave={leave} />
      {view.status === "takenOver" && (
        <ConnectionDialog title={t("connection.takenOverTitle")} body={t("errors.SESSION_TAKEN_OVER")} action={t("connection.takeBack")}
          onAction={() => void connection.takeBack()} testId="taken-over-dialog" actionTestId="take-back-button" />
      )}
      {view.status === "lost" && (
        <ConnectionDialog title={t("connection.lostTitle")} body={t("connection.lostBody")} action={t("connection.rejoin")}
          onAction={() => void connection.rejoin()} testId="connection-lost" actionTestId="rejoin-button" />
      )}
    </div>
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
