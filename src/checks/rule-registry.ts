import type { Rule } from "./rule.js";
import { blockedTooLongRule } from "./rules/blocked-too-long.js";
import { closedByCommitRule } from "./rules/closed-by-commit.js";
import { conflictMarkersRule } from "./rules/conflict-markers.js";
import { danglingDependencyRule } from "./rules/dangling-dependency.js";
import { dependencyCycleRule } from "./rules/dependency-cycle.js";
import { dueWhileAwayRule } from "./rules/due-while-away.js";
import { duplicateIdRule } from "./rules/duplicate-id.js";
import { hiddenCharactersRule } from "./rules/hidden-characters.js";
import { invalidFileRule } from "./rules/invalid-file.js";
import { leaseExpiredRule } from "./rules/lease-expired.js";
import { missingDodRule } from "./rules/missing-dod.js";
import { overdueRule } from "./rules/overdue.js";
import { ownerlessRule } from "./rules/ownerless.js";
import { slaBreachedRule, slaNearBreachRule } from "./rules/sla.js";
import { staleRule } from "./rules/stale.js";
import { unknownOwnerRule } from "./rules/unknown-owner.js";
import { unknownStatusRule } from "./rules/unknown-status.js";
import { webhookUrlRule } from "./rules/webhook-url.js";
import { unknownTaskReferenceRule } from "./rules/unknown-task-reference.js";
import { reviewMissingReviewerRule } from "./rules/review-missing-reviewer.js";
import { reviewWaitingRule } from "./rules/review-waiting.js";
import { reviewerIsOwnerRule } from "./rules/reviewer-is-owner.js";
import { doneWithOverrideRule } from "./rules/done-with-override.js";

/** Every rule, in the order the documentation lists them. */
export const ALL_RULES: readonly Rule[] = [
  ownerlessRule,
  staleRule,
  overdueRule,
  missingDodRule,
  invalidFileRule,
  duplicateIdRule,
  unknownStatusRule,
  unknownOwnerRule,
  conflictMarkersRule,
  danglingDependencyRule,
  dependencyCycleRule,
  blockedTooLongRule,
  hiddenCharactersRule,
  dueWhileAwayRule,
  leaseExpiredRule,
  slaBreachedRule,
  slaNearBreachRule,
  webhookUrlRule,
  unknownTaskReferenceRule,
  closedByCommitRule,
  reviewMissingReviewerRule,
  reviewWaitingRule,
  reviewerIsOwnerRule,
  doneWithOverrideRule,
];
