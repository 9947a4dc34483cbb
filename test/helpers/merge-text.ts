import { gitMergeText } from "../../src/git/merge-file.js";
import { gitEnvironment } from "../../src/git/simple-git-client.js";
import { TEST_ROOT } from "./env.js";

/**
 * The text merge the merge driver injects, run outside any repository (so no git config is read
 * and the markers are always git's default style): real `git merge-file`, for unit tests of the
 * pure merge.
 */
export const gitMerge = gitMergeText(TEST_ROOT, gitEnvironment({ PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: TEST_ROOT, LANG: "C.UTF-8" }));
