import { HOST_TOKEN_MAX_LENGTH } from "../../shared/protocol/index.js";

/** The query parameter of a host link: `/e/<slug>?host=<token>`. */
export const HOST_LINK_PARAMETER = "host";
const STORAGE_PREFIX = "grove.hostToken.v1:";

function storageKey(slug: string): string {
  return `${STORAGE_PREFIX}${slug}`;
}

/**
 * The host token for this tab and event. A token in the address is moved into this tab's sessionStorage (so a
 * reload or a reconnect still offers it) and taken out of the address bar, where it could be read over a
 * shoulder, bookmarked or pasted into a chat. Whether it grants anything is the server's decision alone.
 */
export function takeHostToken(slug: string, location: Location = window.location, history: History = window.history): string | undefined {
  const url = new URL(location.href);
  const fromAddress = url.searchParams.get(HOST_LINK_PARAMETER);
  if (fromAddress !== null) {
    url.searchParams.delete(HOST_LINK_PARAMETER);
    history.replaceState(history.state, "", `${url.pathname}${url.search}${url.hash}`);
    const token = fromAddress.trim();
    if (token !== "" && token.length <= HOST_TOKEN_MAX_LENGTH) {
      try {
        sessionStorage.setItem(storageKey(slug), token);
      } catch {
        // Storage blocked: the token still serves this page until it is reloaded.
      }
      return token;
    }
  }
  try {
    return sessionStorage.getItem(storageKey(slug)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Forgets a token the server would not accept, so a reload joins as a member without offering it again. */
export function forgetHostToken(slug: string): void {
  try {
    sessionStorage.removeItem(storageKey(slug));
  } catch {
    // Nothing was kept.
  }
}
