import type { DashboardView } from "../reports/dashboard.js";
import { renderBarChart, renderHorizontalBars, renderLineChart, renderStackedArea } from "./dashboard-svg.js";
import { escapeHtml as e } from "./html-escape.js";

/**
 * The delivery and goals sections: each chart followed by a table of the same numbers (with
 * `data-metric` cells the browser tests read back and compare with `report weekly --json`).
 */

const num = (v: number | null | undefined): string => (v === null || v === undefined ? "–" : String(v));

function table(head: readonly string[], rows: readonly (readonly string[])[], id: string): string {
  const th = head.map((h, i) => `<th${i > 0 ? ' class="n"' : ""} scope="col">${e(h)}</th>`).join("");
  return `<details class="numbers"><summary>The numbers</summary><table id="${id}"><thead><tr>${th}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join("")}</tr>`).join("")}</tbody></table></details>`;
}

const cell = (metric: string, value: string | number | null): string => `<td class="n" data-metric="${e(metric)}">${e(num(value as number | null))}</td>`;

function figure(caption: string, chart: string, numbers: string): string {
  return `<figure><figcaption>${e(caption)}</figcaption>${chart}${numbers}</figure>`;
}

export function renderDelivery(view: DashboardView): string {
  const weeks = view.weeks;
  const labels = weeks.map((w) => w.label.replace(/^\d{4}-/, ""));
  const rows = weeks.map((w) => `<th scope="row" data-week="${e(w.label)}">${e(w.label)}${w.complete ? "" : " (so far)"}</th>`);
  const throughput = figure(
    "Created vs completed per week",
    renderBarChart("chart-throughput", "Tasks completed and created per week", `Completed per week: ${weeks.map((w) => `${w.label} ${w.throughput}`).join(", ")}.`, labels, [
      { name: "completed", kind: "s-completed", values: weeks.map((w) => w.throughput) },
      { name: "created", kind: "s-created", values: weeks.map((w) => w.created) },
    ]),
    table(["Week", "Completed", "Created"], weeks.map((w, i) => [rows[i] ?? "", cell("throughput", w.throughput), cell("created", w.created)]), "t-throughput"),
  );
  const cycle = figure(
    "Cycle time (days, first active → done)",
    renderLineChart("chart-cycle", "Cycle time per week, median and 85th percentile, in days", `Median cycle time per week: ${weeks.map((w) => `${w.label} ${num(w.medianCycleDays)}`).join(", ")}.`, labels, [
      { name: "median", kind: "s-median", values: weeks.map((w) => w.medianCycleDays) },
      { name: "85th percentile", kind: "s-p85", values: weeks.map((w) => w.p85CycleDays) },
    ]),
    table(["Week", "Median (days)", "p85 (days)"], weeks.map((w, i) => [rows[i] ?? "", cell("medianCycleDays", w.medianCycleDays), cell("p85CycleDays", w.p85CycleDays)]), "t-cycle"),
  );
  const onTime = figure(
    "On-time rate (completed by their due date)",
    renderBarChart("chart-ontime", "Share of completed tasks with a due date that were done on time, per week", `On time: ${weeks.map((w) => `${w.label} ${w.onTimePercent ?? "no due dates"}`).join(", ")}.`, labels, [
      { name: "on time %", kind: "s-ontime", values: weeks.map((w) => (w.onTimeRate === null ? null : Math.round(w.onTimeRate * 100))) },
    ], "%"),
    table(["Week", "On time", "With a due date", "Rate"], weeks.map((w, i) => [rows[i] ?? "", cell("onTimeCount", w.onTimeCount), cell("withDueCount", w.withDueCount), cell("onTimePercent", w.onTimePercent)]), "t-ontime"),
  );
  const flowLabels = view.flow.map((p) => p.date);
  const kinds = ["open", "active", "blocked", "closed"] as const;
  const flow = figure(
    "Cumulative flow by status category (end of each day)",
    renderStackedArea(
      "chart-flow",
      "Cumulative flow: tasks per status category at the end of each day",
      `Now: ${kinds.map((k) => `${view.flow[view.flow.length - 1]?.[k] ?? 0} ${k}`).join(", ")}.`,
      flowLabels,
      kinds.map((k) => ({ name: k, kind: `s-${k}`, values: view.flow.map((p) => p[k]) })),
    ),
    table(["Day", ...kinds], view.flow.map((p) => [`<th scope="row">${e(p.date)}</th>`, ...kinds.map((k) => cell(k, p[k]))]), "t-flow"),
  );
  const wipLabels = view.wip.map((w) => w.owner);
  const wip = figure(
    "Work in progress per person (now)",
    view.wip.length === 0
      ? `<p class="muted">Nothing is in progress.</p>`
      : renderHorizontalBars("chart-wip", "Active and blocked tasks per person", view.wip.map((w) => `${w.owner}: ${w.active} active, ${w.blocked} blocked`).join("; "), wipLabels, [
          { name: "active", kind: "s-active", values: view.wip.map((w) => w.active) },
          { name: "blocked", kind: "s-blocked", values: view.wip.map((w) => w.blocked) },
        ]),
    table(["Person", "Active", "Blocked"], view.wip.map((w) => [`<th scope="row">${e(w.owner)}</th>`, cell("active", w.active), cell("blocked", w.blocked)]), "t-wip"),
  );
  return `<section class="block" id="delivery" aria-labelledby="h-delivery"><h2 id="h-delivery">Delivery over the last ${weeks.length} weeks</h2><div class="charts">${throughput}${cycle}${onTime}${flow}${wip}</div></section>`;
}

export function renderGoals(view: DashboardView): string {
  if (view.goals.length === 0) return `<section class="block" id="goals"><h2>Goals</h2><p class="muted">No task names a goal.</p></section>`;
  const goals = view.goals.map((g, i) => {
    const labels = g.burnUp.map((p) => p.date.slice(5));
    const chart = renderLineChart(`chart-goal-${i}`, `Burn-up for ${g.goal}: scope and done at the end of each week`, `${g.goal}: ${g.done} of ${g.total} done.`, labels, [
      { name: "done", kind: "s-done", values: g.burnUp.map((p) => p.done) },
      { name: "scope", kind: "s-scope", values: g.burnUp.map((p) => p.scope) },
    ]);
    const numbers = table(["Week end", "Done", "Scope"], g.burnUp.map((p) => [`<th scope="row">${e(p.date)}</th>`, cell("done", p.done), cell("scope", p.scope)]), `t-goal-${i}`);
    return `<figure class="goal" data-goal="${e(g.goal)}"><figcaption>${e(g.goal)} · <span data-metric="goal-done">${g.done}</span> done, <span data-metric="goal-open">${g.open}</span> open (${g.percent}%)</figcaption><progress max="${g.total}" value="${g.done}">${g.percent}%</progress>${chart}${numbers}</figure>`;
  });
  return `<section class="block" id="goals" aria-labelledby="h-goals"><h2 id="h-goals">Goals</h2><div class="goals">${goals.join("")}</div></section>`;
}
