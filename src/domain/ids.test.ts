import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thrownTasksError } from "../../test/helpers/fixtures.js";
import { PROPERTY_TIMEOUT, runs } from "../../test/helpers/property.js";
import { fileNameMatchesId, generateId, ID_ALPHABET, ID_LENGTH, isValidId, type RandomBytes, resolveId, slugify, taskFileName } from "./ids.js";

/** A byte source that plays back one chunk per call (zeros once the chunks run out) and records the sizes asked for. */
function seeded(...chunks: number[][]): RandomBytes & { calls: number[] } {
  const calls: number[] = [];
  let next = 0;
  const random = (count: number): Uint8Array => {
    calls.push(count);
    const chunk = chunks[next++] ?? [];
    return Uint8Array.from({ length: count }, (_, i) => chunk[i] ?? 0);
  };
  return Object.assign(random, { calls });
}

/** A small deterministic generator (mulberry32) for distribution checks. */
function prng(seed: number): RandomBytes {
  let state = seed >>> 0;
  const byte = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  return (count) => Uint8Array.from({ length: count }, byte);
}

describe("the id alphabet", () => {
  it("has 31 characters without look-alikes", () => {
    expect(ID_ALPHABET).toHaveLength(31);
    expect(new Set(ID_ALPHABET).size).toBe(31);
    for (const lookAlike of ["0", "o", "1", "l", "i"]) expect(ID_ALPHABET).not.toContain(lookAlike);
    expect(ID_ALPHABET).toMatch(/^[a-z2-9]+$/);
  });
});

describe("generateId", () => {
  it.each([
    ["maps bytes onto the alphabet", [0, 1, 2, 3, 8], "2345a"],
    ["wraps with modulo 31", [31, 32, 61, 62, 247], "23z2z"],
    ["skips bytes of 248 and above (rejection sampling)", [248, 255, 0, 250, 30, 1, 2, 3], "2z345"],
  ])("%s", (_name, bytes, id) => {
    expect(generateId(seeded(bytes), () => false)).toBe(id);
  });

  it("asks for ten bytes a try, so most tries need no second draw", () => {
    const random = seeded([0, 1, 2, 3, 8]);
    generateId(random, () => false);
    expect(random.calls).toEqual([ID_LENGTH * 2]);
  });

  it("draws again when too many bytes were rejected", () => {
    const random = seeded(Array(10).fill(250), [5, 6, 7, 8, 9]);
    expect(generateId(random, () => false)).toBe("789ab");
    expect(random.calls).toHaveLength(2);
  });

  it("draws again when the id is taken", () => {
    const taken = new Set(["2345a"]);
    const random = seeded([0, 1, 2, 3, 8], [8, 3, 2, 1, 0]);
    expect(generateId(random, (id) => taken.has(id))).toBe("a5432");
  });

  it.each([
    ["all digits (YAML reads 23456 as a number)", [0, 1, 2, 3, 4]],
    ["digits around an e (YAML reads 2e345 as a float)", [0, 12, 1, 2, 3]],
  ])("draws again when the id would not read back as text: %s", (_name, first) => {
    const random = seeded(first, [0, 1, 2, 3, 8]);
    expect(generateId(random, () => false)).toBe("2345a");
    expect(random.calls).toHaveLength(2);
  });

  it("gives up with an error after 100 tries", () => {
    const error = thrownTasksError(() => generateId(seeded(), () => true));
    expect(error.code).toBe("INTERNAL");
  });

  it("always gives five valid characters, every character about equally often", () => {
    const random = prng(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const id = generateId(random, () => false);
      expect(id).toMatch(new RegExp(`^[${ID_ALPHABET}]{${ID_LENGTH}}$`));
      expect(isValidId(id)).toBe(true);
      for (const ch of id) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(31);
    // 20,000 characters over 31: about 645 each; a biased mapping (byte % 31 over 256) would skew the first 8.
    for (const count of counts.values()) expect(count).toBeGreaterThan(520);
    for (const count of counts.values()) expect(count).toBeLessThan(770);
  });
});

describe("resolveId", () => {
  const ids = ["k7m2q", "k7m9x", "p3x9t", "ab", "abc"];

  it.each([
    ["an exact id", "p3x9t", "p3x9t"],
    ["a unique prefix", "p3", "p3x9t"],
    ["a single character", "p", "p3x9t"],
    ["upper case and spaces", "  K7M2Q ", "k7m2q"],
    ["an exact id that is also a prefix of another", "ab", "ab"],
  ])("finds %s", (_name, input, id) => {
    expect(resolveId(input, ids)).toBe(id);
  });

  it("lists the candidates of an ambiguous prefix", () => {
    const error = thrownTasksError(() => resolveId("k7", ids));
    expect(error.code).toBe("AMBIGUOUS_ID");
    expect(error.message).toBe("id prefix k7 matches 2 tasks: k7m2q, k7m9x");
    expect(error.details).toEqual({ candidates: ["k7m2q", "k7m9x"] });
    expect(error.hint).toMatch(/more characters/);
  });

  it("says when nothing matches", () => {
    const error = thrownTasksError(() => resolveId("zz", ids));
    expect(error.code).toBe("TASK_NOT_FOUND");
    expect(error.message).toBe("no task with id zz");
  });

  it.each(["../x", "-rf", "--upload-pack=x", "", " ", "a/b", "k7m2q.md", ".git", "a b", "x".repeat(41), "\u202ek7"])("refuses %j as input", (input) => {
    const error = thrownTasksError(() => resolveId(input, ["k7m2q"]));
    expect(error.code).toBe("TASK_NOT_FOUND");
    expect(error.message).toMatch(/is not a task id/);
  });

  it("accepts hand-made ids", () => {
    expect(resolveId("fix_login-2", ["fix_login-2"])).toBe("fix_login-2");
  });
});

describe("slugify and file names", () => {
  it.each([
    ["Fix login timeout on slow networks", "fix-login-timeout-on-slow-networks"],
    ["  --Hello,   World!!  ", "hello-world"],
    ["Über café naïve façade", "uber-cafe-naive-facade"],
    ["ﬁx the ｆｕｌｌｗｉｄｔｈ", "fix-the-fullwidth"],
    ["日本語のタイトル", ""],
    ["🚀 launch 🚀", "launch"],
    ["../../etc/passwd", "etc-passwd"],
    ["-rf --no-verify", "rf-no-verify"],
    ["a\u202eb\u0000c\nd", "a-b-c-d"],
    ["", ""],
  ])("%j → %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
    expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
  });

  it("caps the slug at 50 characters, at a word boundary when there is one", () => {
    const slug = slugify("Investigate the intermittent failures of the integration suite on ARM runners");
    expect(slug).toBe("investigate-the-intermittent-failures-of-the");
    expect(slugify("x".repeat(80))).toBe("x".repeat(50));
    expect(slugify(`${"a".repeat(10)} ${"b".repeat(60)}`)).toBe(`${"a".repeat(10)}-${"b".repeat(39)}`);
  });

  it("never ends a capped slug with a dash", () => {
    for (let n = 40; n < 60; n++) expect(slugify(`${"word ".repeat(n)}`)).not.toMatch(/-$/);
  });

  it.each([
    ["k7m2q", "Fix login", "k7m2q-fix-login.md"],
    ["k7m2q", "日本語", "k7m2q.md"],
  ])("taskFileName(%s, %s)", (id, title, name) => {
    expect(taskFileName(id, title)).toBe(name);
    expect(fileNameMatchesId(name, id)).toBe(true);
  });

  it.each([
    ["k7m2q-fix.md", "k7m2q", true],
    ["k7m2q.md", "k7m2q", true],
    ["k7m2qx-fix.md", "k7m2q", false],
    ["k7m2q-fix.txt", "k7m2q", false],
    ["fix-k7m2q.md", "k7m2q", false],
  ])("fileNameMatchesId(%s, %s)", (name, id, expected) => {
    expect(fileNameMatchesId(name, id)).toBe(expected);
  });
});

