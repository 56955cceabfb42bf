/**
 * Normalises a chat line for display: control characters removed (keeping the joiner inside emoji), runs of blank lines collapsed, ends
 * trimmed. Returns null when nothing visible is left (the server refuses it as EMPTY_MESSAGE).
 */
export function normaliseChat(text: string): string | null {
  const cleaned = text
    .replace(/\r\n?/g, "\n")
    .replace(/[\p{Cc}\p{Cf}]/gu, (ch) => (ch === "\n" || ch === "\u200d" ? ch : ""))
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return cleaned.length > 0 ? cleaned : null;
}
