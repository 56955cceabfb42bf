import { useTranslation } from "react-i18next";
import { useModeration, useSession } from "../../state/hooks.js";
import { describeMuteReason, formatTimeLeft } from "../../state/moderationFormat.js";
import { canHost } from "../../state/session.js";
import { useServerNow } from "../salon/useServerNow.js";
import { useTick } from "./useModerationClock.js";
import "./moderation.css";

/**
 * The member's muted notice beside the chat box: why (a host's reason, or the automatic mute's) and how long is left
 * (a live countdown, or "for the rest of this session"). The words are a status region, read once when it appears;
 * the countdown is outside it, so it is not read out every second.
 */
export function MuteNotice({ id }: { id: string }) {
  const { t } = useTranslation();
  const muted = useModeration((s) => s.mine?.muted ?? null);
  const now = useServerNow(muted?.until != null);
  if (!muted) return null;
  return (
    <div className="mod-notice is-muted" data-testid="mute-notice" data-reason={muted.reason}>
      <span className="mod-notice-mark" aria-hidden="true">
        🔇
      </span>
      <div className="mod-notice-body">
        <p id={id} role="status">
          <strong>{t("moderation.notice.mutedTitle")}</strong> {describeMuteReason(muted, t)}
        </p>
        <p className="mod-notice-time" data-testid="mute-time-left" data-until={muted.until ?? "session"}>
          {muted.until === null ? t("moderation.notice.forSession") : t("moderation.notice.timeLeft", { time: formatTimeLeft(muted.until - now) })}
        </p>
      </div>
    </div>
  );
}

/** Slow mode, under the chat box: how often members may write, and after one's own line, a countdown to the next. */
export function SlowModeHint() {
  const { t } = useTranslation();
  const seconds = useModeration((s) => s.public?.slowModeSeconds ?? 0);
  const slowUntil = useModeration((s) => s.slowUntil);
  const host = useSession(canHost);
  const now = useTick(slowUntil !== null && seconds > 0);
  if (seconds <= 0) return null;
  const left = slowUntil === null ? 0 : slowUntil - now;
  return (
    <p className="chat-count mod-slow-hint" data-testid="slow-mode-hint" data-seconds={seconds} data-waiting={left > 0 ? "true" : "false"}>
      <span aria-hidden="true">🐢 </span>
      {host
        ? t("moderation.notice.slowHost", { count: seconds })
        : left > 0
          ? t("moderation.notice.slowWait", { time: formatTimeLeft(left) })
          : t("moderation.notice.slowMode", { count: seconds })}
    </p>
  );
}
