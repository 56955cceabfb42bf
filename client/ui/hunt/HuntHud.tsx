import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { huntFigures } from "../../state/hunt.js";
import { useConnection, useHunt } from "../../state/hooks.js";
import { announcementOf } from "./huntFormat.js";
import { HuntPanel } from "./HuntPanel.js";
import "./hunt.css";

/**
 * The hunt in the top bar while the event has one: a button with found / total that opens the hunt panel (Escape
 * closes it and gives the focus back), and the live region that says each find ("Found: <name>, 3 of 5").
 */
export function HuntHud() {
  const { t } = useTranslation();
  const view = useHunt((s) => s.public);
  const mine = useHunt((s) => s.mine);
  const memberId = useConnection((c) => c.memberId);
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  if (view === null) return null;
  const figures = huntFigures(view, mine);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    // The scanner's dialog closes itself first; only then does Escape reach the panel.
    if (event.target instanceof Element && event.target.closest("[data-testid='qr-scanner']")) return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };

  return (
    <section className={`hunt-hud card${open ? " is-open" : ""}`} aria-label={t("hunt.hud.open")} data-testid="hunt-hud" data-found={figures.found} data-total={figures.total} onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="hunt-hud-toggle"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        data-testid="hunt-toggle"
        onClick={() => setOpen(!open)}
      >
        <span className="hunt-hud-glyph" aria-hidden="true">
          🧭
        </span>
        <span>{t("hunt.hud.open")}</span>
        <span className="hunt-hud-count" aria-hidden="true">
          {t("hunt.hud.count", { found: figures.found, total: figures.total })}
        </span>
        <span className="visually-hidden">{t("hunt.panel.progress", { found: figures.found, total: figures.total })}</span>
        <span className="panel-chevron" aria-hidden="true">
          {open ? "▴" : "▾"}
        </span>
      </button>
      <HuntAnnouncer />
      {open && <HuntPanel id={panelId} memberId={memberId} onClose={close} />}
    </section>
  );
}

/** Says each claim's outcome politely, once per outcome (the slice numbers them). */
function HuntAnnouncer() {
  const { t } = useTranslation();
  const last = useHunt((s) => s.last);
  const view = useHunt((s) => s.public);
  const mine = useHunt((s) => s.mine);
  const [message, setMessage] = useState("");
  const said = useRef(0);
  useEffect(() => {
    if (last === null || last.seq === said.current) return;
    said.current = last.seq;
    const what = announcementOf(last, huntFigures(view, mine));
    if (what === null) return;
    setMessage(t(what.key, what.values));
  }, [last, view, mine, t]);
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="hunt-announcer">
      {message}
    </p>
  );
}
