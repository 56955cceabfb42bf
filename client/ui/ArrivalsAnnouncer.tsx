import { useEffect, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { watchArrivals, type PresenceChange } from "../state/arrivals.js";
import { useVenue } from "../state/venue.js";

function sentence(t: TFunction, { arrived, left }: PresenceChange): string {
  const came = arrived.length === 1 ? t("arrivals.arrived", { name: arrived[0] }) : arrived.length > 1 ? t("arrivals.arrivedMany", { count: arrived.length }) : "";
  const went = left.length === 1 ? t("arrivals.left", { name: left[0] }) : left.length > 1 ? t("arrivals.leftMany", { count: left.length }) : "";
  return came && went ? t("arrivals.both", { arrived: came, left: went }) : came || went;
}

/**
 * Tells screen reader users who arrived and who left, politely and grouped (see watchArrivals): the region is in
 * the page from the start and empty, and each telling replaces its text node, so the same words twice are read
 * twice. Sighted members see arrivals in the member list and on the floor.
 */
export function ArrivalsAnnouncer() {
  const { t } = useTranslation();
  const { stores } = useVenue();
  const [told, setTold] = useState<{ change: PresenceChange; n: number } | null>(null);
  useEffect(() => watchArrivals({ members: stores.members, announce: (change) => setTold((prev) => ({ change, n: (prev?.n ?? 0) + 1 })) }), [stores.members]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="arrivals-announcement">
      {told && <span key={told.n}>{sentence(t, told.change)}</span>}
    </p>
  );
}
