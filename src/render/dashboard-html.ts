import type { DashboardView } from "../reports/dashboard.js";
import type { DashboardCard, DashboardColumn, TaskDetail } from "../reports/dashboard-tasks.js";
import type { TaskRef } from "../reports/task-facts.js";
import { renderDelivery, renderGoals } from "./dashboard-delivery.js";
import { renderMarkdown } from "./dashboard-markdown.js";
import { DASHBOARD_JS } from "./dashboard-script.js";
import { DASHBOARD_CSS } from "./dashboard-style.js";
import { renderPatternDefs } from "./dashboard-svg.js";
import { anchorId, escapeHtml as e } from "./html-escape.js";

/**
 * The dashboard as one self-contained HTML page. Everything in the view came from other people's
 * commits, so every string goes through `escapeHtml` and task bodies through the safe Markdown
 * renderer. The page's Content-Security-Policy allows its own inline script and style by hash and
 * nothing else: no other script, no request of any kind (default-src 'none').
 */

export interface RenderOptions {
  /** base64 of the SHA-256 of a string (the command passes node:crypto's). */
  readonly sha256: (text: string) => string;
}

const TITLES: Readonly<Record<string, string>> = { open: "Open", active: "Active", blocked: "Blocked", closed: "Closed" };

const taskLink = (id: string): string => `#${anchorId("task", id)}`;

function card(c: DashboardCard, detailed: ReadonlySet<string>): string {
  const attrs = [`data-id="${e(c.id)}"`, `data-labels="${e(JSON.stringify(c.labels))}"`, c.owner !== null ? `data-owner="${e(c.owner)}"` : "", c.goal !== null ? `data-goal="${e(c.goal)}"` : ""].filter(Boolean).join(" ");
  const title = detailed.has(c.id) ? `<a class="title" href="${taskLink(c.id)}">${e(c.title)}</a>` : `<span class="title">${e(c.title)}</span>`;
  const meta = [
    `<span class="id">${e(c.id)}</span>`,
    `<span>${e(c.status)}</span>`,
    `<span class="owner">${c.owner === null ? "no owner" : `@${e(c.owner)}`}</span>`,
    c.dueText !== null ? `<span class="due">due ${e(c.dueText)}</span>` : "",
    c.goal !== null ? `<span>goal ${e(c.goal)}</span>` : "",
  ].join("");
  const marks = [c.overdue ? `<span class="mark overdue">overdue</span>` : "", c.stale ? `<span class="mark stale">stale</span>` : ""].join("");
  const labels = c.labels.length > 0 ? `<ul class="chips" aria-label="labels">${c.labels.map((l) => `<li class="chip">${e(l)}</li>`).join("")}</ul>` : "";
  const reason = c.category === "blocked" ? `<div class="reason">${c.blockedReason === null ? "blocked (no reason given)" : `blocked: ${e(c.blockedReason)}`}</div>` : "";
  return `<li class="card" ${attrs}>${marks ? `<div>${marks}</div>` : ""}${title}<div class="meta">${meta}</div>${labels}${reason}</li>`;
}

function column(c: DashboardColumn, detailed: ReadonlySet<string>): string {
  const more = c.hidden > 0 ? `<p class="more">… and ${c.hidden} more ${e(c.category)} task${c.hidden === 1 ? "" : "s"} not shown (tasks list shows them all)</p>` : "";
  const empty = c.count === 0 ? `<p class="more">None.</p>` : "";
  return `<section class="column c-${e(c.category)}" data-category="${e(c.category)}" aria-label="${e(TITLES[c.category] ?? c.category)}"><h3>${e(TITLES[c.category] ?? c.category)} <span class="count" data-count="${c.count}">${c.count}</span></h3><p class="more shown" aria-live="polite"></p><ul class="cards">${c.cards.map((x) => card(x, detailed)).join("")}</ul>${more}${empty}</section>`;
}

function options(id: string, label: string, values: readonly string[]): string {
  return `<label for="${id}">${e(label)}<select id="${id}"><option value="">all</option>${values.map((v) => `<option value="${e(v)}">${e(v)}</option>`).join("")}</select></label>`;
}

