#!/usr/bin/env node
// subscriber.js is a pusher-js (Node build) client driven by a Go test.
//
// Usage: node subscriber.js '<config JSON>'
//   {
//     "key": "app-key",                 required
//     "wsHost": "127.0.0.1",            default 127.0.0.1
//     "wsPort": 6001,                   required
//     "wsPath": "/pusher",              optional path prefix of the WebSocket endpoint
//     "cluster": "interop",             any string; pusher-js insists on one
//     "channelAuthEndpoint": "http://127.0.0.1:1234/auth",   optional
//     "userAuthEndpoint": "http://127.0.0.1:1234/user-auth", optional
//     "authHeaders": {"X-Test": "1"},   optional, sent to both endpoints
//     "channels": ["public", "private-x"],                    optional
//     "signin": false,                  call pusher.signin() once connected
//     "log": false                      pusher-js log lines as {"type":"log"} on stdout
//   }
//
// Output: one JSON object per line on stdout for everything that happens:
//   {"type":"state","previous":"connecting","current":"connected"}
//   {"type":"connected","socket_id":"123.456"}
//   {"type":"disconnected"}
//   {"type":"subscribed","channel":"c"}            (presence adds "members","me","count")
//   {"type":"subscription_error","channel":"c","status":403,"error":"..."}
//   {"type":"event","channel":"c","event":"e","data":<as pusher-js delivers it>,"user_id":"u"?}
//   {"type":"member_added","channel":"c","user_id":"u","user_info":{...}}
//   {"type":"member_removed","channel":"c","user_id":"u","user_info":{...}}
//   {"type":"signed_in","user":{"id":"u",...}}
//   {"type":"signin_error","status":403,"error":"..."}
//   {"type":"user_event","event":"e","data":...}
//   {"type":"triggered","channel":"c","event":"e","ok":true}
//   {"type":"unsubscribed","channel":"c"}          (sent by the client; the protocol has no ack)
//   {"type":"error","error":"...","detail":{...}}
//   {"type":"log","message":"..."}                 (pusher-js's own log lines, with "log": true)
//
// Input: one JSON command per line on stdin:
//   {"cmd":"subscribe","channel":"c"}
//   {"cmd":"unsubscribe","channel":"c"}
//   {"cmd":"trigger_client","channel":"private-c","event":"client-e","data":{...}}
//   {"cmd":"signin"}
//   {"cmd":"disconnect"}
//   {"cmd":"exit"}
// The process exits when stdin closes, so a test that dies never leaves it running.
'use strict';

const readline = require('readline');
const Pusher = require('pusher-js');

function emit(obj) {
  let line;
  try {
    line = JSON.stringify(obj);
  } catch (e) {
    line = JSON.stringify({ type: 'error', error: 'unserialisable output: ' + String(e) });
  }
  // Writes to a pipe are synchronous on Linux, so nothing is lost on exit.
  process.stdout.write(line + '\n');
}

function errorText(err) {
  if (err == null) return '';
  if (typeof err === 'string') return err;
  if (err.message) return String(err.message);
  if (err.error) return errorText(err.error);
  if (err.data && err.data.message) return String(err.data.message);
  try {
    return JSON.stringify(err);
  } catch (e) {
    return String(err);
  }
}

// plain returns a JSON-safe copy of v (drops functions and cycles).
function plain(v) {
  if (v === undefined) return null;
  const seen = new WeakSet();
  try {
    return JSON.parse(
      JSON.stringify(v, (k, x) => {
        if (typeof x === 'function') return undefined;
        if (x && typeof x === 'object') {
          if (seen.has(x)) return undefined;
          seen.add(x);
        }
        return x;
      }),
    );
  } catch (e) {
    return String(v);
  }
}

function exit(code) {
  try {
    pusher.disconnect();
  } catch (e) {
    // already gone
  }
  process.exit(code);
}

let cfg;
try {
  cfg = JSON.parse(process.argv[2] || '');
} catch (e) {
  emit({ type: 'error', error: 'bad config argument: ' + String(e) });
  process.exit(2);
}
if (!cfg.key || !cfg.wsPort) {
  emit({ type: 'error', error: 'config needs "key" and "wsPort"' });
  process.exit(2);
}

// pusher-js's log lines go to stderr (the Go harness shows its tail when a
// test fails), or to stdout as {"type":"log"} messages when "log" is true.
Pusher.log = cfg.log
  ? (message) => emit({ type: 'log', message: String(message) })
  : (message) => process.stderr.write(String(message) + '\n');

const options = {
  cluster: cfg.cluster || 'interop',
  wsHost: cfg.wsHost || '127.0.0.1',
  wsPort: Number(cfg.wsPort),
  wssPort: Number(cfg.wsPort),
  wsPath: cfg.wsPath || '',
  forceTLS: false,
  enabledTransports: ['ws'],
  enableStats: false,
};
const headers = cfg.authHeaders || {};
if (cfg.channelAuthEndpoint) {
  options.channelAuthorization = { endpoint: cfg.channelAuthEndpoint, transport: 'ajax', headers };
}
if (cfg.userAuthEndpoint) {
  options.userAuthentication = { endpoint: cfg.userAuthEndpoint, transport: 'ajax', headers };
}

