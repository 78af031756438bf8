// A Node `vm` context that offers what Premiere's ExtendScript engine offers: ES3. Everything
// ES5+ added is removed, JSON included, so the built host script proves it needs none of it.

import vm from 'node:vm';

const REMOVE = [
  'JSON', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'Proxy', 'Reflect', 'Symbol', 'globalThis',
  'Object.keys', 'Object.create', 'Object.defineProperty', 'Object.defineProperties', 'Object.getPrototypeOf',
  'Object.getOwnPropertyNames', 'Object.getOwnPropertyDescriptor', 'Object.freeze', 'Object.seal',
  'Object.isFrozen', 'Object.isSealed', 'Object.preventExtensions', 'Object.isExtensible', 'Object.assign',
  'Object.entries', 'Object.values', 'Object.fromEntries', 'Object.setPrototypeOf', 'Object.is',
  'Array.isArray', 'Array.from', 'Array.of',
  'Array.prototype.indexOf', 'Array.prototype.lastIndexOf', 'Array.prototype.forEach', 'Array.prototype.map',
  'Array.prototype.filter', 'Array.prototype.reduce', 'Array.prototype.reduceRight', 'Array.prototype.some',
  'Array.prototype.every', 'Array.prototype.find', 'Array.prototype.findIndex', 'Array.prototype.includes',
  'Array.prototype.fill', 'Array.prototype.flat', 'Array.prototype.flatMap', 'Array.prototype.at',
  'String.prototype.trim', 'String.prototype.trimStart', 'String.prototype.trimEnd', 'String.prototype.includes',
  'String.prototype.startsWith', 'String.prototype.endsWith', 'String.prototype.repeat', 'String.prototype.padStart',
  'String.prototype.padEnd', 'String.prototype.codePointAt', 'String.prototype.at', 'String.fromCodePoint',
  'Date.now', 'Date.prototype.toISOString', 'Date.prototype.toJSON', 'Function.prototype.bind',
  'Number.isFinite', 'Number.isNaN', 'Number.isInteger', 'Number.parseFloat', 'Number.parseInt',
];

export function createExtendScriptContext(globals: Record<string, unknown>): vm.Context {
  const context = vm.createContext({ ...globals });
  vm.runInContext(
    `(function (names) {
       for (var i = 0; i < names.length; i++) {
         var parts = names[i].split('.');
         var owner = this;
         for (var j = 0; j < parts.length - 1 && owner; j++) owner = owner[parts[j]];
         if (owner) delete owner[parts[parts.length - 1]];
       }
     }).call(this, ${JSON.stringify(REMOVE)});`,
    context,
  );
  return context;
}
