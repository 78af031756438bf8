// JSON for ExtendScript, which has no JSON object in the versions Premiere 23–26 embed. Parsing is a
// strict recursive-descent parser (never eval: the text comes from the panel and may hold any
// clip name). Output escapes every non-ASCII character as \uXXXX so the reply survives the
// evalScript round trip whatever the platform's string encoding.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

var HEX = '0123456789abcdef';

function hex4(code: number): string {
  return '\\u' + HEX.charAt((code >> 12) & 15) + HEX.charAt((code >> 8) & 15) + HEX.charAt((code >> 4) & 15) + HEX.charAt(code & 15);
}

export function quote(text: string): string {
  var out = '"';
  for (var i = 0; i < text.length; i++) {
    var c = text.charCodeAt(i);
    var ch = text.charAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 32 || c > 126) out += hex4(c);
    else out += ch;
  }
  return out + '"';
}

function isArrayValue(value: unknown): boolean {
  return Object.prototype.toString.call(value as object) === '[object Array]';
}

export function stringify(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  var t = typeof value;
  if (t === 'number') return isFinite(value as number) ? String(value) : 'null';
  if (t === 'boolean') return value ? 'true' : 'false';
  if (t === 'string') return quote(value as string);
  if (t === 'function') return 'null';
  if (isArrayValue(value)) {
    var arr = value as unknown[];
    var items: string[] = [];
    for (var i = 0; i < arr.length; i++) items.push(stringify(arr[i]));
    return '[' + items.join(',') + ']';
  }
  var obj = value as { [key: string]: unknown };
  var parts: string[] = [];
  for (var key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    var v = obj[key];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(quote(key) + ':' + stringify(v));
  }
  return '{' + parts.join(',') + '}';
}

export function parse(text: string): Json {
  if (typeof text !== 'string') throw new Error('JSON text must be a string');
  var pos = 0;

  function fail(what: string): never {
    throw new Error('Invalid JSON: ' + what + ' at character ' + pos);
  }
  function skipSpace(): void {
    while (pos < text.length) {
      var ch = text.charAt(pos);
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') pos++;
      else break;
    }
  }
  function parseString(): string {
    pos++; // opening quote
    var out = '';
    while (true) {
      if (pos >= text.length) fail('unterminated string');
      var ch = text.charAt(pos++);
      if (ch === '"') return out;
      if (ch === '\\') {
        var esc = text.charAt(pos++);
        if (esc === '"' || esc === '\\' || esc === '/') out += esc;
        else if (esc === 'n') out += '\n';
        else if (esc === 'r') out += '\r';
        else if (esc === 't') out += '\t';
        else if (esc === 'b') out += '\b';
        else if (esc === 'f') out += '\f';
        else if (esc === 'u') {
          var digits = text.substring(pos, pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(digits)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(digits, 16));
          pos += 4;
        } else fail('bad escape');
      } else {
        if (ch.charCodeAt(0) < 32) fail('control character in string');
        out += ch;
      }
    }
  }
  function parseNumber(): number {
    var m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.substring(pos));
    if (!m) fail('bad number');
    pos += m![0].length;
    return Number(m![0]);
  }
  function parseLiteral(word: string, value: Json): Json {
    if (text.substring(pos, pos + word.length) !== word) fail('unexpected token');
    pos += word.length;
    return value;
  }
  function parseValue(depth: number): Json {
    if (depth > 200) fail('nesting too deep');
    skipSpace();
    var ch = text.charAt(pos);
    if (ch === '{') {
      pos++;
      var obj: { [key: string]: Json } = {};
      skipSpace();
      if (text.charAt(pos) === '}') { pos++; return obj; }
      while (true) {
        skipSpace();
        if (text.charAt(pos) !== '"') fail('expected a key');
        var key = parseString();
        skipSpace();
        if (text.charAt(pos++) !== ':') fail('expected :');
        var member = parseValue(depth + 1);
        // ExtendScript honours __proto__: a key by that name must stay data, never a prototype.
        if (key !== '__proto__') obj[key] = member;
        skipSpace();
        var sep = text.charAt(pos++);
        if (sep === '}') return obj;
        if (sep !== ',') fail('expected , or }');
      }
    }
    if (ch === '[') {
      pos++;
      var arr: Json[] = [];
      skipSpace();
      if (text.charAt(pos) === ']') { pos++; return arr; }
      while (true) {
        arr.push(parseValue(depth + 1));
        skipSpace();
        var sep2 = text.charAt(pos++);
        if (sep2 === ']') return arr;
        if (sep2 !== ',') fail('expected , or ]');
      }
    }
    if (ch === '"') return parseString();
    if (ch === 't') return parseLiteral('true', true);
    if (ch === 'f') return parseLiteral('false', false);
    if (ch === 'n') return parseLiteral('null', null);
    if (ch === '-' || (ch >= '0' && ch <= '9')) return parseNumber();
    return fail('unexpected character');
  }

  var value = parseValue(0);
  skipSpace();
  if (pos !== text.length) fail('trailing characters');
  return value;
}
