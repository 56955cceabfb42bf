import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { CanvasTexture, SRGBColorSpace, VideoTexture } from "three";
import type Hls from "hls.js";
import { screenSource } from "../../shared/rules/salon/screen.js";
import type { DebateView, PollView } from "../../shared/rules/salon/types.js";
import { useSalon } from "../state/hooks.js";
import { percentOf, screenCorrection } from "../state/salonClock.js";
import { useVenue } from "../state/venue.js";
import { swingText } from "../ui/salon/DebateSection.js";

interface StageScreenProps {
  /** The centre of the screen's face, a hair in front of the stage's own screen. */
  position: readonly [number, number, number];
  width: number;
  height: number;
}

const FONT = 'system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", "Grove Color Emoji"';
const HLS_TYPE = "application/vnd.apple.mpegurl";

/**
 * What the stage screen shows over the event title: the host's video when one is set (a video texture, kept in step
 * with the host), else the current poll's results, word cloud or debate counts (one canvas texture, redrawn only
 * when they change). One or two meshes, so the screen costs a draw call or two.
 */
export function StageScreen(props: StageScreenProps) {
  const url = useSalon((s) => s.public?.screen?.url ?? null);
  if (url !== null) return <ScreenVideo key={url} url={url} {...props} />;
  return <ScreenBoard {...props} />;
}

/** The size that fits a picture of `aspect` (width / height) inside the screen, letterboxed. */
function fit(aspect: number, width: number, height: number): [number, number] {
  if (!Number.isFinite(aspect) || aspect <= 0) return [width, height];
  return aspect > width / height ? [width, width / aspect] : [height * aspect, height];
}

/**
 * A hidden, muted, inline <video> drawn as a texture. It follows the host: on every salon view it moves to the
 * screen's position (by the server's clock) when more than a second off, and plays or pauses as the host did. An
 * HLS stream plays natively where the browser can (Safari), else through hls.js, loaded only then.
 */
function ScreenVideo({ url, position, width, height }: StageScreenProps & { url: string }) {
  const { stores } = useVenue();
  const [shown, setShown] = useState<{ texture: VideoTexture; aspect: number } | null>(null);

  useEffect(() => {
    const video = document.createElement("video");
    video.muted = !stores.screenPlayer.getState().sound;
    video.playsInline = true;
    video.setAttribute("playsinline", "");
    // Drawn into WebGL: a video from another site must allow it (CORS), or the texture could not be read.
    video.crossOrigin = "anonymous";
    video.preload = "auto";
    // In the document (out of sight, hidden from assistive technology: the HUD says what the screen shows), so that
    // the browser keeps decoding frames for the texture and the page can be inspected like any other media.
    video.className = "stage-screen-video";
    video.dataset.testid = "stage-screen-video";
    video.setAttribute("aria-hidden", "true");
    video.tabIndex = -1;
    document.body.appendChild(video);
    let disposed = false;
    let hls: Hls | null = null;

    const texture = new VideoTexture(video);
    texture.colorSpace = SRGBColorSpace;

    const sync = () => {
      const { public: view, clockOffsetMs } = stores.salon.getState();
      const screen = view?.screen;
      if (disposed || !screen || screen.url !== url) return;
      const correction = screenCorrection(screen, video.currentTime, Date.now(), clockOffsetMs);
      video.dataset.shouldPlay = String(correction.play);
      if (correction.seekTo !== null && video.readyState >= 1) {
        const end = Number.isFinite(video.duration) ? video.duration : Infinity;
        video.currentTime = Math.min(correction.seekTo, end);
      }
      if (correction.play && video.paused) {
        video.play().catch(() => {
          // Sound without a gesture is refused: play muted, and the sound button offers it again.
          if (disposed || video.muted) return;
          video.muted = true;
          stores.screenPlayer.setState({ sound: false });
          void video.play().catch(() => undefined);
        });
      } else if (!correction.play && !video.paused) video.pause();
    };
    const onMetadata = () => {
      if (disposed) return;
      stores.screenPlayer.setState({ duration: Number.isFinite(video.duration) ? video.duration : null });
      setShown({ texture, aspect: video.videoWidth > 0 && video.videoHeight > 0 ? video.videoWidth / video.videoHeight : 16 / 9 });
      sync();
    };
    video.addEventListener("loadedmetadata", onMetadata);

    const source = screenSource(url);
    if (source?.kind === "hls" && video.canPlayType(HLS_TYPE) === "") {
      import("hls.js")
        .then(({ default: HlsPlayer }) => {
          if (disposed || !HlsPlayer.isSupported()) return;
          hls = new HlsPlayer();
          hls.loadSource(source.url);
          hls.attachMedia(video);
        })
        .catch(() => undefined);
    } else {
      video.src = source?.url ?? url;
    }

    stores.screenPlayer.setState({ video, url, duration: null });
    const unsubscribe = stores.salon.subscribe((state, previous) => {
      if (state.public !== previous.public) sync();
    });
    sync();

    return () => {
      disposed = true;
      unsubscribe();
      video.removeEventListener("loadedmetadata", onMetadata);
      hls?.destroy();
      video.pause();
      video.removeAttribute("src");
      video.load();
      video.remove();
      texture.dispose();
      if (stores.screenPlayer.getState().video === video) stores.screenPlayer.setState({ video: null, url: null, duration: null });
    };
  }, [url, stores]);

  const [w, h] = fit(shown?.aspect ?? 16 / 9, width, height);
  return (
    <group position={[...position]}>
      <mesh>
        <planeGeometry args={[width, height]} />
        <meshBasicMaterial color="#101511" toneMapped={false} />
      </mesh>
      {shown && (
        <mesh position={[0, 0, 0.005]}>
          <planeGeometry args={[w, h]} />
          <meshBasicMaterial map={shown.texture} toneMapped={false} />
        </mesh>
      )}
    </group>
  );
}

