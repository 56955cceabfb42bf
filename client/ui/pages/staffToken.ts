/*
 * The partner staff's link, `/redeem?staff=<token>` (docs/hunts.md, "Tokens"). Like a host link's token
 * (client/net/hostToken.ts) it is moved from the address into this tab's sessionStorage and out of the address bar,
 * where a customer could read it over the counter or a photo of the screen could keep it. Whether it grants
 * anything is the server's decision alone. Kept apart from the page (no zod, no React) so App can take it at once.
 */

/** The query parameter of a partner's staff link. */
export const STAFF_LINK_PARAMETER = "staff";
export const STAFF_TOKEN_STORAGE_KEY = "grove.staffToken.v1";
/** As long as the server's token schema allows (HuntToken in shared/protocol/hunt.ts). */
export const STAFF_TOKEN_MAX_LENGTH = 300;

/** The staff token for this tab: the address's (then taken out of it), else the one this tab kept. */
export function takeStaffToken(location: Location = window.location, history: History = window.history): string | undefined {
  const url = new URL(location.href);
  const fromAddress = url.searchParams.get(STAFF_LINK_PARAMETER);
  if (fromAddress !== null) {
    url.searchParams.delete(STAFF_LINK_PARAMETER);
    history.replaceState(history.state, "", `${url.pathname}${url.search}${url.hash}`);
    const token = fromAddress.trim();
    if (token !== "" && token.length <= STAFF_TOKEN_MAX_LENGTH) {
      try {
        sessionStorage.setItem(STAFF_TOKEN_STORAGE_KEY, token);
      } catch {
        // Storage blocked: the token still serves this page until it is reloaded.
      }
      return token;
    }
  }
  try {
    return sessionStorage.getItem(STAFF_TOKEN_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Forgets a staff token the server turned down, so a reload does not offer it again. */
export function forgetStaffToken(): void {
  try {
    sessionStorage.removeItem(STAFF_TOKEN_STORAGE_KEY);
  } catch {
    // Nothing was kept.
  }
}
