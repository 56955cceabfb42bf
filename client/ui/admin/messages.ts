import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { errorKey } from "../../../shared/protocol/index.js";
import type { AdminFailure } from "./adminApi.js";
import type { Message } from "./eventForm.js";

/** Says a page message in the current language. */
export function useSay(): (message: Message) => string {
  const { t } = useTranslation();
  return useCallback((message: Message) => ("error" in message ? t(errorKey(message.error)) : t(`admin.${message.admin}`, message.params ?? {})), [t]);
}

/** What to tell the operator about a call that failed: no answer, a wait, or the refusal's own message. */
export function failureMessage(failure: AdminFailure): Message {
  if (failure.kind === "unreachable") return { admin: "unreachable" };
  if (failure.code === "RATE_LIMITED" && failure.retryAfterSeconds !== null) return { admin: "rateLimited", params: { seconds: failure.retryAfterSeconds } };
  return { error: failure.code };
}

const formatOf = (language: string) => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });

/** A time in the viewer's language and time zone, date and time. */
export function formatTime(ms: number, language: string): string {
  return formatOf(language).format(ms);
}

/** From one time to another, as the language writes a range: the date once when both fall on the same day. */
export function formatTimeRange(start: number, end: number, language: string): string {
  return formatOf(language).formatRange(start, end);
}