type BoardContent = { kind: "poll"; poll: PollView } | { kind: "debate"; debate: DebateView };

/** An open poll first, then a debate under way, then the last poll's results; nothing: the title shows. */
function boardContent(poll: PollView | null, debate: DebateView | null): BoardContent | null {
  if (poll?.open) return { kind: "poll", poll };
  if (debate && debate.phase !== "closed") return { kind: "debate", debate };
  if (poll) return { kind: "poll", poll };
  return null;
}

/** The poll's bars, the word cloud or the debate's counts on a canvas texture, redrawn when they change. */
function ScreenBoard({ position, width, height }: StageScreenProps) {
  const { t, i18n } = useTranslation();
  const poll = useSalon((s) => s.public?.poll ?? null);
  const debate = useSalon((s) => s.public?.debate ?? null);
  const content = useMemo(() => boardContent(poll, debate), [poll, debate]);
  const texture = useMemo(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 1024;
    canvas.height = 512;
    const made = new CanvasTexture(canvas);
    made.colorSpace = SRGBColorSpace;
    return made;
  }, []);
  useEffect(() => () => texture.dispose(), [texture]);
  useEffect(() => {
    const canvas = texture.image as HTMLCanvasElement;
    const ctx = canvas.getContext("2d");
    if (!ctx || !content) return;
    const text: BoardText = {
      hidden: t("salon.poll.hidden"),
      voters: (count) => t(content.kind === "poll" && content.poll.kind === "open" ? "salon.poll.answers" : "salon.poll.voters", { count }),
      result: (count, percent) => t("salon.poll.result", { count, percent }),
      closed: t("salon.poll.closed"),
      noWords: t("salon.poll.noWords"),
      before: t("salon.screen.debateBefore"),
      after: t("salon.screen.debateAfter"),
      kind: content.kind === "poll" ? t(`salon.poll.kinds.${content.poll.kind}`) : t("salon.debate.title"),
      swing: content.kind === "debate" && content.debate.swing !== null ? swingText(t, content.debate.swing, i18n.language) : "",
    };
    drawBoard(ctx, canvas.width, canvas.height, content, text);
    texture.needsUpdate = true;
  }, [content, texture, t, i18n.language]);

  if (!content) return null;
  return (
    <mesh position={[...position]}>
      <planeGeometry args={[width, height]} />
      <meshBasicMaterial map={texture} toneMapped={false} />
    </mesh>
  );
}

interface BoardText {
  hidden: string;
  voters: (count: number) => string;
  result: (count: number, percent: number) => string;
  closed: string;
  noWords: string;
  before: string;
  after: string;
  kind: string;
  swing: string;
}

const INK = "#f6eedc";
const SOFT = "#bcd3b4";
const BAR = "#9ccf7f";
const BAR_OTHER = "#e8a33d";
const TRACK = "rgba(246, 238, 220, 0.16)";

