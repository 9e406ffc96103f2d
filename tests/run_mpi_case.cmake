cmake_minimum_required(VERSION 3.25)
# Runs a command once as one process on two threads and once under mpirun with
# two ranks of one thread each, then compares every output file except
# timing.json byte for byte.
#   cmake -DEXE=... -DMPIRUN=... -DARGS="run;scenario.yaml;--draws;16" -DMIN_FILES=N
#         -DWORK_DIR=... -P run_mpi_case.cmake
include("${CMAKE_CURRENT_LIST_DIR}/compare_dirs.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
string(REPLACE "|" ";" common "${ARGS}")
execute_process(COMMAND "${EXE}" ${common} --quiet --out "${WORK_DIR}/one" --threads 2
                WORKING_DIRECTORY "${WORK_DIR}"
                RESULT_VARIABLE rc1 OUTPUT_QUIET ERROR_VARIABLE err1 TIMEOUT 240)
if(NOT rc1 EQUAL 0)
  message(FATAL_ERROR "single process failed (${rc1}): ${err1}")
endif()
# Root in CI: OpenMPI refuses to start as root without these two variables.
set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
execute_process(COMMAND "${MPIRUN}" -np 2 --oversubscribe "${EXE}" ${common} --quiet --out "${WORK_DIR}/two" --threads 1
                WORKING_DIRECTORY "${WORK_DIR}"
                RESULT_VARIABLE rc2 OUTPUT_QUIET ERROR_VARIABLE err2 TIMEOUT 240)
if(NOT rc2 EQUAL 0)
  message(FATAL_ERROR "mpirun -np 2 failed (${rc2}): ${err2}")
endif()
corridor_expect_same_files("${WORK_DIR}/one" "${WORK_DIR}/two" "one process and two MPI ranks"
                           IGNORE timing.json MIN_FILES ${MIN_FILES} COUNT n)
message(STATUS "ok: ${n} files identical")
