/** Longest display name, in characters after trimming. */
export const NAME_MAX_LENGTH = 24;
/** Longest chat message, in characters after trimming. */
export const CHAT_MAX_LENGTH = 500;
/** Member ids and secrets are opaque strings no longer than this. */
export const TOKEN_MAX_LENGTH = 64;
/** Slugs: lowercase letters, digits and dashes. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}$/;
/** Longest host announcement, in characters after trimming. */
export const ANNOUNCEMENT_MAX_LENGTH = 280;
/** Signed host tokens are well under this; anything longer is refused unread. */
export const HOST_TOKEN_MAX_LENGTH = 512;

// ── The salon (see docs/salon.md) ──
/** A poll's question and a debate's motion. */
export const POLL_QUESTION_MAX_LENGTH = 200;
export const POLL_OPTION_MAX_LENGTH = 80;
/** An answer to an open-text poll (a few words for the word cloud) and to a check-in. */
export const OPEN_ANSWER_MAX_LENGTH = 80;
export const DEBATE_SIDE_MAX_LENGTH = 40;
/** Questions travel up to this; the rule refuses more than QUESTION_MAX_LENGTH (300) after normalising with its own code. */
export const QUESTION_WIRE_MAX_LENGTH = 2000;
export const CHECK_IN_PROMPT_MAX_LENGTH = 120;
export const SCREEN_URL_MAX_LENGTH = 500;
/** A word of a word cloud, as the host hides it. */
export const WORD_MAX_LENGTH = 40;
/** Poll, debate, question and check-in ids (`p12`, `q40`…). */
export const SALON_ID_MAX_LENGTH = 24;
/** Longest poll time limit, in seconds; the shortest is 10. */
export const POLL_DURATION_MAX_SECONDS = 3600;
export const POLL_DURATION_MIN_SECONDS = 10;
