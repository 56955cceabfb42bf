import { checkInStreak } from "../../../shared/rules/salon/checkin.js";
import { screenSource } from "../../../shared/rules/salon/screen.js";
import { defineFeature } from "./feature.js";
import { HOST_SALON, MEMBER_SALON, cleanLine, submit } from "./salon.js";

/** The longest streak the store is asked about: a check-in reads at most this many earlier sessions. */
export const STREAK_LOOKBACK = 1000;

/** Check-ins (打卡) with their streaks across the event's sessions, and the stage screen. */
export const salonCheckIn = defineFeature({
  name: "salonCheckIn",
  intents: {
    openCheckIn: {
      ...HOST_SALON,
      handle(context, { prompt }) {
        const clean = cleanLine(prompt);
        if (clean === null) return context.refuse("EMPTY_MESSAGE");
        return submit(context, { kind: "checkInOpened", detail: { prompt: clean } });
      },
    },
    closeCheckIn: {
      ...HOST_SALON,
      handle: (context, { checkInId }) => submit(context, { kind: "checkInClosed", detail: { checkInId } }),
    },
    checkIn: {
      ...MEMBER_SALON,
      async handle(context, { checkInId, text }) {
        // A check-in may come with no words at all.
        const clean = cleanLine(text) ?? "";
        const session = await context.session();
        // The streak is worked out now, from the store, and logged with the command: a replay needs no store.
        const previous = await context.store.checkInHistory(session.id, context.member.memberId, STREAK_LOOKBACK);
        const streak = checkInStreak(previous);
        return submit(context, { kind: "checkedIn", detail: { checkInId, text: clean, name: context.member.name, streak } });
      },
    },
    setScreen: {
      ...HOST_SALON,
      handle(context, { url }) {
        if (url === null) return submit(context, { kind: "screenCleared", detail: {} });
        const source = screenSource(url.trim());
        if (source === null) return context.refuse("INVALID_URL");
        return submit(context, { kind: "screenSet", detail: { url: source.url } });
      },
    },
    screenPlayback: {
      ...HOST_SALON,
      handle: (context, { playing, position }) => submit(context, { kind: "screenPlayback", detail: { playing, position } }),
    },
  },
});
