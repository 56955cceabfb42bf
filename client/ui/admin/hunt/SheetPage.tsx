import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { toDataURL } from "qrcode";
import type { Clue } from "../../../../shared/rules/hunt/types.js";
import { clueQrPng } from "./huntApi.js";
import { HuntPageHeader } from "./HuntEditor.js";
import { HuntSignIn, huntFailureMessage, useHuntAdmin, useSayHunt } from "./useHuntAdmin.js";
import type { HuntMessage } from "./huntForm.js";
import "../AdminPage.css";
import "./HuntEditor.css";

/** High error correction: a code taped to a shop window still scans with a scratch, a glare or a fold. */
const QR_OPTIONS = { errorCorrectionLevel: "Q", margin: 2, width: 720, color: { dark: "#000000", light: "#ffffff" } } as const;

/** A real clue with its absolute scan URL (what the printed code holds). */
interface SheetClue {
  clue: Clue & { where: { kind: "real" } };
  link: string;
}

/**
 * `/admin/hunt/<slug>/sheet`: the hunt's real-world codes, print-ready: one page per real clue with its QR code (drawn
 * here from the absolute `/scan/<token>` link), name, place and a short instruction in both languages. The toolbar
 * (hidden in print) prints, and downloads each code as the server draws it.
 */
export function SheetPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const say = useSayHunt();
  const { state, signIn, signOut } = useHuntAdmin(slug);
  const [message, setMessage] = useState<HuntMessage | null>(null);
  const view = state.kind === "ready" ? state.view : null;
  const title = view?.hunt.title ?? slug;

  useEffect(() => {
    document.title = `${t("huntAdmin.sheetTitle", { title })} · ${t("app.name")}`;
  }, [t, title]);

  const clues: SheetClue[] = [];
  for (const clue of view?.hunt.clues ?? []) {
    const path = view?.scanLinks[clue.id];
    if (clue.where.kind === "real" && path) clues.push({ clue: { ...clue, where: clue.where }, link: new URL(path, window.location.origin).href });
  }

  const download = async (clueId: string) => {
    if (state.kind !== "ready") return;
    const result = await clueQrPng(state.token, slug, clueId);
    if (!result.ok) {
      if (result.failure.kind === "refused" && result.failure.code === "UNAUTHORIZED") return signOut();
      return setMessage(huntFailureMessage(result.failure));
    }
    const url = URL.createObjectURL(result.value);
    const a = document.createElement("a");
    a.href = url;
    a.download = `${slug}-${clueId}.png`;
    document.body.append(a);
    a.click();
    a.remove();
    // The click has read the address; freeing it at once can cancel the download in some browsers.
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage(null);
  };

  return (
    <div className="page admin-page hunt-sheet-page" data-testid="hunt-sheet" data-view={state.kind}>
      <div className="hunt-no-print">
        <HuntPageHeader>
          <a className="button small" href={`/admin/hunt/${encodeURIComponent(slug)}`}>
            {t("huntAdmin.backToEditor")}
          </a>
        </HuntPageHeader>
      </div>
      <main id="main" className="hunt-sheet-main">
        {state.kind === "signIn" && <HuntSignIn error={state.error} onSignIn={signIn} />}
        {state.kind === "loading" && <p role="status">{t("huntAdmin.loading")}</p>}
        {state.kind === "noEvent" && <p role="alert">{t("huntAdmin.noEvent")}</p>}
        {state.kind === "failed" && <p role="alert" className="form-error">{say(state.message)}</p>}
        {state.kind === "ready" && !view && <p role="alert">{t("errors.NO_HUNT")}</p>}
        {state.kind === "ready" && view && (
          <>
            <section className="hunt-no-print hunt-sheet-toolbar card" aria-labelledby="hunt-sheet-heading">
              <h1 id="hunt-sheet-heading">{t("huntAdmin.sheetTitle", { title })}</h1>
              <p className="hint">{t("huntAdmin.sheetIntro")}</p>
              <div className="hunt-sheet-actions">
                <button type="button" className="button primary" onClick={() => window.print()} disabled={clues.length === 0} data-testid="hunt-print">
                  {t("huntAdmin.print")}
                </button>
              </div>
              {message && (
                <p className="form-error" role="alert">
                  {say(message)}
                </p>
              )}
              {clues.length === 0 && <p data-testid="hunt-sheet-empty">{t("huntAdmin.sheetEmpty")}</p>}
            </section>
            {clues.map(({ clue, link }, i) => (
              <SheetCard key={clue.id} clue={clue} link={link} n={i + 1} huntTitle={view.hunt.title} eventTitle={state.eventTitle} onDownload={() => void download(clue.id)} />
            ))}
          </>
        )}
      </main>
    </div>
  );
}

type Drawn = { kind: "drawing" } | { kind: "failed" } | { kind: "drawn"; png: string };

function SheetCard({ clue, link, n, huntTitle, eventTitle, onDownload }: SheetClue & { n: number; huntTitle: string; eventTitle: string; onDownload: () => void }) {
  const { t } = useTranslation();
  const [drawn, setDrawn] = useState<Drawn>({ kind: "drawing" });
  useEffect(() => {
    let current = true;
    toDataURL(link, QR_OPTIONS).then(
      (png) => current && setDrawn({ kind: "drawn", png }),
      () => current && setDrawn({ kind: "failed" }),
    );
    return () => {
      current = false;
    };
  }, [link]);

  const where = clue.where;
  return (
    <article className="hunt-sheet-card" aria-labelledby={`hunt-sheet-${clue.id}`} data-testid="hunt-sheet-card" data-clue={clue.id} data-link={link}>
      <div className="hunt-no-print hunt-sheet-card-tools">
        <span className="hint">#{n}</span>
        <button type="button" className="button small" onClick={onDownload} data-testid="hunt-download-png">
          {t("huntAdmin.downloadPng")}
        </button>
      </div>
      <h2 id={`hunt-sheet-${clue.id}`} className="hunt-sheet-name">
        {clue.name}
      </h2>
      <div className="hunt-sheet-qr">
        {drawn.kind === "drawn" && <img src={drawn.png} width={360} height={360} alt={t("huntAdmin.qrAlt", { name: clue.name, link })} data-testid="hunt-sheet-qr" />}
        {drawn.kind === "failed" && <p className="form-error">{t("huntAdmin.qrFailed")}</p>}
      </div>
      <p className="hunt-sheet-instruction">
        {t("huntAdmin.scanInstruction")}
      </p>
      <div className="hunt-sheet-place">
        <p className="hunt-sheet-place-name">{where.place}</p>
        {(where.district || where.address) && <p>{[where.district, where.address].filter(Boolean).join(" · ")}</p>}
      </div>
      <p className="hunt-sheet-footer">{t("huntAdmin.sheetFooter", { hunt: huntTitle, event: eventTitle })}</p>
    </article>
  );
}
