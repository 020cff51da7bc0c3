// Required into a pack profiled with --cpu-prof: Node writes the profile only on a normal exit, and the
// benchmark stops its packs with SIGTERM.
"use strict";
process.once("SIGTERM", () => process.exit(0));
