import { describe, expect, it } from "vitest";
import { HealthThresholdSchema, SESSION_ID_PATTERN, StatsSettingsRequest, WEBHOOK_URL_MAX_LENGTH, WebhookUrl } from "../../shared/protocol/stats.js";

describe("the statistics API's request schemas", () => {
  it("takes an http(s) webhook address without credentials, or none", () => {
    for (const url of ["", "https://hooks.example.org/grove", "http://10.0.0.5:8080/bot?key=abc", `https://a.example/${"x".repeat(WEBHOOK_URL_MAX_LENGTH - 18)}`]) {
      expect(WebhookUrl.safeParse(url).success, url).toBe(true);
    }
  });

  it("refuses other schemes, credentials, spaces, control characters, junk and overlong addresses", () => {
    for (const url of [
      "javascript:alert(1)",
      "ftp://example.org/",
      "file:///etc/passwd",
      "https://user:pass@example.org/",
      "https://user@example.org/",
      "https://example.org/a b",
      "https://example.org/\u0000",
      "https://example.org/\u007f",
      "https://example.org/\t",
      "not a url",
      `https://a.example/${"x".repeat(WEBHOOK_URL_MAX_LENGTH)}`,
    ]) {
      expect(WebhookUrl.safeParse(url).success, JSON.stringify(url)).toBe(false);
    }
  });

  it("takes thresholds of known indicators only, each whole and finite", () => {
    expect(StatsSettingsRequest.safeParse({ thresholds: { interactedShare: { when: "below", value: 0.25, notify: true } }, webhookUrl: "" }).success).toBe(true);
    expect(StatsSettingsRequest.safeParse({}).success).toBe(true);
    expect(StatsSettingsRequest.safeParse({ thresholds: { madeUp: { when: "below", value: 1, notify: false } } }).success).toBe(false);
    // A body whose thresholds name __proto__ (as JSON.parse makes it, an own key) changes nothing: the key is dropped.
    const hostile = StatsSettingsRequest.safeParse(JSON.parse('{"thresholds":{"__proto__":{"when":"below","value":1,"notify":false}}}'));
    expect(hostile.success && Object.keys(hostile.data.thresholds ?? {})).toEqual([]);
    expect(({} as Record<string, unknown>).when).toBeUndefined();
    expect(StatsSettingsRequest.safeParse({ extra: 1 }).success).toBe(false);
    expect(HealthThresholdSchema.safeParse({ when: "below", value: Number.NaN, notify: false }).success).toBe(false);
    expect(HealthThresholdSchema.safeParse({ when: "below", value: 1_000_001, notify: false }).success).toBe(false);
    expect(HealthThresholdSchema.safeParse({ when: "around", value: 1, notify: false }).success).toBe(false);
    expect(HealthThresholdSchema.safeParse({ when: "above", value: -1_000_000, notify: true }).success).toBe(true);
    expect(HealthThresholdSchema.safeParse({ when: "above", value: 1, notify: true, more: 1 }).success).toBe(false);
  });

  it("reads a session id as the store makes them", () => {
    expect(SESSION_ID_PATTERN.test("0b6f1c7e-2a41-4d2e-9d7a-3a9f0d0c1e22")).toBe(true);
    for (const id of ["", "a/b", "..", "a b", "x".repeat(65), "a\u0000"]) expect(SESSION_ID_PATTERN.test(id), JSON.stringify(id)).toBe(false);
  });
});
