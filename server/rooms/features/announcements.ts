import { normaliseAnnouncement } from "../../../shared/rules/announcements.js";
import { ANNOUNCE_RATE } from "../../../shared/rules/rateLimit.js";
import { defineFeature } from "./feature.js";

const rate = { bucket: "announce", limit: ANNOUNCE_RATE };

/** A host's banner for the whole session: every instance shows it, a late joiner finds it, a restart keeps it. */
export const announcements = defineFeature({
  name: "announcements",
  intents: {
    postAnnouncement: {
      role: "host",
      rate,
      async handle(context, { text }) {
        const clean = normaliseAnnouncement(text);
        if (clean === null) return context.refuse("EMPTY_MESSAGE");
        const outcome = await context.command(context.member, { kind: "announcementPosted", detail: { text: clean, name: context.member.name } });
        if (!outcome.applied && outcome.reason !== "stale") context.refuse(outcome.reason);
      },
    },
    clearAnnouncement: {
      role: "host",
      rate,
      async handle(context) {
        const outcome = await context.command(context.member, { kind: "announcementCleared", detail: {} });
        if (!outcome.applied && outcome.reason !== "stale") context.refuse(outcome.reason);
      },
    },
  },
});
