import { capCombiningMarks, hasVisibleContent } from "./visibleText.js";

/**
 * Normalises a chat line for display: control characters removed (keeping the joiner inside emoji), runs of blank
 * lines collapsed, at most MAX_COMBINING_MARKS marks on a character, ends trimmed. Returns null when nothing
 * visible is left, blank letters and zero-width characters included (the server refuses it as EMPTY_MESSAGE).
 */
export function normaliseChat(text: string): string | null {
  const cleaned = capCombiningMarks(
    text
      .replace(/\r\n?/g, "\n")
      .replace(/[\p{Cc}\p{Cf}]/gu, (ch) => (ch === "\n" || ch === "\u200d" ? ch : ""))
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  );
  return hasVisibleContent(cleaned) ? cleaned : null;
}
