import type { Badge } from "../../../shared/rules/growth/types.js";

/** Each badge's picture on the growth pages: decoration only (the badge's name is always written beside it). */
export const BADGE_ICONS: { readonly [B in Badge]: string } = {
  firstSteps: "👣",
  firstQuestion: "❓",
  topQuestion: "🏆",
  stageSpeaker: "🎤",
  quizChampion: "🧠",
  debateSwing: "🔄",
  voter: "🗳️",
  regular: "🏡",
  fiveSessionStreak: "🔥",
  checkInStreak: "📅",
  helper: "🤝",
  spark: "✨",
  energiser: "⚡",
  gardener: "🌱",
  headGardener: "🌳",
  firstEvangelist: "🚩",
  huntFinisher: "🧭",
  fastestHunter: "🏃",
  cityExplorer: "🏙️",
};
