import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SCREEN_URL_MAX_LENGTH } from "../../../shared/protocol/limits.js";
import { clearScreen, screenPlayback, screenPosition, screenSource, setScreen } from "../../../shared/rules/salon/screen.js";
import type { CommandOf } from "../../../shared/rules/salon/slice.js";
import type { Screen } from "../../../shared/rules/salon/types.js";

describe("screenSource", () => {
  it.each([
    ["https://cdn.example.com/talks/opening.mp4", "file"],
    ["http://cdn.example.com/talks/opening.webm", "file"],
    ["https://cdn.example.com/live/stream.m3u8", "hls"],
    ["https://cdn.example.com/live/STREAM.M3U8", "hls"],
    ["https://cdn.example.com/a/Clip.MP4", "file"],
    ["https://cdn.example.com/a/clip.mp4?token=abc&x=1", "file"],
    ["https://cdn.example.com/a/clip.mp4#t=30", "file"],
    ["https://cdn.example.com:8443/a/clip.webm", "file"],
    ["https://203.0.113.7/clip.mp4", "file"],
    ["https://[2001:db8::1]/clip.mp4", "file"],
    ["https://cdn.example.com/%E8%A7%86%E9%A2%91.mp4", "file"],
    ["/assets/intro.mp4", "file"],
    ["/assets/video/intro.webm", "file"],
    ["/assets/live/index.m3u8", "hls"],
    ["/assets/intro.MP4?v=2", "file"],
    ["/assets/视频.mp4", "file"],
  ] as const)("takes %s as %s", (url, kind) => {
    expect(screenSource(url)?.kind).toBe(kind);
  });

  it("gives a web address as the URL parser writes it, and an /assets/ path as it was given", () => {
    expect(screenSource("HTTPS://CDN.Example.COM/a/clip.mp4")).toEqual({ url: "https://cdn.example.com/a/clip.mp4", kind: "file" });
    expect(screenSource("https://cdn.example.com:443/a/clip.mp4")?.url).toBe("https://cdn.example.com/a/clip.mp4");
    expect(screenSource("https://cdn.example.com/a/./b/clip.mp4")?.url).toBe("https://cdn.example.com/a/b/clip.mp4");
    expect(screenSource("/assets/intro.mp4?v=2")).toEqual({ url: "/assets/intro.mp4?v=2", kind: "file" });
    const given = "https://cdn.example.com/a/clip.mp4?x=1#t=2";
    expect(screenSource(given)?.url).toBe(given);
  });

  it.each([
    // Other schemes, and schemes in disguise.
    "javascript:alert(1)//x.mp4",
    "JavaScript:alert(1)//x.mp4",
    "data:video/mp4;base64,AAAA.mp4",
    "file:///etc/passwd.mp4",
    "ftp://example.com/a.mp4",
    "blob:https://example.com/a.mp4",
    "ws://example.com/a.mp4",
    "httpx://example.com/a.mp4",
    // Shapes the URL parser would forgive.
    "https:example.com/a.mp4",
    "https:/example.com/a.mp4",
    "https:///example.com/a.mp4",
    "//evil.example/a.mp4",
    "///evil.example/a.mp4",
    "https:\\\\evil.example\\a.mp4",
    "https://evil.example\\a.mp4",
    "example.com/a.mp4",
    "assets/intro.mp4",
    // Credentials (and the @ trick that hides the real host).
    "http://user:pw@x.example/a.mp4",
    "https://user@x.example/a.mp4",
    "https://:pw@x.example/a.mp4",
    "https://@x.example/a.mp4",
    "https://trusted.example@evil.example/a.mp4",
    // Not a video by its path.
    "https://x.example/a.mp4.html",
    "https://x.example/page?file=a.mp4",
    "https://x.example/page#a.mp4",
    "https://x.example/a.mp4/",
    "https://x.example/",
    "https://x.example",
    "https://x.example/.mp4",
    "https://x.example/a.mp3",
    "https://x.example/a.mov",
    "https://x.example/a%2Emp4",
    "https://x.example/a.mp4;jsessionid=1",
    // Whitespace, controls and invisible characters.
    "https://x.example/a b.mp4",
    " https://x.example/a.mp4",
    "https://x.example/a.mp4 ",
    "https://x.example/a.mp4\n",
    "https://x.exa\tmple/a.mp4",
    "https://x.example/a\u0000.mp4",
    "https://x.example/a\u200b.mp4",
    "https://x.example/a\u202e4pm.webm",
    "https://x.example/a\u00a0.mp4",
    "https://x.example/a\ud800.mp4",
    // Same-site paths outside /assets/, or climbing out of it.
    "/assets/../server/secrets.mp4",
    "/assets/a/../../x.mp4",
    "/assets/..%2fx.mp4",
    "/assets/%2e%2e/x.mp4",
    "/assets/%2E%2E/x.mp4",
    "/assets/.%2e/x.mp4",
    "/assets/a%2f..%2f..%2fx.mp4",
    "/assets/a%5c..%5cx.mp4",
    "/assets/%252e%252e/x.mp4",
    "/assets//evil.example/x.mp4",
    "/assets/a//x.mp4",
    "/assets\\..\\x.mp4",
    "/assets/a\\x.mp4",
    "/assets/%zz.mp4",
    "/assets/%00.mp4",
    "/assets/a%20b.mp4",
    "/assets/.mp4",
    "/assets/",
    "/assets/intro.mp4/",
    "/assets/page?f=intro.mp4",
    "/Assets/intro.mp4",
    "/assetsx/intro.mp4",
    "/assets",
    "/intro.mp4",
    "/uploads/intro.mp4",
    // Empty and oversized.
    "",
    `https://x.example/${"a".repeat(SCREEN_URL_MAX_LENGTH)}.mp4`,
    `/assets/${"a".repeat(SCREEN_URL_MAX_LENGTH)}.mp4`,
  ])("refuses %j", (url) => {
    expect(screenSource(url)).toBeNull();
  });

  it("takes an address exactly at the length limit and refuses one a character longer", () => {
    const at = `/assets/${"a".repeat(SCREEN_URL_MAX_LENGTH - "/assets/".length - ".mp4".length)}.mp4`;
    expect(at).toHaveLength(SCREEN_URL_MAX_LENGTH);
    expect(screenSource(at)?.kind).toBe("file");
    expect(screenSource(`/assets/a${at.slice("/assets/".length)}`)).toBeNull();
  });

  it("refuses a short address that the URL parser lengthens past the limit", () => {
    // Each of these characters becomes nine (%E8%A7%86) once written by the parser: 60 × 9 > 500.
    const url = `https://x.example/${"视".repeat(60)}.mp4`;
    expect(url.length).toBeLessThan(SCREEN_URL_MAX_LENGTH);
    expect(screenSource(url)).toBeNull();
  });

  it("never throws, whatever it is given (property)", () => {
    const pieces = fc.constantFrom("https://", "http://", "/assets/", "//", "..", "%2e", "%", "@", ":", "\\", "?", "#", ".mp4", ".m3u8", "x", " ", "\u0000", "[", "]", "视");
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(""))), (url) => {
        const source = screenSource(url);
        if (source === null) return;
        // Whatever it takes is a video address of the two allowed shapes, with nothing to climb out of /assets/.
        expect(source.url.startsWith("https://") || source.url.startsWith("http://") || source.url.startsWith("/assets/")).toBe(true);
        expect(source.url).not.toMatch(/\s|\\/);
        if (source.url.startsWith("/assets/")) expect(decodeURIComponent(source.url)).not.toContain("..");
        // What it gives back it takes again, as the same.
        expect(screenSource(source.url)).toEqual(source);
      }),
    );
    for (const odd of [undefined, null, 42, {}, []] as unknown as string[]) expect(screenSource(odd)).toBeNull();
  });
});

