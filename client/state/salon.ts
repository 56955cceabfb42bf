import { createStore, type StoreApi } from "zustand/vanilla";
import type { SalonHostView, SalonMineView, SalonPublicView } from "../../shared/rules/salon/types.js";
import { all, type Feeder } from "./feed.js";
import { addClockSample, clockOffset } from "./salonClock.js";

/** The salon as the server last showed it to this page (docs/salon.md, "Views"): null until the first of each. */
export interface SalonSlice {
  /** Event `salon`: what everyone sees. */
  public: SalonPublicView | null;
  /** Event `salonHost`: what only hosts see; dropped when this connection is no longer a host. */
  host: SalonHostView | null;
  /** Event `salonMine`: this member's own part. */
  mine: SalonMineView | null;
  /** Add to Date.now() to read the server's clock (countdowns, the stage screen's position). */
  clockOffsetMs: number;
}
export type SalonStore = StoreApi<SalonSlice>;

export const INITIAL_SALON: SalonSlice = { public: null, host: null, mine: null, clockOffsetMs: 0 };

export function createSalonStore(): SalonStore {
  return createStore<SalonSlice>()(() => INITIAL_SALON);
}

/** A record keyed by server ids, read with hasOwn. */
const own = <V>(record: Readonly<Record<string, V>> | undefined, id: string): V | undefined =>
  record !== undefined && Object.hasOwn(record, id) ? record[id] : undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Whether a `salon` payload has the shape the panels read without further checks: the views are built by our own
 * server (the protocol checks only that they are objects), but one that lost its parts must not take the page down.
 */
export function isPublicView(value: unknown): value is SalonPublicView {
  if (!isObject(value) || typeof value.serverNow !== "number" || !Number.isFinite(value.serverNow)) return false;
  const stage = value.stage;
  return (
    isObject(stage) &&
    Array.isArray(stage.speakers) &&
    Array.isArray(stage.queue) &&
    typeof stage.speakerLimit === "number" &&
    (value.poll === null || isObject(value.poll)) &&
    Array.isArray(value.pastPolls) &&
    Array.isArray(value.leaderboard) &&
    (value.debate === null || isObject(value.debate)) &&
    Array.isArray(value.questions) &&
    typeof value.hiddenQuestions === "number" &&
    Array.isArray(value.experts) &&
    (value.checkIn === null || isObject(value.checkIn)) &&
    (value.screen === null || isObject(value.screen))
  );
}

export function isHostView(value: unknown): value is SalonHostView {
  return isObject(value) && (value.poll === null || isObject(value.poll)) && Array.isArray(value.questions) && Array.isArray(value.checkInAnswers);
}

export function isMineView(value: unknown): value is SalonMineView {
  return (
    isObject(value) &&
    (value.hand === "none" || value.hand === "raised" || value.hand === "speaking") &&
    (value.queuePlace === null || typeof value.queuePlace === "number") &&
    isObject(value.votes) &&
    isObject(value.answers) &&
    Array.isArray(value.upvoted) &&
    Array.isArray(value.asked) &&
    isObject(value.stances) &&
    isObject(value.checkedIn) &&
    typeof value.quizPoints === "number" &&
    typeof value.expert === "boolean"
  );
}

/** Something new in the salon worth telling a screen reader user (politely), in the order it is told. */
export type SalonNews =
  | { kind: "poll"; question: string }
  | { kind: "pollClosed"; question: string }
  | { kind: "debate"; motion: string }
  | { kind: "question"; text: string }
  | { kind: "checkIn"; prompt: string }
  | { kind: "onStage" }
  | { kind: "offStage" };

/**
 * What changed between two views that a member would want told: a poll opened or closed, a debate or a check-in
 * opened, a question asked by someone else, and being brought onto or sent back from the stage. Nothing on the
 * first view (what was there on entering is not news).
 */
export function salonNews(
  before: { public: SalonPublicView | null; mine: SalonMineView | null },
  after: { public: SalonPublicView | null; mine: SalonMineView | null },
): SalonNews[] {
  const news: SalonNews[] = [];
  const was = before.public;
  const now = after.public;
  if (was && now) {
    const poll = now.poll;
    if (poll && poll.id !== was.poll?.id && poll.open) news.push({ kind: "poll", question: poll.question });
    else if (poll && poll.id === was.poll?.id && was.poll.open && !poll.open) news.push({ kind: "pollClosed", question: poll.question });
    if (now.debate && now.debate.id !== was.debate?.id) news.push({ kind: "debate", motion: now.debate.motion });
    const known = new Set(was.questions.map((q) => q.id));
    const asked = new Set(after.mine?.asked ?? []);
    for (const question of now.questions) {
      if (!known.has(question.id) && !asked.has(question.id)) news.push({ kind: "question", text: question.text });
    }
    if (now.checkIn && now.checkIn.open && now.checkIn.id !== was.checkIn?.id) news.push({ kind: "checkIn", prompt: now.checkIn.prompt });
  }
  if (before.mine && after.mine && before.mine.hand !== after.mine.hand) {
    if (after.mine.hand === "speaking") news.push({ kind: "onStage" });
    else if (before.mine.hand === "speaking") news.push({ kind: "offStage" });
  }
  return news;
}

/** Whether an open poll, debate stance or check-in waits for this member (the phone's Salon button shows a dot). */
export function salonAwaits(state: SalonSlice): boolean {
  const view = state.public;
  if (!view) return false;
  const mine = state.mine;
  const poll = view.poll;
  const answered = poll !== null && (poll.kind === "open" ? own(mine?.answers, poll.id) : own(mine?.votes, poll.id)) !== undefined;
  if (poll?.open === true && !answered) return true;
  const debate = view.debate;
  if (debate && (debate.phase === "before" || debate.phase === "after")) {
    const stances = own(mine?.stances, debate.id);
    if ((debate.phase === "before" ? stances?.before : stances?.after) == null) return true;
  }
  return view.checkIn?.open === true && own(mine?.checkedIn, view.checkIn.id) === undefined;
}

export const feedSalon: Feeder<SalonStore> = (store, transport) => {
  let samples: readonly number[] = [];
  return all([
    transport.events.on("salon", (view) => {
      if (!isPublicView(view)) return;
      samples = addClockSample(samples, view.serverNow, Date.now());
      store.setState({ public: view, clockOffsetMs: clockOffset(samples) });
    }),
    transport.events.on("salonHost", (view) => {
      if (isHostView(view)) store.setState({ host: view });
    }),
    transport.events.on("salonMine", (view) => {
      if (isMineView(view)) store.setState({ mine: view });
    }),
    // A connection welcomed as a member (a host link turned down on a reconnect) keeps nothing only hosts see.
    transport.events.on("welcome", (welcome) => {
      if (welcome.role !== "host" && store.getState().host !== null) store.setState({ host: null });
    }),
  ]);
};
