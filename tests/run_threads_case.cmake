cmake_minimum_required(VERSION 3.25)
# Same seed, different thread counts: `corridor run --draws 8` with --threads 1
# and --threads 2 must write the same files byte for byte (all but timing.json),
# and a second run with --threads 1 must repeat the first.
#   cmake -DEXE=... -DSCENARIO=... -DWORK_DIR=... -P run_threads_case.cmake
include("${CMAKE_CURRENT_LIST_DIR}/compare_dirs.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(common run "${SCENARIO}" --draws 8 --per-draw --quiet --seed 11)
foreach(variant "one;1" "two;2" "again;1")
  list(GET variant 0 name)
  list(GET variant 1 threads)
  execute_process(COMMAND "${EXE}" ${common} --out "${WORK_DIR}/${name}" --threads ${threads}
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err TIMEOUT 240)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run '${name}' with --threads ${threads} failed (${rc}): ${err}")
  endif()
endforeach()
foreach(other two again)
  corridor_expect_same_files("${WORK_DIR}/one" "${WORK_DIR}/${other}"
                             "run 'one' (--threads 1) and '${other}'"
                             IGNORE timing.json MIN_FILES 8 COUNT n)
endforeach()
message(STATUS "ok: ${n} files identical across runs and thread counts")
