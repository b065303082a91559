// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
//
// A hand-written node client, for scale: what `mistral-glib-bench BASE_URL
// concurrent C` is compared with (doc/performance.md). Node's own http
// module, nothing from npm:
//
//   node bench/node-concurrent-bench.mjs BASE_URL concurrent C
//
// One warm-up request, then C non-streamed chat requests (max_tokens 8)
// started at once on one keep-alive agent with no limit on sockets; prints
// {"requests":INT,"content_bytes":INT,"seconds":FLOAT,"peak_rss_kb":INT}.

import http from 'node:http';

const [base, workload, count] = process.argv.slice(2);
if (workload !== 'concurrent' || !(Number(count) > 0)) {
    console.error('usage: node node-concurrent-bench.mjs BASE_URL concurrent C');
    process.exit(2);
}

const url = new URL('/v1/chat/completions', base);
const agent = new http.Agent({keepAlive: true, maxSockets: Infinity});
const body = JSON.stringify({
    model: 'mistral-small-latest',
    messages: [{role: 'user', content: 'Count.'}],
    max_tokens: 8,
});

function request() {
    return new Promise((resolve, reject) => {
        const req = http.request(url, {
            method: 'POST',
            agent,
            headers: {
                'Authorization': 'Bearer bench',
                'Content-Type': 'application/json',
                'Content-Length': Buffer.byteLength(body),
            },
        }, res => {
            const parts = [];
            res.on('data', part => parts.push(part));
            res.on('end', () => {
                if (res.statusCode !== 200)
                    reject(new Error(`HTTP ${res.statusCode}`));
                else
                    resolve(JSON.parse(Buffer.concat(parts)).choices[0].message.content.length);
            });
        });
        req.on('error', reject);
        req.end(body);
    });
}

await request();
const start = process.hrtime.bigint();
const lengths = await Promise.all(Array.from({length: Number(count)}, request));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({
    requests: lengths.length,
    content_bytes: lengths.reduce((a, b) => a + b, 0),
    seconds,
    peak_rss_kb: Math.round(process.resourceUsage().maxRSS),
}));
agent.destroy();
