import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  ACCESSORIES,
  BODY_COLOURS,
  BODY_SHAPES,
  DisplayName,
  NAME_MAX_LENGTH,
  type AvatarLook,
  type ErrorCode,
} from "../../shared/protocol/index.js";
import { AvatarPreview } from "../scene/AvatarPreview.js";
import { useReducedMotion } from "../prefs/media.js";
import { useFocusTrap } from "./useFocusTrap.js";
import { LanguageSwitch } from "./LanguageSwitch.js";

type ColourName = "vermilion" | "amber" | "green" | "teal" | "blue" | "violet" | "pink" | "brown";
const COLOUR_NAMES: Record<(typeof BODY_COLOURS)[number], ColourName> = {
  "#e4572e": "vermilion",
  "#f3a712": "amber",
  "#29bf12": "green",
  "#17bebb": "teal",
  "#2e86ab": "blue",
  "#7b5ea7": "violet",
  "#d45d9c": "pink",
  "#8d6e63": "brown",
};

interface LobbyProps {
  title: string;
  initialName: string;
  initialLook: AvatarLook;
  returning: boolean;
  joining: boolean;
  /** Why the last join was refused (shown under the form), or "failed" when the server was unreachable. */
  refusal: ErrorCode | "failed" | null;
  onEnter: (name: string, look: AvatarLook) => void;
}

/** The join dialog: a name, a look with a live preview, and Enter. Focus stays inside while it is open. */
export function Lobby({ title, initialName, initialLook, returning, joining, refusal, onEnter }: LobbyProps) {
  const { t } = useTranslation();
  const reducedMotion = useReducedMotion();
  const [name, setName] = useState(initialName);
  const [look, setLook] = useState<AvatarLook>(initialLook);
  const [nameError, setNameError] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), hint: useId(), error: useId(), refusal: useId() };
  useFocusTrap(dialog, true, nameInput);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = DisplayName.safeParse(name);
    if (!parsed.success) {
      const tooLong = name.trim().length > NAME_MAX_LENGTH;
      setNameError(tooLong ? t("lobby.nameTooLong", { max: NAME_MAX_LENGTH }) : t("lobby.nameRequired"));
      nameInput.current?.focus();
      return;
    }
    setNameError(null);
    onEnter(parsed.data, look);
  };

  const refusalText = refusal === null ? null : refusal === "failed" ? t("connection.failed") : t(`errors.${refusal}`);

  return (
    <div className="lobby-backdrop">
      <div
        ref={dialog}
        className="lobby card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={ids.title}
        data-testid="lobby"
      >
        <div className="lobby-top">
          <a className="text-link" href="/">
            ← {t("app.home")}
          </a>
          <LanguageSwitch />
        </div>
        <h1 id={ids.title}>{title ? t("lobby.title", { title }) : t("lobby.titleFallback")}</h1>
        <p className="lobby-intro">
          {returning && initialName ? `${t("lobby.welcomeBack", { name: initialName })} ` : ""}
          {t("lobby.intro")}
        </p>
        <form className="lobby-body" onSubmit={submit} noValidate>
          <AvatarPreview look={look} reducedMotion={reducedMotion} label={t("lobby.preview")} />
          <div className="lobby-fields">
            <div className="field">
              <label htmlFor="lobby-name">{t("lobby.nameLabel")}</label>
              <input
                ref={nameInput}
                id="lobby-name"
                data-testid="lobby-name-input"
                type="text"
                autoComplete="nickname"
                maxLength={NAME_MAX_LENGTH * 2}
                value={name}
                aria-invalid={nameError !== null}
                aria-describedby={nameError ? `${ids.hint} ${ids.error}` : ids.hint}
                onChange={(e) => {
                  setName(e.target.value);
                  if (nameError) setNameError(null);
                }}
              />
              <span id={ids.hint} className="hint">
                {t("lobby.nameHint", { max: NAME_MAX_LENGTH })}
              </span>
              {nameError && (
                <span id={ids.error} className="field-error" role="alert" data-testid="lobby-name-error">
                  {nameError}
                </span>
              )}
            </div>
            <fieldset className="choice-group" data-testid="lobby-colours">
              <legend>{t("lobby.colourLabel")}</legend>
              <div className="swatches">
                {BODY_COLOURS.map((colour, index) => (
                  <label key={colour} className="swatch" title={t(`look.colours.${COLOUR_NAMES[colour]}`)}>
                    <input
                      type="radio"
                      name="colour"
                      value={colour}
                      data-testid={`lobby-colour-${index}`}
                      checked={look.color === colour}
                      onChange={() => setLook((l) => ({ ...l, color: colour }))}
                    />
                    <span className="swatch-chip" style={{ background: colour }} aria-hidden="true" />
                    <span className="visually-hidden">{t(`look.colours.${COLOUR_NAMES[colour]}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset className="choice-group" data-testid="lobby-shapes">
              <legend>{t("lobby.shapeLabel")}</legend>
              <div className="chips">
                {BODY_SHAPES.map((shape) => (
                  <label key={shape} className="chip">
                    <input
                      type="radio"
                      name="shape"
                      value={shape}
                      data-testid={`lobby-shape-${shape}`}
                      checked={look.shape === shape}
                      onChange={() => setLook((l) => ({ ...l, shape }))}
                    />
                    <span>{t(`look.shapes.${shape}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset className="choice-group" data-testid="lobby-accessories">
              <legend>{t("lobby.accessoryLabel")}</legend>
              <div className="chips">
                {ACCESSORIES.map((accessory) => (
                  <label key={accessory} className="chip">
                    <input
                      type="radio"
                      name="accessory"
                      value={accessory}
                      data-testid={`lobby-accessory-${accessory}`}
                      checked={look.accessory === accessory}
                      onChange={() => setLook((l) => ({ ...l, accessory }))}
                    />
                    <span>{t(`look.accessories.${accessory}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            {refusalText && (
              <p className="form-error" role="alert" id={ids.refusal} data-testid="lobby-error" data-code={refusal ?? ""}>
                {refusalText}
              </p>
            )}
            <button type="submit" className="button primary" data-testid="lobby-enter" disabled={joining} aria-busy={joining}>
              {joining ? t("lobby.joining") : t("lobby.enter")}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