function board(view: DashboardView, detailed: ReadonlySet<string>): string {
  const f = view.filters;
  const filters = `<form id="filters" class="filters" hidden role="search">${options("f-owner", "Owner", f.owners)}${options("f-label", "Label", f.labels)}${options("f-goal", "Goal", f.goals)}<label for="f-text">Text<input id="f-text" type="search" placeholder="id, title, owner…" autocomplete="off"></label><button type="reset">Clear</button><output id="f-status" aria-live="polite"></output></form><noscript><p class="noscript">Filters need JavaScript; everything else on this page works without it.</p></noscript>`;
  return `<section class="block" id="board" aria-labelledby="h-board"><h2 id="h-board">Board</h2>${filters}<div class="board">${view.columns.map((c) => column(c, detailed)).join("")}</div></section>`;
}

function team(view: DashboardView): string {
  if (view.people.length === 0) return `<section class="block" id="team"><h2>Team</h2><p class="muted">No roster yet: add people under <code>team:</code> in .tasks/config.yml.</p></section>`;
  const people = view.people.map((p) => {
    const back = `back ${e(p.nextWindowStartText)} (${e(p.startsIn)})`;
    const state = p.working
      ? `<span class="state on">at work</span> until ${e(p.windowEndText)}`
      : p.away
        ? `<span class="state away">${p.away.kind === "holiday" ? `holiday${p.away.holiday ? ` · ${e(p.away.holiday)}` : ""}` : `away until ${e(p.away.to ?? p.away.untilText)}${p.away.note ? ` · ${e(p.away.note)}` : ""}`}</span> · ${back}`
        : `<span class="state off">outside hours</span> · ${back}`;
    const holds = p.holds.length > 0 ? `<ul>${p.holds.map((t) => `<li><a href="${taskLink(t.id)}">${e(t.title)}</a> <span class="muted">${e(t.status)}</span></li>`).join("")}</ul>` : `<p class="muted">Holds nothing open.</p>`;
    return `<article class="person" data-handle="${e(p.handle)}"><h3>${e(p.name)} <span class="muted">@${e(p.handle)}</span></h3><div>${e(p.localTimeText)} <span class="muted">${e(p.zone)} (UTC${e(p.offset)})</span></div><div class="muted">works ${e(p.daysText)} ${e(p.hoursText)}</div><div>${state}</div><div class="muted">${p.counts.open} open · ${p.counts.active} active · ${p.counts.blocked} blocked${p.counts.overdue > 0 ? ` · <span class="mark overdue">${p.counts.overdue} overdue</span>` : ""}</div>${holds}</article>`;
  });
  return `<section class="block" id="team" aria-labelledby="h-team"><h2 id="h-team">Team <span class="muted">at ${e(view.generatedAtText)}</span></h2><div class="people">${people.join("")}</div></section>`;
}

function refItem(t: TaskRef, detail = ""): string {
  return `<li><a href="${taskLink(t.id)}"><span class="id">${e(t.id)}</span></a> ${e(t.title)} <span class="muted">${t.owner === null ? "no owner" : `@${e(t.owner)}`}${t.dueText ? ` · due ${e(t.dueText)}` : ""}${detail}</span></li>`;
}

function list(title: string, id: string, items: readonly string[], empty: string): string {
  return `<div id="${id}"><h3>${e(title)} <span class="muted">${items.length}</span></h3>${items.length > 0 ? `<ul>${items.join("")}</ul>` : `<p class="muted">${e(empty)}</p>`}</div>`;
}

function attention(view: DashboardView): string {
  const a = view.attention;
  const blocked = a.blocked.map((t) => refItem(t, ` · blocked${t.blockedDays !== null ? ` ${t.blockedDays} d` : ""}${t.sinceText ? ` since ${e(t.sinceText)}` : ""}${t.reason ? ` · on: ${e(t.reason)}` : ""}`));
  const stale = a.stale.map((t) => refItem(t, t.quietWorkingDays !== null ? ` · quiet ${t.quietWorkingDays} working days` : " · no activity in the history read"));
  const findings = view.findings.map(
    (f) => `<li><span class="sev-${e(f.severity)}">${e(f.severity)}</span> <code>${e(f.rule)}</code> ${f.path !== null ? `<code>${e(f.path)}${f.line !== null ? `:${f.line}` : ""}</code> ` : ""}${e(f.message)}${f.hint ? ` <span class="muted">(${e(f.hint)})</span>` : ""}</li>`,
  );
  return `<section class="block" id="attention" aria-labelledby="h-attention"><h2 id="h-attention">Needs attention</h2><div class="attention">${list("Overdue", "att-overdue", a.overdue.map((t) => refItem(t)), "Nothing is overdue.")}${list("Blocked", "att-blocked", blocked, "Nothing is blocked.")}${list("Stale", "att-stale", stale, "Nothing is stale.")}${list("No owner", "att-ownerless", a.ownerless.map((t) => refItem(t)), "Every open task has an owner.")}${list("tasks check", "att-findings", findings, "tasks check finds nothing.")}</div></section>`;
}

