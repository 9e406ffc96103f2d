cmake_minimum_required(VERSION 3.25)
# Starts a long ensemble (or, with NET and TRIPS, a long `corridor assign`),
# sends it SIGNAL after DELAY seconds and checks the interrupt contract
# (docs/hardening.md): exit code 128 + signal, a message saying how far the
# run got, and no file at all in the output folder.
#   cmake -DEXE=... -DSCENARIO=... -DWORK_DIR=... -DSIGNAL=INT -DEXPECTED=130 -P run_interrupt_case.cmake
#   cmake -DEXE=... -DNET=... -DTRIPS=... -DWORK_DIR=... -DSIGNAL=INT -DEXPECTED=130 -P run_interrupt_case.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(out "${WORK_DIR}/out")
if(NOT DEFINED DELAY)
  set(DELAY 3)
endif()
# The shell runs the executable in the background, signals it and reports its exit code.
if(DEFINED NET)
  set(command "\"$0\" assign --net \"$1\" --trips \"$3\" --gap 1e-15 --max-iterations 1000000 --out \"$2/flows.csv\" >/dev/null")
  set(first "${NET}")
  set(progress_pattern "interrupted after [0-9]+ iterations \\(gap [^)]*\\); no outputs written")
else()
  set(command "\"$0\" run \"$1\" --draws 10000000 --threads 2 --quiet --out \"$2\"")
  set(first "${SCENARIO}")
  set(progress_pattern "interrupted after [0-9]+ of 10000000 draws; no outputs written")
endif()
set(script "${command} & pid=$!; sleep ${DELAY}; kill -${SIGNAL} $pid; wait $pid; echo \"rc=$?\"")
execute_process(COMMAND sh -c "${script}" "${EXE}" "${first}" "${out}" "${TRIPS}"
                RESULT_VARIABLE shell_rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr TIMEOUT 120)
if(NOT stdout MATCHES "rc=([0-9]+)")
  message(FATAL_ERROR "no exit code (shell ${shell_rc})\nstdout:\n${stdout}\nstderr:\n${stderr}")
endif()
set(rc "${CMAKE_MATCH_1}")
if(NOT rc EQUAL EXPECTED)
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECTED}\nstderr:\n${stderr}")
endif()
if(NOT stderr MATCHES "${progress_pattern}")
  message(FATAL_ERROR "stderr lacks the interrupt report:\n${stderr}")
endif()
file(GLOB_RECURSE left "${WORK_DIR}/out/*")
if(left)
  message(FATAL_ERROR "files left after the interrupt: ${left}")
endif()
message(STATUS "ok: exit ${rc}, nothing written")
