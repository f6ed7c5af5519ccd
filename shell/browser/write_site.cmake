# Writes the served folder after app links: app.js, app.wasm, the manifest and the icon as they are;
# index.html and sw.js stamped with this build's id, and sw.js with every shell file's SHA-256, so
# the service worker can keep one build's files together (see sw.js).
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
configure_file(${browser}/manifest.webmanifest ${SITE}/manifest.webmanifest COPYONLY)
configure_file(${browser}/icon.svg ${SITE}/icon.svg COPYONLY)

# The build id: every input that ends up in the site, so any change to any of them is a new build.
set(inputs ${SITE}/app.js ${SITE}/app.wasm ${SITE}/manifest.webmanifest ${SITE}/icon.svg
    ${SOURCE_DIR}/index.html ${browser}/sw.js)
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
foreach(name index.html app.js app.wasm manifest.webmanifest icon.svg)
  file(SHA256 ${SITE}/${name} h)
  list(APPEND files "\"/${name}\":\"${h}\"")
endforeach()
list(JOIN files "," files)
file(READ ${browser}/sw.js worker)
string(REPLACE "@ALIS_BUILD@" "${ALIS_BUILD}" worker "${worker}")
string(REPLACE "@ALIS_SHELL_FILES@" "{${files}}" worker "${worker}")
file(WRITE ${SITE}/sw.js "${worker}")
message(STATUS "web site ${SITE}: build ${ALIS_BUILD}")
