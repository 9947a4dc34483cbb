import type { ClaimOutcome } from "../../app/claim-flow.js";
import type { Config } from "../../domain/config.js";
import type { CommandResult } from "../../render/output.js";
import { sanitizeLine } from "../../render/sanitize.js";
import { mutationResult } from "./mutation-result.js";

/** A claim's answer: the change, and where it was published (`published` in JSON, a line for people). */
export function claimResult(outcome: ClaimOutcome, config: Config): CommandResult {
  const base = mutationResult(outcome.result, config, "claim", "claimed");
  const published = outcome.publication?.kind === "published" ? outcome.publication : undefined;
  if (!published) return { ...base, json: { ...(base.json as Record<string, unknown>), published: null } };
  const where = published.integrated ? "" : "; your branch has commits the upstream lacks, so it was also committed here: tasks sync reconciles them";
  return {
    ...base,
    json: { ...(base.json as Record<string, unknown>), published: { upstream: published.upstream, commit: published.result.commit } },
    human: (view) => `${base.human(view)}${view.style.dim(`published to ${sanitizeLine(published.upstream)}${where}`)}\n`,
  };
}
