import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareBySeverity, type Finding } from "../checks/finding.js";
import type { CheckReport } from "../checks/report.js";
import { workflowCommands } from "../../test/helpers/actions-runner.js";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";
import { annotation, annotationText, escapeData, escapeProperty, renderGithubAnnotations } from "./github-annotations.js";

const TOKEN = "0123456789abcdef0123456789abcdef";

function finding(extra: Partial<Finding> = {}): Finding {
  return { rule: "stale", severity: "warning", path: "tasks/2026-11/k7m2q-fix.md", line: 4, id: "k7m2q", title: "Fix login", message: "no change", hint: null, ...extra };
}

function report(findings: Finding[]): CheckReport {
  return { findings, tasksChecked: findings.length, filesUnreadable: 0, rules: [], strict: false, changedSince: null };
}

describe("the runner port (test/helpers/actions-runner.ts)", () => {
  it("finds what the runner would run, including the tricky forms", () => {
    const output = ["::set-output name=x::y", "  \u00a0::add-mask::secret", "T-7: ##[add-mask]Error", ":\u00ad:SAVE-STATE name=s::v", "::stop-commands::tok", "::error::hidden", "::tok::", "::notice::after"].join("\n");
    expect(workflowCommands(output).map((c) => [c.command.toLowerCase(), c.data])).toEqual([
      ["set-output", "y"],
      ["add-mask", "secret"],
      ["add-mask", "Error"],
      ["save-state", "v"],
      ["stop-commands", "tok"],
      ["tok", ""],
      ["notice", "after"],
    ]);
  });
});

describe("GitHub escaping", () => {
  it("escapes data and properties by GitHub's rules, % first", () => {
    expect(escapeData("a%0A\r\nb")).toBe("a%250A%0D%0Ab");
    expect(escapeProperty("tasks/a,line=1,title=All clear:x.md")).toBe("tasks/a%2Cline=1%2Ctitle=All clear%3Ax.md");
  });

  it("keeps a comma-laden path one property (G2)", () => {
    const line = annotation(finding({ path: "tasks/a,line=1,title=All clear.md", line: 3 }));
    const [command] = workflowCommands(line);
    expect(command?.properties).toEqual({ file: "tasks/a,line=1,title=All clear.md", line: "3", title: "tasks check: stale (k7m2q)" });
  });

  it("keeps the real path in file= and the real title, whatever colons and commas they hold (G2)", () => {
    const path = "tasks/2026-11/k7m2q-a::b,c:d.md";
    const line = annotation(finding({ path, title: "Fix::login", message: "see ::x" }));
    expect(line).toContain("file=tasks/2026-11/k7m2q-a%3A%3Ab%2Cc%3Ad.md,");
    const [command, ...more] = workflowCommands(line);
    expect(more).toEqual([]);
    expect(command?.properties).toEqual({ file: path, line: "4", title: "tasks check: stale (k7m2q)" });
    expect(command?.data).toBe('k7m2q "Fix::login": see ::x.');
  });

  it("breaks up ##[ everywhere in an annotation, the path included", () => {
    const [command] = workflowCommands(annotation(finding({ path: "tasks/k7m2q-##[add-mask]x.md", title: "##[group]t" })));
    expect(command?.properties.file).toBe("tasks/k7m2q-# #[add-mask]x.md");
    expect(command?.data).toBe('k7m2q "# #[group]t": no change.');
  });

  it("turns a hostile title into one annotation whose text shows it, inert (G1, G3)", () => {
    const title = "Fix login\n::set-output name=deploy::yes\r\n::add-mask::error 100% ##[add-mask]Error";
    const output = renderGithubAnnotations(report([finding({ title })]), { token: TOKEN });
    const commands = workflowCommands(output);
    expect(commands.map((c) => c.command)).toEqual(["warning"]);
    // Inside our own annotation `::` is only text (the properties ended at our `::`); `##[` is broken up.
    expect(commands[0]?.data).toBe('k7m2q "Fix login\\n::set-output name=deploy::yes\\r\\n::add-mask::error 100% # #[add-mask]Error": no change.');
    expect(output).not.toMatch(/^\s*::(?!warning |error )/m);
  });
});