const set = (url: string, at = 10_000): CommandOf<"screenSet"> => ({ kind: "screenSet", detail: { url }, seq: 10, at, memberId: "host" });
const cleared = (): CommandOf<"screenCleared"> => ({ kind: "screenCleared", detail: {}, seq: 11, at: 11_000, memberId: "host" });
const playback = (playing: boolean, position: number, at = 20_000): CommandOf<"screenPlayback"> => ({
  kind: "screenPlayback",
  detail: { playing, position },
  seq: 12,
  at,
  memberId: "host",
});

const SHOWN: Screen = { url: "/assets/intro.mp4", setAt: 1_000, playing: true, position: 12, at: 5_000 };

describe("setScreen", () => {
  it("puts a video up paused at 0, at the command's time", () => {
    expect(setScreen(null, set("/assets/intro.mp4", 7_000))).toEqual({
      state: { url: "/assets/intro.mp4", setAt: 7_000, playing: false, position: 0, at: 7_000 },
      outcome: { applied: true },
    });
  });

  it("replaces another video, starting it over", () => {
    expect(setScreen(SHOWN, set("https://cdn.example.com/b.m3u8", 9_000)).state).toEqual({
      url: "https://cdn.example.com/b.m3u8",
      setAt: 9_000,
      playing: false,
      position: 0,
      at: 9_000,
    });
  });

  it("refuses the video already up with NOTHING_TO_CHANGE, however it is spelt", () => {
    expect(setScreen(SHOWN, set("/assets/intro.mp4"))).toEqual({ state: SHOWN, outcome: { applied: false, reason: "NOTHING_TO_CHANGE" } });
    const web = setScreen(null, set("https://cdn.example.com/a.mp4")).state;
    const again = setScreen(web, set("HTTPS://CDN.EXAMPLE.COM:443/a.mp4"));
    expect(again.outcome).toEqual({ applied: false, reason: "NOTHING_TO_CHANGE" });
    expect(again.state).toBe(web);
  });

  it("keeps a web address as screenSource writes it", () => {
    expect(setScreen(null, set("HTTPS://CDN.Example.com/a.mp4")).state?.url).toBe("https://cdn.example.com/a.mp4");
  });

  it("refuses an address screenSource does not take with INVALID_URL, before NOTHING_TO_CHANGE, even from a log", () => {
    for (const url of ["javascript:alert(1)//a.mp4", "/assets/../x.mp4", "http://u:p@x.example/a.mp4"]) {
      expect(setScreen(null, set(url))).toEqual({ state: null, outcome: { applied: false, reason: "INVALID_URL" } });
      const kept = setScreen(SHOWN, set(url));
      expect(kept.outcome).toEqual({ applied: false, reason: "INVALID_URL" });
      expect(kept.state).toBe(SHOWN);
    }
  });
});

