import { useTranslation } from "react-i18next";
import type { Speaker } from "../../../shared/rules/salon/types.js";
import { useVoice, useVoiceRuntime } from "../../voice/useVoice.js";
import "./voice.css";

/** The host console's line on stage voice: ready (and how many microphones are on), or unavailable and why. */
export function HostVoiceStatus() {
  const { t } = useTranslation();
  const status = useVoice((s) => s.voice.status);
  const reason = useVoice((s) => s.voice.reason);
  const live = useVoice((s) => s.voice.feeds.length);
  return (
    <div className="host-voice" data-testid="host-voice" data-status={status} data-reason={reason ?? ""}>
      <h3>{t("voice.host.title")}</h3>
      <p className={`host-voice-line is-${status}`}>
        <span aria-hidden="true">{status === "ready" ? "🟢 " : "⚪ "}</span>
        {status === "ready"
          ? live > 0
            ? t("voice.host.live", { count: live })
            : t("voice.host.ready")
          : status === "off"
            ? t("voice.host.off")
            : t("voice.host.unavailable", { reason: t(`voice.host.reasons.${reason ?? "unknown"}`) })}
      </p>
    </div>
  );
}

/** Beside a speaker in the host's stage list: mute or unmute their audio for everyone (they stay on the stage). */
export function SpeakerAudioButton({ speaker }: { speaker: Speaker }) {
  const { t } = useTranslation();
  const voice = useVoiceRuntime();
  const ready = useVoice((s) => s.voice.status === "ready");
  const muted = speaker.audioMuted === true;
  if (!ready && !muted) return null;
  return (
    <button
      type="button"
      className={`button small ghost${muted ? " is-on" : ""}`}
      data-testid="host-mute-audio"
      data-muted={muted ? "true" : "false"}
      aria-label={t(muted ? "voice.host.unmuteAudioOf" : "voice.host.muteAudioOf", { name: speaker.name })}
      onClick={() => voice.muteSpeakerAudio(speaker.memberId, !muted)}
    >
      <span aria-hidden="true">{muted ? "🔈" : "🔇"}</span>
      {t(muted ? "voice.host.unmuteAudio" : "voice.host.muteAudio")}
    </button>
  );
}
