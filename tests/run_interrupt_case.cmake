cmake_minimum_required(VERSION 3.25)
# Starts a long ensemble, sends it SIGNAL after DELAY seconds and checks the
# interrupt contract (docs/hardening.md): exit code 128 + signal, a message
# saying how far the run got, and no file at all in the output folder.
#   cmake -DEXE=... -DSCENARIO=... -DWORK_DIR=... -DSIGNAL=INT -DEXPECTED=130 -P run_interrupt_case.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(out "${WORK_DIR}/out")
if(NOT DEFINED DELAY)
  set(DELAY 3)
endif()
# The shell runs the executable in the background, signals it and reports its exit code.
set(script "\"$0\" run \"$1\" --draws 10000000 --threads 2 --quiet --out \"$2\" & pid=$!; sleep ${DELAY}; kill -${SIGNAL} $pid; wait $pid; echo \"rc=$?\"")
execute_process(COMMAND sh -c "${script}" "${EXE}" "${SCENARIO}" "${out}"
                RESULT_VARIABLE shell_rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr TIMEOUT 120)
if(NOT stdout MATCHES "rc=([0-9]+)")
  message(FATAL_ERROR "no exit code (shell ${shell_rc})\nstdout:\n${stdout}\nstderr:\n${stderr}")
endif()
set(rc "${CMAKE_MATCH_1}")
if(NOT rc EQUAL EXPECTED)
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECTED}\nstderr:\n${stderr}")
endif()
if(NOT stderr MATCHES "interrupted after [0-9]+ of 10000000 draws; no outputs written")
  message(FATAL_ERROR "stderr lacks the interrupt report:\n${stderr}")
endif()
file(GLOB_RECURSE left "${WORK_DIR}/out/*")
if(left)
  message(FATAL_ERROR "files left after the interrupt: ${left}")
endif()
message(STATUS "ok: exit ${rc}, nothing written")
