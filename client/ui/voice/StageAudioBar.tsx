import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMembers, useSalon } from "../../state/hooks.js";
import { showsAudioBar } from "../../state/voice.js";
import { talkingNames } from "../../voice/plan.js";
import { useVoice, useVoiceRuntime } from "../../voice/useVoice.js";
import "./voice.css";

/** A screen reader hears who speaks at most this often (the visible line follows at once). */
const ANNOUNCE_EVERY_MS = 4000;

/**
 * The stage's sound for everyone: "Listen to the stage" (one click or tap, as browsers ask before playing sound),
 * then one volume and one mute for every speaker, and who is speaking now. When the session has no voice while
 * someone is on the stage, a quiet line says so (hosts read why in their console).
 */
export function StageAudioBar() {
  const { t } = useTranslation();
  const voice = useVoiceRuntime();
  const status = useVoice((s) => s.voice.status);
  const feeds = useVoice((s) => s.voice.feeds);
  const listening = useVoice((s) => s.listening);
  const playBlocked = useVoice((s) => s.playBlocked);
  const volume = useVoice((s) => s.volume);
  const muted = useVoice((s) => s.muted);
  const canSetVolume = useVoice((s) => s.canSetVolume);
  const speakers = useSalon((s) => s.public?.stage.speakers);
  const members = useMembers((m) => m.members);
  const shown = useVoice((s) => showsAudioBar(s, speakers?.length ?? 0));
  const volumeId = useId();

  const names = useMemo(() => {
    const byId = new Map<string, string>();
    for (const member of members) byId.set(member.memberId, member.name);
    // The stage's list is session-wide: a speaker in another instance has a name there.
    for (const speaker of speakers ?? []) byId.set(speaker.memberId, speaker.name);
    return talkingNames(feeds, byId);
  }, [members, speakers, feeds]);
  const sentence = names.length === 0 ? "" : names.length === 1 ? t("voice.bar.announceOne", { name: names[0] }) : t("voice.bar.announceMany", { names: names.join(", ") });
  const spoken = useThrottled(listening ? sentence : "", ANNOUNCE_EVERY_MS);

  if (!shown) return null;
  if (status !== "ready") {
    return (
      <p className="voice-bar voice-note card" data-testid="voice-bar" data-status={status}>
        <span aria-hidden="true">🔇 </span>
        {t("voice.bar.unavailable")}
      </p>
    );
  }

  return (
    <section className="voice-bar card" aria-label={t("voice.bar.label")} data-testid="voice-bar" data-status={status} data-listening={listening ? "true" : "false"}>
      {!listening ? (
        <div className="voice-bar-row">
          <button type="button" className="button primary small voice-listen" data-testid="voice-listen" onClick={() => voice.listen()}>
            <span aria-hidden="true">🔈</span>
            {t("voice.bar.listen")}
          </button>
          <span className="voice-bar-hint">{feeds.length === 0 ? t("voice.bar.nobodyLive") : t("voice.bar.listenHint")}</span>
        </div>
      ) : (
        <div className="voice-bar-row">
          {playBlocked ? (
            <button type="button" className="button primary small" data-testid="voice-resume" onClick={() => voice.resume()}>
              <span aria-hidden="true">🔈</span>
              {t("voice.bar.tapToHear")}
            </button>
          ) : (
            <>
              <button
                type="button"
                className={`icon-button voice-mute${muted ? " is-on" : ""}`}
                aria-pressed={muted}
                aria-label={t("voice.bar.mute")}
                title={muted ? t("voice.bar.unmute") : t("voice.bar.mute")}
                data-testid="voice-mute"
                onClick={() => voice.setMuted(!muted)}
              >
                <span aria-hidden="true">{muted || volume === 0 ? "🔇" : "🔊"}</span>
              </button>
              {canSetVolume && (
                <>
                  <label htmlFor={volumeId} className="visually-hidden">
                    {t("voice.bar.volume")}
                  </label>
                  <input
                    id={volumeId}
                    className="voice-volume"
                    type="range"
                    min={0}
                    max={100}
                    step={5}
                    value={Math.round(volume * 100)}
                    aria-valuetext={`${Math.round(volume * 100)}%`}
                    data-testid="voice-volume"
                    onChange={(e) => voice.setVolume(Number(e.target.value) / 100)}
                  />
                </>
              )}
            </>
          )}
          <span className="voice-now" data-testid="voice-speaking-now" data-count={names.length}>
            {muted ? t("voice.bar.muted") : names.length > 0 ? t("voice.bar.speakingNow", { names: names.join(", ") }) : feeds.length === 0 ? t("voice.bar.nobodyLive") : t("voice.bar.quiet")}
          </span>
          <button type="button" className="icon-button voice-stop" aria-label={t("voice.bar.stop")} title={t("voice.bar.stop")} data-testid="voice-stop" onClick={() => voice.stopListening()}>
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      )}
      {playBlocked && <p className="voice-bar-hint">{t("voice.bar.blockedHint")}</p>}
      <p className="visually-hidden" aria-live="polite" data-testid="voice-announcement">
        {spoken}
      </p>
    </section>
  );
}

/** `value`, changed at most once every `ms` (the latest value wins once the wait is over). */
function useThrottled(value: string, ms: number): string {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (value === shown) return;
    const wait = Math.max(0, last.current + ms - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
