import { toCsv, toJson } from "../../../../shared/rules/stats/csv.js";
import { exportFileName } from "./format.js";
import type { StatTable } from "./tables.js";

/** What a table's export holds: its header and its raw values (not the text as shown), so figures stay numbers. */
export function tableRecords(table: StatTable): Record<string, string | number | boolean | null>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row.raw[i] ?? null])));
}

/** The file a table exports as: CSV (UTF-8 with BOM, formula-looking cells neutralised, shared/rules/stats/csv.ts) or JSON. */
export function exportText(table: StatTable, format: "csv" | "json"): string {
  if (format === "json") return toJson(tableRecords(table));
  // Keys by position: two columns may share a label (the CSV header), never a key.
  const columns = table.columns.map((header, i) => ({ key: `c${i}`, header }));
  return toCsv(columns, table.rows.map((row) => Object.fromEntries(row.raw.map((cell, i) => [`c${i}`, cell]))));
}

/** Downloads a table as `<slug>-<table>-<date>.<ext>` through a Blob. */
export function downloadTable(slug: string, table: StatTable, format: "csv" | "json"): void {
  const blob = new Blob([exportText(table, format)], { type: format === "csv" ? "text/csv;charset=utf-8" : "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = exportFileName(slug, table.name, new Date(), format);
  document.body.append(link);
  link.click();
  link.remove();
  // The click has read the URL; freeing it at once can cancel the download in some browsers, so a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
