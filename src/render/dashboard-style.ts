/**
 * The dashboard's one style sheet, inlined in a `<style>` block the page's CSP allows by hash:
 * system fonts, light and dark (prefers-color-scheme), a phone-width layout and a print layout.
 * No style attributes anywhere: the CSP refuses them.
 */
export const DASHBOARD_CSS = `
:root{--bg:#f6f7f9;--panel:#fff;--ink:#1b1f24;--muted:#5b6470;--line:#dde1e6;--accent:#2f5fd0;--chip:#eef1f5;
--open:#6c8ebf;--active:#2f8f6a;--blocked:#c8553d;--closed:#8a94a3;--created:#b38b2d;--done:#2f8f6a;--warn:#9a5b00;--warnbg:#fff4e0;--bad:#b3261e;--badbg:#fde8e6;--ok:#1f7a4d;
color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--panel:#1a1f25;--ink:#e6e9ed;--muted:#9aa4b1;--line:#2d343c;--accent:#8fb0ff;--chip:#262d35;
--open:#7fa2d6;--active:#4fbf8f;--blocked:#e67a62;--closed:#7d8896;--created:#d9b04f;--done:#4fbf8f;--warn:#ffc46b;--warnbg:#3a2d14;--bad:#ff8a80;--badbg:#3d1c1a;--ok:#6fd59f}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
a{color:var(--accent)}
code,.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.86em}
header.top{background:var(--panel);border-bottom:1px solid var(--line);padding:18px 24px 12px}
header.top h1{margin:0;font-size:1.45rem;letter-spacing:-.01em}
.stamp{color:var(--muted);font-size:.88rem;margin:.2rem 0 .6rem}
nav.sections{display:flex;gap:14px;flex-wrap:wrap;font-size:.92rem}
nav.sections a{text-decoration:none;font-weight:600}
main{max-width:1400px;margin:0 auto;padding:16px 24px 48px}
section.block{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:0 0 18px}
h2{font-size:1.15rem;margin:0 0 12px}
h3{font-size:1rem;margin:14px 0 8px}
.muted{color:var(--muted)}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(120px,100%),1fr));gap:10px;margin-top:12px}
.tile{border:1px solid var(--line);border-radius:8px;padding:8px 12px;background:var(--bg)}
.tile b{display:block;font-size:1.5rem;line-height:1.2}
.tile span{color:var(--muted);font-size:.82rem}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:end;margin:0 0 12px}
.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);gap:2px}
.filters select,.filters input{font:inherit;font-size:.92rem;padding:5px 8px;border:1px solid var(--line);border-radius:6px;background:var(--panel);color:var(--ink);min-width:10rem}
.filters button{font:inherit;font-size:.88rem;padding:5px 12px;border:1px solid var(--line);border-radius:6px;background:var(--chip);color:var(--ink);cursor:pointer}
.more.shown:empty{display:none}
.filters output{font-size:.85rem;color:var(--muted);padding-bottom:6px}
.board{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px}
.column{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:8px;min-width:0}
.column h3{margin:2px 4px 8px;display:flex;justify-content:space-between;align-items:center;font-size:.95rem}
.column h3 .count{font-weight:600;color:var(--muted);font-size:.85rem}
.column.c-open h3{border-left:4px solid var(--open);padding-left:6px}
.column.c-active h3{border-left:4px solid var(--active);padding-left:6px}
.column.c-blocked h3{border-left:4px solid var(--blocked);padding-left:6px}
.column.c-closed h3{border-left:4px solid var(--closed);padding-left:6px}
.cards{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:7px;padding:8px 10px;overflow-wrap:anywhere;content-visibility:auto;contain-intrinsic-size:auto 96px}
.card .title{font-weight:600;text-decoration:none;color:var(--ink);display:block;margin:1px 0 4px}
.card .title:hover{text-decoration:underline}
.card .meta{font-size:.8rem;color:var(--muted);display:flex;flex-wrap:wrap;gap:4px 10px}
.chips{display:flex;flex-wrap:wrap;gap:4px;margin-top:5px;padding:0;list-style:none}
.chip{background:var(--chip);border-radius:99px;padding:0 8px;font-size:.75rem}
.mark{font-size:.72rem;font-weight:700;border-radius:4px;padding:0 5px;text-transform:uppercase;letter-spacing:.03em}
.mark.overdue{color:var(--bad);background:var(--badbg)}
.mark.stale{color:var(--warn);background:var(--warnbg)}
.reason{font-size:.82rem;margin-top:4px;border-left:3px solid var(--blocked);padding-left:6px}
.more{font-size:.82rem;color:var(--muted);padding:4px}
.people{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(250px,100%),1fr));gap:10px}
.person{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:var(--bg)}
.person h3{margin:0;font-size:.98rem}
.person .state{font-size:.78rem;font-weight:700}
.person .state.on{color:var(--ok)}
.person .state.off{color:var(--muted)}
.person .state.away{color:var(--warn)}
.person ul{margin:6px 0 0;padding-left:18px;font-size:.85rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(440px,100%),1fr));gap:20px 28px}
figure{margin:0;min-width:0}
figcaption{font-weight:600;margin-bottom:4px}
svg.chart{width:100%;height:auto;display:block}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
svg text{fill:var(--ink);font-size:13px;font-family:inherit}
svg .tick{fill:var(--muted)}
svg .value{font-weight:600}
svg .grid{stroke:var(--line);stroke-width:1}
svg .legend text{font-size:12px}
.pbg{fill:var(--panel)}
svg .s-open,svg .s-scope{fill:url(#p-dots)} #p-dots .pfg{fill:var(--open)}
svg .s-active,svg .s-done,svg .s-completed,svg .s-median{fill:var(--active)}
svg .s-blocked{fill:url(#p-cross)} #p-cross .pline{stroke:var(--blocked);stroke-width:1.6}
svg .s-closed{fill:url(#p-hlines)} #p-hlines .pfg{fill:var(--closed)}
svg .s-created,svg .s-p85{fill:url(#p-diag)} #p-diag .pfg{fill:var(--created)}
svg .s-ontime{fill:var(--accent)}
svg rect.s-open,svg rect.s-blocked,svg rect.s-closed,svg rect.s-created,svg path.area{stroke:var(--ink);stroke-opacity:.35;stroke-width:.6}
svg path.line{fill:none;stroke-width:2.2}
svg path.line.s-median,svg path.line.s-done{stroke:var(--active)}
svg path.line.s-p85,svg path.line.s-scope{stroke:var(--created)}
svg path.line.dashed{stroke-dasharray:6 4}
svg .mark.s-p85,svg .mark.s-scope{fill:var(--created)}
details.numbers{margin-top:6px;font-size:.85rem}
details.numbers summary{cursor:pointer;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:.86rem;margin:6px 0}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.goals{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(360px,100%),1fr));gap:20px}
progress{width:100%;height:10px;accent-color:var(--active)}
.attention{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(300px,100%),1fr));gap:14px}
.attention ul{margin:0;padding-left:18px;max-height:32em;overflow:auto}
.attention li{margin:2px 0}
.sev-error{color:var(--bad);font-weight:700}
.sev-warning{color:var(--warn);font-weight:700}
article.task{border-top:1px solid var(--line);padding:14px 0;content-visibility:auto;contain-intrinsic-size:auto 220px}
article.task:first-of-type{border-top:0}
article.task h3{margin:0 0 4px;font-size:1.02rem}
article.task .body{overflow-wrap:anywhere}
article.task .body pre{background:var(--bg);padding:8px;border-radius:6px;overflow:auto}
ul.dod{list-style:none;padding-left:0}
ul.dod li::before{content:"☐ ";font-weight:700}
ul.dod li.met::before{content:"☑ ";color:var(--ok)}
ol.log{font-size:.85rem;padding-left:20px;color:var(--ink)}
ol.log .when{color:var(--muted);font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.82em}
.noscript{font-size:.85rem;color:var(--muted)}
[hidden]{display:none !important}
@media (max-width:900px){.board{grid-template-columns:repeat(2,minmax(0,1fr))}}
@media (max-width:560px){main{padding:10px}header.top{padding:14px 12px 10px}.board{grid-template-columns:1fr}section.block{padding:12px}.charts{grid-template-columns:1fr}.filters select,.filters input{min-width:0;width:100%}.filters label{flex:1 1 45%}}
@media print{.attention ul{max-height:none;overflow:visible}article.task,.card{content-visibility:visible}body{background:#fff;color:#000;font-size:11pt}header.top,section.block{border:0;padding:0}.filters,nav.sections,.noscript{display:none !important}
section.block{break-inside:auto;margin-bottom:12pt}.card,.person,figure,article.task{break-inside:avoid}.board{grid-template-columns:repeat(4,1fr)}a{color:#000}}
`;
