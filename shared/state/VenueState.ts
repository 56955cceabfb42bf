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

export class VenueState extends Schema {
  @type("string") eventSlug = "";
  @type("string") eventTitle = "";
  /** Keyed by Colyseus session id, which a reconnecting member keeps. */
  @type({ map: MemberState }) members = new MapSchema<MemberState>();
}
