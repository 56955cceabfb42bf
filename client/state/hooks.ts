import { useStore } from "zustand";
import type { ChatSlice } from "./chat.js";
import type { ConnectionSlice } from "./connection.js";
import type { GrowthSlice } from "./growth.js";
import type { HuntSlice } from "./hunt.js";
import type { MembersSlice } from "./members.js";
import type { ModerationSlice } from "./moderation.js";
import type { NoticesSlice } from "./notices.js";
import type { ReactionsSlice } from "./reactions.js";
import type { SalonSlice } from "./salon.js";
import type { ScreenPlayerSlice } from "./salonScreen.js";
import type { SessionSlice } from "./session.js";
import { useVenue } from "./venue.js";

// One hook per slice. The selector picks what the component shows; it re-renders only when that value changes
// (Object.is), so selectors return stored references, never arrays or objects built on the spot.

export const useConnection = <S>(selector: (state: ConnectionSlice) => S): S => useStore(useVenue().stores.connection, selector);
export const useMembers = <S>(selector: (state: MembersSlice) => S): S => useStore(useVenue().stores.members, selector);
export const useChat = <S>(selector: (state: ChatSlice) => S): S => useStore(useVenue().stores.chat, selector);
export const useReactions = <S>(selector: (state: ReactionsSlice) => S): S => useStore(useVenue().stores.reactions, selector);
export const useNotices = <S>(selector: (state: NoticesSlice) => S): S => useStore(useVenue().stores.notices, selector);
export const useSession = <S>(selector: (state: SessionSlice) => S): S => useStore(useVenue().stores.session, selector);
export const useSalon = <S>(selector: (state: SalonSlice) => S): S => useStore(useVenue().stores.salon, selector);
export const useModeration = <S>(selector: (state: ModerationSlice) => S): S => useStore(useVenue().stores.moderation, selector);
export const useScreenPlayer = <S>(selector: (state: ScreenPlayerSlice) => S): S => useStore(useVenue().stores.screenPlayer, selector);
export const useGrowth = <S>(selector: (state: GrowthSlice) => S): S => useStore(useVenue().stores.growth, selector);
export const useHunt = <S>(selector: (state: HuntSlice) => S): S => useStore(useVenue().stores.hunt, selector);
