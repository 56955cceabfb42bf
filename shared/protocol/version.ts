/**
 * The wire protocol's version. Bump it whenever a message shape or the replicated state changes in a way
 * an older client cannot read; the server refuses a client of another version with `PROTOCOL_MISMATCH`.
 */
export const PROTOCOL_VERSION = 2;
