# Generates, from musa-cli's own --help texts, what must never drift from them:
#   musa-cli.h2m   help2man include: one section per subcommand with its flags
#   musa-cli.bash  bash completion (subcommands, then each subcommand's flags)
#   _musa-cli      zsh completion (the same)
# Run at build time: cmake -DMUSA_CLI=path/to/musa-cli -DOUT_DIR=dir -P cli_docs.cmake
# A subcommand added to musa-cli's table appears in all three on the next build.

if(NOT MUSA_CLI OR NOT OUT_DIR)
  message(FATAL_ERROR "usage: cmake -DMUSA_CLI=... -DOUT_DIR=... -P cli_docs.cmake")
endif()

function(run_help out_var)
  execute_process(COMMAND ${MUSA_CLI} ${ARGN} --help OUTPUT_VARIABLE text ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "musa-cli ${ARGN} --help failed (${rc}): ${err}")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# The subcommands: the lines "  NAME  summary" under "commands:".
run_help(top)
string(REGEX REPLACE "^.*\ncommands:\n" "" command_block "${top}")
string(REPLACE "\n" ";" command_lines "${command_block}")
set(commands "")
set(zsh_described "")
foreach(line IN LISTS command_lines)
  if(line MATCHES "^  ([a-z][a-z0-9-]*) +(.*)$")
    list(APPEND commands ${CMAKE_MATCH_1})
    string(REPLACE "'" "'\\''" summary "${CMAKE_MATCH_2}")
    string(REPLACE ":" "\\:" summary "${summary}")
    string(APPEND zsh_described "    '${CMAKE_MATCH_1}:${summary}'\n")
  endif()
endforeach()
list(LENGTH commands count)
if(count LESS 2)
  message(FATAL_ERROR "found no subcommands in musa-cli --help:\n${top}")
endif()

# Per subcommand: its flags (lines "  --name ...") and its help as a man page section.
set(h2m "[COMMANDS]\nEach command prints its own flags with \\fBmusa\\-cli\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR.\n")
set(bash_cases "")
set(zsh_cases "")
foreach(command IN LISTS commands)
  run_help(help ${command})
  string(REGEX MATCHALL "\n  (--?[A-Za-z0-9_-]+)" flag_lines "${help}")
  set(flags "")
  foreach(flag_line IN LISTS flag_lines)
    string(STRIP "${flag_line}" flag)
    list(APPEND flags ${flag})
  endforeach()
  list(JOIN flags " " flag_words)
  string(APPEND bash_cases "    ${command}) flags=\"${flag_words}\" ;;\n")
  string(APPEND zsh_cases "    ${command}) flags=(${flag_words}) ;;\n")
  # roff: a backslash is \e, a line starting with . or ' must be escaped, dashes are \-.
  string(REPLACE "\\" "\\e" body "${help}")
  string(REPLACE "-" "\\-" body "${body}")
  string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" body "${body}")
  string(APPEND h2m ".SS ${command}\n.nf\n${body}.fi\n")
endforeach()
string(APPEND h2m "\n[SEE ALSO]\n\\fBmusa\\fR(1)\n")

list(JOIN commands " " command_words)
file(WRITE ${OUT_DIR}/musa-cli.h2m "${h2m}")
file(WRITE ${OUT_DIR}/musa-cli.bash "# bash completion for musa-cli (generated from musa-cli --help) -*- shell-script -*-
_musa_cli() {
  local cur=\${COMP_WORDS[COMP_CWORD]} flags=\"\"
  if [[ \$COMP_CWORD -eq 1 ]]; then
    COMPREPLY=(\$(compgen -W \"${command_words} --help\" -- \"\$cur\"))
    return
  fi
  case \${COMP_WORDS[1]} in
${bash_cases}  esac
  if [[ \$cur == -* ]]; then
    COMPREPLY=(\$(compgen -W \"\$flags\" -- \"\$cur\"))
  else
    COMPREPLY=(\$(compgen -f -- \"\$cur\"))  # files and folders: MIDI, models, soundfonts, output folders
  fi
}
complete -o filenames -F _musa_cli musa-cli
")
file(WRITE ${OUT_DIR}/_musa-cli "#compdef musa-cli
# zsh completion for musa-cli (generated from musa-cli --help)
_musa-cli() {
  local -a commands flags
  commands=(
${zsh_described}  )
  if (( CURRENT == 2 )); then
    _describe 'musa-cli command' commands
    return
  fi
  case \$words[2] in
${zsh_cases}  esac
  if [[ \$PREFIX == -* ]]; then
    compadd -a flags
  else
    _files
  fi
}
_musa-cli \"\$@\"
")
