import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MoveSender } from "../scene/controls/MoveSender.js";
import { useNarrowScreen, useTouchControls } from "../prefs/media.js";
import { useConnection, useMembers, useSession } from "../state/hooks.js";
import { canHost } from "../state/session.js";
import { AnnouncementBanner } from "./AnnouncementBanner.js";
import { ChatPanel } from "./ChatPanel.js";
import { HostConsole } from "./HostConsole.js";
import { HostLinkNotice } from "./HostLinkNotice.js";
import { MemberList } from "./MemberList.js";
import { Reactions } from "./Reactions.js";
import { Toasts } from "./Toasts.js";
import { TouchPad } from "./TouchPad.js";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { QualitySwitch } from "./QualitySwitch.js";

type Drawer = "none" | "chat" | "members" | "host";

interface HudProps {
  sender: MoveSender;
  title: string;
  onLeave: () => void;
}

/** How many are here: the whole live session (every instance), or this room's list until the session view arrives. */
function HeadCount() {
  const { t } = useTranslation();
  const sessionOnline = useSession((s) => s.online);
  const roomOnline = useMembers((s) => s.members.length);
  const online = sessionOnline > 0 ? sessionOnline : roomOnline;
  return (
    <span className="hud-count" data-testid="online-count" data-count={online}>
      {t("hud.online", { count: online })}
    </span>
  );
}

/** Everything over the 3D view. On narrow screens chat, members and the host console become drawers. */
export function Hud({ sender, title, onLeave }: HudProps) {
  const { t } = useTranslation();
  const narrow = useNarrowScreen();
  const touch = useTouchControls();
  const status = useConnection((c) => c.status);
  const sessionId = useConnection((c) => c.sessionId);
  const memberId = useConnection((c) => c.memberId);
  const host = useSession(canHost);
  const roomOnline = useMembers((s) => s.members.length);
  const [drawer, setDrawer] = useState<Drawer>("none");
  const chatInput = useRef<HTMLInputElement>(null);
  const toggles = { chat: useRef<HTMLButtonElement>(null), members: useRef<HTMLButtonElement>(null), host: useRef<HTMLButtonElement>(null) };
  const pendingFocus = useRef<"chat" | null>(null);

  const showChat = !narrow || drawer === "chat";
  const showMembers = !narrow || drawer === "members";
  const showHost = host && (!narrow || drawer === "host");

  useEffect(() => {
    if (pendingFocus.current === "chat" && showChat) chatInput.current?.focus();
    pendingFocus.current = null;
  }, [showChat, drawer]);

  // A host whose rights end (a reconnect as a member) loses the console drawer with them.
  useEffect(() => {
    if (!host && drawer === "host") setDrawer("none");
  }, [host, drawer]);

  const openChat = () => {
    if (narrow && drawer !== "chat") {
      pendingFocus.current = "chat";
      setDrawer("chat");
    } else {
      chatInput.current?.focus();
    }
  };
  const closeDrawer = (which: Exclude<Drawer, "none">) => {
    setDrawer("none");
    toggles[which].current?.focus();
  };
  const toggle = (which: Exclude<Drawer, "none">) => setDrawer(drawer === which ? "none" : which);

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
          <HeadCount />
        </div>
        <div className="hud-settings card">
          <LanguageSwitch />
          <QualitySwitch />
          <button type="button" className="button small ghost" onClick={onLeave} data-testid="leave-button">
            {t("venue.leave")}
          </button>
        </div>
      </header>
      <div className="hud-center">
        {status === "reconnecting" && (
          <div className="banner" role="status" data-testid="connection-banner">
            {t("connection.reconnecting")}
          </div>
        )}
        <HostLinkNotice />
        <AnnouncementBanner />
        <Toasts />
      </div>
      {(showHost || showMembers) && (
        <div className={narrow ? "drawer" : "side-column"}>
          {showHost && <HostConsole onClose={narrow ? () => closeDrawer("host") : undefined} />}
          {showMembers && <MemberList onClose={narrow ? () => closeDrawer("members") : undefined} />}
        </div>
      )}
      {showChat && (
        <div className={narrow ? "drawer" : "chat-dock"}>
          <ChatPanel inputRef={chatInput} onClose={narrow ? () => closeDrawer("chat") : undefined} />
        </div>
      )}
      <div className="hud-bottom">
        {touch && drawer === "none" && <TouchPad sender={sender} />}
        <Reactions />
        {narrow && (
          <div className="drawer-toggles">
            <button
              ref={toggles.chat}
              type="button"
              className={`button toggle${drawer === "chat" ? " is-on" : ""}`}
              aria-expanded={drawer === "chat"}
              data-testid="toggle-chat"
              onClick={() => toggle("chat")}
            >
              {t("hud.openChat")}
            </button>
            <button
              ref={toggles.members}
              type="button"
              className={`button toggle${drawer === "members" ? " is-on" : ""}`}
              aria-expanded={drawer === "members"}
              data-testid="toggle-members"
              onClick={() => toggle("members")}
            >
              {t("hud.openMembers")} · {roomOnline}
            </button>
            {host && (
              <button
                ref={toggles.host}
                type="button"
                className={`button toggle${drawer === "host" ? " is-on" : ""}`}
                aria-expanded={drawer === "host"}
                data-testid="toggle-host"
                onClick={() => toggle("host")}
              >
                {t("host.open")}
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
