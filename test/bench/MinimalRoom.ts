import { Room, type Client } from "@colyseus/core";
import { MapSchema, Schema, type } from "@colyseus/schema";
import { VENUE_TICK_MS, WALK_SPEED } from "../../shared/rules/venue.js";

/**
 * The baseline the venue is compared with: the least a Colyseus room can do for the same bots. Float32 pose per
 * member, direction integrated on a 50 ms tick, chat relayed as-is; no validation, rate limits, store or names.
 */
export class MinimalMember extends Schema {
  @type("float32") x = 0;
  @type("float32") z = 0;
  @type("float32") rot = 0;
}

export class MinimalState extends Schema {
  @type({ map: MinimalMember }) members = new MapSchema<MinimalMember>();
}

interface Direction { dx: number; dz: number }

export class MinimalRoom extends Room<MinimalState> {
  override maxClients = 1000;
  override patchRate = VENUE_TICK_MS;
  private directions = new Map<string, Direction>();

  override onCreate(): void {
    this.setState(new MinimalState());
    this.onMessage("move", (client, message: Direction) => {
      this.directions.set(client.sessionId, { dx: Number(message.dx) || 0, dz: Number(message.dz) || 0 });
    });
    this.onMessage("chat", (_client, message: unknown) => this.broadcast("chat", message));
    this.setSimulationInterval((dtMs) => this.tick(dtMs), VENUE_TICK_MS);
  }

  override onJoin(client: Client): void {
    this.state.members.set(client.sessionId, new MinimalMember());
  }

  override onLeave(client: Client): void {
    this.state.members.delete(client.sessionId);
    this.directions.delete(client.sessionId);
  }

  private tick(dtMs: number): void {
    const step = (WALK_SPEED * dtMs) / 1000;
    for (const [sessionId, { dx, dz }] of this.directions) {
      const length = Math.hypot(dx, dz);
      const member = this.state.members.get(sessionId);
      if (!member || length < 1e-6) continue;
      const scale = Math.min(1, length) / length;
      member.x += dx * scale * step;
      member.z += dz * scale * step;
      member.rot = Math.atan2(dx, dz);
    }
  }
}
