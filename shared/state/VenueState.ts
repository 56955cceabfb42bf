import { MapSchema, Schema, type } from "@colyseus/schema";
import { quantiseHeading, quantisePosition } from "../rules/quantise.js";

/**
 * One member in the venue. Positions are int16 centimetres and the heading one byte (see rules/quantise.ts),
 * so a moving avatar's patch is a few bytes; the look and name change rarely and are sent once.
 */
export class MemberState extends Schema {
  @type("string") memberId = "";
  @type("string") name = "";
  @type("string") color = "";
  @type("string") shape = "";
  @type("string") accessory = "";
  @type("int16") x = 0;
  @type("int16") z = 0;
  @type("uint8") rot = 0;
  @type("boolean") moving = false;
  /** False while a dropped member's reconnection window is open. */
  @type("boolean") online = true;
  /** "member" or "host" (see protocol/roles.ts): a host is marked on the avatar and in the member list. */
  @type("string") role = "member";
  /** Salon: the member's hand is up (in the speaker queue). */
  @type("boolean") hand = false;
  /** Salon: the member is on the stage (a speaker marker; their chat lines are highlighted). */
  @type("boolean") speaker = false;
  /** Salon: the host marked the member as a Q&A expert for the session. */
  @type("boolean") expert = false;
  /** Growth: the member's tier ("explorer", "coCreator", "evangelist"), shown on the label and in the member list. */
  @type("string") tier = "explorer";
  /** Growth: the artwork seed of the collectible the member shows over their avatar ("" for none). */
  @type("string") trophy = "";

  /** Writes a pose in metres and radians, touching only fields whose quantised value changed (an idle avatar costs nothing). */
  setPose(pose: { x: number; z: number; rot: number; moving: boolean }): void {
    const x = quantisePosition(pose.x);
    const z = quantisePosition(pose.z);
    const rot = quantiseHeading(pose.rot);
    if (this.x !== x) this.x = x;
    if (this.z !== z) this.z = z;
    if (this.rot !== rot) this.rot = rot;
    if (this.moving !== pose.moving) this.moving = pose.moving;
  }
}

/** The host's announcement as every instance shows it. */
export class AnnouncementState extends Schema {
  /** Changes with every post, so a member who dismissed one still sees the next. */
  @type("string") id = "";
  @type("string") text = "";
  @type("string") postedByName = "";
  @type("float64") postedAt = 0;
}

/** One instance (room) of the session and how many members are connected to it now. */
export class InstanceState extends Schema {
  /** 1 for the session's first instance, 2 for the overflow after it, … */
  @type("uint16") number = 0;
  @type("uint16") online = 0;
}

/** One speaker whose microphone is heard now (docs/voice.md). Keyed by member id in `VoiceState.feeds`. */
export class VoiceFeedState extends Schema {
  @type("string") memberId = "";
  /** Janus hears them speaking now (its audio-level events): the speaking ring on the avatar and in the list. */
  @type("boolean") talking = false;
}

/** Stage voice in this session, the same in every instance: whether it works, and whose microphones are live. */
export class VoiceState extends Schema {
  /** "ready", "unavailable" or "off" (protocol/voice.ts VOICE_STATUSES). */
  @type("string") status = "off";
  /** Why it is unavailable ("" when ready): protocol/voice.ts VOICE_UNAVAILABLE_REASONS. */
  @type("string") reason = "";
  /** The ICE servers browsers use (STUN/TURN, as JSON): from the server's configuration, the same for everyone. */
  @type("string") ice = "[]";
  /** Publishing speakers, keyed by member id. A listener opens one connection per feed. */
  @type({ map: VoiceFeedState }) feeds = new MapSchema<VoiceFeedState>();
}

/**
 * The session-wide view: the same in every instance of a live session (a projection of the session's replicated
 * state plus the live head-counts), so a late joiner gets it with the first state.
 */
export class SessionView extends Schema {
  /** The live session's record id: the same in every instance and after a restart. */
  @type("string") id = "";
  /** Members connected across every instance of the session. */
  @type("uint16") online = 0;
  /** Keyed by room id. */
  @type({ map: InstanceState }) instances = new MapSchema<InstanceState>();
  @type(AnnouncementState) announcement: AnnouncementState | undefined;
  /** Stage voice (docs/voice.md). */
  @type(VoiceState) voice = new VoiceState();
}

export class VenueState extends Schema {
  @type("string") eventSlug = "";
  @type("string") eventTitle = "";
  /** This instance's room id, to find it among `session.instances`. */
  @type("string") instanceId = "";
  @type(SessionView) session = new SessionView();
  /** Keyed by Colyseus session id, which a reconnecting member keeps. */
  @type({ map: MemberState }) members = new MapSchema<MemberState>();
}
