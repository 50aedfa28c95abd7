/**
 * Regular expressions straight to machine code. V8 first compiles a regex to bytecode for its interpreter and
 * recompiles it to machine code on the next use ("tier-up"). For the parser's big alternations (the eligibility
 * rules, the date grammar: hundreds of surface forms in one pattern) the bytecode step is the costly one: measured
 * on Node 24, the six biggest patterns took ~67 ms to their first match through bytecode and ~10 ms compiled
 * straight to machine code, and over one cold parse of a call page (the CLI's `parse`) the ~380 patterns took
 * ~170 ms against ~45 ms. Every pattern the parser has runs on many statements of every page, so the interpreter
 * tier only adds a compile. V8 reads the flag at each compile; matching is the same either way.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-regexp-tier-up');
