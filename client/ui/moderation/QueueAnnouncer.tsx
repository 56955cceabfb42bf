import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useModeration } from "../../state/hooks.js";
import { queueParts } from "../../state/moderationFormat.js";

/**
 * Tells a host, politely, each line that joins the queue while they are here ("Needs a host: 小明: …"), so a screen
 * reader user hears it without watching the console. What was waiting on entering is not news.
 */
export function QueueAnnouncer() {
  const { t } = useTranslation();
  const queue = useModeration((s) => s.host?.queue ?? null);
  const known = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState("");
  useEffect(() => {
    if (queue === null) return;
    const waiting = queueParts(queue).waiting;
    const seen = known.current;
    known.current = new Set(queue.map((flag) => flag.id));
    if (seen === null) return;
    const fresh = waiting.filter((flag) => !seen.has(flag.id));
    if (fresh.length > 0) setMessage(fresh.map((flag) => t("moderation.host.queue.news", { name: flag.authorName, text: flag.text })).join(" "));
  }, [queue, t]);
  return (
    <p className="visually-hidden" role="status" data-testid="moderation-queue-announcement">
      {message}
    </p>
  );
}
