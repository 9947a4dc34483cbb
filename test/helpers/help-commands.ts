/** The command names (aliases split out) in the Commands: section of `tasks --help`. */
export function commandsFromHelp(help: string): string[] {
  const section = help.split(/^Commands:\n/m)[1]?.split(/\n\n/)[0] ?? "";
  return section
    .split("\n")
    .map((line) => /^ {2}(\S+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined)
    .flatMap((name) => name.split("|"));
}
