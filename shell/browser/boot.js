// Starts the portal: the Emscripten Module settings and the error box. A file of its own, not inline
// in index.html, so the Content-Security-Policy can forbid inline script (docs/sync-server.md).
// index.html asks for this file, app.js and app.wasm by the build's id (written by
// shell/browser/write_site.cmake), so the service worker gives the page all of them from one build.
var alisBuild = new URL(document.currentScript.src).searchParams.get('build') || '';
var statusBox = document.getElementById('status');
function showError(text) {
  statusBox.textContent = 'ALIS-portalen kunne ikke starte: ' + text;
  statusBox.className = 'error';
  statusBox.style.display = 'flex';
}
// The service worker keeps the page itself for offline opening (shell/browser/sw.js). Registered
// after the first frame, so a first visit does not download the app twice at once; its precache then
// takes app.js and app.wasm from the HTTP cache the page just filled.
function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function (e) {
    console.warn('ALIS: the page will not open offline (service worker not registered)', e);
  });
}
var Module = {
  canvas: document.getElementById('canvas'),
  locateFile: function (path, prefix) { return prefix + path + '?build=' + alisBuild; },
  onPortalReady: function () {
    statusBox.style.display = 'none';
    if (Module.alisOpenDeepLink) Module.alisOpenDeepLink();
    registerServiceWorker();
  },
  print: function (text) { console.log(text); },
  printErr: function (text) { console.error(text); },
  onAbort: function (what) { showError(String(what)); }
};
window.addEventListener('error', function (e) { if (!Module.calledRun) showError(e.message); });
