import { useId, useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ModerationHostView, ModerationPublicView } from "../../../shared/rules/moderation/types.js";
import { useModeration } from "../../state/hooks.js";
import { queueParts } from "../../state/moderationFormat.js";
import { useVenue } from "../../state/venue.js";
import { ModerationLog } from "./ModerationLog.js";
import { ModerationMembers } from "./ModerationMembers.js";
import { ModerationQueue } from "./ModerationQueue.js";
import { QueueAnnouncer } from "./QueueAnnouncer.js";
import { SlowModeChoice } from "./SlowModeChoice.js";
import { WordListEditor } from "./WordListEditor.js";
import "./moderation.css";

/** One folding part of the host's moderation tools (a native disclosure, like the salon's: keyboard and screen readers know it). */
function Part({ title, testId, open = false, children }: { title: ReactNode; testId: string; open?: boolean; children: ReactNode }) {
  return (
    <details className="host-salon-part" open={open} data-testid={testId}>
      <summary className="host-salon-summary">{title}</summary>
      <div className="host-salon-body">{children}</div>
    </details>
  );
}

/**
 * The host console's moderation tools (docs/moderation.md, "The client"): the queue of lines that need a host, the
 * people here with mute / unmute / remove, the session's lock and slow mode, the word list, and the moderation log.
 * Every action is an intent the server checks again; refusals arrive as toasts.
 */
export function HostModeration() {
  const { t } = useTranslation();
  const view = useModeration((s) => s.public);
  const host = useModeration((s) => s.host);
  if (!view || !host) return null;
  const waiting = queueParts(host.queue).waiting.length;
  return (
    <div className="host-salon host-moderation" data-testid="host-moderation">
      <h3>{t("moderation.host.title")}</h3>
      <QueueAnnouncer />
      <Part
        title={
          <>
            {t("moderation.host.queue.title")}
            {waiting > 0 && (
              <span className="mod-count" data-testid="host-moderation-waiting" data-count={waiting}>
                {t("moderation.host.waiting", { count: waiting })}
              </span>
            )}
          </>
        }
        testId="host-moderation-queue"
        open
      >
        <ModerationQueue host={host} />
      </Part>
      <Part title={t("moderation.host.members.title")} testId="host-moderation-members" open>
        <ModerationMembers host={host} />
      </Part>
      <Part title={t("moderation.host.room.title")} testId="host-moderation-session">
        <SessionControls view={view} />
      </Part>
      <Part title={t("moderation.host.words.title")} testId="host-moderation-words">
        <HostWords host={host} />
      </Part>
      <Part title={t("moderation.host.log.title")} testId="host-moderation-log">
        <ModerationLog log={host.log} />
      </Part>
    </div>
  );
}

/** Lock and slow mode: both take effect at once, in every room of the session. */
function SessionControls({ view }: { view: ModerationPublicView }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const stateId = useId();
  return (
    <>
      <div className="mod-row">
        <button
          type="button"
          className={`button small${view.locked ? " is-on" : ""}`}
          aria-pressed={view.locked}
          aria-describedby={stateId}
          data-testid="moderation-lock"
          onClick={() => connection.send("lockSession", { locked: !view.locked })}
        >
          <span aria-hidden="true">{view.locked ? "🔒" : "🔓"}</span> {t("moderation.host.room.lock")}
        </button>
        <p id={stateId} className="hint" data-testid="moderation-lock-state" data-locked={view.locked}>
          {view.locked ? t("moderation.host.room.locked") : t("moderation.host.room.unlocked")}
        </p>
      </div>
      <SlowModeChoice seconds={view.slowModeSeconds} />
    </>
  );
}

/** The word list as this session has it: the hosts' change, or the event's until a host saves one here. */
function HostWords({ host }: { host: ModerationHostView }) {
  const { t } = useTranslation();
  const { connection } = useVenue();
  const current = useMemo(() => host.words ?? { add: [], remove: [] }, [host.words]);
  return (
    <>
      <p className="hint">{t("moderation.host.words.intro")}</p>
      {host.words === null && (
        <p className="hint" data-testid="moderation-words-event">
          {t("moderation.host.words.eventList")}
        </p>
      )}
      <WordListEditor current={current} testId="moderation-words" onSave={(words) => connection.send("setWords", { add: [...words.add], remove: [...words.remove] })} />
    </>
  );
}
