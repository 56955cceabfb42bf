import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as AdminPageModule from "./AdminPage.js";

type Loaded = { kind: "loading" } | { kind: "failed" } | { kind: "ready"; module: typeof AdminPageModule };

/**
 * `/admin`: the operator's page comes by import(), so its code (forms, the QR encoder) never weighs on the lobby's
 * entry bundle (test/server/bundle.test.ts checks the build).
 */
export function AdminRoute() {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });
  useEffect(() => {
    let current = true;
    import("./AdminPage.js").then(
      (module) => current && setLoaded({ kind: "ready", module }),
      () => current && setLoaded({ kind: "failed" }),
    );
    return () => {
      current = false;
    };
  }, []);

  if (loaded.kind === "ready") return <loaded.module.AdminPage />;
  if (loaded.kind === "failed") {
    return (
      <div className="page-loading" role="alert" data-testid="page-load-failed">
        <p>{t("admin.loadFailed")}</p>
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          {t("admin.reload")}
        </button>
      </div>
    );
  }
  return (
    <div className="page-loading" role="status">
      <span className="page-loading-mark" aria-hidden="true">🌳</span>
      <p>{t("admin.loading")}</p>
    </div>
  );
}
