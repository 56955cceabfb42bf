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
