cmake_minimum_required(VERSION 3.25)
# Runs an ensemble once as one process and once under mpirun with two ranks, then
# compares every output file except timing.json byte for byte.
#   cmake -DEXE=... -DMPIRUN=... -DSCENARIO=... -DWORK_DIR=... -P run_mpi_case.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(common run "${SCENARIO}" --draws 16 --per-draw --quiet)
execute_process(COMMAND "${EXE}" ${common} --out "${WORK_DIR}/one" --threads 2
                RESULT_VARIABLE rc1 OUTPUT_QUIET ERROR_VARIABLE err1 TIMEOUT 240)
if(NOT rc1 EQUAL 0)
  message(FATAL_ERROR "single process failed (${rc1}): ${err1}")
endif()
# Root in CI: OpenMPI refuses to start as root without these two variables.
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
execute_process(COMMAND "${MPIRUN}" -np 2 --oversubscribe "${EXE}" ${common} --out "${WORK_DIR}/two" --threads 1
                RESULT_VARIABLE rc2 OUTPUT_QUIET ERROR_VARIABLE err2 TIMEOUT 240)
if(NOT rc2 EQUAL 0)
  message(FATAL_ERROR "mpirun -np 2 failed (${rc2}): ${err2}")
endif()
file(GLOB outputs RELATIVE "${WORK_DIR}/one" "${WORK_DIR}/one/*")
list(REMOVE_ITEM outputs timing.json)
list(LENGTH outputs n)
if(n LESS 8)
  message(FATAL_ERROR "expected the run and ensemble files, found: ${outputs}")
endif()
foreach(f IN LISTS outputs)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${WORK_DIR}/one/${f}" "${WORK_DIR}/two/${f}"
                  RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    message(FATAL_ERROR "${f} differs between one process and two MPI ranks")
  endif()
endforeach()
message(STATUS "ok: ${n} files identical")
