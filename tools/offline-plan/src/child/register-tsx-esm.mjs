// tsx's hooks for `import`, registered through its ES module API: the CommonJS build of tsx/esm/api points
// `module.register` at a path that does not exist on Node 20 (dist/esm/api/esm/index.mjs).
import { register } from "tsx/esm/api";

register();