function ready(view: DashboardView): string {
  const { count, tasks } = view.ready;
  const items = tasks.map((t) => refItem(t, ` · ${e(t.reason)}`));
  const more = count > tasks.length ? `<p class="muted">and ${count - tasks.length} more: <code>tasks next</code> lists them all.</p>` : "";
  const body = items.length > 0 ? `<ol>${items.join("")}</ol>${more}` : `<p class="muted">Nothing is waiting: every open, unblocked task is claimed or waits on another.</p>`;
  return `<section class="block" id="ready" aria-labelledby="h-ready"><h2 id="h-ready">Up next <span class="muted">${count} unclaimed and workable, in the order tasks next gives</span></h2>${body}</section>`;
}

function detail(t: TaskDetail): string {
  const dod = t.definitionOfDone.length > 0 ? `<h4>Definition of done <span class="muted">${t.definitionOfDone.filter((c) => c.met).length} of ${t.definitionOfDone.length} met</span></h4><ul class="dod">${t.definitionOfDone.map((c) => `<li class="${c.met ? "met" : "open"}">${e(c.text)}${c.met && c.by ? ` <span class="muted">(${e(c.by)})</span>` : ""}</li>`).join("")}</ul>` : "";
  const log = t.log.length > 0 ? `<h4>Log</h4><ol class="log">${t.log.map((l) => `<li><span class="when">${e(l.stamp)}</span> <b>${e(l.who)}</b>: ${e(l.text)}</li>`).join("")}</ol>` : "";
  const body = t.description === "" ? "" : `<div class="body">${renderMarkdown(t.description)}</div>`;
  return `<article class="task" id="${anchorId("task", t.id)}"><h3>${e(t.title)} <span class="id muted">${e(t.id)}</span></h3><div class="muted">${e(t.status)} · <code>${e(t.path)}</code> · <a href="#board">back to the board</a></div>${body}${dod}${log}</article>`;
}

export function renderDashboardHtml(view: DashboardView, options: RenderOptions): string {
  const detailed = new Set(view.tasks.map((t) => t.id));
  const shownCards = view.columns.reduce((n, c) => n + c.cards.length, 0);
  const csp = `default-src 'none'; script-src 'sha256-${options.sha256(DASHBOARD_JS)}'; style-src 'sha256-${options.sha256(DASHBOARD_CSS)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const commit = view.commit === null ? "no commit yet" : `commit <code title="${e(view.commit)}">${e(view.commit.slice(0, 12))}</code>`;
  const t = view.totals;
  const tiles = [
    ["open", t.open],
    ["active", t.active],
    ["blocked", t.blocked],
    ["closed", t.closed],
    ["overdue", view.attention.overdue.length],
    ["stale", view.attention.stale.length],
  ]
    .map(([name, n]) => `<div class="tile" data-total="${name}"><b>${n}</b><span>${name}</span></div>`)
    .join("");
  const omitted = t.tasks - shownCards;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="git-tasks">
<title>Tasks dashboard · ${e(view.repository)}</title>
<link rel="icon" href="data:,">
<style>${DASHBOARD_CSS}</style>
</head>
<body>
${renderPatternDefs()}
<header class="top"><h1>Tasks dashboard <span class="muted">· ${e(view.repository)}</span></h1>
<p class="stamp">Generated <time datetime="${e(view.generatedAt)}">${e(view.generatedAtText)}</time> · ${e(view.generatedAtUtc)} · ${commit} · ${t.tasks} tasks${omitted > 0 ? ` (${omitted} not shown as cards)` : ""}</p>
<nav class="sections" aria-label="sections"><a href="#board">Board</a><a href="#team">Team</a><a href="#delivery">Delivery</a><a href="#goals">Goals</a><a href="#attention">Attention</a><a href="#ready">Up next</a><a href="#tasks">Tasks</a></nav>
<div class="tiles">${tiles}</div></header>
<main>
${board(view, detailed)}
${team(view)}
${renderDelivery(view)}
${renderGoals(view)}
${attention(view)}
${ready(view)}
<section class="block" id="tasks" aria-labelledby="h-tasks"><h2 id="h-tasks">Tasks <span class="muted">${view.tasks.length} on the board</span></h2>${view.tasks.map(detail).join("")}</section>
</main>
<script>${DASHBOARD_JS}</script>
</body>
</html>
`;
}