/** Lines of `text` that fit `maxWidth`, at most `maxLines`, the last cut with an ellipsis. Breaks anywhere (CJK has no spaces). */
function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const ch of Array.from(text)) {
    if (ctx.measureText(line + ch).width > maxWidth && line.length > 0) {
      lines.push(line);
      line = "";
      if (lines.length === maxLines) break;
    }
    line += ch;
  }
  if (lines.length < maxLines && line) lines.push(line);
  if (lines.join("").length < text.length) {
    let last = lines[lines.length - 1] ?? "";
    while (last.length > 0 && ctx.measureText(`${last}…`).width > maxWidth) last = last.slice(0, -1);
    lines[lines.length - 1] = `${last}…`;
  }
  return lines;
}

function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  return wrap(ctx, text, maxWidth, 1)[0] ?? "";
}

function drawBoard(ctx: CanvasRenderingContext2D, w: number, h: number, content: BoardContent, text: BoardText): void {
  const gradient = ctx.createLinearGradient(0, 0, 0, h);
  gradient.addColorStop(0, "#24463a");
  gradient.addColorStop(1, "#173127");
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, w, h);
  const pad = 48;
  ctx.textBaseline = "alphabetic";
  ctx.textAlign = "left";
  ctx.fillStyle = SOFT;
  ctx.font = `700 26px ${FONT}`;
  ctx.fillText(text.kind.toUpperCase(), pad, 56);
  const title = content.kind === "poll" ? content.poll.question : content.debate.motion;
  ctx.fillStyle = INK;
  ctx.font = `700 42px ${FONT}`;
  const lines = wrap(ctx, title, w - pad * 2, 2);
  lines.forEach((line, i) => ctx.fillText(line, pad, 108 + i * 50));
  const top = 108 + lines.length * 50;
  if (content.kind === "debate") drawDebate(ctx, w, h, top, content.debate, text);
  else if (content.poll.kind === "open") drawWords(ctx, w, h, top, content.poll, text);
  else drawBars(ctx, w, h, top, content.poll, text);
}

function drawFooter(ctx: CanvasRenderingContext2D, w: number, h: number, words: string): void {
  ctx.fillStyle = SOFT;
  ctx.font = `500 24px ${FONT}`;
  ctx.textAlign = "left";
  ctx.fillText(fitText(ctx, words, w - 96), 48, h - 28);
}

function drawBars(ctx: CanvasRenderingContext2D, w: number, h: number, top: number, poll: PollView, text: BoardText): void {
  const footer = `${text.voters(poll.voters)}${poll.open ? "" : ` · ${text.closed}`}`;
  if (poll.options.some((o) => o.votes === null)) {
    ctx.fillStyle = INK;
    ctx.font = `600 34px ${FONT}`;
    ctx.textAlign = "center";
    ctx.fillText(fitText(ctx, `🗳  ${text.voters(poll.voters)}`, w - 96), w / 2, (top + h) / 2);
    ctx.fillStyle = SOFT;
    ctx.font = `500 26px ${FONT}`;
    ctx.fillText(fitText(ctx, text.hidden, w - 96), w / 2, (top + h) / 2 + 48);
    return;
  }
  const pad = 48;
  const rows = poll.options.length;
  const room = h - top - 70;
  const row = Math.min(64, room / Math.max(1, rows));
  const labelWidth = 300;
  const countWidth = 170;
  const barX = pad + labelWidth + 16;
  const barWidth = w - barX - countWidth - pad;
  const font = Math.max(18, Math.min(28, row * 0.5));
  poll.options.forEach((option, i) => {
    const y = top + 10 + i * row;
    const votes = option.votes ?? 0;
    const percent = percentOf(votes, poll.voters);
    const correct = poll.correct?.includes(option.id) === true;
    ctx.fillStyle = correct ? BAR : INK;
    ctx.font = `${correct ? 700 : 500} ${font}px ${FONT}`;
    ctx.textAlign = "left";
    ctx.fillText(fitText(ctx, `${correct ? "✓ " : ""}${option.text}`, labelWidth), pad, y + row * 0.62);
    ctx.fillStyle = TRACK;
    ctx.fillRect(barX, y + row * 0.2, barWidth, row * 0.55);
    ctx.fillStyle = correct || poll.correct === null ? BAR : BAR_OTHER;
    ctx.fillRect(barX, y + row * 0.2, (barWidth * percent) / 100, row * 0.55);
    ctx.fillStyle = INK;
    ctx.font = `600 ${font}px ${FONT}`;
    ctx.textAlign = "right";
    ctx.fillText(text.result(votes, percent), w - pad, y + row * 0.62);
  });
  drawFooter(ctx, w, h, footer);
}

