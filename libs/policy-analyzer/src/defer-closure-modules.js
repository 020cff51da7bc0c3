// @pulumi/pulumi loads TypeScript when it starts, for closure serialization (`pulumi.runtime.serializeFunction`:
// callbacks turned into Lambda code): about 40% of the CPU its load takes. A program under
// mocks or a policy pack never serialises a closure, yet every process of a plan paid for it. The module is put
// in Node's module cache as a stand-in that loads the real module on first use, so a process that does
// serialise a closure gets the real thing, only later.
"use strict";
const Module = require("node:module");

/** Modules the SDK requires at load time only for closure serialization. */
const CLOSURE_MODULES = ["typescript"];

/**
 * Defers CLOSURE_MODULES as the SDK (`sdk`, resolved with `fromRequire`) will resolve them. A module
 * already loaded, or not installed, is left alone; so is everything when the SDK is not installed.
 */
function deferClosureModules(fromRequire, sdk) {
  let sdkRequire;
  try {
    sdkRequire = Module.createRequire(fromRequire.resolve(sdk));
  } catch {
    return;
  }
  for (const id of CLOSURE_MODULES) {
    let file;
    try {
      file = sdkRequire.resolve(id);
    } catch {
      continue;
    }
    if (require.cache[file] !== undefined) continue;
    const standIn = new Module(file);
    standIn.filename = file;
    standIn.loaded = true;
    standIn.exports = lazyModule(() => {
      delete require.cache[file];
      return sdkRequire(id);
    });
    require.cache[file] = standIn;
  }
}

/**
 * A module's exports that `load` only on first use. TypeScript's import helper asks for `__esModule`
 * first; "yes" makes it use the stand-in as it is rather than copy every export, which would load it.
 * Having said "yes", a default import (esbuild's and swc's helpers read `.default`) gets what it would have got
 * from the CommonJS module: the module itself.
 */
function lazyModule(load) {
  let real;
  const loaded = () => (real ??= load());
  const get = (key) => (key === "default" && !Reflect.has(loaded(), key) ? loaded() : Reflect.get(loaded(), key));
  return new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" ? true : get(key)),
      has: (_, key) => Reflect.has(loaded(), key),
      ownKeys: () => Reflect.ownKeys(loaded()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(loaded(), key);
        return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
      },
    },
  );
}

module.exports = { deferClosureModules, lazyModule, CLOSURE_MODULES };
