import { useEffect, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { salonNews, type SalonNews } from "../../state/salon.js";
import { useVenue } from "../../state/venue.js";

function sentence(t: TFunction, news: SalonNews): string {
  switch (news.kind) {
    case "poll":
      return t("salon.news.poll", { question: news.question });
    case "pollClosed":
      return t("salon.news.pollClosed", { question: news.question });
    case "debate":
      return t("salon.news.debate", { motion: news.motion });
    case "question":
      return t("salon.news.question", { text: news.text });
    case "checkIn":
      return t("salon.news.checkIn", { prompt: news.prompt });
    case "onStage":
      return t("salon.news.onStage");
    case "offStage":
      return t("salon.news.offStage");
  }
}

/**
 * Tells screen reader users, politely, what is new in the salon: a poll, a debate, a check-in, someone else's
 * question, being brought on stage. In the page from the start (whether or not the salon panel is open); each
 * telling replaces its text node, so the same words twice are read twice.
 */
export function SalonAnnouncer() {
  const { t } = useTranslation();
  const { stores } = useVenue();
  const [told, setTold] = useState<{ news: readonly SalonNews[]; n: number } | null>(null);
  useEffect(
    () =>
      stores.salon.subscribe((state, previous) => {
        if (state.public === previous.public && state.mine === previous.mine) return;
        const news = salonNews(previous, state);
        if (news.length > 0) setTold((prev) => ({ news, n: (prev?.n ?? 0) + 1 }));
      }),
    [stores.salon],
  );
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="salon-announcement">
      {told && <span key={told.n}>{told.news.map((news) => sentence(t, news)).join(" ")}</span>}
    </p>
  );
}