describe("clearScreen", () => {
  it("takes the video down", () => {
    expect(clearScreen(SHOWN, cleared())).toEqual({ state: null, outcome: { applied: true } });
  });

  it("refuses when none is up with NOTHING_TO_CHANGE", () => {
    expect(clearScreen(null, cleared())).toEqual({ state: null, outcome: { applied: false, reason: "NOTHING_TO_CHANGE" } });
  });
});

describe("screenPlayback", () => {
  it("sets playing and position as of the command's time, keeping the video and when it went up", () => {
    expect(screenPlayback(SHOWN, playback(false, 30.5, 20_000))).toEqual({
      state: { url: "/assets/intro.mp4", setAt: 1_000, playing: false, position: 30.5, at: 20_000 },
      outcome: { applied: true },
    });
    expect(screenPlayback({ ...SHOWN, playing: false }, playback(true, 0, 21_000)).state).toEqual({ ...SHOWN, playing: true, position: 0, at: 21_000 });
  });

  it("refuses with no video up with NOTHING_TO_CHANGE", () => {
    expect(screenPlayback(null, playback(true, 3))).toEqual({ state: null, outcome: { applied: false, reason: "NOTHING_TO_CHANGE" } });
  });

  it("leaves the screen it was given as it was", () => {
    const before = { ...SHOWN };
    screenPlayback(SHOWN, playback(false, 99));
    expect(SHOWN).toEqual(before);
  });
});

describe("screenPosition", () => {
  it("advances a playing video with the clock, in seconds", () => {
    expect(screenPosition(SHOWN, 5_000)).toBe(12);
    expect(screenPosition(SHOWN, 6_500)).toBe(13.5);
    expect(screenPosition(SHOWN, 65_000)).toBe(72);
  });

  it("holds a paused video where it is", () => {
    const paused = { ...SHOWN, playing: false };
    expect(screenPosition(paused, 5_000)).toBe(12);
    expect(screenPosition(paused, 99_000)).toBe(12);
  });

  it("never goes back before the position for a clock behind the command's time", () => {
    expect(screenPosition(SHOWN, 4_000)).toBe(12);
    expect(screenPosition(SHOWN, 0)).toBe(12);
  });
});
