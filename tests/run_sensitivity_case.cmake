cmake_minimum_required(VERSION 3.25)
# `corridor sensitivity` must write the same files, byte for byte, with --threads 1
# and --threads 2 and, when MPIRUN is given, under mpirun with two ranks:
#   cmake -DEXE=... -DSCENARIO=... -DWORK_DIR=... [-DMPIRUN=...] -P run_sensitivity_case.cmake
include("${CMAKE_CURRENT_LIST_DIR}/compare_dirs.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
foreach(method oat sobol)
  set(common sensitivity "${SCENARIO}" --method ${method} --draws 8 --bootstrap 200
             --years 2025,2030 --quiet)
  foreach(threads 1 2)
    execute_process(COMMAND "${EXE}" ${common} --threads ${threads}
                            --out "${WORK_DIR}/${method}-${threads}"
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err TIMEOUT 240)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${method} with --threads ${threads} failed (${rc}): ${err}")
    endif()
  endforeach()
  corridor_expect_same_files("${WORK_DIR}/${method}-1" "${WORK_DIR}/${method}-2"
                             "${method} with --threads 1 and 2" MIN_FILES 2 COUNT n)
  if(MPIRUN)
    # Root in CI: OpenMPI refuses to start as root without these two variables.
    set(ENV{OMPI_ALLOW_RUN_AS_ROOT} 1)
    set(ENV{OMPI_ALLOW_RUN_AS_ROOT_CONFIRM} 1)
    execute_process(COMMAND "${MPIRUN}" -np 2 --oversubscribe "${EXE}" ${common} --threads 1
                            --out "${WORK_DIR}/${method}-mpi"
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err TIMEOUT 240)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${method} under mpirun -np 2 failed (${rc}): ${err}")
    endif()
    corridor_expect_same_files("${WORK_DIR}/${method}-1" "${WORK_DIR}/${method}-mpi"
                               "${method} as one process and two MPI ranks" MIN_FILES 2)
  endif()
endforeach()
message(STATUS "ok: ${n} files identical for each method")
