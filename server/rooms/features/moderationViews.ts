import type { Client } from "@colyseus/core";
import type { Role } from "../../../shared/protocol/index.js";
import type { ModerationState } from "../../../shared/rules/moderation/types.js";
import { moderationHostView, moderationMineView, moderationPublicView } from "../../../shared/rules/moderation/view.js";
import type { SessionState } from "../../../shared/rules/session.js";

/** A client of the instance and who it is. */
export interface ViewRecipient {
  client: Client;
  memberId: string;
  role: Role;
}

/**
 * Moderation's three views for one instance (docs/moderation.md, "Views"), sent with the salon's coalesced flush:
 * `moderation` to everyone when what it shows changed, `moderationHost` to hosts when theirs did, `moderationMine`
 * to each member whose own part changed. A mute ends by the clock, not by a command: the views are sent again when
 * the earliest mute in force ends, so the member's notice and the hosts' list clear on time.
 */
export class ModerationViews {
  /** What the public view was last built from (it shows the lock, slow mode and the deleted lines only). */
  private publicFrom: Pick<ModerationState, "locked" | "slowModeSeconds" | "deleted"> | null = null;
  private hostSent = "";
  private readonly mineSent = new Map<string, string>();
  private clock: NodeJS.Timeout | undefined;

  /** `resend`: sends the views again soon (a forced flush), when a mute ends. */
  constructor(private readonly resend: () => void) {}

  /** Sends what changed to the instance's clients; `forced` sends the public and host views even when they did not. */
  flush(session: SessionState, now: number, recipients: Iterable<ViewRecipient>, broadcast: (view: ReturnType<typeof moderationPublicView>) => void): void {
    const { moderation } = session;
    const from = this.publicFrom;
    if (from === null || from.locked !== moderation.locked || from.slowModeSeconds !== moderation.slowModeSeconds || from.deleted !== moderation.deleted) {
      this.publicFrom = moderation;
      broadcast(moderationPublicView(session));
    }
    let hostText: string | undefined;
    let hostView: ReturnType<typeof moderationHostView> | undefined;
    for (const { client, memberId, role } of recipients) {
      if (role === "host") {
        if (hostText === undefined) {
          hostView = moderationHostView(session, now);
          hostText = JSON.stringify(hostView);
        }
        if (hostText !== this.hostSent) client.send("moderationHost", hostView);
      }
      this.sendMine(client, session, memberId, now, false);
    }
    if (hostText !== undefined) this.hostSent = hostText;
    this.watchMutes(moderation, now);
  }

  /** All three views to one client (after its welcome, or back from a dropped connection). */
  sendTo(recipient: ViewRecipient, session: SessionState, now: number): void {
    recipient.client.send("moderation", moderationPublicView(session));
    if (recipient.role === "host") recipient.client.send("moderationHost", moderationHostView(session, now));
    this.sendMine(recipient.client, session, recipient.memberId, now, true);
  }

  /** The client left (or its seat was taken over): its own view is sent afresh to whoever comes next. */
  forget(sessionId: string): void {
    this.mineSent.delete(sessionId);
  }

  stop(): void {
    clearTimeout(this.clock);
    this.clock = undefined;
  }

  private sendMine(client: Client, session: SessionState, memberId: string, now: number, always: boolean): void {
    const mine = moderationMineView(session, memberId, now);
    const text = JSON.stringify(mine);
    if (!always && this.mineSent.get(client.sessionId) === text) return;
    this.mineSent.set(client.sessionId, text);
    client.send("moderationMine", mine);
  }

  /** Sends the views again just after the earliest mute in force ends (set again at every send, from the clock then). */
  private watchMutes(moderation: ModerationState, now: number): void {
    this.stop();
    let next = Infinity;
    for (const mute of Object.values(moderation.mutes)) if (mute.until !== null && mute.until > now && mute.until < next) next = mute.until;
    if (next === Infinity) return;
    this.clock = setTimeout(() => {
      this.clock = undefined;
      this.resend();
    }, next - now + 1);
  }
}
