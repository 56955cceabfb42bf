import { useEffect, useRef, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { MoveSender } from "../scene/controls/MoveSender.js";
import { focusVenue } from "../scene/controls/focus.js";
import { useVenueShortcuts } from "../scene/controls/useVenueShortcuts.js";
import { useNarrowScreen, useTouchControls } from "../prefs/media.js";
import { useChat, useConnection, useMembers, useModeration, useSession } from "../state/hooks.js";
import { usePanelOpen } from "../state/panels.js";
import { canHost } from "../state/session.js";
import { AnnouncementBanner } from "./AnnouncementBanner.js";
import { ArrivalsAnnouncer } from "./ArrivalsAnnouncer.js";
import { ChatPanel } from "./ChatPanel.js";
import { HostConsole } from "./HostConsole.js";
import { HostLinkNotice } from "./HostLinkNotice.js";
import { MemberList } from "./MemberList.js";
import { Reactions } from "./Reactions.js";
import { Toasts } from "./Toasts.js";
import { Celebrations } from "./growth/Celebrations.js";
import { GrowthHud } from "./growth/GrowthHud.js";
import { HuntHud } from "./hunt/HuntHud.js";
import { TouchPad } from "./TouchPad.js";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { QualitySwitch } from "./QualitySwitch.js";
import { SalonAnnouncer } from "./salon/SalonAnnouncer.js";
import { SalonPanel, SalonToggleLabel } from "./salon/SalonPanel.js";
import { SoundButton } from "./salon/SoundButton.js";
import { VoiceDock } from "./voice/VoiceDock.js";
import "./hud.css";

type Drawer = "none" | "chat" | "members" | "salon" | "host";

/** Ids the skip link points at: whichever way to the chat box is on screen. */
const CHAT_INPUT_ID = "chat-input";
const CHAT_TOGGLE_ID = "hud-chat-toggle";
const CHAT_HEAD_ID = "hud-chat-head";

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

/**
 * Chat lines that arrived while the chat was out of sight. The chat slice counts live lines (history excluded);
 * what was counted when the chat was last shown is the mark, so the difference is what this member has not seen.
 */
function useUnread(shown: boolean): number {
  // A host's private reply counts too: on a phone the chat is folded away, and it must not go unseen.
  const liveCount = useChat((c) => c.liveCount) + useModeration((m) => m.whisperCount);
  const [seen, setSeen] = useState(liveCount);
  // Adjusted while rendering (React's pattern for state derived from props): no frame shows a stale count.
  if (shown && seen !== liveCount) setSeen(liveCount);
  return shown ? 0 : Math.max(0, liveCount - seen);
}

/** "Chat" and, while there are any, the unread count: a badge to see, and in the name ("Chat, 3 unread") to hear. */
function ChatLabel({ unread }: { unread: number }) {
  const { t } = useTranslation();
  return (
    <>
      {t("hud.openChat")}{" "}
      {unread > 0 && (
        <span className="unread-badge" data-testid="chat-unread" data-count={unread}>
          {unread}
        </span>
      )}
    </>
  );
}

interface ChatToggleProps {
  open: boolean;
  onToggle: () => void;
  buttonRef: RefObject<HTMLButtonElement | null>;
}

/** Phones: the chat drawer's button, with the unread count while the drawer is closed. */
function ChatToggle({ open, onToggle, buttonRef }: ChatToggleProps) {
  const { t } = useTranslation();
  const unread = useUnread(open);
  return (
    <button
      ref={buttonRef}
      id={CHAT_TOGGLE_ID}
      type="button"
      className={`button toggle${open ? " is-on" : ""}`}
      aria-expanded={open}
      aria-label={unread > 0 ? t("hud.chatUnread", { count: unread }) : undefined}
      data-testid="toggle-chat"
      data-unread={unread}
      onClick={onToggle}
    >
      <ChatLabel unread={unread} />
    </button>
  );
}

/** Wider screens: the chat folded to one button (it counts what arrives meanwhile). */
function ChatHead({ onOpen, buttonRef }: { onOpen: () => void; buttonRef: RefObject<HTMLButtonElement | null> }) {
  const { t } = useTranslation();
  const unread = useUnread(false);
  return (
    <button
      ref={buttonRef}
      id={CHAT_HEAD_ID}
      type="button"
      className="chat-head card"
      aria-expanded={false}
      aria-label={unread > 0 ? t("hud.chatUnread", { count: unread }) : undefined}
      data-testid="chat-head"
      data-unread={unread}
      onClick={onOpen}
    >
      <span className="chat-head-mark" aria-hidden="true">
        💬
      </span>
      <span className="chat-head-label">
        <ChatLabel unread={unread} />
      </span>
      <span className="panel-chevron" aria-hidden="true">
        ▸
      </span>
    </button>
  );
}

/**
 * Everything over the 3D view, in landmarks: the top bar (banner), notices, the panels (complementary) and the
 * bottom bar. On wider screens chat and people share one narrow column on the left, so the venue keeps three
 * quarters of the width; each folds to its heading (remembered for the tab). On narrow screens they are drawers.
 */
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
  const [chatOpen, setChatOpen] = usePanelOpen("chat");
  const chatInput = useRef<HTMLInputElement>(null);
  const chatHead = useRef<HTMLButtonElement>(null);
  const toggles = {
    chat: useRef<HTMLButtonElement>(null),
    members: useRef<HTMLButtonElement>(null),
    salon: useRef<HTMLButtonElement>(null),
    host: useRef<HTMLButtonElement>(null),
  };
  const pendingFocus = useRef<"input" | "head" | null>(null);

  const chatShown = narrow ? drawer === "chat" : chatOpen;
  const showMembers = !narrow || drawer === "members";
  const showSalon = !narrow || drawer === "salon";
  const showHost = host && (!narrow || drawer === "host");

  useEffect(() => {
    if (pendingFocus.current === "input" && chatShown) chatInput.current?.focus();
    if (pendingFocus.current === "head" && !chatShown) chatHead.current?.focus();
    pendingFocus.current = null;
  }, [chatShown, drawer]);

  // A host whose rights end (a reconnect as a member) loses the console drawer with them.
  useEffect(() => {
    if (!host && drawer === "host") setDrawer("none");
  }, [host, drawer]);

  const openChat = () => {
    if (chatShown) {
      chatInput.current?.focus();
      return;
    }
    pendingFocus.current = "input";
    if (narrow) setDrawer("chat");
    else setChatOpen(true);
  };
  const collapseChat = () => {
    pendingFocus.current = "head";
    setChatOpen(false);
  };
  const closeDrawer = (which: Exclude<Drawer, "none">) => {
    setDrawer("none");
    toggles[which].current?.focus();
  };
  const toggle = (which: Exclude<Drawer, "none">) => setDrawer(drawer === which ? "none" : which);
  // On a phone the drawer would hide where "go to" walks: it closes, and the walking keys act at once.
  const afterGoTo = () => {
    setDrawer("none");
    focusVenue();
  };

  useVenueShortcuts({ focusChat: openChat }, true);

  const skipTarget = chatShown ? CHAT_INPUT_ID : narrow ? CHAT_TOGGLE_ID : CHAT_HEAD_ID;

  return (
    <div className={`hud${narrow ? " is-narrow" : ""}${host ? " has-host" : ""}`} data-testid="venue-hud" data-session-id={sessionId} data-member-id={memberId} data-status={status}>
      <a
        href={`#${skipTarget}`}
        className="skip-link"
        data-testid="skip-to-chat"
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
        <GrowthHud />
        <HuntHud />
        <div className="hud-settings card">
          <LanguageSwitch />
          <QualitySwitch />
          <button type="button" className="button small ghost" onClick={onLeave} data-testid="leave-button">
            {t("venue.leave")}
          </button>
        </div>
      </header>
      <section className="hud-center" aria-label={t("hud.notices")}>
        {status === "reconnecting" && (
          <div className="banner" role="status" data-testid="connection-banner">
            {t("connection.reconnecting")}
          </div>
        )}
        <HostLinkNotice />
        <AnnouncementBanner />
        <Celebrations />
        <Toasts />
        <ArrivalsAnnouncer />
        <SalonAnnouncer />
      </section>
      {showHost && (
        <aside className={narrow ? "drawer" : "side-column"} aria-label={t("hud.hostPanel")}>
          <HostConsole onClose={narrow ? () => closeDrawer("host") : undefined} />
        </aside>
      )}
      {(showMembers || showSalon || chatShown || !narrow) && (
        <aside className={narrow ? "drawer" : "hud-panels"} aria-label={t("hud.panels")} data-testid="hud-panels">
          {showMembers && (
            <MemberList collapsible={!narrow} onClose={narrow ? () => closeDrawer("members") : undefined} onGoTo={narrow ? afterGoTo : undefined} />
          )}
          {showSalon && <SalonPanel collapsible={!narrow} onClose={narrow ? () => closeDrawer("salon") : undefined} />}
          {chatShown ? (
            <ChatPanel inputRef={chatInput} onClose={narrow ? () => closeDrawer("chat") : collapseChat} />
          ) : (
            !narrow && <ChatHead onOpen={openChat} buttonRef={chatHead} />
          )}
        </aside>
      )}
      <section className="hud-bottom" aria-label={t("hud.actions")}>
        {touch && drawer === "none" && <TouchPad sender={sender} />}
        <VoiceDock />
        <SoundButton />
        <Reactions />
        {narrow && (
          <div className="drawer-toggles">
            <ChatToggle open={drawer === "chat"} onToggle={() => toggle("chat")} buttonRef={toggles.chat} />
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
            <button
              ref={toggles.salon}
              type="button"
              className={`button toggle${drawer === "salon" ? " is-on" : ""}`}
              aria-expanded={drawer === "salon"}
              data-testid="toggle-salon"
              onClick={() => toggle("salon")}
            >
              <SalonToggleLabel />
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
      </section>
    </div>
  );
}
