import { CommunityStatsPage } from "./CommunityPage.js";
import { CompareStatsPage } from "./ComparePage.js";
import { EventStatsPage } from "./EventStatsPage.js";
import { SessionStatsPage } from "./SessionPage.js";

/** Which statistics page a route shows (App.tsx loads this module, and ECharts with it, only on /admin/stats…). */
export type StatsView = { kind: "community" } | { kind: "event"; slug: string } | { kind: "session"; slug: string; sessionId: string } | { kind: "compare"; slug: string; a: string; b: string };

export function StatsPage({ view }: { view: StatsView }) {
  if (view.kind === "community") return <CommunityStatsPage />;
  if (view.kind === "event") return <EventStatsPage slug={view.slug} />;
  if (view.kind === "session") return <SessionStatsPage slug={view.slug} sessionId={view.sessionId} />;
  return <CompareStatsPage slug={view.slug} a={view.a} b={view.b} />;
}
