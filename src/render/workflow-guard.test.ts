import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { workflowCommands } from "../../test/helpers/actions-runner.js";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";
import { guardWorkflowJson, guardWorkflowText, workflowGuard } from "./workflow-guard.js";

// Pieces the runner reacts to, and the characters its comparison may skip.
const hostilePiece = fc.constantFrom("::", ":", "##[", "#", "[", "set-output name=x::y", "add-mask]", "stop-commands::t", "\n", "\r\n", "\t", "  ", "\u00a0", "\u00ad", "\u200d", "\ufe0f", "\u0085", "\x1b", "%0A", "error file=a,line=1::", " ");
const junk = fc.constantFrom("", "\t", "\u00ad", "\u200d", "\ufe0f", "\x1b", "\u0085");
const name = fc.constantFrom("set-output name=x", "add-mask", "stop-commands", "error file=a", "set-env name=LD_PRELOAD", "warning");
const lead = fc.constantFrom("", " ", "\t", "\u00a0", "\u3000", "T-7: ");
// A command spelled with skippable characters between its markers, at a line start or anywhere.
const disguised = fc.oneof(
  fc.tuple(lead, junk, name, junk).map(([l, j, n, k]) => `${l}:${j}:${n}:${k}:data`),
  fc.tuple(lead, junk, junk, name).map(([l, j, k, n]) => `${l}#${j}#${k}[${n}]data`),
);
const hostileText = fc.oneof(
  fc.array(fc.oneof(hostilePiece, disguised), { maxLength: 8 }).map((parts) => parts.join("")),
  fc.array(disguised, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("\n")),
  fc.string({ unit: "binary", maxLength: 40 }),
);

describe("workflow guard (GitHub Actions output)", () => {
  it.each([
    ["a legacy command anywhere", "g03aa\ttodo\tT-7: ##[add-mask]Error", "g03aa\ttodo\tT-7: # #[add-mask]Error"],
    ["a command at the start of a body line", "Notes\n   ::stop-commands::zzz\n", "Notes\n   : :stop-commands: :zzz\n"],
    ["a soft hyphen between the colons", ":\u00ad:set-env name=A::b", ":<U+00AD>:set-env name=A: :b"],
    ["a tab between the colons", ":\t:add-mask::x", ": \t:add-mask: :x"],
    ["ordinary text", "tasks: claim k7m2q Fix login\n", "tasks: claim k7m2q Fix login\n"],
  ])("text: %s", (_name, input, output) => {
    expect(guardWorkflowText(input)).toBe(output);
  });

  it("JSON: the same values, without the bytes the runner matches", () => {
    const value = { title: "T-7: ##[add-mask]Error :\u00ad: x", "::key": ["\ufe0f##["] };
    const guarded = guardWorkflowJson(JSON.stringify(value, null, 2));
    expect(JSON.parse(guarded)).toEqual(value);
    expect(guarded).not.toMatch(/##\[|\u00ad|\ufe0f/);
  });

  it("is the identity outside GitHub Actions", () => {
    expect(workflowGuard(false)("##[add-mask]x\n::error::y", true)).toBe("##[add-mask]x\n::error::y");
    expect(workflowGuard(true)("##[add-mask]x")).toBe("# #[add-mask]x");
  });

  it("leaves no workflow command in any text, and keeps its line structure", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const guarded = guardWorkflowText(text);
        expect(workflowCommands(guarded)).toEqual([]);
        expect(guarded.split(/\r\n|\r|\n/).length).toBe(text.split(/\r\n|\r|\n/).length);
      }),
      runs(500),
    );
  }, PROPERTY_TIMEOUT);

  it("leaves no workflow command in any JSON document, and the document parses to the same value", () => {
    const json = fc.jsonValue({ maxDepth: 3, stringUnit: fc.oneof(hostilePiece, disguised, fc.string({ unit: "binary", maxLength: 3 })) });
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value, null, 2);
        const guarded = guardWorkflowJson(text);
        expect(workflowCommands(guarded)).toEqual([]);
        expect(JSON.parse(guarded)).toEqual(JSON.parse(text));
      }),
      runs(300),
    );
  }, PROPERTY_TIMEOUT);
});