const pusher = new Pusher(cfg.key, options);

pusher.connection.bind('state_change', ({ previous, current }) => {
  emit({ type: 'state', previous, current });
  if (current === 'connected') {
    emit({ type: 'connected', socket_id: pusher.connection.socket_id });
  } else if (current === 'disconnected') {
    emit({ type: 'disconnected' });
  }
});
pusher.connection.bind('error', (err) => {
  emit({ type: 'error', error: errorText(err), detail: plain(err) });
});

// Protocol messages that pusher-js does not surface through a channel object.
pusher.connection.bind('message', (msg) => {
  if (msg.event === 'pusher:signin_success') {
    let user = null;
    try {
      user = JSON.parse(msg.data.user_data);
    } catch (e) {
      user = msg.data && msg.data.user_data;
    }
    emit({ type: 'signed_in', user });
  } else if (
    msg.event === 'pusher_internal:subscription_succeeded' &&
    typeof msg.channel === 'string' &&
    msg.channel.startsWith('#server-to-user-')
  ) {
    emit({ type: 'subscribed', channel: msg.channel });
  }
});

pusher.user.bind_global((eventName, data) => {
  if (eventName === 'pusher:signin_error') {
    emit({ type: 'signin_error', status: data && data.status, error: errorText(data), detail: plain(data) });
    return;
  }
  emit({ type: 'user_event', event: eventName, data: plain(data) });
});

function member(m) {
  return { user_id: m && m.id, user_info: m && m.info };
}

function watch(channel) {
  const name = channel.name;
  // Wrap emit so the report carries exactly what bind callbacks get: the
  // event name, the data and the metadata (user_id of client events).
  const originalEmit = channel.emit;
  channel.emit = function (eventName, data, metadata) {
    report(name, channel, eventName, data, metadata);
    return originalEmit.call(this, eventName, data, metadata);
  };
}

function report(name, channel, eventName, data, metadata) {
  switch (eventName) {
    case 'pusher:subscription_succeeded': {
      const out = { type: 'subscribed', channel: name };
      if (channel.members) {
        out.members = plain(channel.members.members);
        out.me = plain(channel.members.me);
        out.count = channel.members.count;
      }
      emit(out);
      return;
    }
    case 'pusher:subscription_error':
      emit({
        type: 'subscription_error',
        channel: name,
        status: data && data.status,
        error: errorText(data),
        detail: plain(data),
      });
      return;
    case 'pusher:member_added':
      emit(Object.assign({ type: 'member_added', channel: name }, member(data)));
      return;
    case 'pusher:member_removed':
      emit(Object.assign({ type: 'member_removed', channel: name }, member(data)));
      return;
    default: {
      const out = { type: 'event', channel: name, event: eventName, data: plain(data) };
      if (metadata && metadata.user_id !== undefined) out.user_id = metadata.user_id;
      emit(out);
    }
  }
}

function subscribe(name) {
  if (typeof name !== 'string' || name === '') {
    emit({ type: 'error', error: 'subscribe needs a channel name' });
    return;
  }
  const channel = pusher.subscribe(name);
  if (!channel.__interopWatched) {
    channel.__interopWatched = true;
    watch(channel);
  }
}

function handle(cmd) {
  switch (cmd.cmd) {
    case 'subscribe':
      subscribe(cmd.channel);
      return;
    case 'unsubscribe':
      pusher.unsubscribe(cmd.channel);
      emit({ type: 'unsubscribed', channel: cmd.channel });
      return;
    case 'trigger_client': {
      const channel = pusher.channel(cmd.channel);
      if (!channel) {
        emit({ type: 'triggered', channel: cmd.channel, event: cmd.event, ok: false, error: 'not subscribed' });
        return;
      }
      const ok = channel.trigger(cmd.event, cmd.data === undefined ? {} : cmd.data);
      emit({ type: 'triggered', channel: cmd.channel, event: cmd.event, ok: Boolean(ok) });
      return;
    }
    case 'signin':
      pusher.signin();
      return;
    case 'disconnect':
      pusher.disconnect();
      return;
    case 'exit':
      exit(0);
      return;
    default:
      emit({ type: 'error', error: 'unknown command: ' + JSON.stringify(cmd.cmd) });
  }
}

const input = readline.createInterface({ input: process.stdin, terminal: false });
input.on('line', (line) => {
  if (line.trim() === '') return;
  let cmd;
  try {
    cmd = JSON.parse(line);
  } catch (e) {
    emit({ type: 'error', error: 'bad command line: ' + String(e) });
    return;
  }
  try {
    handle(cmd || {});
  } catch (e) {
    emit({ type: 'error', error: 'command failed: ' + errorText(e) });
  }
});
input.on('close', () => exit(0));
process.stdout.on('error', () => exit(0));

for (const name of cfg.channels || []) subscribe(name);
if (cfg.signin) pusher.signin();
