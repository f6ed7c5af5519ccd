#pragma once
// Included before ImGui's OpenGL backend (imgui_impl_opengl3.cpp, and only there: shell/CMakeLists.txt).
// The backend saves the GL state at the start of every frame it renders and restores it at the end.
// In the browser, WebGL answers most of those questions at once, but the scissor box and the six
// blend settings each wait for the GPU process (about 50 us each when it is idle, whole
// milliseconds while it is still drawing the last frame in software): the page's main thread
// stood still in them every frame. They are answered here from a copy instead: read from WebGL
// once, then kept by the setters below, which are the only ones in the app (shell/browser/main.cpp
// sets the viewport and clears; nothing else touches blending or the scissor).
#include <GLES2/gl2.h>

namespace alis_gl_cache {

struct State {
    bool blend_known = false, scissor_known = false;
    GLint equation_rgb = 0, equation_alpha = 0, src_rgb = 0, dst_rgb = 0, src_alpha = 0, dst_alpha = 0;
    GLint scissor[4] = {0, 0, 0, 0};
};
inline State& state() {
    static State s;
    return s;
}

inline void get_integerv(GLenum name, GLint* out) {
    State& s = state();
    switch (name) {
        case GL_SCISSOR_BOX:
            if (!s.scissor_known) glGetIntegerv(GL_SCISSOR_BOX, s.scissor), s.scissor_known = true;
            for (int i = 0; i < 4; ++i) out[i] = s.scissor[i];
            return;
        case GL_BLEND_EQUATION_RGB: case GL_BLEND_EQUATION_ALPHA:
        case GL_BLEND_SRC_RGB: case GL_BLEND_DST_RGB: case GL_BLEND_SRC_ALPHA: case GL_BLEND_DST_ALPHA:
            if (!s.blend_known) {
                glGetIntegerv(GL_BLEND_EQUATION_RGB, &s.equation_rgb);
                glGetIntegerv(GL_BLEND_EQUATION_ALPHA, &s.equation_alpha);
                glGetIntegerv(GL_BLEND_SRC_RGB, &s.src_rgb);
                glGetIntegerv(GL_BLEND_DST_RGB, &s.dst_rgb);
                glGetIntegerv(GL_BLEND_SRC_ALPHA, &s.src_alpha);
                glGetIntegerv(GL_BLEND_DST_ALPHA, &s.dst_alpha);
                s.blend_known = true;
            }
            *out = name == GL_BLEND_EQUATION_RGB ? s.equation_rgb : name == GL_BLEND_EQUATION_ALPHA ? s.equation_alpha
                 : name == GL_BLEND_SRC_RGB ? s.src_rgb : name == GL_BLEND_DST_RGB ? s.dst_rgb
                 : name == GL_BLEND_SRC_ALPHA ? s.src_alpha : s.dst_alpha;
            return;
        default:
            glGetIntegerv(name, out);  // answered by WebGL at once (bindings, viewport, ...)
    }
}

inline void blend_equation_separate(GLenum rgb, GLenum alpha) {
    State& s = state();
    s.equation_rgb = static_cast<GLint>(rgb), s.equation_alpha = static_cast<GLint>(alpha);
    glBlendEquationSeparate(rgb, alpha);
}
inline void blend_equation(GLenum mode) {
    State& s = state();
    s.equation_rgb = s.equation_alpha = static_cast<GLint>(mode);
    glBlendEquation(mode);
}
inline void blend_func_separate(GLenum src_rgb, GLenum dst_rgb, GLenum src_alpha, GLenum dst_alpha) {
    State& s = state();
    s.src_rgb = static_cast<GLint>(src_rgb), s.dst_rgb = static_cast<GLint>(dst_rgb);
    s.src_alpha = static_cast<GLint>(src_alpha), s.dst_alpha = static_cast<GLint>(dst_alpha);
    glBlendFuncSeparate(src_rgb, dst_rgb, src_alpha, dst_alpha);
}
inline void scissor(GLint x, GLint y, GLsizei w, GLsizei h) {
    State& s = state();
    s.scissor[0] = x, s.scissor[1] = y, s.scissor[2] = w, s.scissor[3] = h;
    glScissor(x, y, w, h);
}

}  // namespace alis_gl_cache

#define glGetIntegerv alis_gl_cache::get_integerv
#define glBlendEquationSeparate alis_gl_cache::blend_equation_separate
#define glBlendEquation alis_gl_cache::blend_equation
#define glBlendFuncSeparate alis_gl_cache::blend_func_separate
#define glScissor alis_gl_cache::scissor
