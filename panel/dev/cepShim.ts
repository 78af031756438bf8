// The page-side stand-in for CEP's native bridge in the dev harness: window.__adobe_cep__ with
// evalScript forwarded over a WebSocket to the Premiere simulator (which runs the real host .jsx),
// a host environment with Premiere's skin colours, and the ThemeColorChanged event. Served as a
// plain script before the panel's bundle, so the panel's own CEP code runs unchanged.
//
// Written as ES5 text: it runs in the browser, not in Node.

export const DEFAULT_SKIN_GREY = 35; // Premiere's default panel background (#232323)

export const CEP_SHIM_JS = String.raw`(function () {
  'use strict';
  var base = 'ws://' + location.host;
  var harness = (window.__cliptriageHarness = { engineUrl: base + '/engine', hostUrl: base + '/host' });
  var listeners = {};
  var pending = {};
  var outbox = [];
  var nextId = 1;
  var socket = null;

  function grey(v) { return { red: v, green: v, blue: v, alpha: 255 }; }
  var skin = {
    baseFontFamily: '',
    baseFontSize: 11,
    appBarBackgroundColor: { type: 1, antialiasLevel: 0, color: grey(${DEFAULT_SKIN_GREY} - 6) },
    panelBackgroundColor: { type: 1, antialiasLevel: 0, color: grey(${DEFAULT_SKIN_GREY}) },
    appBarBackgroundColorSRGB: { type: 1, antialiasLevel: 0, color: grey(${DEFAULT_SKIN_GREY} - 6) },
    panelBackgroundColorSRGB: { type: 1, antialiasLevel: 0, color: grey(${DEFAULT_SKIN_GREY}) },
    systemHighlightColor: { red: 45, green: 140, blue: 235, alpha: 255 }
  };

  function connect() {
    socket = new WebSocket(harness.hostUrl);
    socket.onopen = function () {
      var q = outbox; outbox = [];
      for (var i = 0; i < q.length; i++) socket.send(q[i]);
    };
    socket.onmessage = function (ev) {
      var msg = JSON.parse(ev.data);
      if (msg.event) {
        // A CSXSEvent the host script dispatched: to every listener of its type, like CEP.
        var l = (listeners[msg.event.type] || []).slice();
        for (var k = 0; k < l.length; k++) l[k]({ type: msg.event.type, scope: 'APPLICATION', appId: 'PPRO', extensionId: '', data: msg.event.data });
        return;
      }
      var cb = pending[msg.id];
      delete pending[msg.id];
      if (cb) cb(msg.result);
    };
    socket.onclose = function () {
      // Like Premiere when a script fails: the callback gets 'EvalScript error.'
      var cbs = pending; pending = {};
      for (var id in cbs) cbs[id]('EvalScript error.');
      socket = null;
      setTimeout(connect, 500);
    };
  }

  window.__adobe_cep__ = {
    evalScript: function (script, callback) {
      var id = nextId++;
      pending[id] = callback || function () {};
      var text = JSON.stringify({ id: id, script: String(script) });
      if (socket && socket.readyState === 1) socket.send(text); else outbox.push(text);
    },
    getHostEnvironment: function () {
      return JSON.stringify({ appName: 'PPRO', appVersion: '25.0.0', appLocale: 'en_US', appUILocale: 'en_US', appId: 'PPRO', isAppOnline: true, appSkinInfo: skin });
    },
    getSystemPath: function () { return ''; },
    addEventListener: function (type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
    removeEventListener: function (type, fn) {
      var l = listeners[type] || [];
      var i = l.indexOf(fn);
      if (i >= 0) l.splice(i, 1);
    }
  };

  /** Harness control: set Premiere's interface brightness (panel background grey 0..255). */
  harness.setSkinGrey = function (v) {
    skin.panelBackgroundColor.color = grey(v);
    skin.panelBackgroundColorSRGB.color = grey(v);
    skin.appBarBackgroundColor.color = grey(Math.max(0, v - 6));
    var l = (listeners['com.adobe.csxs.events.ThemeColorChanged'] || []).slice();
    for (var i = 0; i < l.length; i++) l[i]({ type: 'com.adobe.csxs.events.ThemeColorChanged', data: '' });
  };

  connect();
})();
`;
