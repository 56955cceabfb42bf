import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { HuntAdminView } from "../../../../shared/protocol/hunt.js";
import { BLIND_TASK_KINDS, HUNT_ORDERS, TASKS_MAX, type BlindTaskKind, type HuntOrder } from "../../../../shared/rules/hunt/types.js";
import { LanguageSwitch } from "../../LanguageSwitch.js";
import { LinkField } from "../LinkField.js";
import { Field, GroupError, fieldId } from "./fields.js";
import { rotateClueCode, rotateStaffLink, saveHunt } from "./huntApi.js";
import {
  clueField,
  emptyHuntForm,
  firstErrorField,
  formFromHunt,
  huntInputFrom,
  moved,
  newClue,
  newPartner,
  newTask,
  partnerField,
  taskField,
  teamField,
  type ClueValues,
  type HuntFieldErrors,
  type HuntFormValues,
  type HuntMessage,
  type TaskValues,
} from "./huntForm.js";
import { HuntSignIn, huntFailureMessage, useHuntAdmin, useSayHunt } from "./useHuntAdmin.js";
import { VenueMap, type MapClue } from "./VenueMap.js";
import "../AdminPage.css";
import "./HuntEditor.css";

/** An absolute link on this page's origin, for a path the server gave. */
const absolute = (path: string) => new URL(path, window.location.origin).href;

/** The page around the hunt pages: brand, the way back to /admin, the language switch. */
export function HuntPageHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="home-header admin-header hunt-header">
      <a className="brand" href="/admin">
        <span className="brand-mark" aria-hidden="true">🌳</span>
        <span className="brand-name">{t("huntAdmin.backToAdmin")}</span>
      </a>
      <div className="admin-header-tools">
        {children}
        <LanguageSwitch />
      </div>
    </header>
  );
}

/**
 * `/admin/hunt/<slug>`: the operator writes the event's hunt (docs/hunts.md): its title, order, window, teams,
 * partners and clues (venue clues placed on a map of the venue, real-world ones with their place, and blind boxes),
 * and saves it whole. The body is checked with the server's own schema first, so each problem shows on its field.
 */