function drawWords(ctx: CanvasRenderingContext2D, w: number, h: number, top: number, poll: PollView, text: BoardText): void {
  const words = poll.words;
  ctx.textAlign = "left";
  if (words === null || words.length === 0) {
    ctx.fillStyle = SOFT;
    ctx.font = `500 30px ${FONT}`;
    ctx.textAlign = "center";
    ctx.fillText(fitText(ctx, words === null ? text.hidden : text.noWords, w - 96), w / 2, (top + h) / 2);
    drawFooter(ctx, w, h, text.voters(poll.voters));
    return;
  }
  // Rows of words, largest first, each row centred; a word that does not fit the board is left off.
  const most = Math.max(...words.map((x) => x.count));
  const gap = 26;
  const maxWidth = w - 96;
  const bottom = h - 70;
  let y = top + 20;
  let row: { word: string; size: number; width: number }[] = [];
  let rowWidth = 0;
  let rowHeight = 0;
  const flush = () => {
    if (row.length === 0) return true;
    if (y + rowHeight > bottom) return false;
    let x = (w - rowWidth) / 2;
    y += rowHeight;
    row.forEach((item, i) => {
      ctx.font = `700 ${item.size}px ${FONT}`;
      ctx.fillStyle = i % 3 === 0 ? BAR : i % 3 === 1 ? INK : BAR_OTHER;
      ctx.fillText(item.word, x, y);
      x += item.width + gap;
    });
    y += 10;
    row = [];
    rowWidth = 0;
    rowHeight = 0;
    return true;
  };
  for (const entry of words) {
    const size = Math.round(26 + (46 * entry.count) / most);
    ctx.font = `700 ${size}px ${FONT}`;
    const width = Math.min(ctx.measureText(entry.word).width, maxWidth);
    if (rowWidth + width + (row.length > 0 ? gap : 0) > maxWidth && !flush()) break;
    rowWidth += width + (row.length > 0 ? gap : 0);
    rowHeight = Math.max(rowHeight, size);
    row.push({ word: entry.word, size, width });
  }
  flush();
  drawFooter(ctx, w, h, text.voters(poll.voters));
}

function drawDebate(ctx: CanvasRenderingContext2D, w: number, h: number, top: number, debate: DebateView, text: BoardText): void {
  const pad = 48;
  const rows: [string, readonly [number, number]][] = [
    [text.before, debate.before],
    [text.after, debate.after],
  ];
  const barX = pad + 170;
  const barWidth = w - barX - pad;
  rows.forEach(([label, counts], i) => {
    const y = top + 24 + i * 96;
    const total = counts[0] + counts[1];
    const share = total > 0 ? counts[0] / total : 0.5;
    ctx.textAlign = "left";
    ctx.fillStyle = INK;
    ctx.font = `600 28px ${FONT}`;
    ctx.fillText(fitText(ctx, label, 160), pad, y + 40);
    ctx.fillStyle = total > 0 ? BAR : TRACK;
    ctx.fillRect(barX, y + 10, barWidth * share, 44);
    ctx.fillStyle = total > 0 ? BAR_OTHER : TRACK;
    ctx.fillRect(barX + barWidth * share, y + 10, barWidth * (1 - share), 44);
    ctx.fillStyle = "#173127";
    ctx.font = `700 24px ${FONT}`;
    if (total > 0) {
      ctx.fillText(fitText(ctx, `${debate.sides[0]} ${counts[0]}`, barWidth / 2 - 20), barX + 12, y + 41);
      ctx.textAlign = "right";
      ctx.fillText(fitText(ctx, `${counts[1]} ${debate.sides[1]}`, barWidth / 2 - 20), barX + barWidth - 12, y + 41);
    }
  });
  if (text.swing) {
    ctx.textAlign = "center";
    ctx.fillStyle = BAR;
    ctx.font = `700 32px ${FONT}`;
    ctx.fillText(fitText(ctx, text.swing, w - 96), w / 2, Math.min(h - 36, top + 24 + 2 * 96 + 40));
  }
}
