import { useTranslation } from "react-i18next";
import { lookFor } from "../../../shared/rules/look.js";
import { artworkSvg, COLLECTIBLE_TITLES } from "../../../shared/rules/growth/collectibles.js";
import { POINT_ORDER } from "../../../shared/rules/growth/points.js";
import type { CollectibleRule, TierMetrics } from "../../../shared/rules/growth/types.js";
import { AvatarPortrait } from "../AvatarPortrait.js";
import { NotFound } from "../NotFound.js";
import { BADGE_ICONS } from "./badgeIcons.js";
import { getJson, MemberProfile } from "./growthApi.js";
import { LoadFailed, Loading, PageFrame } from "./PageFrame.js";
import { useLoaded } from "./useLoaded.js";

const METRICS = ["sessions", "kinds", "energyFrom", "answered", "huntsCompleted"] as const satisfies readonly (keyof TierMetrics)[];
const TIER_ICONS = { explorer: "🌱", coCreator: "🌿", evangelist: "🌳" } as const;

/**
 * A collectible's artwork as an image source: the SVG text goes in a data URL, never into the page's markup. Its label
 * is the rule's short title in the reader's language (a quote would not fit across the picture).
 */
export function artworkSource(seed: string, rule: CollectibleRule, language: string): string {
  const label = COLLECTIBLE_TITLES[rule][language === "zh-CN" ? "zh-CN" : "en"];
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(artworkSvg(seed, label))}`;
}

/** `/m/<id>`: a member's profile (GET /api/members/:id); an unknown member is Grove's not-found page. */
export function ProfilePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { loaded, retry } = useLoaded(id, (signal) => getJson(`/api/members/${encodeURIComponent(id)}`, MemberProfile, signal));
  if (loaded.kind === "notFound") return <NotFound kind="page" />;
  const name = loaded.kind === "ready" ? loaded.value.name : "";
  return (
    <PageFrame documentTitle={name ? t("growthPages.profile.documentTitle", { name }) : ""} testId="profile-page">
      {loaded.kind === "loading" && <Loading />}
      {loaded.kind === "failed" && <LoadFailed onRetry={retry} />}
      {loaded.kind === "ready" && <Profile profile={loaded.value} />}
    </PageFrame>
  );
}

export function collectibleTitleKey(rule: CollectibleRule): `growthPages.collectibleRules.${CollectibleRule}` {
  return `growthPages.collectibleRules.${rule}`;
}

function Profile({ profile }: { profile: MemberProfile }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium" });
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
  const tier = profile.tier.tier;
  const kinds = POINT_ORDER.filter((kind) => (profile.points.byKind[kind] ?? 0) > 0);
  const next = profile.tier.next;
  const sessionEvent = new Map(profile.sessions.map((s) => [s.sessionId, s]));

  return (
    <>
      <section className="card growth-card profile-top" aria-labelledby="profile-name">
        <AvatarPortrait look={profile.look ?? lookFor(profile.id)} label={t("growthPages.profile.portrait", { name: profile.name })} />
        <div>
          <h1 id="profile-name" className="profile-name" data-testid="profile-name">
            {profile.name}
          </h1>
          <p className="tier-pill" data-tier={tier} data-testid="profile-tier">
            <span aria-hidden="true">{TIER_ICONS[tier]}</span>
            <span className="visually-hidden">{t("growthPages.profile.tier")}: </span>
            {t(`growthPages.tiers.${tier}`)}
          </p>
          <p className="profile-total" data-testid="profile-total" data-value={profile.points.total}>
            <strong>{number.format(profile.points.total)}</strong> {t("growthPages.profile.pointsUnit", { count: profile.points.total })}
          </p>
        </div>
      </section>

      <section className="card growth-card" aria-labelledby="profile-next" data-testid="profile-progress">
        <h2 id="profile-next">{next ? t("growthPages.profile.nextTier", { tier: t(`growthPages.tiers.${next.tier}`) }) : t(`growthPages.tiers.${tier}`)}</h2>
        {next ? (
          <ul className="progress-list">
            {METRICS.filter((metric) => next.metrics[metric].needs > 0).map((metric) => {
              const { has, needs } = next.metrics[metric];
              return (
                <li key={metric} className={`progress-row${has >= needs ? " is-met" : ""}`} data-metric={metric} data-has={has} data-needs={needs}>
                  <span id={`metric-${metric}`}>{t(`growthPages.metrics.${metric}`)}</span>
                  <span className="progress-figure">{t("growthPages.profile.has", { has: number.format(has), needs: number.format(needs) })}</span>
                  <progress max={needs} value={Math.min(has, needs)} aria-labelledby={`metric-${metric}`} aria-valuetext={t("growthPages.profile.has", { has: number.format(has), needs: number.format(needs) })} />
                </li>
              );
            })}
          </ul>
        ) : (
          <p>{t("growthPages.profile.topTier")}</p>
        )}
      </section>

      <section className="card growth-card" aria-labelledby="profile-points">
        <h2 id="profile-points">{t("growthPages.profile.points")}</h2>
        {kinds.length === 0 ? (
          <p className="profile-empty">{t("growthPages.profile.noPoints")}</p>
        ) : (
          <table className="growth-table" data-testid="profile-points">
            <caption>{t("growthPages.profile.byKindCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("growthPages.profile.kind")}</th>
                <th scope="col">{t("growthPages.profile.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((kind) => (
                <tr key={kind} data-kind={kind}>
                  <th scope="row">{t(`growthPages.kinds.${kind}`)}</th>
                  <td data-field="points">{number.format(profile.points.byKind[kind] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card growth-card" aria-labelledby="profile-badges">
        <h2 id="profile-badges">{t("growthPages.profile.badges")}</h2>
        {profile.badges.length === 0 ? (
          <p className="profile-empty">{t("growthPages.profile.noBadges")}</p>
        ) : (
          <ul className="growth-badges" data-testid="profile-badges">
            {profile.badges.map((earned) => {
              const eventTitle = earned.eventTitle ?? sessionEvent.get(earned.sessionId)?.eventTitle ?? null;
              const when = dateTime.format(earned.at);
              return (
                <li key={earned.badge} className="growth-badge" data-badge={earned.badge}>
                  <span className="growth-badge-icon" aria-hidden="true">
                    {BADGE_ICONS[earned.badge]}
                  </span>
                  <span className="growth-badge-text">
                    <span className="growth-badge-name">{t(`growthPages.badges.${earned.badge}.name`)}</span>
                    <span className="growth-badge-when">
                      <time dateTime={new Date(earned.at).toISOString()}>
                        {eventTitle ? t("growthPages.profile.earnedAt", { when, event: eventTitle }) : t("growthPages.profile.earned", { when })}
                      </time>
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card growth-card" aria-labelledby="profile-collectibles">
        <h2 id="profile-collectibles">{t("growthPages.profile.collectibles")}</h2>
        {profile.collectibles.length === 0 ? (
          <p className="profile-empty">{t("growthPages.profile.noCollectibles")}</p>
        ) : (
          <ul className="collectible-grid" data-testid="profile-collectibles">
            {profile.collectibles.map((collectible) => {
              const title = t(collectibleTitleKey(collectible.rule), { quote: collectible.quote });
              return (
                <li key={collectible.id}>
                  <a className="collectible-tile" href={`/c/${encodeURIComponent(collectible.id)}`} data-collectible={collectible.id}>
                    <img src={artworkSource(collectible.seed, collectible.rule, i18n.language)} alt="" width={150} height={150} />
                    <span className="collectible-tile-title">{title}</span>
                    <span className="growth-badge-when">{date.format(collectible.mintedAt)}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="card growth-card" aria-labelledby="profile-sessions">
        <h2 id="profile-sessions">
          {t("growthPages.profile.sessions")} <span className="growth-note">· {t("growthPages.profile.sessionsCount", { count: profile.sessions.length })}</span>
        </h2>
        {profile.sessions.length === 0 ? (
          <p className="profile-empty">{t("growthPages.profile.noSessions")}</p>
        ) : (
          <ul className="session-list" data-testid="profile-sessions">
            {[...profile.sessions].reverse().map((session) => (
              <li key={session.sessionId}>
                <a className="text-link" href={`/e/${encodeURIComponent(session.eventSlug)}`}>
                  {session.eventTitle}
                </a>
                <time className="session-when" dateTime={new Date(session.startedAt).toISOString()}>
                  {dateTime.format(session.startedAt)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
