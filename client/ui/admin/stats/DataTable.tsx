import { useTranslation } from "react-i18next";
import { downloadTable } from "./exporting.js";
import type { StatTable } from "./tables.js";

/** A table of figures in its own scrolling box, with its CSV and JSON downloads. */
export function DataTable({ table, slug, chartName }: { table: StatTable; slug: string; chartName?: string }) {
  const { t } = useTranslation();
  return (
    <div className="stats-table-block" data-table={table.name}>
      <div className="stats-table-scroll" tabIndex={0} role="region" aria-label={table.caption}>
        <table className="growth-table stats-table" data-chart-table={chartName}>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.columns.map((column, i) => (
                <th key={i} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 && (
              <tr>
                <td colSpan={Math.max(1, table.columns.length)} className="stats-empty">
                  {t("stats.noData")}
                </td>
              </tr>
            )}
            {table.rows.map((row, r) => (
              <tr key={r}>
                {row.shown.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={i}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="stats-export">
        {(["csv", "json"] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button small ghost"
            aria-label={t("stats.exportLabel", { table: table.caption, format: format.toUpperCase() })}
            data-export={format}
            onClick={() => downloadTable(slug, table, format)}
          >
            {format === "csv" ? t("stats.exportCsv") : t("stats.exportJson")}
          </button>
        ))}
      </div>
    </div>
  );
}
