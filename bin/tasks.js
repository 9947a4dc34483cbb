#!/usr/bin/env node
// Kept so that clones whose git config names this file (the merge driver registered by
// `tasks init` before the launcher became bin/tasks.cjs) keep working: it runs the launcher.
import "./tasks.cjs";
