import { SCREEN_URL_MAX_LENGTH } from "../../protocol/limits.js";
import type { Screen } from "./types.js";
import { applied, declined, type CommandOf, type SliceResult } from "./slice.js";

/** Whitespace, controls, invisible format characters, lone surrogates, private-use and unassigned code points. */
const UNSAFE_CHARACTER = /[\s\p{C}]/u;
/** The video kinds the screen plays, by the path's ending (never the query's). */
const VIDEO_PATH = /[^/]\.(mp4|webm|m3u8)$/i;
const ASSETS_PREFIX = "/assets/";

/**
 * What kind of video an address is, or null when the screen may not play it: `https://…` or `http://…` (no
 * credentials, no spaces) or a same-site `/assets/…` path (no `..`), whose path ends in .mp4, .webm or .m3u8.
 * The url returned is the one to log and show: a web address as `new URL` writes it (so every client reads the
 * same one), an `/assets/…` path as given. Never throws.
 */
export function screenSource(url: string): { url: string; kind: "file" | "hls" } | null {
  try {
    if (typeof url !== "string" || url.length === 0 || url.length > SCREEN_URL_MAX_LENGTH) return null;
    if (UNSAFE_CHARACTER.test(url) || url.includes("\\")) return null;
    const source = url.startsWith("/") ? assetSource(url) : webSource(url);
    if (source === null || source.url.length > SCREEN_URL_MAX_LENGTH) return null;
    return source;
  } catch {
    return null;
  }
}

/** `/assets/<path>`: same-site, with nothing that could climb out of /assets/ once a browser or server decodes it. */
function assetSource(url: string): { url: string; kind: "file" | "hls" } | null {
  if (!url.startsWith(ASSETS_PREFIX)) return null;
  const path = url.split(/[?#]/, 1)[0] ?? "";
  // Decoded once (as the static server does): `%2e%2e`, `%2f` and `%5c` are as bad as what they stand for, and a
  // `%` left after decoding could be decoded again somewhere.
  const decoded = decodeURIComponent(path);
  if (decoded.includes("..") || decoded.includes("//") || decoded.includes("\\") || decoded.includes("%")) return null;
  if (UNSAFE_CHARACTER.test(decoded)) return null;
  return withKind(url, decoded);
}

/** `http(s)://host/…`: exactly that shape, parsed by the WHATWG parser, with no user name or password. */
function webSource(url: string): { url: string; kind: "file" | "hls" } | null {
  // The parser forgives `https:host`, `https:///host` and more; only the plain shape is taken.
  const shape = /^https?:\/\/([^/?#]+)/i.exec(url);
  if (shape === null || shape[1]?.includes("@")) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  if (parsed.username !== "" || parsed.password !== "" || parsed.hostname === "") return null;
  return withKind(parsed.href, parsed.pathname);
}

function withKind(url: string, path: string): { url: string; kind: "file" | "hls" } | null {
  const ending = VIDEO_PATH.exec(path);
  if (ending === null) return null;
  return { url, kind: ending[1]?.toLowerCase() === "m3u8" ? "hls" : "file" };
}

/**
 * A host puts a video on the stage screen, paused at 0. The room refused an address `screenSource` does not take;
 * the rule refuses it too (INVALID_URL), so no log can put one up. The screen keeps the address as `screenSource`
 * writes it, so the same video again, however spelt, is NOTHING_TO_CHANGE.
 */
export function setScreen(screen: Screen | null, command: CommandOf<"screenSet">): SliceResult<Screen | null> {
  const source = screenSource(command.detail.url);
  if (source === null) return declined(screen, "INVALID_URL");
  if (screen !== null && screen.url === source.url) return declined(screen, "NOTHING_TO_CHANGE");
  return applied({ url: source.url, setAt: command.at, playing: false, position: 0, at: command.at });
}

/** A host takes the video down; with none up there is nothing to change. */
export function clearScreen(screen: Screen | null, _command: CommandOf<"screenCleared">): SliceResult<Screen | null> {
  if (screen === null) return declined(screen, "NOTHING_TO_CHANGE");
  return applied(null);
}

/** A host plays, pauses or seeks: the position holds at command.at and, while playing, advances from there. */
export function screenPlayback(screen: Screen | null, command: CommandOf<"screenPlayback">): SliceResult<Screen | null> {
  if (screen === null) return declined(screen, "NOTHING_TO_CHANGE");
  const { playing, position } = command.detail;
  return applied({ ...screen, playing, position, at: command.at });
}

/** Where playback is at `now` (seconds): the position, plus the time since `at` while playing (never backwards). */
export function screenPosition(screen: Screen, now: number): number {
  return screen.position + (screen.playing ? Math.max(0, now - screen.at) / 1000 : 0);
}
