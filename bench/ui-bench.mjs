// UI benchmark for issue #14: cold load of the inbox, server memory per open tab, webhook-to-screen latency.
// Real browser pages (Debian's Chromium driven by playwright-core) against a running demo instance on loopback.
//   npm install --prefix bench playwright-core@1.49
//   node bench/ui-bench.mjs --url http://127.0.0.1:5055 --pid <server pid> [--tabs 100] [--push-tabs 50] [--messages 40]
//     [--hold-tabs 50 --dll /tmp/uibench/publish/Inbox.Web.dll]
// --hold-tabs opens that many more tabs before the webhook-to-screen phase with `Inbox.Web bench tabs`, a client that
// speaks the Blazor Server protocol: each costs the server a full circuit, but nothing is drawn on this machine's two
// cores, as a team's tabs are drawn on each agent's own computer.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const url = args.url ?? "http://127.0.0.1:5055";
if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(url)) throw new Error("loopback only");
const pid = Number(args.pid);
const tabs = Number(args.tabs ?? 100);
const pushTabs = Number(args["push-tabs"] ?? 50);
const messages = Number(args.messages ?? 40);
const holdTabs = Number(args["hold-tabs"] ?? 0);
const pageId = "104857600000001";
const secret = args.secret ?? "demo-app-secret";

