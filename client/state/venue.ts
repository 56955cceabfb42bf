import { createContext, useContext } from "react";
import type { VenueConnection } from "../net/VenueConnection.js";
import { createChatStore, feedChat, type ChatStore } from "./chat.js";
import { createConnectionStore, feedConnection, type ConnectionStore } from "./connection.js";
import type { TransportFeed } from "./feed.js";
import { createGrowthStore, feedGrowth, syncLeaderboardChoice, type GrowthStore } from "./growth.js";
import { createHuntStore, feedHunt, type HuntStore } from "./hunt.js";
import { createMembersStore, feedMembers, type MembersStore } from "./members.js";
import { createModerationStore, feedModeration, hideDeletedBubbles, type ModerationStore } from "./moderation.js";
import { createNoticesStore, feedNotices, type NoticesStore } from "./notices.js";
import { createReactionsStore, feedReactions, type ReactionsStore } from "./reactions.js";
import { createSalonStore, feedSalon, type SalonStore } from "./salon.js";
import { createScreenPlayerStore, type ScreenPlayerStore } from "./salonScreen.js";
import { createSessionStore, feedSession, type SessionStore } from "./session.js";
import { Timers } from "./timers.js";

/** One store per feature: a component subscribes to the one it shows, so a chat line leaves the scene alone. */
export interface VenueStores {
  connection: ConnectionStore;
  members: MembersStore;
  chat: ChatStore;
  reactions: ReactionsStore;
  notices: NoticesStore;
  session: SessionStore;
  salon: SalonStore;
  moderation: ModerationStore;
  growth: GrowthStore;
  hunt: HuntStore;
  /** The stage screen's player (not fed by the transport: the 3D view and the sound button write it). */
  screenPlayer: ScreenPlayerStore;
}

export function createVenueStores(): VenueStores {
  return {
    connection: createConnectionStore(),
    members: createMembersStore(),
    chat: createChatStore(),
    reactions: createReactionsStore(),
    notices: createNoticesStore(),
    session: createSessionStore(),
    salon: createSalonStore(),
    moderation: createModerationStore(),
    growth: createGrowthStore(),
    hunt: createHuntStore(),
    screenPlayer: createScreenPlayerStore(),
  };
}

/** Subscribes every slice to the transport. The returned function unsubscribes them and clears their timers. */
export function feedVenueStores(stores: VenueStores, transport: TransportFeed): () => void {
  const timers = new Timers();
  const offs = [
    feedConnection(stores.connection, transport, timers),
    feedMembers(stores.members, transport, timers),
    feedChat(stores.chat, transport, timers),
    feedReactions(stores.reactions, transport, timers),
    feedNotices(stores.notices, transport, timers),
    feedSession(stores.session, transport, timers),
    feedSalon(stores.salon, transport, timers),
    feedModeration(stores.moderation, transport, timers),
    hideDeletedBubbles(stores.moderation, stores.chat),
    feedGrowth(stores.growth, transport, timers),
    feedHunt(stores.hunt, transport, timers),
  ];
  return () => {
    for (const off of offs) off();
    timers.clear();
  };
}

/** A page's connection and the slices it feeds. */
export interface Venue {
  connection: VenueConnection;
  stores: VenueStores;
  /** Leaves, unsubscribes the slices and clears their timers. */
  dispose(): void;
}

export function createVenue(connection: VenueConnection): Venue {
  const stores = createVenueStores();
  const unfeed = feedVenueStores(stores, connection);
  const unsync = syncLeaderboardChoice(connection.events, connection);
  return {
    connection,
    stores,
    dispose() {
      connection.dispose();
      unfeed();
      unsync();
    },
  };
}

export const VenueContext = createContext<Venue | null>(null);

/** The venue of the page this component is in (the event page provides it; the canvas passes it through). */
export function useVenue(): Venue {
  const venue = useContext(VenueContext);
  if (!venue) throw new Error("useVenue outside a VenueContext provider");
  return venue;
}
