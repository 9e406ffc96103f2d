cmake_minimum_required(VERSION 3.25)
# Runs one plot script and checks that it wrote non-empty PNGs:
#   cmake -DPYTHON=... -DSCRIPT=scripts/plot_x.py -DRESULTS=dir1,dir2 [-DEXTRA=dir]
#         -DWORK_DIR=... -P run_plot_case.cmake
# With EXTRA, the first results folder is copied into WORK_DIR and EXTRA's files
# (e.g. a synthetic corridor_quantiles.csv) are added to the copy.
string(REPLACE "," ";" results "${RESULTS}")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/png")
if(EXTRA)
  list(GET results 0 first)
  file(COPY "${first}/" DESTINATION "${WORK_DIR}/results")
  file(GLOB extra_files "${EXTRA}/*")
  file(COPY ${extra_files} DESTINATION "${WORK_DIR}/results")
  list(REMOVE_AT results 0)
  list(INSERT results 0 "${WORK_DIR}/results")
endif()
execute_process(COMMAND "${PYTHON}" "${SCRIPT}" --help
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
if(NOT rc EQUAL 0 OR NOT out MATCHES "--out")
  message(FATAL_ERROR "--help: exit ${rc}\n${out}\n${err}")
endif()
execute_process(COMMAND "${PYTHON}" "${SCRIPT}" ${results} --out "${WORK_DIR}/png"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 100)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exit code ${rc}\nstdout:\n${out}\nstderr:\n${err}")
endif()
file(GLOB pngs "${WORK_DIR}/png/*.png")
if(NOT pngs)
  message(FATAL_ERROR "no PNG written\nstdout:\n${out}\nstderr:\n${err}")
endif()
foreach(png IN LISTS pngs)
  file(SIZE "${png}" bytes)
  file(READ "${png}" magic LIMIT 8 HEX)
  if(bytes LESS 2000 OR NOT magic STREQUAL "89504e470d0a1a0a")
    message(FATAL_ERROR "${png}: not a plausible PNG (${bytes} bytes, magic ${magic})")
  endif()
endforeach()
message(STATUS "ok: ${pngs}")
