import { escapeHtml as e } from "./html-escape.js";

/**
 * The dashboard's charts as inline SVG, drawn when the page is generated (no chart code runs in
 * the browser). Every series has a pattern as well as a colour, every bar and point its value
 * written beside it, and every chart a title and a description, so a chart reads in greyscale, in
 * print and to a screen reader; the page puts a table with the same numbers under each.
 */

export interface Series {
  readonly name: string;
  /** A CSS class: `s-open`, `s-active`, `s-blocked`, `s-closed`, `s-done`, `s-created`, … */
  readonly kind: string;
  readonly values: readonly (number | null)[];
}

const W = 640;
const H = 240;
const PAD = { top: 20, right: 12, bottom: 42, left: 40 };

/** Shared fills: a pattern per series kind, referenced from every chart on the page. */
export function renderPatternDefs(): string {
  return `<svg class="defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>
<pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect class="pbg" width="6" height="6"/><circle class="pfg" cx="3" cy="3" r="1.3"/></pattern>
<pattern id="p-diag" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="pbg" width="6" height="6"/><rect class="pfg" width="2.2" height="6"/></pattern>
<pattern id="p-cross" width="7" height="7" patternUnits="userSpaceOnUse"><rect class="pbg" width="7" height="7"/><path class="pline" d="M0 0L7 7M7 0L0 7"/></pattern>
<pattern id="p-hlines" width="6" height="6" patternUnits="userSpaceOnUse"><rect class="pbg" width="6" height="6"/><rect class="pfg" y="2" width="6" height="2"/></pattern>
</defs></svg>`;
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(1));

function frame(id: string, title: string, desc: string, body: string, height = H): string {
  return `<svg class="chart" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${id}-t ${id}-d" id="${id}"><title id="${id}-t">${e(title)}</title><desc id="${id}-d">${e(desc)}</desc>${body}</svg>`;
}

function yAxis(max: number, height: number, unit = "", right = PAD.right): string {
  const plot = height - PAD.top - PAD.bottom;
  const ticks = [0, 0.5, 1].map((f) => {
    const y = PAD.top + plot - f * plot;
    return `<line class="grid" x1="${PAD.left}" x2="${W - right}" y1="${y}" y2="${y}"/><text class="tick" x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${e(fmt(max * f))}${e(unit)}</text>`;
  });
  return ticks.join("");
}

function legend(series: readonly Series[], y: number): string {
  let x = PAD.left;
  return series
    .map((s) => {
      const item = `<g class="legend"><rect class="${e(s.kind)}" x="${x}" y="${y - 9}" width="12" height="12"/><text x="${x + 16}" y="${y + 1}">${e(s.name)}</text></g>`;
      x += 28 + s.name.length * 7.5;
      return item;
    })
    .join("");
}

/** Grouped bars: one group per label, one bar per series, each with its value on top. */
export function renderBarChart(id: string, title: string, desc: string, labels: readonly string[], series: readonly Series[], unit = ""): string {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const plot = H - PAD.top - PAD.bottom;
  const groupW = (W - PAD.left - PAD.right) / Math.max(1, labels.length);
  const barW = Math.min(28, (groupW - 8) / Math.max(1, series.length));
  const bars = labels.map((label, i) => {
    const x0 = PAD.left + i * groupW + (groupW - barW * series.length) / 2;
    const group = series.map((s, j) => {
      const v = s.values[i] ?? null;
      const h = v === null ? 0 : (v / max) * plot;
      const x = x0 + j * barW;
      const y = PAD.top + plot - h;
      const text = v === null ? "–" : `${fmt(v)}${unit}`;
      return `<rect class="${e(s.kind)}" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" data-series="${e(s.name)}" data-label="${e(label)}" data-value="${v === null ? "" : v}"><title>${e(`${label} · ${s.name}: ${text}`)}</title></rect><text class="value" x="${(x + (barW - 2) / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${e(text)}</text>`;
    });
    return `${group.join("")}<text class="tick" x="${(PAD.left + i * groupW + groupW / 2).toFixed(1)}" y="${H - PAD.bottom + 15}" text-anchor="middle">${e(label)}</text>`;
  });
  return frame(id, title, desc, `${yAxis(max, H, unit)}${bars.join("")}${legend(series, H - 8)}`);
}

