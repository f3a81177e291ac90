#!/usr/bin/env node
import { main } from './cli.js';

void main(process.argv.slice(2)).then((code) => {
  // serve answers -1: the server keeps the process alive until a signal.
  if (code >= 0) process.exitCode = code;
});
