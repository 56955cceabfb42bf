import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { parseCollectibleRecord } from "../../../shared/rules/growth/collectibles.js";
import { NotFound } from "../NotFound.js";
import { CollectibleAnswer, getJson } from "./growthApi.js";
import { LoadFailed, Loading, PageFrame } from "./PageFrame.js";
import { artworkSource, collectibleTitleKey } from "./ProfilePage.js";
import { useLoaded } from "./useLoaded.js";
import { keyFingerprint, verifyCollectible } from "./verifyCollectible.js";

/** `/c/<id>`: a collectible (GET /api/collectibles/:id), its signature checked here, in the browser. */
export function CollectiblePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { loaded, retry } = useLoaded(id, (signal) => getJson(`/api/collectibles/${encodeURIComponent(id)}`, CollectibleAnswer, signal));
  if (loaded.kind === "notFound") return <NotFound kind="page" />;
  return (
    <PageFrame documentTitle={t("growthPages.collectible.heading")} testId="collectible-page">
      {loaded.kind === "loading" && <Loading />}
      {loaded.kind === "failed" && <LoadFailed onRetry={retry} />}
      {loaded.kind === "ready" && <Collectible answer={loaded.value} />}
    </PageFrame>
  );
}

function Collectible({ answer }: { answer: CollectibleAnswer }) {
  const { t, i18n } = useTranslation();
  // A record that is not even the right shape cannot have been signed as it is: it fails like a changed one.
  const record = useMemo(() => parseCollectibleRecord(answer.record), [answer.record]);
  const verified = useMemo(() => record !== null && verifyCollectible(record, answer.signature, answer.publicKey), [record, answer.signature, answer.publicKey]);
  const fingerprint = keyFingerprint(answer.publicKey);
  const title = record ? t(collectibleTitleKey(record.rule), { quote: record.quote }) : "";
  const dateTime = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short" });

  return (
    <article className="card growth-card collectible-page" aria-labelledby="collectible-title" data-verified={verified ? "true" : "false"}>
      {record && <img className="collectible-art" src={artworkSource(record.seed, record.rule, i18n.language)} alt={t("growthPages.collectible.artwork", { title })} width={360} height={360} data-testid="collectible-art" />}
      <div>
        <p className="collectible-kicker">{t("growthPages.collectible.heading")}</p>
        <h1 id="collectible-title" className="collectible-title" data-testid="collectible-title">
          {title || t("growthPages.collectible.failed")}
        </h1>
        {record && (
          <dl className="collectible-facts">
            <dt>{t("growthPages.collectible.owner")}</dt>
            <dd>
              <a className="text-link" href={`/m/${encodeURIComponent(record.memberId)}`} data-testid="collectible-owner">
                {record.ownerName}
              </a>
            </dd>
            <dt>{t("growthPages.collectible.event")}</dt>
            <dd>
              <a className="text-link" href={`/e/${encodeURIComponent(record.eventSlug)}`}>
                {record.eventTitle}
              </a>
            </dd>
            <dt>{t("growthPages.collectible.minted")}</dt>
            <dd>
              <time dateTime={new Date(record.mintedAt).toISOString()}>{dateTime.format(record.mintedAt)}</time>
            </dd>
          </dl>
        )}
        <div className="verify" data-state={verified ? "verified" : "failed"} role="status" data-testid="collectible-verify">
          <span className="verify-icon" aria-hidden="true">
            {verified ? "✓" : "✗"}
          </span>
          <div>
            <p className="verify-title">{verified ? t("growthPages.collectible.verified") : t("growthPages.collectible.failed")}</p>
            <p>{verified ? t("growthPages.collectible.verifiedBody") : t("growthPages.collectible.failedBody")}</p>
          </div>
        </div>
        {fingerprint && (
          <p className="fingerprint">
            <span title={t("growthPages.collectible.fingerprintHint")}>{t("growthPages.collectible.fingerprint")}</span>
            <br />
            <code data-testid="collectible-fingerprint">{fingerprint}</code>
          </p>
        )}
      </div>
    </article>
  );
}
