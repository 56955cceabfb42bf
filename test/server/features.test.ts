import { describe, expect, it } from "vitest";
import { CLIENT_INTENTS, type IntentType } from "../../shared/protocol/index.js";
import { FEATURES, declarations } from "../../server/rooms/features/index.js";
import { defineFeature } from "../../server/rooms/features/feature.js";
import { chat } from "../../server/rooms/features/chat.js";
import { moderation } from "../../server/rooms/features/moderation.js";
import { salonPolls } from "../../server/rooms/features/salonPolls.js";

/** The room reads its intents from the features' declarations; a gap or a clash there stops the server at start-up. */
describe("declarations", () => {
  it("has exactly one declaration for every intent of the protocol", () => {
    expect([...declarations().keys()].sort()).toEqual((Object.keys(CLIENT_INTENTS) as IntentType[]).sort());
  });

  it("refuses a feature set that declares an intent twice, naming the intent and the second feature", () => {
    const echo = defineFeature({ name: "echo", intents: { chat: chat.intents.chat } });
    expect(() => declarations([...FEATURES, echo])).toThrow("intent chat is declared twice (again by echo)");
  });

  it("refuses a feature set that leaves intents without a declaration, naming them", () => {
    expect(() => declarations(FEATURES.filter((feature) => feature !== chat))).toThrow("intents without a declaration: chat");
    expect(() => declarations([chat])).toThrow(/^intents without a declaration: move, walkTo, react, postAnnouncement, clearAnnouncement, raiseHand, lowerHand, .*, setScreen, screenPlayback, muteMember, .*, setWords, giveEnergy, setLeaderboardHidden, markHelpful, showCollectible, claimClue, voicePublish, voiceUnpublish, voiceListen, voiceAnswer, voiceUnlisten, muteSpeakerAudio$/);
    expect(() => declarations(FEATURES.filter((feature) => feature !== salonPolls))).toThrow(
      "intents without a declaration: openPoll, vote, answerPoll, closePoll, lockPoll, showPollResults, hideWord",
    );
    expect(() => declarations(FEATURES.filter((feature) => feature !== moderation))).toThrow(
      "intents without a declaration: muteMember, unmuteMember, removeMember, lockSession, setSlowMode, deleteLine, reportLine, whisper, resolveFlag, handOnFlag, setWords",
    );
  });
});
