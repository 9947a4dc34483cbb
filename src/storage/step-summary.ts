import { appendFile } from "node:fs/promises";

/**
 * Appends Markdown to the job summary file the GitHub Actions runner names in
 * `$GITHUB_STEP_SUMMARY`. The path comes from the runner's environment, never from the repository.
 */
export async function appendStepSummary(path: string, markdown: string): Promise<void> {
  await appendFile(path, markdown, { encoding: "utf8" });
}
