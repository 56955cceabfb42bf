import { useId, useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMembers } from "../../state/hooks.js";
import { showsMicPrompt } from "../../state/voice.js";
import { LOCAL_MIC_ERRORS, type LocalMicError, type MicState } from "../../voice/plan.js";
import { useVoice, useVoiceRuntime } from "../../voice/useVoice.js";
import { useFocusTrap } from "../useFocusTrap.js";
import "./voice.css";

const isLocalError = (code: string): code is LocalMicError => (LOCAL_MIC_ERRORS as readonly string[]).includes(code);

/**
 * The speaker's microphone: once the host brings this member on the stage (and voice works), a dialog asks
 * "Turn on your microphone?" with "Text only" beside it; after that, a small line says where the microphone stands
 * (on, with a way to turn it off; blocked by the browser, with how to allow it and a retry; muted by a host).
 */
export function MicPrompt() {
  const speaker = useMembers((m) => m.members.find((member) => member.isSelf)?.speaker === true);
  const prompt = useVoice((s) => showsMicPrompt(s, speaker));
  const ready = useVoice((s) => s.voice.status === "ready");
  const mic = useVoice((s) => s.mic);
  if (prompt) return <MicDialog />;
  if (!speaker || (!ready && mic.kind !== "stopped")) return null;
  return <MicStatus mic={mic} />;
}

function MicDialog() {
  const { t } = useTranslation();
  const voice = useVoiceRuntime();
  const ref = useRef<HTMLDivElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useFocusTrap(ref, true, primary);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    voice.textOnly();
  };
  return (
    <div
      ref={ref}
      className="voice-dialog card"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid="mic-prompt"
      onKeyDown={onKeyDown}
    >
      <h2 id={titleId}>
        <span aria-hidden="true">🎤 </span>
        {t("voice.mic.promptTitle")}
      </h2>
      <p id={bodyId}>{t("voice.mic.promptBody")}</p>
      <div className="voice-dialog-actions">
        <button ref={primary} type="button" className="button primary" data-testid="mic-turn-on" onClick={() => voice.turnOnMic()}>
          {t("voice.mic.turnOn")}
        </button>
        <button type="button" className="button ghost" data-testid="mic-text-only" onClick={() => voice.textOnly()}>
          {t("voice.mic.textOnly")}
        </button>
      </div>
    </div>
  );
}

function MicStatus({ mic }: { mic: MicState }) {
  const { t } = useTranslation();
  const voice = useVoiceRuntime();
  const retry = (
    <button type="button" className="button small" data-testid="mic-retry" onClick={() => voice.turnOnMic()}>
      {t("voice.mic.retry")}
    </button>
  );
  switch (mic.kind) {
    case "asking":
      return (
        <p className="voice-mic card" role="status" data-testid="mic-status" data-mic="asking">
          <span className="voice-mic-dot is-waiting" aria-hidden="true" />
          {t("voice.mic.asking")}
        </p>
      );
    case "live":
      return (
        <div className="voice-mic card is-live" role="status" data-testid="mic-status" data-mic="live">
          <span className="voice-mic-dot" aria-hidden="true" />
          <span className="voice-mic-text">
            <strong>{t("voice.mic.live")}</strong>
            <span className="voice-mic-hint">{t("voice.mic.liveHint")}</span>
          </span>
          <button type="button" className="button small" data-testid="mic-turn-off" onClick={() => voice.turnOffMic()}>
            {t("voice.mic.turnOff")}
          </button>
        </div>
      );
    case "idle":
      return (
        <div className="voice-mic card" data-testid="mic-status" data-mic="idle">
          <span className="voice-mic-text">{t("voice.mic.off")}</span>
          <button type="button" className="button small" data-testid="mic-turn-on" onClick={() => voice.turnOnMic()}>
            <span aria-hidden="true">🎤</span>
            {t("voice.mic.turnOn")}
          </button>
        </div>
      );
    case "denied":
      return (
        <div className="voice-mic card is-problem" role="alert" data-testid="mic-status" data-mic="denied">
          <span className="voice-mic-text">
            <strong>{t("voice.mic.deniedTitle")}</strong>
            <span className="voice-mic-hint">{t("voice.mic.denied")}</span>
          </span>
          {retry}
        </div>
      );
    case "hostMuted":
      return (
        <p className="voice-mic card is-problem" role="status" data-testid="mic-status" data-mic="hostMuted">
          <span aria-hidden="true">🔇 </span>
          {t("voice.mic.hostMuted")}
        </p>
      );
    case "stopped":
      return (
        <div className="voice-mic card" role="status" data-testid="mic-status" data-mic="stopped" data-reason={mic.reason}>
          <span className="voice-mic-text">{t(`voice.mic.stopped.${mic.reason}`)}</span>
          {mic.reason === "replaced" && retry}
        </div>
      );
    case "error":
      return (
        <div className="voice-mic card is-problem" role="alert" data-testid="mic-status" data-mic="error" data-code={mic.code}>
          <span className="voice-mic-text">{isLocalError(mic.code) ? t(`voice.mic.error.${mic.code}`) : t(`errors.${mic.code}`)}</span>
          {retry}
        </div>
      );
  }
}
