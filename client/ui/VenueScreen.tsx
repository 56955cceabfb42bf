import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { VenueConnection } from "../net/VenueConnection.js";
import { createVenue, VenueContext, type Venue } from "../state/venue.js";
import { MoveSender } from "../scene/controls/MoveSender.js";
import { useKeyboardMove } from "../scene/controls/useKeyboardMove.js";
import { VenueCanvas } from "../scene/VenueCanvas.js";
import { useQuality } from "../prefs/quality.js";
import { useReducedMotion } from "../prefs/media.js";
import { Hud } from "./Hud.js";
import { Modal } from "./Modal.js";

/*
 * The heavy half of the event page: the Colyseus transport, the 3D venue and the HUD. EventPage imports this module
 * lazily, starting as soon as the lobby shows, so the lobby never waits for three.js or colyseus.js.
 */

/** A new connection with its store slices, not yet joined. */
export function openVenue(): Venue {
  return createVenue(new VenueConnection());
}

interface VenueScreenProps {
  venue: Venue;
  title: string;
  onLeave: () => void;
}

/** The venue once joined: the 3D view, the HUD, and the dialogs for a connection taken over or lost. */
export function VenueScreen({ venue, title, onLeave }: VenueScreenProps) {
  const { t } = useTranslation();
  const quality = useQuality();
  const reducedMotion = useReducedMotion();
  const { connection } = venue;
  const status = useStore(venue.stores.connection, (c) => c.status);
  const sender = useMemo(() => new MoveSender(connection), [connection]);
  useEffect(() => () => sender.dispose(), [sender]);
  useKeyboardMove(sender, status === "joined");

  return (
    <VenueContext.Provider value={venue}>
      <div className="venue-page">
        <VenueCanvas title={title} reducedMotion={reducedMotion} quality={quality} />
        <Hud sender={sender} title={title} onLeave={onLeave} />
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
