import { Liquid } from "liquidjs";
import { describe, expect, it } from "vitest";
import { renderSimpleTemplate, renderTemplate } from "./template-engine.js";

const model = { body: "Users are logged out.\n\nSee #412.", title: "Fix login", count: 3, done: false, owner: null, list: ["a"], nested: { x: 1 } };

describe("simple templates skip Liquid and give Liquid's output", () => {
  it.each([
    ["{{ body }}\n\n## Log\n"],
    ["# {{title}} ({{ count }}, {{ done }}, [{{ owner }}])\n"],
    ["no variables at all\n"],
    ["{{ body }}{{ body }}"],
  ])("%j", async (text) => {
    const simple = renderSimpleTemplate(text, model);
    expect(simple).toBeDefined();
    const liquid = await new Liquid({ strictVariables: true, ownPropertyOnly: true }).parseAndRender(text, model);
    expect(simple).toBe(liquid);
  });

  it.each([
    ["a tag", "{% if body %}x{% endif %}"],
    ["a filter", "{{ body | upcase }}"],
    ["a path", "{{ nested.x }}"],
    ["a list", "{{ list }}"],
    ["an unknown name", "{{ missing }}"],
    ["an inherited name", "{{ constructor }}"],
    ["whitespace control", "{{- body -}}"],
  ])("leaves %s to Liquid", (_name, text) => {
    expect(renderSimpleTemplate(text, model)).toBeUndefined();
  });

  it("an unknown name still fails through Liquid, naming the valid ones", async () => {
    await expect(renderTemplate({ name: "t.md", text: "{{ missing }}" }, { body: "" })).rejects.toMatchObject({ code: "TEMPLATE_UNKNOWN_VARIABLE", hint: expect.stringContaining("body") });
  });
});
