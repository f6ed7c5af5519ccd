# Writes the served folder after app links: app.js, app.wasm, boot.js, style.css, the manifest and
# the icon as they are; index.html and sw.js stamped with this build's id, and sw.js with every shell
# file's SHA-256, so the service worker can keep one build's files together (see sw.js); .build-id
# with the same id and hashes, so alis-sync marks this build's files immutable only while they are
# the build's own bytes; and beside each compressible file its gzip -9 (.gz) and Brotli (.br) copy,
# which alis-sync serves by Accept-Encoding.
# Usage: cmake -DSOURCE_DIR=<repo> -DAPP_DIR=<folder of app.js> -DSITE=<site folder> -P write_site.cmake
cmake_minimum_required(VERSION 3.20)
foreach(var SOURCE_DIR APP_DIR SITE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "write_site.cmake: -D${var}=... is required")
  endif()
endforeach()
set(browser ${SOURCE_DIR}/shell/browser)
file(MAKE_DIRECTORY ${SITE})

configure_file(${APP_DIR}/app.js ${SITE}/app.js COPYONLY)
configure_file(${APP_DIR}/app.wasm ${SITE}/app.wasm COPYONLY)
foreach(name boot.js style.css manifest.webmanifest icon.svg)
  configure_file(${browser}/${name} ${SITE}/${name} COPYONLY)
endforeach()

# The build id: every input that ends up in the site, so any change to any of them is a new build.
set(inputs ${SITE}/app.js ${SITE}/app.wasm ${SITE}/boot.js ${SITE}/style.css ${SITE}/manifest.webmanifest
    ${SITE}/icon.svg ${SOURCE_DIR}/index.html ${browser}/sw.js)
set(all_hashes "")
foreach(f ${inputs})
  file(SHA256 ${f} h)
  string(APPEND all_hashes "${h}\n")
endforeach()
string(SHA256 build "${all_hashes}")
string(SUBSTRING ${build} 0 16 ALIS_BUILD)

file(READ ${SOURCE_DIR}/index.html page)
string(REPLACE "@ALIS_BUILD@" "${ALIS_BUILD}" page "${page}")
file(WRITE ${SITE}/index.html "${page}")

set(files "")
set(listing "${ALIS_BUILD}\n")
foreach(name index.html app.js app.wasm boot.js style.css manifest.webmanifest icon.svg)
  file(SHA256 ${SITE}/${name} h)
  list(APPEND files "\"/${name}\":\"${h}\"")
  string(APPEND listing "/${name} ${h}\n")
endforeach()
list(JOIN files "," files)
file(READ ${browser}/sw.js worker)
string(REPLACE "@ALIS_BUILD@" "${ALIS_BUILD}" worker "${worker}")
string(REPLACE "@ALIS_SHELL_FILES@" "{${files}}" worker "${worker}")
file(WRITE ${SITE}/sw.js "${worker}")

# Precompressed copies (Debian's gzip and brotli): the server never compresses per request.
find_program(GZIP gzip REQUIRED)
find_program(BROTLI brotli)
if(NOT BROTLI)
  message(WARNING "write_site.cmake: no brotli program (Debian package brotli, scripts/setup.sh); only .gz copies")
endif()
foreach(name index.html app.js app.wasm boot.js style.css manifest.webmanifest icon.svg sw.js)
  set(f ${SITE}/${name})
  execute_process(COMMAND ${GZIP} -9 -n -c ${f} OUTPUT_FILE ${f}.gz RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip ${f} failed")
  endif()
  if(BROTLI)
    execute_process(COMMAND ${BROTLI} -q 11 -f -n -o ${f}.br ${f} RESULT_VARIABLE rc)  # -n: a fresh time stamp, never older than the file
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "brotli ${f} failed")
    endif()
  endif()
endforeach()
# Written last: while it names the previous build, the new files are not this build's and the
# server sends them with no-cache.
file(WRITE ${SITE}/.build-id "${listing}")
message(STATUS "web site ${SITE}: build ${ALIS_BUILD}")
