import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
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
import { AvatarPortrait } from "./AvatarPortrait.js";
import "./Lobby.css";
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
  /** The operator's words about the event, shown under the title when there are any. */
  description: string;
  /** The event's state in words, under the title (null until the event is known). */
  status: ReactNode;
  initialName: string;
  initialLook: AvatarLook;
  returning: boolean;
  joining: boolean;
  /** Why the last join was refused (shown under the form), or "failed" when the server was unreachable. */
  refusal: ErrorCode | "failed" | null;
  onEnter: (name: string, look: AvatarLook) => void;
  /** More of the event below the form, inside the dialog (so within its focus trap): past trees, a member's own salon. */
  extra?: ReactNode;
}

/** The join dialog: a name, a look with a live preview, and Enter. Focus stays inside while it is open. */
export function Lobby({ title, description, status, initialName, initialLook, returning, joining, refusal, onEnter, extra }: LobbyProps) {
  const { t } = useTranslation();
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
        <p className="lobby-status">{status}</p>
        {description && (
          <p className="lobby-description" data-testid="lobby-description">
            {description}
          </p>
        )}
        <p className="lobby-intro">
          {returning && initialName ? `${t("lobby.welcomeBack", { name: initialName })} ` : ""}
          {t("lobby.intro")}
        </p>
        <form className="lobby-body" onSubmit={submit} noValidate>
          <AvatarPortrait look={look} label={t("lobby.preview")} />
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
            <ChipChoice
              name="shape"
              testId="lobby-shapes"
              legend={t("lobby.shapeLabel")}
              options={BODY_SHAPES}
              value={look.shape}
              labelOf={(shape) => t(`look.shapes.${shape}`)}
              onPick={(shape) => setLook((l) => ({ ...l, shape }))}
            />
            <ChipChoice
              name="accessory"
              testId="lobby-accessories"
              legend={t("lobby.accessoryLabel")}
              options={ACCESSORIES}
              value={look.accessory}
              labelOf={(accessory) => t(`look.accessories.${accessory}`)}
              onPick={(accessory) => setLook((l) => ({ ...l, accessory }))}
            />
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
        {extra}
      </div>
    </div>
  );
}

/** One radio group of text chips (shape, accessory): a labelled fieldset whose options are native radios. */
function ChipChoice<T extends string>(props: {
  name: string;
  testId: string;
  legend: string;
  options: readonly T[];
  value: T;
  labelOf: (option: T) => string;
  onPick: (option: T) => void;
}) {
  return (
    <fieldset className="choice-group" data-testid={props.testId}>
      <legend>{props.legend}</legend>
      <div className="chips">
        {props.options.map((option) => (
          <label key={option} className="chip">
            <input
              type="radio"
              name={props.name}
              value={option}
              data-testid={`lobby-${props.name}-${option}`}
              checked={props.value === option}
              onChange={() => props.onPick(option)}
            />
            <span>{props.labelOf(option)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