export function HuntEditor({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const say = useSayHunt();
  const { state, signIn, setView, signOut } = useHuntAdmin(slug);
  const heading = useRef<HTMLHeadingElement>(null);
  const eventTitle = state.kind === "ready" ? state.eventTitle : slug;

  useEffect(() => {
    document.title = `${t("huntAdmin.pageTitle", { event: eventTitle })} · ${t("app.name")}`;
  }, [t, eventTitle]);

  return (
    <div className="page admin-page hunt-page" data-testid="hunt-editor" data-view={state.kind}>
      <HuntPageHeader>
        {state.kind === "ready" && state.view && (
          <a className="button small" href={`/admin/hunt/${encodeURIComponent(slug)}/sheet`} data-testid="hunt-open-sheet">
            {t("huntAdmin.openSheet")}
          </a>
        )}
      </HuntPageHeader>
      <main id="main" className="admin-main hunt-main">
        <h1 ref={heading} tabIndex={-1}>
          {t("huntAdmin.pageTitle", { event: eventTitle })}
        </h1>
        {state.kind === "signIn" && <HuntSignIn error={state.error} onSignIn={signIn} />}
        {state.kind === "loading" && <p role="status">{t("huntAdmin.loading")}</p>}
        {state.kind === "noEvent" && <p role="alert">{t("huntAdmin.noEvent")}</p>}
        {state.kind === "failed" && <p role="alert" className="form-error">{say(state.message)}</p>}
        {state.kind === "ready" && <HuntForm slug={slug} token={state.token} view={state.view} onView={setView} onUnauthorized={signOut} />}
      </main>
    </div>
  );
}

interface HuntFormProps {
  slug: string;
  token: string;
  view: HuntAdminView | null;
  onView: (view: HuntAdminView) => void;
  onUnauthorized: () => void;
}

function HuntForm({ slug, token, view, onView, onUnauthorized }: HuntFormProps) {
  const { t } = useTranslation();
  const say = useSayHunt();
  const [values, setValues] = useState<HuntFormValues>(() => (view ? formFromHunt(view.hunt) : emptyHuntForm()));
  const [errors, setErrors] = useState<HuntFieldErrors>({});
  const [formError, setFormError] = useState<HuntMessage | null>(null);
  const [status, setStatus] = useState<{ text: string; n: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<string | null>(() => values.clues.find((c) => c.kind === "scene")?.id ?? null);
  const [focusNext, setFocusNext] = useState<string | null>(null);

  useEffect(() => {
    if (focusNext === null) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext, values, errors]);

  const announce = (text: string) => setStatus((last) => ({ text, n: (last?.n ?? 0) + 1 }));
  const refused = (message: HuntMessage) => {
    if ("error" in message && message.error === "UNAUTHORIZED") return onUnauthorized();
    setFormError(message);
  };

  const set = (patch: Partial<HuntFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const setClue = (id: string, patch: Partial<ClueValues>) => setValues((v) => ({ ...v, clues: v.clues.map((c) => (c.id === id ? { ...c, ...patch } : c)) }));
  const setTask = (clueId: string, taskId: string, patch: Partial<TaskValues>) =>
    setValues((v) => ({ ...v, clues: v.clues.map((c) => (c.id === clueId ? { ...c, tasks: c.tasks.map((task) => (task.id === taskId ? { ...task, ...patch } : task)) } : c)) }));

  const addClue = (kind: "scene" | "real") => {
    const clue = newClue(kind);
    setValues((v) => ({ ...v, clues: [...v.clues, clue] }));
    if (kind === "scene") setSelected(clue.id);
    setFocusNext(fieldId(clueField(clue.id, "name")));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const checked = huntInputFrom(values);
    if ("errors" in checked) {
      setErrors(checked.errors);
      setFormError({ huntAdmin: "formHasErrors" });
      const first = firstErrorField(values, checked.errors);
      if (first) setFocusNext(fieldId(first));
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    const result = await saveHunt(token, slug, checked.input);
    setBusy(false);
    if (!result.ok) return refused(huntFailureMessage(result.failure));
    onView(result.value);
    setValues(formFromHunt(result.value.hunt));
    announce(t("huntAdmin.saved"));
  };

  const rotateCode = async (clue: ClueValues) => {
    if (!window.confirm(t("huntAdmin.rotateCodeConfirm", { name: clue.name }))) return;
    const result = await rotateClueCode(token, slug, clue.id);
    if (!result.ok) return refused(huntFailureMessage(result.failure));
    onView(result.value);
    announce(t("huntAdmin.codeRotated", { name: clue.name }));
  };
  const rotateLink = async (partnerId: string, name: string) => {
    if (!window.confirm(t("huntAdmin.rotateLinkConfirm", { name }))) return;
    const result = await rotateStaffLink(token, slug, partnerId);
    if (!result.ok) return refused(huntFailureMessage(result.failure));
    onView(result.value);
    announce(t("huntAdmin.linkRotated", { name }));
  };
  const copied = (how: "copied" | "selected") => announce(t(how === "copied" ? "huntAdmin.linkCopied" : "huntAdmin.copySelected"));

  const mapClues: MapClue[] = values.clues.flatMap((c, i) => (c.kind === "scene" ? [{ id: c.id, n: i + 1, name: c.name, x: c.x, z: c.z }] : []));
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <form className="hunt-editor-form" onSubmit={(e) => void submit(e)} noValidate data-testid="hunt-form" data-saved={view ? "yes" : "no"}>
      {!view && <p className="hunt-new-note" data-testid="hunt-new">{t("huntAdmin.newHunt")}</p>}
      {view && (
        <p className="hint" data-testid="hunt-completions">
          {t("huntAdmin.completions", { count: view.completions })}
        </p>
      )}
      <section className="card hunt-card hunt-basics" aria-labelledby="hunt-basics-heading">
        <h2 id="hunt-basics-heading">{t("huntAdmin.basics")}</h2>
        <div className="hunt-grid">
          <Field fieldKey="title" label={t("huntAdmin.fieldTitle")} errors={errors} className="hunt-wide" testId="hunt-title">
            {(p) => <input {...p} type="text" value={values.title} onChange={(e) => set({ title: e.currentTarget.value })} />}
          </Field>
          <Field fieldKey="order" label={t("huntAdmin.fieldOrder")} errors={errors} testId="hunt-order">
            {(p) => (
              <select {...p} value={values.order} onChange={(e) => set({ order: e.currentTarget.value as HuntOrder })}>
                {HUNT_ORDERS.map((order) => (
                  <option key={order} value={order}>
                    {t(`huntAdmin.order_${order}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field fieldKey="startsAt" label={t("huntAdmin.fieldStarts")} errors={errors} testId="hunt-starts">
            {(p) => <input {...p} type="datetime-local" value={values.startsAt} onChange={(e) => set({ startsAt: e.currentTarget.value })} />}
          </Field>
          <Field fieldKey="endsAt" label={t("huntAdmin.fieldEnds")} errors={errors} testId="hunt-ends">
            {(p) => <input {...p} type="datetime-local" value={values.endsAt} onChange={(e) => set({ endsAt: e.currentTarget.value })} />}
          </Field>
        </div>
        <p className="hint">{t("huntAdmin.timeZoneNote", { zone })}</p>
      </section>

      <div className="hunt-pair">
        <section className="card hunt-card" aria-labelledby="hunt-teams-heading">
          <h2 id="hunt-teams-heading">{t("huntAdmin.teams")}</h2>
          <p className="hint">{t("huntAdmin.teamsHint")}</p>
          <ul className="hunt-rows">
            {values.teams.map((team, i) => (
              <li key={i} className="hunt-row">
                <Field fieldKey={teamField(i)} label={t("huntAdmin.teamName", { n: i + 1 })} errors={errors} testId="hunt-team">
                  {(p) => <input {...p} type="text" value={team} onChange={(e) => { const name = e.currentTarget.value; set({ teams: values.teams.map((x, j) => (j === i ? name : x)) }); }} />}
                </Field>
                <button type="button" className="button small ghost" onClick={() => set({ teams: values.teams.filter((_, j) => j !== i) })} aria-label={t("huntAdmin.removeTeam", { n: i + 1 })}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <GroupError fieldKey="teams" errors={errors} testId="hunt-teams-error" />
          <button type="button" id={fieldId("teams")} className="button small" data-testid="hunt-add-team" onClick={() => { set({ teams: [...values.teams, ""] }); setFocusNext(fieldId(teamField(values.teams.length))); }}>
            {t("huntAdmin.addTeam")}
          </button>
        </section>

        <section className="card hunt-card" aria-labelledby="hunt-partners-heading">
          <h2 id="hunt-partners-heading">{t("huntAdmin.partners")}</h2>
          <p className="hint">{t("huntAdmin.partnersHint")}</p>
          <ul className="hunt-rows">
            {values.partners.map((partner, i) => {
              const link = view?.staffLinks[partner.id];
              return (
                <li key={partner.id} className="hunt-partner" data-testid="hunt-partner" data-partner={partner.id}>
                  <div className="hunt-row">
                    <Field fieldKey={partnerField(partner.id)} label={t("huntAdmin.partnerName", { n: i + 1 })} errors={errors} testId="hunt-partner-name">
                      {(p) => <input {...p} type="text" value={partner.name} onChange={(e) => { const name = e.currentTarget.value; set({ partners: values.partners.map((x) => (x.id === partner.id ? { ...x, name } : x)) }); }} />}
                    </Field>
                    <button type="button" className="button small ghost" onClick={() => set({ partners: values.partners.filter((x) => x.id !== partner.id) })} aria-label={t("huntAdmin.removePartner", { n: i + 1 })}>
                      ✕
                    </button>
                  </div>
                  {link ? (
                    <div className="hunt-link-row">
                      <LinkField label={t("huntAdmin.staffLink")} link={absolute(link)} copyLabel={t("huntAdmin.copyLink")} onCopied={copied} testId="hunt-staff-link" />
                      <button type="button" className="button small" onClick={() => void rotateLink(partner.id, partner.name)} data-testid="hunt-rotate-link">
                        {t("huntAdmin.rotateLink")}
                      </button>
                    </div>
                  ) : (
                    <p className="hint">{t("huntAdmin.staffLinkAfterSave")}</p>
                  )}
                </li>
              );
            })}
          </ul>
          <GroupError fieldKey="partners" errors={errors} testId="hunt-partners-error" />
          <button type="button" className="button small" data-testid="hunt-add-partner" onClick={() => { const partner = newPartner(); set({ partners: [...values.partners, partner] }); setFocusNext(fieldId(partnerField(partner.id))); }}>
            {t("huntAdmin.addPartner")}
          </button>
        </section>
      </div>

      <section className="hunt-clues-section" aria-labelledby="hunt-clues-heading">
        <div className="admin-section-head">
          <h2 id="hunt-clues-heading">{t("huntAdmin.clues")}</h2>
          <span className="admin-count" data-testid="hunt-clue-count">
            {t("huntAdmin.cluesCount", { count: values.clues.length })}
          </span>
          <div className="admin-section-tools">
            <button type="button" id={fieldId("clues")} className="button small" onClick={() => addClue("scene")} data-testid="hunt-add-scene-clue">
              {t("huntAdmin.addSceneClue")}
            </button>
            <button type="button" className="button small" onClick={() => addClue("real")} data-testid="hunt-add-real-clue">
              {t("huntAdmin.addRealClue")}
            </button>
          </div>
        </div>
        <GroupError fieldKey="clues" errors={errors} testId="hunt-clues-error" />
        <div className="hunt-clues-layout">
          <ol className="hunt-clues" data-testid="hunt-clues">
            {values.clues.map((clue, index) => (
              <ClueCard
                key={clue.id}
                clue={clue}
                index={index}
                total={values.clues.length}
                values={values}
                view={view}
                errors={errors}
                selected={selected === clue.id}
                onSelect={() => setSelected(clue.id)}
                setClue={(patch) => setClue(clue.id, patch)}
                setTask={(taskId, patch) => setTask(clue.id, taskId, patch)}
                onMove={(by) => set({ clues: moved(values.clues, index, by) })}
                onRemove={() => set({ clues: values.clues.filter((c) => c.id !== clue.id) })}
                onRotate={() => void rotateCode(clue)}
                onCopied={copied}
                focus={(key) => setFocusNext(fieldId(key))}
              />
            ))}
          </ol>
          <aside className="card hunt-card hunt-map-panel" aria-labelledby="hunt-map-heading">
            <h2 id="hunt-map-heading">{t("huntAdmin.map")}</h2>
            <VenueMap clues={mapClues} selectedId={selected} onSelect={setSelected} onPlace={(id, at) => setClue(id, { x: at.x, z: at.z })} />
          </aside>
        </div>
      </section>

      <div className="hunt-savebar">
        {formError && (
          <p className="form-error" role="alert" data-testid="hunt-form-error">
            {say(formError)}
          </p>
        )}
        <p className="hunt-status" role="status" aria-live="polite" data-testid="hunt-status">
          {status && <span key={status.n}>{status.text}</span>}
        </p>
        <button type="submit" className="button primary" aria-busy={busy} data-testid="hunt-save">
          {busy ? t("huntAdmin.saving") : t("huntAdmin.save")}
        </button>
      </div>
    </form>
  );
}

interface ClueCardProps {
  clue: ClueValues;
  index: number;
  total: number;
  values: HuntFormValues;
  view: HuntAdminView | null;
  errors: HuntFieldErrors;
  selected: boolean;
  onSelect: () => void;
  setClue: (patch: Partial<ClueValues>) => void;
  setTask: (taskId: string, patch: Partial<TaskValues>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  onRotate: () => void;
  onCopied: (how: "copied" | "selected") => void;
  focus: (key: string) => void;
}

/** One clue: what it is, where it lives, its riddle and, for a real place, its blind box, scan link and counts. */
function ClueCard({ clue, index, total, values, view, errors, selected, onSelect, setClue, setTask, onMove, onRemove, onRotate, onCopied, focus }: ClueCardProps) {
  const { t } = useTranslation();
  const n = index + 1;
  const key = (field: string) => clueField(clue.id, field);
  const counts = view?.counts[clue.id];
  const scanLink = view?.scanLinks[clue.id];
  const headingId = `hunt-clue-${clue.id}-heading`;
  const text = (field: "name" | "hint" | "place" | "district" | "address" | "question" | "voucherText", label: string, className?: string) => (
    <Field fieldKey={key(field)} label={label} errors={errors} className={className} testId={`hunt-clue-${field}`}>
      {(p) => <input {...p} type="text" value={clue[field]} onChange={(e) => setClue({ [field]: e.currentTarget.value })} />}
    </Field>
  );
  const number = (field: "points" | "rewardPoints" | "voucherStock", label: string) => (
    <Field fieldKey={key(field)} label={label} errors={errors} className="hunt-narrow" testId={`hunt-clue-${field}`}>
      {(p) => <input {...p} type="text" inputMode="numeric" value={clue[field]} onChange={(e) => setClue({ [field]: e.currentTarget.value })} />}
    </Field>
  );
  const check = (field: "hasRiddle" | "blindBox" | "badge" | "hasVoucher", label: string) => (
    <label className="admin-check">
      <input type="checkbox" checked={clue[field]} onChange={(e) => setClue({ [field]: e.currentTarget.checked })} data-testid={`hunt-clue-${field}`} />
      {label}
    </label>
  );

  return (
    <li className={`card hunt-card hunt-clue is-${clue.kind}${selected ? " is-selected" : ""}`} aria-labelledby={headingId} data-testid="hunt-clue" data-clue={clue.id} data-kind={clue.kind}>
      <div className="hunt-clue-head">
        <h3 id={headingId}>{clue.name.trim() ? t("huntAdmin.clueHeadingNamed", { n, name: clue.name }) : t("huntAdmin.clueHeading", { n })}</h3>
        <div className="hunt-clue-tools">
          <button type="button" className="button small ghost" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t("huntAdmin.moveUp", { n })} data-testid="hunt-clue-up">
            ↑
          </button>
          <button type="button" className="button small ghost" disabled={index === total - 1} onClick={() => onMove(1)} aria-label={t("huntAdmin.moveDown", { n })} data-testid="hunt-clue-down">
            ↓
          </button>
          <button type="button" className="button small ghost" onClick={onRemove} aria-label={t("huntAdmin.removeClue", { n })} data-testid="hunt-clue-remove">
            ✕
          </button>
        </div>
      </div>
      {counts && (
        <p className="hint hunt-counts" data-testid="hunt-clue-counts" data-found={counts.found}>
          {t("huntAdmin.counts", { revealed: counts.revealed, found: counts.found, issued: counts.vouchersIssued, redeemed: counts.vouchersRedeemed })}
        </p>
      )}
      <div className="hunt-grid">
        {text("name", t("huntAdmin.clueName"))}
        {number("points", t("huntAdmin.cluePoints"))}
        {text("hint", t("huntAdmin.clueHint"), "hunt-wide")}
      </div>

      <fieldset className="hunt-where">
        <legend>{t("huntAdmin.where")}</legend>
        <div className="hunt-choice">
          {(["scene", "real"] as const).map((kind) => (
            <label key={kind} className="admin-check">
              <input
                type="radio"
                name={`hunt-where-${clue.id}`}
                checked={clue.kind === kind}
                onChange={() => {
                  setClue({ kind });
                  if (kind === "scene") onSelect();
                }}
                data-testid={`hunt-clue-where-${kind}`}
              />
              {t(kind === "scene" ? "huntAdmin.whereScene" : "huntAdmin.whereReal")}
            </label>
          ))}
        </div>
        {clue.kind === "scene" ? (
          <div className="hunt-position">
            <span data-testid="hunt-clue-position">{t("huntAdmin.positionShown", { x: clue.x.toFixed(1), z: clue.z.toFixed(1) })}</span>
            <button type="button" id={fieldId(key("position"))} className={`button small toggle${selected ? " is-on" : ""}`} aria-pressed={selected} onClick={onSelect} data-testid="hunt-clue-select">
              {selected ? t("huntAdmin.selectedOnMap") : t("huntAdmin.placeOnMap")}
            </button>
            <GroupError fieldKey={key("position")} errors={errors} testId="hunt-clue-position-error" />
          </div>
        ) : (
          <div className="hunt-grid">
            {text("place", t("huntAdmin.place"), "hunt-wide")}
            {text("district", t("huntAdmin.district"))}
            {text("address", t("huntAdmin.address"))}
            <div className="hunt-wide">
              {scanLink ? (
                <div className="hunt-link-row">
                  <LinkField label={t("huntAdmin.scanLink")} link={absolute(scanLink)} copyLabel={t("huntAdmin.copyLink")} onCopied={onCopied} testId="hunt-scan-link" />
                  <button type="button" className="button small" onClick={onRotate} data-testid="hunt-rotate-code">
                    {t("huntAdmin.rotateCode")}
                  </button>
                </div>
              ) : (
                <p className="hint">{t("huntAdmin.scanLinkAfterSave")}</p>
              )}
            </div>
          </div>
        )}
      </fieldset>

      {check("hasRiddle", t("huntAdmin.hasRiddle"))}
      {clue.hasRiddle && (
        <div className="hunt-grid hunt-nested">
          {text("question", t("huntAdmin.riddleQuestion"), "hunt-wide")}
          <Field fieldKey={key("answers")} label={t("huntAdmin.riddleAnswers")} hint={t("huntAdmin.riddleAnswersHint")} errors={errors} className="hunt-wide" testId="hunt-clue-answers">
            {(p) => <textarea {...p} rows={2} value={clue.answers} onChange={(e) => setClue({ answers: e.currentTarget.value })} />}
          </Field>
        </div>
      )}

      {clue.kind === "real" && check("blindBox", t("huntAdmin.blindBox"))}
      {clue.kind === "real" && clue.blindBox && (
        <div className="hunt-nested hunt-box" data-testid="hunt-clue-box">
          <fieldset className="hunt-tasks">
            <legend>{t("huntAdmin.tasks")}</legend>
            <ol className="hunt-rows">
              {clue.tasks.map((task, i) => (
                <TaskRow key={task.id} clueId={clue.id} task={task} n={i + 1} errors={errors} setTask={(patch) => setTask(task.id, patch)} onRemove={() => setClue({ tasks: clue.tasks.filter((x) => x.id !== task.id) })} />
              ))}
            </ol>
            <GroupError fieldKey={key("tasks")} errors={errors} testId="hunt-clue-tasks-error" />
            <button
              type="button"
              id={fieldId(key("tasks"))}
              className="button small"
              disabled={clue.tasks.length >= TASKS_MAX}
              onClick={() => {
                const task = newTask();
                setClue({ tasks: [...clue.tasks, task] });
                focus(taskField(clue.id, task.id, "text"));
              }}
              data-testid="hunt-add-task"
            >
              {t("huntAdmin.addTask")}
            </button>
          </fieldset>
          <fieldset className="hunt-reward">
            <legend>{t("huntAdmin.reward")}</legend>
            <div className="hunt-grid">
              {number("rewardPoints", t("huntAdmin.rewardPoints"))}
              <div className="hunt-checks">{check("badge", t("huntAdmin.rewardBadge"))}</div>
            </div>
            {check("hasVoucher", t("huntAdmin.hasVoucher"))}
            {clue.hasVoucher && (
              <div className="hunt-grid">
                <Field fieldKey={key("voucherPartner")} label={t("huntAdmin.voucherPartner")} errors={errors} testId="hunt-clue-voucherPartner">
                  {(p) => (
                    <select {...p} value={clue.voucherPartnerId} onChange={(e) => setClue({ voucherPartnerId: e.currentTarget.value })}>
                      <option value="">{t("huntAdmin.voucherPartnerNone")}</option>
                      {values.partners.map((partner, i) => (
                        <option key={partner.id} value={partner.id}>
                          {partner.name.trim() || t("huntAdmin.partnerName", { n: i + 1 })}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {number("voucherStock", t("huntAdmin.voucherStock"))}
                {text("voucherText", t("huntAdmin.voucherText"), "hunt-wide")}
              </div>
            )}
          </fieldset>
        </div>
      )}
    </li>
  );
}

function TaskRow({ clueId, task, n, errors, setTask, onRemove }: { clueId: string; task: TaskValues; n: number; errors: HuntFieldErrors; setTask: (patch: Partial<TaskValues>) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const key = (field: string) => taskField(clueId, task.id, field);
  return (
    <li className="hunt-task" data-testid="hunt-task" data-task={task.id}>
      <div className="hunt-task-head">
        <strong>{t("huntAdmin.task", { n })}</strong>
        <button type="button" className="button small ghost" onClick={onRemove} aria-label={t("huntAdmin.removeTask", { n })}>
          ✕
        </button>
      </div>
      <div className="hunt-grid">
        <Field fieldKey={key("kind")} label={t("huntAdmin.taskKind")} errors={errors} testId="hunt-task-kind">
          {(p) => (
            <select {...p} value={task.kind} onChange={(e) => setTask({ kind: e.currentTarget.value as BlindTaskKind })}>
              {BLIND_TASK_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`huntAdmin.kind_${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field fieldKey={key("text")} label={t(task.kind === "riddle" ? "huntAdmin.taskTextRiddle" : "huntAdmin.taskText")} errors={errors} testId="hunt-task-text">
          {(p) => <input {...p} type="text" value={task.text} onChange={(e) => setTask({ text: e.currentTarget.value })} />}
        </Field>
        {task.kind === "riddle" && (
          <>
            <Field fieldKey={key("question")} label={t("huntAdmin.riddleQuestion")} errors={errors} className="hunt-wide" testId="hunt-task-question">
              {(p) => <input {...p} type="text" value={task.question} onChange={(e) => setTask({ question: e.currentTarget.value })} />}
            </Field>
            <Field fieldKey={key("answers")} label={t("huntAdmin.riddleAnswers")} errors={errors} className="hunt-wide" testId="hunt-task-answers">
              {(p) => <textarea {...p} rows={2} value={task.answers} onChange={(e) => setTask({ answers: e.currentTarget.value })} />}
            </Field>
          </>
        )}
      </div>
    </li>
  );
}
