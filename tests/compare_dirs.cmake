# Included by the run_*_case.cmake scripts that check two output folders are the same.
#
# corridor_expect_same_files(<expected_dir> <actual_dir> <description>
#                            [IGNORE name...] [MIN_FILES n] [COUNT var])
# Fails (FATAL_ERROR) unless <actual_dir> holds the same files as <expected_dir>,
# byte for byte, the IGNOREd names aside (e.g. timing.json, which holds wall
# times). MIN_FILES: <expected_dir> must hold at least that many (a run that
# wrote nothing is not a pass). COUNT: set to the number of files compared.
# <description> names the two runs in the message, e.g. "one process and two MPI ranks".
function(corridor_expect_same_files expected_dir actual_dir description)
  cmake_parse_arguments(PARSE_ARGV 3 arg "" "MIN_FILES;COUNT" "IGNORE")
  file(GLOB expected RELATIVE "${expected_dir}" "${expected_dir}/*")
  file(GLOB actual RELATIVE "${actual_dir}" "${actual_dir}/*")
  if(DEFINED arg_IGNORE)
    list(REMOVE_ITEM expected ${arg_IGNORE})
    list(REMOVE_ITEM actual ${arg_IGNORE})
  endif()
  list(LENGTH expected n)
  if(DEFINED arg_MIN_FILES AND n LESS arg_MIN_FILES)
    message(FATAL_ERROR "expected at least ${arg_MIN_FILES} files in ${expected_dir}, found: ${expected}")
  endif()
  if(NOT actual STREQUAL expected)
    message(FATAL_ERROR "${description}: other files: ${actual} vs ${expected}")
  endif()
  foreach(f IN LISTS expected)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${expected_dir}/${f}" "${actual_dir}/${f}"
                    RESULT_VARIABLE same)
    if(NOT same EQUAL 0)
      message(FATAL_ERROR "${f} differs between ${description}")
    endif()
  endforeach()
  if(DEFINED arg_COUNT)
    set(${arg_COUNT} ${n} PARENT_SCOPE)
  endif()
endfunction()
