import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { toDataURL, toString as toSvgString } from "qrcode";

interface QrCodeProps {
  /** The absolute link the code holds. */
  link: string;
  title: string;
  slug: string;
}

type Drawn = { kind: "drawing" } | { kind: "failed" } | { kind: "drawn"; svg: string; png: string };

/** Medium error correction: a printed code still scans with a smudge or a fold. */
const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 2, color: { dark: "#1d2a21", light: "#ffffff" } } as const;

/** The QR code of a member link, drawn here in the browser (nothing fetched), with SVG and PNG downloads. */
export function QrCode({ link, title, slug }: QrCodeProps) {
  const { t } = useTranslation();
  const [drawn, setDrawn] = useState<Drawn>({ kind: "drawing" });
  useEffect(() => {
    let current = true;
    Promise.all([toSvgString(link, { ...QR_OPTIONS, type: "svg", width: 256 }), toDataURL(link, { ...QR_OPTIONS, width: 768 })]).then(
      ([svg, png]) => current && setDrawn({ kind: "drawn", svg: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, png }),
      () => current && setDrawn({ kind: "failed" }),
    );
    return () => {
      current = false;
    };
  }, [link]);

  if (drawn.kind === "failed") return <p className="form-error">{t("admin.qrFailed")}</p>;
  return (
    <figure className="admin-qr" data-testid="admin-qr" data-link={link}>
      {drawn.kind === "drawn" ? (
        <img src={drawn.svg} alt={t("admin.qrAlt", { title, link })} width={160} height={160} data-testid="admin-qr-image" />
      ) : (
        <div className="admin-qr-placeholder" aria-hidden="true" />
      )}
      {drawn.kind === "drawn" && (
        <figcaption className="admin-qr-downloads">
          <a className="text-link" href={drawn.svg} download={`${slug}-qr.svg`} data-testid="admin-qr-svg">
            {t("admin.qrDownloadSvg")}
          </a>
          <a className="text-link" href={drawn.png} download={`${slug}-qr.png`} data-testid="admin-qr-png">
            {t("admin.qrDownloadPng")}
          </a>
        </figcaption>
      )}
    </figure>
  );
}
