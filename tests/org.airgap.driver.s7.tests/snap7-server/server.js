// A snap7 S7 server on 127.0.0.1 for the S7 driver tests: `node server.js PORT`.
// It registers DB1 (256 bytes), DB2 (16 bytes), M (64), I (16) and Q (16) with known content,
// prints "READY <port>" once listening, and reads commands, one per line, on stdin:
//   set <AREA> <offset> <byte>   e.g. "set DB1 17 255" or "set M 3 0"; answers "OK"
//   stop                         stops the server and exits
// It also stops when stdin closes, so it never outlives the test that started it.
'use strict';
const snap7 = require('node-snap7');
const readline = require('readline');

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node server.js PORT');
  process.exit(2);
}

// Known content: byte i of an area is (i * 7 + seed) & 0xFF; DB1 also holds typed values at the front.
function pattern(size, seed) {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buffer[i] = (i * 7 + seed) & 0xff;
  return buffer;
}
const db1 = pattern(256, 1);
db1.writeInt16BE(1234, 0);     // INT at 0
db1.writeFloatBE(21.5, 2);     // REAL at 2
db1.writeInt32BE(-70000, 6);   // DINT at 6
db1[10] = 0b00000101;          // BOOLs at 10.0 and 10.2

const server = new snap7.S7Server();
const areas = {
  DB1: [server.srvAreaDB, 1, db1],
  DB2: [server.srvAreaDB, 2, pattern(16, 2)],
  M: [server.srvAreaMK, 0, pattern(64, 3)],
  I: [server.srvAreaPE, 0, pattern(16, 4)],
  Q: [server.srvAreaPA, 0, pattern(16, 5)],
};
// snap7 takes the DB number only for DBs.
const withIndex = (code, index) => (code === server.srvAreaDB ? [code, index] : [code]);
for (const [code, index, buffer] of Object.values(areas)) {
  if (!server.RegisterArea(...withIndex(code, index), buffer)) fail('cannot register an area');
}
if (!server.SetParam(server.LocalPort, port)) fail('cannot set the port');
if (server.StartTo('127.0.0.1') === false) fail('cannot listen on 127.0.0.1:' + port);
console.log('READY ' + port);

function fail(message) {
  console.error('snap7 server: ' + message);
  process.exit(1);
}

function stop() {
  server.Stop();
  process.exit(0);
}

function set(name, offset, value) {
  const area = areas[name];
  if (!area || !(offset >= 0 && offset < area[2].length) || !(value >= 0 && value <= 255)) {
    return 'ERROR bad set ' + name + ' ' + offset + ' ' + value;
  }
  const content = server.GetArea(...withIndex(area[0], area[1]));
  content[offset] = value;
  server.SetArea(...withIndex(area[0], area[1]), content);
  return 'OK';
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const words = line.trim().split(/\s+/);
  if (words[0] === 'stop') stop();
  else if (words[0] === 'set' && words.length === 4) console.log(set(words[1], Number(words[2]), Number(words[3])));
  else console.log('ERROR unknown command: ' + line);
}).on('close', stop);
