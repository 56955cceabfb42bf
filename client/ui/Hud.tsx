import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { VenueConnection } from "../net/VenueConnection.js";
import { useStore } from "../net/store.js";
import type { MoveSender } from "../scene/controls/MoveSender.js";
import { useNarrowScreen, useTouchControls } from "../prefs/media.js";
import { ChatPanel } from "./ChatPanel.js";
import { MemberList } from "./MemberList.js";
import { Reactions } from "./Reactions.js";
import { Toasts } from "./Toasts.js";
import { TouchPad } from "./TouchPad.js";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { QualitySwitch } from "./QualitySwitch.js";

type Drawer = "none" | "chat" | "members";

interface HudProps {
  connection: VenueConnection;
  sender: MoveSender;
  title: string;
  onLeave: () => void;
}

/** Everything over the 3D view. On narrow screens chat and members become drawers behind toggle buttons. */
export function Hud({ connection, sender, title, onLeave }: HudProps) {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  const touch = useTouchControls();
  const status = useStore(connection.view, (v) => v.status);
  const online = useStore(connection.view, (v) => v.members.length);
  const sessionId = useStore(connection.view, (v) => v.sessionId);
  const memberId = useStore(connection.view, (v) => v.memberId);
  const [drawer, setDrawer] = useState<Drawer>("none");
  const chatInput = useRef<HTMLInputElement>(null);
  const membersToggle = useRef<HTMLButtonElement>(null);
  const chatToggle = useRef<HTMLButtonElement>(null);
  const pendingFocus = useRef<"chat" | "members" | null>(null);

  const showChat = !narrow || drawer === "chat";
  const showMembers = !narrow || drawer === "members";

  useEffect(() => {
    if (pendingFocus.current === "chat" && showChat) chatInput.current?.focus();
    pendingFocus.current = null;
  }, [showChat, drawer]);

  const openChat = () => {
    if (narrow && drawer !== "chat") {
      pendingFocus.current = "chat";
      setDrawer("chat");
    } else {
      chatInput.current?.focus();
    }
  };
  const closeDrawer = (which: Drawer) => {
    setDrawer("none");
    (which === "chat" ? chatToggle : membersToggle).current?.focus();
  };

  return (
    <div className={`hud${narrow ? " is-narrow" : ""}`} data-testid="venue-hud" data-session-id={sessionId} data-member-id={memberId} data-status={status}>
      <a
        href="#chat-input"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          openChat();
        }}
      >
        {t("app.skipToChat")}
      </a>
      <header className="hud-top">
        <div className="hud-title card">
          <h1 data-testid="event-title">{title}</h1>
          <span className="hud-count" data-testid="online-count">
            {t("hud.online", { count: online })}
          </span>
        </div>
        <div className="hud-settings card">
          <LanguageSwitch />
          <QualitySwitch />
          <button type="button" className="button small ghost" onClick={onLeave} data-testid="leave-button">
            {t("venue.leave")}
          </button>
        </div>
      </header>
      {status === "reconnecting" && (
        <div className="banner" role="status" data-testid="connection-banner">
          {t("connection.reconnecting")}
        </div>
      )}
      <Toasts connection={connection} />
      {showMembers && (
        <div className={narrow ? "drawer" : "side-panel"}>
          <MemberList connection={connection} onClose={narrow ? () => closeDrawer("members") : undefined} />
        </div>
      )}
      {showChat && (
        <div className={narrow ? "drawer" : "chat-dock"}>
          <ChatPanel connection={connection} inputRef={chatInput} onClose={narrow ? () => closeDrawer("chat") : undefined} />
        </div>
      )}
      <div className="hud-bottom">
        {touch && drawer === "none" && <TouchPad sender={sender} />}
        <Reactions connection={connection} />
        {narrow && (
          <div className="drawer-toggles">
            <button
              ref={chatToggle}
              type="button"
              className={`button toggle${drawer === "chat" ? " is-on" : ""}`}
              aria-expanded={drawer === "chat"}
              data-testid="toggle-chat"
              onClick={() => setDrawer(drawer === "chat" ? "none" : "chat")}
            >
              {t("hud.openChat")}
            </button>
            <button
              ref={membersToggle}
              type="button"
              className={`button toggle${drawer === "members" ? " is-on" : ""}`}
              aria-expanded={drawer === "members"}
              data-testid="toggle-members"
              onClick={() => setDrawer(drawer === "members" ? "none" : "members")}
            >
              {t("hud.openMembers")} · {online}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
