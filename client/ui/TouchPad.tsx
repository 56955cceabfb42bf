import { useRef, type KeyboardEvent, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import { directionOf, type MoveAction } from "../scene/controls/keyBindings.js";
import type { MoveSender } from "../scene/controls/MoveSender.js";

const PAD: ReadonlyArray<{ action: MoveAction; label: "touch.up" | "touch.down" | "touch.left" | "touch.right"; glyph: string; area: string }> = [
  { action: "walkForward", label: "touch.up", glyph: "▲", area: "up" },
  { action: "walkLeft", label: "touch.left", glyph: "◀", area: "left" },
  { action: "walkRight", label: "touch.right", glyph: "▶", area: "right" },
  { action: "walkBack", label: "touch.down", glyph: "▼", area: "down" },
];

/** A press-and-hold direction pad for touch screens, captioned "Walk"; the buttons also work with Enter / Space. */
export function TouchPad({ sender }: { sender: MoveSender }) {
  const { t } = useTranslation();
  const held = useRef(new Set<MoveAction>());
  const update = () => {
    const { dx, dz } = directionOf(held.current);
    sender.setDirection(dx, dz);
  };
  const press = (action: MoveAction) => {
    held.current.add(action);
    update();
  };
  const release = (action: MoveAction) => {
    if (held.current.delete(action)) update();
  };
  return (
    <div className="touch-pad" role="group" aria-label={t("touch.joystick")} data-testid="touch-pad">
      <span className="pad-caption" aria-hidden="true">
        {t("touch.caption")}
      </span>
      {PAD.map(({ action, label, glyph, area }) => (
        <button
          key={action}
          type="button"
          className={`pad-button pad-${area}`}
          aria-label={t(label)}
          onPointerDown={(e: PointerEvent<HTMLButtonElement>) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            press(action);
          }}
          onPointerUp={() => release(action)}
          onPointerCancel={() => release(action)}
          onLostPointerCapture={() => release(action)}
          onKeyDown={(e: KeyboardEvent<HTMLButtonElement>) => {
            if ((e.key === "Enter" || e.key === " ") && !e.repeat) {
              e.preventDefault();
              press(action);
            }
          }}
          onKeyUp={(e: KeyboardEvent<HTMLButtonElement>) => {
            if (e.key === "Enter" || e.key === " ") release(action);
          }}
          onBlur={() => release(action)}
          onContextMenu={(e) => e.preventDefault()}
        >
          <span aria-hidden="true">{glyph}</span>
        </button>
      ))}
    </div>
  );
}
