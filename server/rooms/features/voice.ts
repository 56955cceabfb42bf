import { HOST_RATE } from "../../../shared/rules/rateLimit.js";
import { listenRefusal, publishRefusal, stopReason, VOICE_LISTEN_RATE, VOICE_PUBLISH_RATE } from "../../../shared/rules/voice.js";
import { defineFeature } from "./feature.js";
import { mutedRefusal } from "./moderationChat.js";
import { submit } from "./salon.js";

/** Publishing (each a new Janus publisher) draws on its own small bucket; listening on a larger one. */
const PUBLISH = { role: "member", rate: { bucket: "voicePublish", limit: VOICE_PUBLISH_RATE } } as const;
const LISTEN = { role: "member", rate: { bucket: "voiceListen", limit: VOICE_LISTEN_RATE } } as const;

/**
 * Stage voice (docs/voice.md): the room relays WebRTC offers and answers between members and the session's Janus
 * room, after the rules say who may publish (a speaker on the stage, not muted, not removed, whose audio no host
 * muted) and who may listen (anyone not removed). Janus is reached only from here, never by a member.
 */
export const voice = defineFeature({
  name: "voice",
  intents: {
    voicePublish: {
      ...PUBLISH,
      async handle(context, { sdp }) {
        const service = context.voice;
        if (!service) return context.refuse("VOICE_UNAVAILABLE");
        const { memberId } = context.member;
        const { id, current } = await context.session();
        const refuse = (refusal: NonNullable<ReturnType<typeof publishRefusal>>) =>
          context.refuse(refusal, refusal === "MUTED" ? mutedRefusal(context, context.member, context.now())?.retryAfterMs : undefined);
        const refusal = publishRefusal(current, memberId, context.now());
        if (refusal) return refuse(refusal);
        // Gone while the session was read: nothing is made for them (checked in the same turn as the publish starts,
        // so a leave after it is seen by the service, which lets go of what the publish makes).
        if (!context.seated()) return;
        const result = await service.publish(id, memberId, sdp);
        if ("refused" in result) return context.refuse(result.refused);
        // The stage may have changed while Janus answered: the microphone goes at once if the right went with it.
        const after = publishRefusal((await context.session()).current, memberId, context.now());
        if (after) {
          await service.unpublish(id, memberId, stopReason(after));
          return refuse(after);
        }
        context.client.send("voiceAnswer", { sdp: result.sdp });
      },
    },
    voiceUnpublish: {
      ...PUBLISH,
      async handle(context) {
        const service = context.voice;
        if (!service) return;
        const { id } = await context.session();
        await service.unpublish(id, context.member.memberId, null);
      },
    },
    voiceListen: {
      ...LISTEN,
      async handle(context, { feed }) {
        const service = context.voice;
        if (!service) return context.refuse("VOICE_UNAVAILABLE");
        const { id, current } = await context.session();
        const refusal = listenRefusal(current, context.member.memberId);
        if (refusal) return context.refuse(refusal);
        if (!context.seated()) return;
        const result = await service.listen(id, context.member.memberId, feed);
        if ("refused" in result) return context.refuse(result.refused);
        // Removed while Janus answered: the subscription goes, and no offer is sent.
        const after = listenRefusal((await context.session()).current, context.member.memberId);
        if (after) {
          await service.unlisten(id, context.member.memberId, feed);
          return context.refuse(after);
        }
        context.client.send("voiceOffer", { feed, sdp: result.sdp });
      },
    },
    voiceAnswer: {
      ...LISTEN,
      async handle(context, { feed, sdp }) {
        const service = context.voice;
        if (!service) return context.refuse("VOICE_UNAVAILABLE");
        const { id } = await context.session();
        const refusal = await service.answer(id, context.member.memberId, feed, sdp);
        if (refusal) context.refuse(refusal);
      },
    },
    voiceUnlisten: {
      ...LISTEN,
      async handle(context, { feed }) {
        const service = context.voice;
        if (!service) return;
        const { id } = await context.session();
        await service.unlisten(id, context.member.memberId, feed);
      },
    },
    muteSpeakerAudio: {
      role: "host",
      rate: { bucket: "host", limit: HOST_RATE },
      handle: (context, { memberId, muted }) => submit(context, { kind: "speakerAudioSet", detail: { memberId, muted } }),
    },
  },
});
