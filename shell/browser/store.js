// The app's files in the browser (web/platform.hpp): one IndexedDB database, one record per file,
// each write one put of one key in its own transaction. Not Emscripten's IDBFS for these: its
// syncfs(false) writes the whole mounted folder from one tab's memory and deletes what that tab does
// not hold, so with two tabs the last one to flush wins and the other's files vanish. Here a tab
// never writes a file it does not own (web/session.hpp), and reads come from a copy in memory,
// loaded before main() and read again when another tab says (BroadcastChannel) that it wrote, or
// when this tab takes a Web Lock (the file's previous owner has ended). docs/sync-protocol.md §4.
//
// A write is "saved" once its transaction has committed (durability 'strict'); until then, or while
// a failed write (a full quota) waits for its retry, Module.alisUnsaved() is true, the status line
// says so, and closing the page asks the browser to warn.
(function () {
  var DB = 'alis-store', STORE = 'files', IMPORTED = '.imported-idbfs';
  var cache = new Map();    // name -> text, this tab's view of the store
  var latest = new Map();   // name -> seq of this tab's newest write of it
  var unsaved = new Map();  // name -> seq, writes not committed yet (or failed, waiting to be retried)
  var failed = new Set();   // names whose newest write failed
  var db = null, seq = 0, revision = 0, retryTimer = 0, retryDelay = 500;
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('alis-store') : null;
  var held = new Map();     // Web Lock name -> function that releases it

  function call(fn) { if (Module.calledRun) fn(); }
  function wake() { call(function () { Module._alis_wake(); }); }
  function reportFailure(err) {
    var text = String(err && (err.name ? err.name + (err.message ? ': ' + err.message : '') : err) || err);
    console.error('ALIS: could not save to IndexedDB', err);
    call(function () {
      var size = lengthBytesUTF8(text) + 1, buf = _malloc(size);
      stringToUTF8(text, buf, size);
      Module._alis_storage_failed(buf);
      _free(buf);
    });
    wake();
  }

  function committed(name, n) {
    if (unsaved.get(name) === n) unsaved.delete(name);
    if (latest.get(name) === n) failed.delete(name);
    Module.alisFlushes++;
    if (failed.size === 0) { retryDelay = 500; call(function () { Module._alis_storage_ok(); }); }
    if (channel) channel.postMessage({ name: name });
    wake();
  }
  function refused(name, n, err) {
    if (latest.get(name) === n) failed.add(name);
    reportFailure(err);
    // The text is still in memory: write it again later, so the user need not redo the change.
    if (!retryTimer) {
      retryTimer = setTimeout(retry, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 8000);
    }
  }
  function retry() {
    retryTimer = 0;
    Array.from(failed).forEach(function (name) { put(name, cache.has(name) ? cache.get(name) : null); });
  }

  // text null: delete the file.
  function put(name, text) {
    var n = ++seq;
    latest.set(name, n);
    unsaved.set(name, n);
    if (text === null) cache.delete(name); else cache.set(name, text);
    var tx;
    try {
      tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
      var files = tx.objectStore(STORE);
      if (text === null) files.delete(name); else files.put(text, name);
    } catch (e) {
      if (tx) try { tx.abort(); } catch (ignored) { /* already finished */ }
      refused(name, n, e);
      return;
    }
    tx.oncomplete = function () { committed(name, n); };
    tx.onabort = function () { refused(name, n, tx.error || new DOMException('aborted', 'AbortError')); };
  }

  // Everything stored, into the copy in memory; this tab's own unsaved writes stay as written.
  function readAll() {
    return new Promise(function (resolve) {
      var stored = new Map();
      var request = db.transaction(STORE, 'readonly').objectStore(STORE).openCursor();
      request.onsuccess = function () {
        var cursor = request.result;
        if (cursor) { stored.set(String(cursor.key), cursor.value); cursor.continue(); return; }
        Array.from(cache.keys()).forEach(function (name) {
          if (!stored.has(name) && !unsaved.has(name)) cache.delete(name);
        });
        stored.forEach(function (text, name) { if (!unsaved.has(name)) cache.set(name, text); });
        resolve();
      };
      request.onerror = function () { console.error('ALIS: could not read IndexedDB', request.error); resolve(); };
    });
  }

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  // Files saved by builds that kept them in IDBFS (mounted at /data by pre.js): copied over once.
  function importIdbfs() {
    if (cache.has(IMPORTED)) return;
    try {
      FS.readdir('/data').forEach(function (name) {
        if (name === '.' || name === '..' || /\.tmp$/.test(name) || cache.has(name)) return;
        put(name, FS.readFile('/data/' + name, { encoding: 'utf8' }));
      });
    } catch (e) { console.error('ALIS: could not read the old IDBFS files', e); }
    put(IMPORTED, '1');
  }

  Module.alisFlushes = 0;  // committed writes; tests wait on it
  Module.alisStoreLoaded = function (done) {
    open().then(function (opened) {
      db = opened;
      db.onversionchange = function () { db.close(); };
      return readAll();
    }).then(function () { importIdbfs(); done(); }, function (err) {
      console.error('ALIS: IndexedDB unavailable; changes are kept in memory only', err);
      done();
    });
  };
  Module.alisRead = function (name) { return cache.has(name) ? cache.get(name) : null; };
  Module.alisWrite = function (name, text) {
    if (!db) { cache.set(name, text); reportFailure(new Error('IndexedDB unavailable')); return; }
    put(name, text);
  };
  Module.alisRemove = function (name) { if (db) put(name, null); else cache.delete(name); };
  Module.alisList = function (prefix) {
    return Array.from(cache.keys()).filter(function (name) { return name.indexOf(prefix) === 0; }).sort();
  };
  Module.alisUnsaved = function () { return unsaved.size > 0; };
  Module.alisStoreRevision = function () { return revision; };

  if (channel) {
    channel.onmessage = function () {
      if (!db) return;
      readAll().then(function () { revision++; wake(); });
    };
  }

  // Web Locks: a tab holds the lock of every file it writes for as long as it lives; the browser
  // releases them when the tab ends, however it ends, and then grants them to a tab waiting.
  Module.alisClaim = function (name, wait, id) {
    function answer(granted) { call(function () { Module._alis_claim_done(id, granted ? 1 : 0); }); wake(); }
    if (!navigator.locks) { answer(true); return; }  // no Web Locks: one tab at a time is assumed
    navigator.locks.request(name, { ifAvailable: !wait }, function (lock) {
      if (!lock) { answer(false); return undefined; }
      return new Promise(function (release) {
        held.set(name, release);
        // What the ended owner wrote last, not what this tab read before it ended.
        (db ? readAll() : Promise.resolve()).then(function () { answer(true); });
      });
    });
  };
  // The app lets a file's lock go once it has written the file for the last time (removed it, or
  // renamed it after a fork). A failed write of it is not retried after that: the retry would land
  // after the next owner's writes and put back what it replaced.
  Module.alisRelease = function (name) {
    var file = name.replace(/^alis-/, '');
    if (failed.delete(file)) unsaved.delete(file);
    var release = held.get(name);
    if (release) { held.delete(name); release(); }
  };

  window.addEventListener('beforeunload', function (event) {
    if (unsaved.size === 0) return;
    event.preventDefault();
    event.returnValue = '';  // asks the browser to warn: a change is not saved on this machine yet
  });
})();