describe("ids, slugs and file names on any input (W3, X1)", () => {
  const anyText = fc.string({ unit: "binary", maxLength: 60 });
  // Path and option tricks mixed with ordinary text.
  const tricky = fc.array(fc.oneof(anyText, fc.constantFrom("../", "..", "/", "\\", "-", "--upload-pack=", ".git", ".md", "\u202e", "\u0000", "\n", " ", "K7M2Q", "con", "~")), { maxLength: 6 }).map((parts) => parts.join(""));

  it("a valid id can never be a path, an option, hidden, or spelled differently on another file system", () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,39}$/)), (input) => {
        if (!isValidId(input)) return;
        expect(input).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
        expect(input.length).toBeLessThanOrEqual(40);
        expect(input).not.toMatch(/^-|\.|\/|\\/);
        expect(input.toLowerCase()).toBe(input);
      }),
      runs(1000),
    );
  }, PROPERTY_TIMEOUT);

  it("resolveId accepts only valid ids and fails only with its own errors", () => {
    fc.assert(
      fc.property(tricky, (input) => {
        try {
          const id = resolveId(input, ["k7m2q", "k7m9x", input.trim().toLowerCase()]);
          expect(isValidId(id)).toBe(true);
        } catch (error) {
          expect(["TASK_NOT_FOUND", "AMBIGUOUS_ID"]).toContain((error as { code?: string }).code);
        }
      }),
      runs(1000),
    );
  }, PROPERTY_TIMEOUT);

  it("a slug is ASCII letters and digits joined by single dashes, at most 50 characters, whatever the title", () => {
    fc.assert(
      fc.property(tricky, (title) => {
        const slug = slugify(title);
        expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
        expect(slug.length).toBeLessThanOrEqual(50);
      }),
      runs(1000),
    );
  }, PROPERTY_TIMEOUT);

  it("a file name the tool builds stays in its folder, starts with its id and reads back as that id's file", () => {
    const id = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,39}$/);
    fc.assert(
      fc.property(id, tricky, (taskId, title) => {
        const name = taskFileName(taskId, title);
        expect(name).toMatch(/^[a-z0-9][a-z0-9_-]*\.md$/);
        expect(name).not.toMatch(/\.\.|\//);
        expect(fileNameMatchesId(name, taskId)).toBe(true);
      }),
      runs(1000),
    );
  }, PROPERTY_TIMEOUT);
});
