import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CommunityBlock } from "./CommunityBlock.js";
import { DataTable } from "./DataTable.js";
import { makeFormat } from "./format.js";
import { NotReady, StatsFrame, useStatsLoad } from "./shell.js";
import { loadCommunity } from "./statsApi.js";
import { communitySessionsTable } from "./tables.js";

/** `/admin/stats`: the whole community, every event's sessions together. */
export function CommunityStatsPage() {
  const { t, i18n } = useTranslation();
  const f = useMemo(() => makeFormat(i18n.language), [i18n.language]);
  const load = useCallback((token: string) => loadCommunity(token, null), []);
  const { state, reload, signIn } = useStatsLoad(load);
  return (
    <StatsFrame title={t("stats.communityTitle")} testId="stats-community-page">
      <NotReady state={state} onSignIn={signIn} onRetry={() => void reload()} />
      {state.kind === "ready" && (
        <>
          <CommunityBlock report={state.value.report} slug="community" f={f} />
          <section className="card stats-card" aria-labelledby="stats-all-sessions">
            <h2 id="stats-all-sessions">{t("stats.sections.sessions")}</h2>
            <DataTable table={communitySessionsTable(state.value.report, t, f)} slug="community" />
          </section>
        </>
      )}
    </StatsFrame>
  );
}
