#!/usr/bin/env zsh
# Runs zsh's real completion system on a command line and prints the candidates, one a line.
# Usage: zsh -f zsh-complete.zsh <completion script> <command line, without the Tab>
# An interactive zsh in a pseudo-terminal (zsh/zpty) loads compinit and the script, then gets
# the line and a Tab; compadd is wrapped to print what the completion functions added (after
# zsh's own prefix matching) between two NUL-marked lines. The technique is Valodim's
# zsh-capture-completion (MIT), cut down.
zmodload zsh/zpty
zpty z zsh -f -i
local init=$(mktemp)
cat > $init <<'INIT'
PROMPT=
autoload -U compinit && compinit -u -D
bindkey '^M' undefined
bindkey '^J' undefined
bindkey '^I' complete-word
null-line() { echo -E - $'\0' }
compprefuncs=(null-line)
comppostfuncs=(null-line exit)
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
compadd() {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return $?
  fi
  local -a __hits
  builtin compadd -A __hits "$@"
  local hit
  for hit in $__hits; do echo -E - "$IPREFIX$hit"; done
  builtin compadd "$@"
}
echo ok
INIT
zpty -w z "source ${(q)init}; source ${(q)1}"
local line
repeat 20; do
  zpty -r z line
  [[ $line == ok* ]] && break
done
zpty -w z "$2"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
  if [[ $line == *$'\0\r' ]]; then
    (( tog++ )) && break || continue
  fi
  (( tog )) && echo -E - ${line%$'\r'}
done
rm -f $init
