// The one entry point the panel calls: ClipTriageHost.call(jsonText), where jsonText is
// {"fn": name, "args": [...]}. The reply is the JSON text of a HostResult. Arguments arrive as a
// JSON string literal and are parsed as data; nothing the panel sends is ever evaluated as code.

import { applyRatings } from './apply';
import { clearRatings } from './clear';
import { errorMessage, hasOwn, isArray } from './es3';
import { Json, parse, stringify } from './json';
import { beginCall } from './items';
import { listClips } from './list';
import { ensureXmp } from './metadata';
import { revealClip } from './reveal';
import { clearSelects, makeSelects } from './selects';
import { applyTakes } from './takes';
import { listClipsById, watchImports } from './watch';

export var HOST_SCRIPT_VERSION = '0.1.0';

type Handler = (args: Json[]) => unknown;

var handlers: { [fn: string]: Handler } = {
  ping: function (): { host: string; version: string } {
    return { host: 'PPRO ' + String(app.version), version: HOST_SCRIPT_VERSION };
  },
  listClips: function (args) {
    return listClips(args[0] as never, args[1] as never);
  },
  applyRatings: function (args) {
    return applyRatings(args[0] as never);
  },
  clearRatings: function (args) {
    return clearRatings(args[0] as never);
  },
  revealClip: function (args) {
    return revealClip(args[0] as never);
  },
  makeSelects: function (args) {
    return makeSelects(args[0] as never);
  },
  clearSelects: function () {
    return clearSelects();
  },
  watchImports: function (args) {
    return watchImports(args[0] as never);
  },
  listClipsById: function (args) {
    return listClipsById(args[0] as never);
  },
  applyTakes: function (args) {
    return applyTakes(args[0] as never);
  },
};

function call(payload: string): string {
  try {
    var request = parse(String(payload));
    if (!request || typeof request !== 'object' || isArray(request)) throw new Error('Host call must be {"fn": name, "args": [...]}');
    var req = request as { [key: string]: Json };
    var fn = req.fn;
    if (typeof fn !== 'string' || !hasOwn(handlers, fn)) throw new Error('Unknown host function "' + String(fn) + '"');
    var args = req.args === undefined || req.args === null ? [] : req.args;
    if (!isArray(args)) throw new Error('Host call args must be a list');
    // Every function but ping reads or writes metadata through XMPScript: without it, say so once.
    if (fn !== 'ping' && !ensureXmp()) {
      throw new Error("Premiere's XMP scripting library (AdobeXMPScript) could not be loaded, so ClipTriage cannot read or write clip metadata");
    }
    beginCall();
    var value = handlers[fn](args as Json[]);
    return stringify({ ok: true, value: value === undefined ? null : value });
  } catch (e) {
    return stringify({ ok: false, error: errorMessage(e) });
  }
}

export var ClipTriageHost = { call: call, version: HOST_SCRIPT_VERSION };
