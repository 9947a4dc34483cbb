import { parse } from "csv-parse/sync";
import { type Config, firstStatusOf, statusNames } from "./config.js";
import { isValidId } from "./ids.js";
import { isDueValue } from "./task-schema.js";
import { badRecord, importIdentity, importLine, type ImportRecord } from "./import-plan.js";

/**
 * A spreadsheet export, read with csv-parse (quotes, embedded line breaks, a byte order mark), as
 * import records. Which column fills which field is explicit: `--map title=Summary,id=Key,…`; a
 * column that is not mapped is not imported. The `id` column is required: a re-run matches on it.
 */

export const CSV_FIELDS = ["id", "title", "status", "owner", "due", "priority", "labels", "goal", "body", "dod", "depends-on", "url", "created"] as const;
type CsvField = (typeof CSV_FIELDS)[number];

export function parseCsvMap(specs: readonly string[]): Map<CsvField, string> {
  const map = new Map<CsvField, string>();
  for (const spec of specs.flatMap((s) => s.split(","))) {
    if (spec.trim() === "") continue;
    const at = spec.indexOf("=");
    const field = spec.slice(0, at).trim() as CsvField;
    if (at <= 0 || !CSV_FIELDS.includes(field) || spec.slice(at + 1).trim() === "") {
      throw badRecord("--map", "map", `"${importLine(spec)}" is not field=Column`, `fields: ${CSV_FIELDS.join(", ")}`);
    }
    map.set(field, spec.slice(at + 1).trim());
  }
  for (const required of ["id", "title"] as const) {
    if (!map.has(required)) throw badRecord("--map", required, `no column is mapped to ${required}`, `add ${required}=<column> to --map${required === "id" ? " (a re-run matches rows on it)" : ""}`);
  }
  return map;
}

const items = (value: string, separators: RegExp): string[] => value.split(separators).map((v) => v.trim()).filter(Boolean);

export function parseCsvTasks(text: string, input: string, mapSpecs: readonly string[], config: Config, statusMap: ReadonlyMap<string, string>): ImportRecord[] {
  const map = parseCsvMap(mapSpecs);
  let rows: { record: Record<string, string> }[];
  try {
    rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, info: true, trim: false }) as typeof rows;
  } catch (error) {
    throw badRecord(input, "csv", `is not valid CSV: ${importLine((error as Error).message)}`, "export the sheet as CSV (comma-separated, UTF-8)");
  }
  const header = rows[0] ? Object.keys(rows[0].record) : [];
  for (const [field, column] of map) {
    if (rows.length > 0 && !header.includes(column)) throw badRecord(input, field, `has no column "${importLine(column)}"`, `columns: ${header.map(importLine).join(", ")}`);
  }
  // The row number as the spreadsheet shows it: the header is row 1.
  return rows.map(({ record }, index) => {
    const get = (field: CsvField): string => {
      const column = map.get(field);
      return column === undefined ? "" : (record[column] ?? "").trim();
    };
    const where = `${input}: row ${index + 2}`;
    const sourceId = importLine(get("id"));
    if (sourceId === "") throw badRecord(where, `id (${map.get("id")})`, "the id cell is empty");
    const title = importLine(get("title"));
    if (title === "") throw badRecord(where, `title (${map.get("title")})`, "the title cell is empty");
    const upstream = get("status");
    const status = upstream === "" ? firstStatusOf(config, "open") : (statusMap.get(upstream) ?? statusMap.get(upstream.toLowerCase()) ?? upstream.toLowerCase().replace(/\s+/g, "-"));
    if (status === undefined || !statusNames(config).includes(status)) {
      throw badRecord(where, `status (${map.get("status")})`, `status "${importLine(upstream)}" has no match here`, `map it: --status "${importLine(upstream)}=<one of ${statusNames(config).join(", ")}>"`);
    }
    const priority = get("priority").toLowerCase() || undefined;
    if (priority !== undefined && !config.priorities.includes(priority)) throw badRecord(where, `priority (${map.get("priority")})`, `priority "${importLine(priority)}" is not configured`, `configured priorities: ${config.priorities.join(", ")}`);
    const due = get("due") || undefined;
    if (due !== undefined && !isDueValue(due)) throw badRecord(where, `due (${map.get("due")})`, `"${importLine(due)}" is not a date`, "write dates as 2026-12-01");
    const created = get("created") || undefined;
    if (created !== undefined && !isDueValue(created)) throw badRecord(where, `created (${map.get("created")})`, `"${importLine(created)}" is not an ISO date-time`, "write 2026-11-20T09:12:00Z");
    const url = get("url") || undefined;
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) throw badRecord(where, `url (${map.get("url")})`, "url must be an http(s) address");
    return {
      where,
      sourceId,
      url,
      title,
      status,
      people: items(get("owner"), /[,;]/).map(importIdentity).filter(Boolean),
      labels: items(get("labels"), /[,;]/).map(importIdentity).filter(Boolean),
      dod: items(get("dod"), /[\n;]/).map((text) => ({ text: importLine(text), met: false })),
      dependsOn: items(get("depends-on"), /[,;\s]/).map(importLine),
      due,
      priority,
      created,
      goal: importIdentity(get("goal")) || undefined,
      aliases: isValidId(sourceId.toLowerCase()) ? [sourceId.toLowerCase()] : [],
      body: get("body").replace(/\r\n?/g, "\n"),
    };
  });
}