// CPU seconds the server has used (user + system), to tell its load from the browser's on the same cores.
const cpuSeconds = () => { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) / 100; };
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]);
const percentile = (values, p) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// A signed Messenger delivery from a new customer; returns how long the webhook took to acknowledge it.
async function deliver(psid, mid, text) {
  const now = Date.now();
  const body = JSON.stringify({ object: "page", entry: [{ id: pageId, time: now, messaging: [{ sender: { id: psid }, recipient: { id: pageId }, timestamp: now, message: { mid, text } }] }] });
  const signature = "sha256=" + createHmac("sha256", secret).update(body).digest("hex");
  const answer = await fetch(url + "/webhooks/meta", { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signature }, body });
  if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}`);
  return Date.now() - now;
}

const run = Date.now().toString(36);
for (let n = 0; n < 5; n++) await deliver(`uibench-${run}-seed-${n}`, `m_uibench_${run}_seed_${n}`, `Seed ${n}: is the shop open on Sunday?`);

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });

// Sign in once; every tab shares the cookie, and each tab is a circuit of its own.
const signIn = await browser.newContext();
const login = await signIn.newPage();
await login.goto(url + "/login");
await login.fill("#email", args.email ?? "camille@demo.inbox");
await login.fill("#password", args.password ?? "demo-agent-pass");
await login.click("button[type=submit]");
await login.waitForSelector(".inbox-shell[data-interactive=true]");
const state = await signIn.storageState();
await signIn.close();

// 1. Cold load: a fresh context (empty cache), bytes on the wire and the time until a click is answered.
{
  const context = await browser.newContext({ storageState: state, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  const frames = [];
  cdp.on("Network.loadingFinished", e => { bytes += e.encodedDataLength; });
  // DevTools shows WebSocket messages decompressed; the circuit's socket is permessage-deflate (on by default since
  // .NET 8), so the wire size is estimated by deflating the messages as one stream, as the socket's context does.
  cdp.on("Network.webSocketFrameReceived", e => frames.push(e.response.opcode === 2 ? Buffer.from(e.response.payloadData, "base64") : Buffer.from(e.response.payloadData)));
  const start = Date.now();
  await page.goto(url + "/");
  const painted = Date.now() - start;
  await page.waitForSelector(".inbox-shell[data-interactive=true]");
  const interactive = Date.now() - start;
  await page.locator(".conversation-row").first().click();
  await page.waitForSelector(".composer textarea");
  const clicked = Date.now() - start;
  await sleep(500);
  const socket = Buffer.concat(frames);
  const socketWire = deflateRawSync(socket).length;
  console.log(`cold load: ${((bytes + socketWire) / 1024).toFixed(0)} KB transferred (HTTP ${(bytes / 1024).toFixed(0)} KB as sent, circuit ${(socketWire / 1024).toFixed(0)} KB deflated from ${(socket.length / 1024).toFixed(0)} KB), first paint ${painted} ms, interactive ${interactive} ms, first click answered ${clicked} ms`);
  await context.close();
}

// 2. Server memory per open tab.
await sleep(2000);
const idle = rssKb();
const context = await browser.newContext({ storageState: state, viewport: { width: 1280, height: 800 } });
const pages = [];
for (let i = 0; i < tabs; i++) {
  const page = await context.newPage();
  await page.goto(url + "/");
  await page.waitForSelector(".inbox-shell[data-interactive=true]", { timeout: 60000 });
  pages.push(page);
}
await sleep(5000);
const open = rssKb();
console.log(`memory: server RSS ${(idle / 1024).toFixed(0)} MB idle, ${(open / 1024).toFixed(0)} MB with ${tabs} tabs: ${((open - idle) / tabs).toFixed(0)} KB per tab`);

// Other tabs of the team, held open by the protocol client; ended with SIGINT at the end of the run.
let holder;
if (holdTabs > 0) {
  if (!args.dll) throw new Error("--hold-tabs needs --dll, the published Inbox.Web.dll");
  holder = spawn("dotnet", [args.dll, "bench", "tabs", "--url", url, "--tabs", String(holdTabs)], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    holder.stdout.on("data", chunk => { process.stdout.write(chunk); if (chunk.toString().includes("holding")) resolve(); });
    holder.on("exit", code => reject(new Error(`bench tabs ended with ${code} before holding its tabs`)));
  });
  await sleep(5000);
  console.log(`memory: server RSS ${(rssKb() / 1024).toFixed(0)} MB with ${tabs} browser tabs and ${holdTabs} held tabs`);
}

// 3. Webhook to screen: each of the first pushTabs tabs notes when each new message's row appears.
const watched = pages.slice(0, pushTabs);
await Promise.all(watched.map(page => page.evaluate(run => {
  window.__seen = {};
  new MutationObserver(() => {
    for (const row of document.querySelectorAll(".conversation-row")) {
      const m = new RegExp(`UIBENCH ${run} (\\d+)`).exec(row.textContent);
      if (m && !(m[1] in window.__seen)) window.__seen[m[1]] = Date.now();
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}, run)));
const sent = {};
const acks = [];
const pushStart = Date.now(), cpuStart = cpuSeconds();
for (let n = 0; n < messages; n++) {
  sent[n] = Date.now();
  acks.push(await deliver(`uibench-${run}-${n}`, `m_uibench_${run}_${n}`, `UIBENCH ${run} ${n}: do you ship to Lyon?`));
  await sleep(200);
}
await sleep(3000);
const serverShare = (cpuSeconds() - cpuStart) / ((Date.now() - pushStart) / 1000);
const latencies = [];
let missing = 0;
for (const page of watched) {
  const seen = await page.evaluate(() => window.__seen);
  for (let n = 0; n < messages; n++) (seen[n] ? latencies.push(seen[n] - sent[n]) : missing++);
}
const p95 = percentile(latencies, 95), ackP95 = percentile(acks, 95);
console.log(`webhook to screen, ${pushTabs} of ${tabs + holdTabs} tabs watched, ${messages} messages at 5/s: p50 ${percentile(latencies, 50)} ms, p95 ${p95} ms, max ${Math.max(...latencies)} ms, ${missing} not seen`);
console.log(`server CPU during the deliveries: ${serverShare.toFixed(2)} of one core's time (the machine has 2)`);
console.log(`yardstick, the webhook's own acknowledgement in the same run: p50 ${percentile(acks, 50)} ms, p95 ${ackP95} ms; screen p95 / ack p95 = ${(p95 / Math.max(1, ackP95)).toFixed(1)}`);
await browser.close();
if (holder) {
  const ended = new Promise(resolve => holder.on("exit", resolve));
  holder.kill("SIGINT");
  await ended;
}