describe("annotation cap", () => {
  it("annotates errors first, at most N of each, lists the rest inertly and says how many", () => {
    const warnings = Array.from({ length: 12 }, (_, i) => finding({ path: `tasks/w${String(i).padStart(2, "0")}.md`, title: `##[add-mask]w${i}`, message: `::stop-commands::x${i}` }));
    const error = finding({ severity: "error", rule: "ownerless", path: "tasks/z.md" });
    const output = renderGithubAnnotations(report([...warnings, error]), { token: TOKEN, perSeverity: 10 });
    const commands = workflowCommands(output);
    expect(commands.map((c) => c.command)).toEqual(["error", ...Array<string>(10).fill("warning"), "stop-commands", TOKEN]);
    expect(commands[0]?.properties.file).toBe("tasks/z.md");
    expect(output).toContain("tasks/w10.md:4: warning stale: : :stop-commands: :x10\n");
    expect(output).toContain("2 more findings not annotated");
    expect(output.trimEnd().split("\n").pop()).toBe("tasks check: 1 error, 12 warnings in 13 files; 13 tasks checked");
  });

  it("breaks up commands hidden behind characters .NET comparison ignores", () => {
    const sneaky = finding({ message: "#\u00ad#[add-mask]x :\u200d:set-output name=a::b #\u{e0020}#[add-mask]y" });
    const output = renderGithubAnnotations(report([sneaky, finding({ path: "tasks/b.md" })]), { token: TOKEN, perSeverity: 0 });
    expect(workflowCommands(output).map((c) => c.command)).toEqual(["stop-commands", TOKEN]);
    expect(output).toContain("<U+00AD>");
    expect(output).toContain("#<U+E0020>#[add-mask]y");
  });
});

describe("whatever the task text, the only commands are the annotations we meant", () => {
  it("holds for arbitrary titles, paths, messages and hints", () => {
    const text = fc.string({ unit: "binary", maxLength: 40 });
    const hostile = fc.oneof(text, fc.constantFrom("::set-output name=x::y", "##[add-mask]", "\n::error::", "\r::warning::", "::stop-commands::a", "%0A::debug::", ",line=1,title=x", ":\u00ad:"));
    const piece = fc.array(hostile, { maxLength: 4 }).map((parts) => parts.join(""));
    const arbitraryFinding = fc.record({ title: piece, path: piece, message: piece, hint: fc.option(piece, { nil: null }), severity: fc.constantFrom("error" as const, "warning" as const) });
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { minLength: 1, maxLength: 6 }), (parts) => {
        const findings = parts.map((p, i) => finding({ ...p, path: `tasks/${i}${p.path}`, line: i + 1 }));
        const output = renderGithubAnnotations(report(findings), { token: TOKEN, perSeverity: 2 });
        const commands = workflowCommands(output);
        const annotated = commands.filter((c) => c.command === "error" || c.command === "warning");
        const others = commands.filter((c) => c.command !== "error" && c.command !== "warning").map((c) => c.command);
        expect(others).toEqual(annotated.length < findings.length ? ["stop-commands", TOKEN] : []);
        expect(annotated.length).toBe(Math.min(2, findings.filter((f) => f.severity === "error").length) + Math.min(2, findings.filter((f) => f.severity === "warning").length));
        const sorted = [...findings].sort(compareBySeverity);
        const meant = [...sorted.filter((f) => f.severity === "error").slice(0, 2), ...sorted.filter((f) => f.severity === "warning").slice(0, 2)];
        expect(annotated.map((c) => [c.command, c.properties.file, c.properties.line])).toEqual(meant.map((f) => [f.severity, annotationText(f.path ?? ""), String(f.line)]));
      }),
      runs(300),
    );
  }, PROPERTY_TIMEOUT);
});

describe("GitHub escaping round-trips through the runner's parser", () => {
  // The runner drops format and control characters before matching (see the port); anything else may appear.
  const visible = fc.string({ unit: fc.oneof(fc.constantFrom("%", ":", ",", "=", "\r", "\n", "%0A", "%25", "::", " ", "#", "[", "]", ";"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: 20 });

  it("a property value and the data come back exactly as given", () => {
    fc.assert(
      fc.property(visible.filter((p) => p.trim() !== "" && !/[\p{Cc}\p{Cf}]/u.test(p.replace(/[\r\n]/g, ""))), visible.filter((d) => !/[\p{Cc}\p{Cf}]/u.test(d.replace(/[\r\n]/g, ""))), (file, data) => {
        const commands = workflowCommands(`::warning file=${escapeProperty(file)},line=7::${escapeData(data)}`);
        expect(commands).toHaveLength(1);
        expect(commands[0]?.properties).toEqual({ file, line: "7" });
        expect(commands[0]?.data).toBe(data);
      }),
      runs(500),
    );
  }, PROPERTY_TIMEOUT);
});
