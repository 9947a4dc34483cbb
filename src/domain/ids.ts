import { TasksError } from "../app/errors.js";

/**
 * Task ids: five characters from a lowercase alphabet without look-alikes (no 0/o, 1/l/i), drawn
 * at random so that clones creating tasks offline do not collide (31^5 ≈ 28.6 million ids; see
 * docs/ids.md for the odds), and resolved by unique prefix like git hashes.
 */
export const ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
export const ID_LENGTH = 5;

/** Ids the tool accepts in files: hand-made ones too, but nothing that could become a path or an option. */
const VALID_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export function isValidId(id: string): boolean {
  return VALID_ID.test(id);
}

/** Random bytes come from outside (crypto in production, a seeded source in tests). */
export type RandomBytes = (count: number) => Uint8Array;

export function generateId(random: RandomBytes, taken: (id: string) => boolean): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const bytes = random(ID_LENGTH * 2);
    let id = "";
    for (const byte of bytes) {
      // Rejection sampling keeps every character equally likely: 248 = 8 × 31.
      if (byte >= 248) continue;
      id += ID_ALPHABET[byte % ID_ALPHABET.length];
      if (id.length === ID_LENGTH) break;
    }
    // At least one letter other than "e", so YAML never reads an id as a number (82479, 2e345).
    if (id.length === ID_LENGTH && /[a-df-z]/.test(id) && !taken(id)) return id;
  }
  throw new TasksError("INTERNAL", "could not find a free task id after 100 attempts");
}

/**
 * Resolve what the user typed to one id. Exact matches win; otherwise the prefix must be unique.
 */
export function resolveId(input: string, ids: Iterable<string>): string {
  const wanted = input.trim().toLowerCase();
  if (!isValidId(wanted)) {
    throw new TasksError("TASK_NOT_FOUND", `"${input}" is not a task id`, {
      hint: "ids are letters and digits, like k7m2q; 'tasks list' shows them",
    });
  }
  const matches = new Set<string>();
  for (const id of ids) {
    if (id === wanted) return id;
    if (id.startsWith(wanted)) matches.add(id);
  }
  if (matches.size === 1) return [...matches][0] as string;
  if (matches.size === 0) {
    throw new TasksError("TASK_NOT_FOUND", `no task with id ${wanted}`, {
      hint: "'tasks list' shows the ids",
    });
  }
  const candidates = [...matches].sort();
  throw new TasksError("AMBIGUOUS_ID", `id prefix ${wanted} matches ${candidates.length} tasks: ${candidates.join(", ")}`, {
    hint: "type more characters of the id",
    details: { candidates },
  });
}

/** A file-name slug from a title: ASCII letters and digits joined by dashes, at most 50 characters. */
export function slugify(title: string): string {
  const ascii = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (ascii.length <= 50) return ascii;
  const cut = ascii.slice(0, 50);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > 20 ? cut.slice(0, lastDash) : cut).replace(/-+$/, "");
}

/** Tool-made file names start with the id: `k7m2q-fix-login.md` or `k7m2q.md`. */
export function fileNameMatchesId(name: string, id: string): boolean {
  return name === `${id}.md` || (name.startsWith(`${id}-`) && name.endsWith(".md"));
}

export function taskFileName(id: string, title: string): string {
  const slug = slugify(title);
  return slug ? `${id}-${slug}.md` : `${id}.md`;
}
