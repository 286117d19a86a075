#!/usr/bin/env node
// soketi.js runs the soketi server (@soketi/soketi 1.6.1) in this process
// for the Go e2e tests, with two guards the plain `soketi start` lacks:
//
//  1. It refuses to start unless the options soketi would run with (its
//     defaults, then the config file, then SOKETI_* variables, merged by
//     soketi's own code) keep every socket on 127.0.0.1: the HTTP/WebSocket
//     server, the metrics server and the UDP discovery (bound to and
//     unicasting to 127.0.0.1, never broadcasting to 255.255.255.255).
//     soketi falls back to 0.0.0.0 and broadcast when its config file is
//     missing or unparseable, logging a line and carrying on; here that
//     is an error and exit status 2.
//  2. It exits as soon as standard input closes, so a Go test that dies
//     (even by SIGKILL) never leaves a server behind: the test holds the
//     write end of the pipe and the kernel closes it when the test goes away.
//
// Usage: node soketi.js --config=/path/to/config.json   (also: --config PATH)
'use strict';

const fs = require('fs');
const { Cli } = require('@soketi/soketi/dist/cli/cli');

const LOOPBACK = '127.0.0.1';

function fail(message) {
  process.stderr.write('soketi.js: ' + message + '\n');
  process.exit(2);
}

function configPath(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--config=')) return argv[i].slice('--config='.length);
    if (argv[i] === '--config' && i + 1 < argv.length) return argv[i + 1];
  }
  return '';
}

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();

const path = configPath(process.argv.slice(2));
if (!path) fail('a --config file is required');
try {
  JSON.parse(fs.readFileSync(path, 'utf-8'));
} catch (e) {
  fail('config file ' + path + ': ' + e.message);
}
if (fs.existsSync('.env')) {
  fail('a .env file in ' + process.cwd() + ' would reconfigure soketi; run from an empty directory');
}

const cli = new Cli();
cli.overwriteOptionsFromConfig(path);
cli.overwriteOptionsFromEnv();
const o = cli.server.options;
const checks = {
  host: o.host,
  'metrics.host': o.metrics && o.metrics.host,
  'cluster.address': o.cluster && o.cluster.address,
  'cluster.unicast': o.cluster && o.cluster.unicast,
};
for (const [name, value] of Object.entries(checks)) {
  if (value !== LOOPBACK) fail(`option ${name} is ${JSON.stringify(value)}, must be "${LOOPBACK}"`);
}
if (o.cluster.multicast) fail('option cluster.multicast must not be set');

process.title = 'soketi-server';
// start() merges the same config file and environment again, then listens.
cli.start({ config: path });
