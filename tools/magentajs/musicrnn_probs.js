#!/usr/bin/env node
// Runs Magenta.js's own MusicRNN (@magenta/music, Node build, tfjs on CPU) on a
// checkpoint folder and prints, as JSON, the melody it was primed with and the
// probabilities of every continuation step, for Musa's tests to compare.
//
//   node musicrnn_probs.js CHECKPOINT_DIR PRIMER STEPS
//
// PRIMER is a JSON list of melody events as MusicRNN's MelodyConverter indexes
// them (magenta-js music/src/core/melodies.ts): 0 no event, 1 note off,
// 2 + (pitch − minPitch) note on. Output: {"primer": [indices MusicRNN fed],
// "probs": [[class probabilities] per step], "samples": [argmax per step]}.
// MusicRNN fetches config.json, weights_manifest.json and the shards over
// HTTP (node-fetch), so the folder is served on 127.0.0.1 for the run.

'use strict';
// tfjs and Magenta.js log to stdout (a Node backend hint, "Initialized model"):
// send that to stderr so stdout is only the JSON.
console.log = (...args) => console.error(...args);
const fs = require('fs');
const http = require('http');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const {MusicRNN} = require('@magenta/music/node/music_rnn');

function serve(dir) {
  const server = http.createServer((req, res) => {
    const name = path.basename(decodeURIComponent(req.url.split('?')[0]));
    const file = path.join(dir, name);
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, {'Content-Type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream'});
      res.end(data);
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A quantized NoteSequence whose melody is `primer` (a note lasts until the next event). */
function primerSequence(primer, minPitch) {
  const notes = [];
  for (let t = 0; t < primer.length; ++t) {
    if (primer[t] < 2) continue;
    let end = t + 1;
    while (end < primer.length && primer[end] === 0) ++end;
    notes.push({pitch: primer[t] - 2 + minPitch, quantizedStartStep: t, quantizedEndStep: end, program: 0});
  }
  return {notes, quantizationInfo: {stepsPerQuarter: 4}, totalQuantizedSteps: primer.length};
}

async function main() {
  const [dir, primerJson, stepsText] = process.argv.slice(2);
  if (!dir || !primerJson || !stepsText) {
    console.error('usage: node musicrnn_probs.js CHECKPOINT_DIR PRIMER_JSON STEPS');
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const spec = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
  const primer = JSON.parse(primerJson);
  const server = await serve(dir);
  try {
    const model = new MusicRNN(`http://127.0.0.1:${server.address().port}`);
    await model.initialize();
    const sequence = primerSequence(primer, spec.dataConverter.args.minPitch);
    // The indices MusicRNN itself feeds (its MelodyConverter), to prime Musa identically.
    const fed = tf.tidy(() => model.dataConverter.toTensor(sequence).argMax(1).dataSync());
    const result = await model.continueSequenceAndReturnProbabilities(sequence, Number(stepsText));
    const probs = result.probs.map(p => Array.from(p));
    const samples = probs.map(p => p.indexOf(Math.max(...p)));
    process.stdout.write(JSON.stringify({backend: tf.getBackend(), primer: Array.from(fed), probs, samples}) + '\n');
    model.dispose();
  } finally {
    server.close();
  }
}

main().catch(err => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
