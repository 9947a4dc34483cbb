import { describe, expect, it } from "vitest";
import { makeTask } from "../../test/helpers/report-fixtures.js";
import { linksIn, openQuestions } from "./task-notes.js";

describe("linksIn", () => {
  it("finds web links (without trailing punctuation) and Markdown link targets, each once", () => {
    const text = "See https://example.com/a?b=1. Also [design](docs/design.md), [x](#anchor), [bad](javascript:alert(1)) and <https://example.com/a?b=1>.";
    expect(linksIn(text)).toEqual(["https://example.com/a?b=1", "docs/design.md"]);
  });
});

describe("openQuestions", () => {
  it("takes question sentences from the description and the log, not from code or bare links", () => {
    const task = makeTask(
      { id: "q1a2b", title: "Questions" },
      "Context first. Who owns the cache? It is shared.\n- [ ] Do we need a migration?\n```\nwhy?\n```\nhttps://example.com/search?\n\n## Log\n- 2026-11-20 10:00 +01:00 bob: is staging still on 1.2?\n- 2026-11-20 11:00 +01:00 alice: yes\n",
    );
    expect(openQuestions(task)).toEqual([
      { text: "Who owns the cache?", who: null, at: null },
      { text: "Do we need a migration?", who: null, at: null },
      { text: "is staging still on 1.2?", who: "bob", at: "2026-11-20T10:00:00+01:00" },
    ]);
  });
});
