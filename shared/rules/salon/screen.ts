import type { Screen } from "./types.js";
import type { CommandOf, SliceResult } from "./slice.js";

// STUB — to be implemented by the rules helper (docs/salon.md, "Stage screen").

/**
 * What kind of video an address is, or null when the screen may not play it: `https://…` or `http://…` (no
 * credentials, no spaces) or a same-site `/assets/…` path (no `..`), whose path ends in .mp4, .webm or .m3u8.
 */
export function screenSource(url: string): { url: string; kind: "file" | "hls" } | null {
  throw new Error(`not implemented ${url}`);
}
export function setScreen(screen: Screen | null, command: CommandOf<"screenSet">): SliceResult<Screen | null> {
  throw new Error(`not implemented ${String(screen)} ${command.kind}`);
}
export function clearScreen(screen: Screen | null, command: CommandOf<"screenCleared">): SliceResult<Screen | null> {
  throw new Error(`not implemented ${String(screen)} ${command.kind}`);
}
export function screenPlayback(screen: Screen | null, command: CommandOf<"screenPlayback">): SliceResult<Screen | null> {
  throw new Error(`not implemented ${String(screen)} ${command.kind}`);
}
/** Where playback is at `now` (seconds): the position, plus the time since `at` while playing. */
export function screenPosition(screen: Screen, now: number): number {
  throw new Error(`not implemented ${screen.url} ${now}`);
}