/** Lines with a marker per point (a different shape per series) and the value beside each. */
export function renderLineChart(id: string, title: string, desc: string, labels: readonly string[], series: readonly Series[], unit = ""): string {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const plot = H - PAD.top - PAD.bottom;
  const step = (W - PAD.left - PAD.right) / Math.max(1, labels.length);
  const xOf = (i: number) => PAD.left + step * i + step / 2;
  const yOf = (v: number) => PAD.top + plot - (v / max) * plot;
  const lines = series.map((s, j) => {
    const points = s.values.map((v, i) => (v === null ? null : ([xOf(i), yOf(v), v, i] as const)));
    const path = points.filter((p) => p !== null).map(([x, y], k) => `${k === 0 ? "M" : "L"}${x.toFixed(1)} ${y.toFixed(1)}`).join("");
    const marks = points.map((p) => {
      if (p === null) return "";
      const [x, y, v, i] = p;
      const shape = j % 2 === 0 ? `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4"/>` : `<rect x="${(x - 4).toFixed(1)}" y="${(y - 4).toFixed(1)}" width="8" height="8"/>`;
      return `<g class="mark ${e(s.kind)}" data-series="${e(s.name)}" data-label="${e(labels[i] ?? "")}" data-value="${v}">${shape}<title>${e(`${labels[i] ?? ""} · ${s.name}: ${fmt(v)}${unit}`)}</title></g><text class="value" x="${x.toFixed(1)}" y="${(y + (j % 2 === 0 ? 18 : -9)).toFixed(1)}" text-anchor="middle">${e(fmt(v))}</text>`;
    });
    return `<path class="line ${e(s.kind)}${j % 2 === 1 ? " dashed" : ""}" d="${path}"/>${marks.join("")}`;
  });
  const ticks = labels.map((label, i) => `<text class="tick" x="${xOf(i).toFixed(1)}" y="${H - PAD.bottom + 15}" text-anchor="middle">${e(label)}</text>`);
  return frame(id, title, desc, `${yAxis(max, H, unit)}${lines.join("")}${ticks.join("")}${legend(series, H - 8)}`);
}

/** Stacked areas over time (cumulative flow): the first series at the bottom, each named at the right with its last value. */
export function renderStackedArea(id: string, title: string, desc: string, labels: readonly string[], series: readonly Series[]): string {
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plot = H - PAD.top - PAD.bottom;
  const n = labels.length;
  const right = 96;
  const xOf = (i: number) => PAD.left + (n <= 1 ? 0 : (i / (n - 1)) * (W - PAD.left - right));
  const yOf = (v: number) => PAD.top + plot - (v / max) * plot;
  const base = labels.map(() => 0);
  const names: { y: number; text: string }[] = [];
  const areas = series.map((s) => {
    const lower = [...base];
    s.values.forEach((v, i) => (base[i] = (base[i] ?? 0) + (v ?? 0)));
    const top = base.map((v, i) => `${xOf(i).toFixed(1)} ${yOf(v).toFixed(1)}`);
    const bottom = lower.map((v, i) => `${xOf(i).toFixed(1)} ${yOf(v).toFixed(1)}`).reverse();
    const now = s.values[n - 1] ?? 0;
    names.push({ y: (yOf(base[n - 1] ?? 0) + yOf(lower[n - 1] ?? 0)) / 2 + 4, text: `${s.name} ${now}` });
    return `<path class="area ${e(s.kind)}" d="M${top.join("L")}L${bottom.join("L")}Z"><title>${e(`${s.name}: ${now} now`)}</title></path>`;
  });
  // Bands stack bottom-up: each name sits at least a line above the one below it.
  names.forEach((name, i) => {
    const below = names[i - 1];
    name.y = Math.min(name.y, below ? below.y - 14 : H - PAD.bottom);
  });
  const nameText = names.map((name) => `<text class="value" x="${(xOf(n - 1) + 6).toFixed(1)}" y="${name.y.toFixed(1)}">${e(name.text)}</text>`).join("");
  const every = Math.max(1, Math.ceil(n / 7));
  const ticks = labels.map((label, i) => (i % every === 0 ? `<text class="tick" x="${xOf(i).toFixed(1)}" y="${H - PAD.bottom + 15}" text-anchor="middle">${e(label.slice(5))}</text>` : "")).join("");
  return frame(id, title, desc, `${yAxis(max, H, "", right)}${areas.join("")}${nameText}${ticks}${legend(series, H - 8)}`);
}

/** Horizontal stacked bars, one row per label (work in progress per person). */
export function renderHorizontalBars(id: string, title: string, desc: string, labels: readonly string[], series: readonly Series[]): string {
  const row = 26;
  const height = PAD.top + labels.length * row + 36;
  const left = 120;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const scale = (W - left - 170) / max;
  const rows = labels.map((label, i) => {
    let x = left;
    const y = PAD.top + i * row;
    const parts = series.map((s) => {
      const v = s.values[i] ?? 0;
      const w = v * scale;
      const part = v > 0 ? `<rect class="${e(s.kind)}" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${row - 8}" data-series="${e(s.name)}" data-label="${e(label)}" data-value="${v}"><title>${e(`${label} · ${s.name}: ${v}`)}</title></rect>` : "";
      x += w;
      return part;
    });
    const text = series.map((s) => `${s.values[i] ?? 0} ${s.name}`).join(", ");
    return `<text class="tick" x="${left - 8}" y="${y + 13}" text-anchor="end">${e(label.length > 16 ? `${label.slice(0, 15)}…` : label)}</text>${parts.join("")}<text class="value" x="${(x + 6).toFixed(1)}" y="${y + 13}">${e(text)}</text>`;
  });
  return frame(id, title, desc, `${rows.join("")}${legend(series, height - 8)}`, height);
}
