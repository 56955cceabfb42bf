import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ErrorCode as MatchMakeCode, MatchMakeError, ServerError } from "colyseus.js";
import { RECOVERY_WINDOW_MS, closeAction, retryDelay, seatIsGone } from "../../client/net/VenueConnection.js";
import { SERVER_RESTARTING_CLOSE_CODE, SESSION_TAKEN_OVER_CLOSE_CODE } from "../../shared/protocol/index.js";

const COLYSEUS_CONSENTED = 4000;
const ABNORMAL = 1006;
const GOING_AWAY = 1001;
const NORMAL = 1000;

describe("closeAction", () => {
  it("returns to the lobby only after a leave the member chose", () => {
    for (const code of [NORMAL, COLYSEUS_CONSENTED, SERVER_RESTARTING_CLOSE_CODE, SESSION_TAKEN_OVER_CLOSE_CODE, ABNORMAL]) {
      expect(closeAction(code, true)).toBe("left");
    }
  });

  it("comes back after Colyseus' 4000, which an older server sends when it shuts down", () => {
    expect(closeAction(COLYSEUS_CONSENTED, false)).toBe("reconnect");
  });

  it("comes back after a restart, a crash, a closing proxy or a plain close it did not ask for", () => {
    for (const code of [SERVER_RESTARTING_CLOSE_CODE, ABNORMAL, GOING_AWAY, NORMAL]) {
      expect(closeAction(code, false)).toBe("reconnect");
    }
  });

  it("asks before taking back a seat the same member took from another tab or device", () => {
    expect(closeAction(SESSION_TAKEN_OVER_CLOSE_CODE, false)).toBe("takenOver");
  });
});

describe("retryDelay", () => {
  it("retries within half a second at first and doubles after each failure", () => {
    expect(retryDelay(0, 0)).toBe(250);
    expect(retryDelay(0, 0.999)).toBeLessThan(500);
    expect(retryDelay(1, 0)).toBe(500);
    expect(retryDelay(2, 0)).toBe(1000);
    expect(retryDelay(3, 0)).toBe(2000);
  });

  it("never waits more than ten seconds, however long the outage", () => {
    expect(retryDelay(5, 0.999)).toBeLessThanOrEqual(10_000);
    expect(retryDelay(60, 0.999)).toBeLessThanOrEqual(10_000);
    expect(retryDelay(5000, 0.5)).toBe(retryDelay(60, 0.5));
  });

  it("spreads pages dropped by the same restart over the upper half of each step", () => {
    expect(retryDelay(4, 0.9)).toBeGreaterThan(retryDelay(4, 0.1));
    fc.assert(
      fc.property(fc.nat(200), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const delay = retryDelay(attempt, random);
        const unjittered = retryDelay(attempt, 0);
        expect(delay).toBeGreaterThanOrEqual(unjittered);
        expect(delay).toBeLessThanOrEqual(unjittered * 2);
        expect(retryDelay(attempt + 1, random)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });

  it("keeps trying at least every ten seconds through the whole recovery window", () => {
    let waited = 0;
    let tries = 0;
    while (waited < RECOVERY_WINDOW_MS) {
      waited += retryDelay(tries, 0.999);
      tries += 1;
    }
    expect(tries).toBeGreaterThanOrEqual(RECOVERY_WINDOW_MS / 10_000);
  });
});

describe("seatIsGone", () => {
  it("joins again when the server says the room or the token is gone", () => {
    // Grove's matchmaking endpoint: HTTP 400 with Colyseus' code in the body, which colyseus.js does not keep.
    expect(seatIsGone(new ServerError(400, "MATCHMAKE_REFUSED"))).toBe(true);
    // Colyseus' own endpoint: HTTP 200 with the matchmaker's code.
    expect(seatIsGone(new MatchMakeError('room "x" has been disposed.', MatchMakeCode.MATCHMAKE_INVALID_ROOM_ID))).toBe(true);
    expect(seatIsGone(new MatchMakeError("reconnection token invalid or expired.", MatchMakeCode.MATCHMAKE_EXPIRED))).toBe(true);
  });

  it("keeps trying the held seat while the server is unreachable, shutting down or busy", () => {
    expect(seatIsGone(new Error("[object ProgressEvent]"))).toBe(false);
    expect(seatIsGone(new Error("timeout"))).toBe(false);
    expect(seatIsGone(new ServerError(503, "Service Unavailable"))).toBe(false);
    expect(seatIsGone(new ServerError(429, "RATE_LIMITED"))).toBe(false);
  });
});
