# Third-party code, all from Debian packages. Cross builds (emcmake) cannot see /usr/include, so the
# WebAssembly targets get a build-tree folder that links only the header trees they need.
if(EMSCRIPTEN)
  set(ALIS_WASM_INCLUDE "${CMAKE_BINARY_DIR}/wasm-include")
  file(MAKE_DIRECTORY "${ALIS_WASM_INCLUDE}")
  foreach(tree nlohmann doctest)
    if(NOT EXISTS "${ALIS_WASM_INCLUDE}/${tree}")
      file(CREATE_LINK "/usr/include/${tree}" "${ALIS_WASM_INCLUDE}/${tree}" SYMBOLIC)
    endif()
  endforeach()
  add_library(alis_json INTERFACE)
  target_include_directories(alis_json SYSTEM INTERFACE "${ALIS_WASM_INCLUDE}")
  add_library(alis_doctest INTERFACE)
  target_include_directories(alis_doctest SYSTEM INTERFACE "${ALIS_WASM_INCLUDE}")
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  add_library(alis_json INTERFACE)
  target_link_libraries(alis_json INTERFACE nlohmann_json::nlohmann_json)
  find_package(doctest REQUIRED)
  add_library(alis_doctest INTERFACE)
  target_link_libraries(alis_doctest INTERFACE doctest::doctest)
endif()

# Dear ImGui's core compiles for both builds (native for headless screen tests); the GLFW and
# OpenGL3 backends only for the browser shell.
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "ImGui sources not found in ${IMGUI_DIR}; run scripts/setup.sh first")
endif()
add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/misc/cpp)
set_target_properties(imgui PROPERTIES CXX_STANDARD 17)
