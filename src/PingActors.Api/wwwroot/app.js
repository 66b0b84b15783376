"use strict";
// The PingActors web client: plain DOM, no build step. Everything it shows comes from the HTTP API; the stream
// (GET /v1/stream, through a single-use ticket since EventSource cannot send Authorization) keeps it live.

const $ = (id) => document.getElementById(id);
const el = (tag, { dataset, ...props } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

const state = {
  token: sessionStorage.getItem("pa.token"),
  me: sessionStorage.getItem("pa.me"),
  received: new Map(),
  sent: new Map(),
  chats: new Map(),
  listings: new Map(),
  titles: new Map(),
  open: null,
  messages: [],
  lastEventId: null,
  source: null,
  retry: 1000,
};

class Problem extends Error {
  constructor(status, body) {
    super(body?.title || `The server answered ${status}.`);
    this.status = status;
    this.body = body;
  }
}

async function api(method, path, body) {
  const headers = { accept: "application/json" };
  if (state.token) headers.authorization = `Bearer ${state.token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.headers.has("RateLimit")) showRateLimit(response.headers.get("RateLimit"), response.headers.get("RateLimit-Policy"));
  if (!response.ok) {
    if (response.status === 401 && state.token) signOut();
    throw new Problem(response.status, json);
  }
  return json;
}

// Runs an action; its problem's title shows in the form (or the toast) where the person acted.
async function act(where, action) {
  const error = where?.querySelector(".error") ?? where?.parentElement?.querySelector(".error");
  if (error) error.textContent = "";
  try {
    await action();
  } catch (e) {
    if (error) error.textContent = e.message;
    else toast(e.message);
  }
}

function toast(text) {
  const t = $("toast");
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), 5000);
}

const when = (iso) => new Date(iso).toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
const other = (chat) => chat.participants.find((p) => p !== state.me) ?? state.me;

async function titleOf(listingId) {
  if (!state.titles.has(listingId)) {
    state.titles.set(listingId, api("GET", `/v1/listings/${listingId}`).then((l) => l.title).catch(() => "a listing"));
  }
  return state.titles.get(listingId);
}

// ---- sign in / out ----

async function signIn(event) {
  event.preventDefault();
  const username = new FormData(event.target).get("username").trim();
  await act(event.target, async () => {
    const { token } = await api("POST", "/v1/dev/token", { username });
    Object.assign(state, { token, me: username });
    sessionStorage.setItem("pa.token", token);
    sessionStorage.setItem("pa.me", username);
    await start();
  });
}

function signOut() {
  state.source?.close();
  sessionStorage.clear();
  location.reload();
}

async function start() {
  $("signed-out").hidden = true;
  $("signed-in").hidden = false;
  $("who").hidden = false;
  $("me").textContent = state.me;
  await reload();
  connect();
}

async function reload() {
  const [limits, received, sent, chats] = await Promise.all([
    api("GET", "/v1/me/limits"),
    api("GET", "/v1/pings?box=received&limit=50"),
    api("GET", "/v1/pings?box=sent&limit=50"),
    api("GET", "/v1/chats?limit=50"),
  ]);
  renderLimits(limits);
  state.received = new Map(received.items.map((p) => [p.pingId, p]));
  state.sent = new Map(sent.items.map((p) => [p.pingId, p]));
  state.chats = new Map(chats.items.map((c) => [c.chatId, c]));
  for (const id of JSON.parse(localStorage.getItem(`pa.listings.${state.me}`) ?? "[]")) {
    state.listings.set(id, await api("GET", `/v1/listings/${id}`).catch(() => null));
  }
  renderListings();
  renderPings();
  await renderChats();
  if (state.open) await openChat(state.open);
}

// ---- the stream ----

async function connect() {
  state.source?.close();
  try {
    const { ticket } = await api("POST", "/v1/stream/ticket");
    const resume = state.lastEventId ? `&lastEventId=${encodeURIComponent(state.lastEventId)}` : "";
    const source = new EventSource(`/v1/stream?ticket=${encodeURIComponent(ticket)}${resume}`);
    state.source = source;
    source.onopen = () => {
      state.retry = 1000;
      live(true);
    };
    // A ticket works once: instead of EventSource's own retry, a new ticket resumes after the last id seen.
    source.onerror = () => {
      source.close();
      live(false);
      setTimeout(connect, state.retry);
      state.retry = Math.min(state.retry * 2, 30000);
    };
    for (const type of ["ping.received", "ping.responded", "ping.declined", "ping.expired", "ping.withdrawn",
      "message.posted", "chat.read", "limits.changed", "resync"]) {
      source.addEventListener(type, (e) => {
        state.lastEventId = e.lastEventId || state.lastEventId;
        handle(type, JSON.parse(e.data)).catch((err) => toast(err.message));
      });
    }
  } catch (e) {
    live(false);
    if (state.token) setTimeout(connect, state.retry);
  }
}

function live(on) {
  $("live").textContent = on ? "live" : "offline";
  $("live").classList.toggle("on", on);
}

async function handle(type, data) {
  switch (type) {
    case "ping.received":
    case "ping.withdrawn":
      state.received.set(data.pingId, data);
      renderPings();
      await refreshChats();
      break;
    case "ping.responded":
    case "ping.declined":
    case "ping.expired":
      state.sent.set(data.pingId, data);
      renderPings();
      await refreshChats();
      break;
    case "message.posted":
      if (state.open === data.chatId) {
        if (!state.messages.some((m) => m.seq === data.message.seq)) state.messages.push(data.message);
        renderMessages();
        await markRead();
      }
      await refreshChats();
      break;
    case "chat.read": {
      const chat = state.chats.get(data.chatId);
      if (chat) chat.otherReadSeq = Math.max(chat.otherReadSeq, data.readSeq);
      if (state.open === data.chatId) renderMessages();
      break;
    }
    case "limits.changed":
      renderLimits(data);
      break;
    case "resync":
      await reload();
      break;
  }
}

// ---- limits ----

function renderLimits(limits) {
  $("remaining").textContent = limits.remaining;
  $("daily").textContent = limits.dailyLimit;
  $("tier").textContent = limits.tier;
  $("reset").textContent = limits.cooldownUntil
    ? `Cooling down until ${when(limits.cooldownUntil)}.`
    : `Resets ${when(limits.resetAt)}.`;
  $("rules").replaceChildren(...limits.rules.map((r) =>
    el("li", { textContent: r.limit === null || r.limit === undefined
      ? `${r.name}: ${r.description}`
      : `${r.name}: ${r.remaining ?? r.limit} of ${r.limit} left${r.resetAt ? ` · ${when(r.resetAt)}` : ""}` })));
}

// RateLimit: "daily";r=49;t=3600, "pending";r=49;t=... on every answer of the ping routes.
function showRateLimit(header, policy) {
  const daily = /"daily";r=(\d+)/.exec(header ?? "");
  const quota = /"daily";q=(\d+)/.exec(policy ?? "");
  if (daily) $("remaining").textContent = daily[1];
  if (quota) $("daily").textContent = quota[1];
}

// ---- listings ----

function renderListings() {
  $("listings").replaceChildren(...[...state.listings].filter(([, l]) => l).map(([id, l]) =>
    el("li", {},
      el("div", { className: "meta" }, el("strong", { textContent: l.title }), el("span", { className: `status ${l.status}`, textContent: l.status })),
      el("div", { className: "id", textContent: id, title: "Share this id: others ping it" }))));
}

async function createListing(event) {
  event.preventDefault();
  const form = event.target;
  await act(form.parentElement, async () => {
    const id = crypto.randomUUID();
    const listing = await api("PUT", `/v1/listings/${id}`, { title: form.title.value });
    state.listings.set(id, listing);
    localStorage.setItem(`pa.listings.${state.me}`, JSON.stringify([...state.listings.keys()]));
    form.reset();
    renderListings();
  });
}

// ---- pings ----

function pingItem(ping, received) {
  const li = el("li", { dataset: { ping: ping.pingId } },
    el("div", { className: "meta" },
      el("span", { textContent: received ? `from ${ping.sender}` : `to ${ping.receiver}` }),
      el("span", { className: `status ${ping.status}`, textContent: ping.status })),
    el("div", { className: "body", textContent: ping.message }),
    ping.responseMessage ? el("div", { className: "hint", textContent: `Reply: ${ping.responseMessage}` }) : null,
    el("div", { className: "hint", textContent: when(ping.createdAt) }));
  if (ping.status === "pending") {
    const actions = el("form", { className: "actions" });
    if (received) {
      const reply = el("input", { name: "reply", placeholder: "Reply…", required: true, maxLength: 1000, ariaLabel: "Reply" });
      const decline = el("button", { type: "button", className: "secondary", textContent: "Decline" });
      actions.append(reply, el("button", { type: "submit", textContent: "Respond" }), decline);
      actions.onsubmit = (e) => (e.preventDefault(), act(li, () => pingAction(ping, "respond", { message: reply.value })));
      decline.onclick = () => act(li, () => pingAction(ping, "decline"));
    } else {
      const withdraw = el("button", { type: "button", className: "secondary", textContent: "Withdraw" });
      actions.append(withdraw);
      withdraw.onclick = () => act(li, () => pingAction(ping, "withdraw"));
    }
    li.append(actions, el("p", { className: "error", role: "alert" }));
  }
  return li;
}

async function pingAction(ping, action, body) {
  const updated = await api("POST", `/v1/pings/${ping.pingId}/${action}`, body);
  (updated.sender === state.me ? state.sent : state.received).set(updated.pingId, updated);
  renderPings();
  await refreshChats();
}

function renderPings() {
  const newest = (map) => [...map.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  // A redraw keeps what someone was typing into a reply, and where.
  const typing = new Map([...$("received").querySelectorAll("li")].map((li) => [li.dataset.ping, li.querySelector("input")?.value]));
  const focused = document.activeElement?.closest("#received li")?.dataset.ping;
  $("received").replaceChildren(...newest(state.received).map((p) => pingItem(p, true)));
  for (const li of $("received").querySelectorAll("li")) {
    const input = li.querySelector("input");
    if (input && typing.get(li.dataset.ping)) input.value = typing.get(li.dataset.ping);
    if (input && li.dataset.ping === focused) input.focus();
  }
  $("received-empty").hidden = state.received.size > 0;
  $("sent").replaceChildren(...newest(state.sent).map((p) => pingItem(p, false)));
}

async function sendPing(event) {
  event.preventDefault();
  const form = event.target;
  await act(form.parentElement, async () => {
    const ping = await api("POST", "/v1/pings", { listingId: form.listingId.value.trim(), message: form.message.value });
    state.sent.set(ping.pingId, ping);
    form.message.value = "";
    renderPings();
    renderLimits(await api("GET", "/v1/me/limits"));
    await refreshChats();
  });
}

// ---- chats ----

async function refreshChats() {
  const chats = await api("GET", "/v1/chats?limit=50");
  state.chats = new Map(chats.items.map((c) => [c.chatId, c]));
  await renderChats();
}

async function renderChats() {
  const items = await Promise.all([...state.chats.values()].map(async (chat) => {
    const li = el("li", { className: chat.chatId === state.open ? "open" : "", dataset: { chat: chat.chatId }, tabIndex: 0 },
      el("div", {},
        el("strong", { textContent: other(chat) }),
        el("div", { className: "hint", textContent: `${await titleOf(chat.listingId)} · ${when(chat.lastMessageAt)}` })),
      chat.unread > 0 ? el("span", { className: "unread", textContent: chat.unread, title: "Unread" }) : null);
    li.onclick = () => act(null, () => openChat(chat.chatId));
    li.onkeydown = (e) => e.key === "Enter" && li.onclick();
    return li;
  }));
  $("chats").replaceChildren(...items);
  $("chats-empty").hidden = state.chats.size > 0;
}

async function openChat(chatId) {
  state.open = chatId;
  const chat = await api("GET", `/v1/chats/${chatId}`);
  state.chats.set(chatId, chat);
  const messages = [];
  for (let after = 0; ;) {
    const page = await api("GET", `/v1/chats/${chatId}/messages?afterSeq=${after}&limit=100`);
    messages.push(...page.items);
    if (page.items.length < 100) break;
    after = page.items[page.items.length - 1].seq;
  }
  state.messages = messages;
  $("chat").hidden = false;
  $("chat-h").textContent = `${other(chat)} · ${await titleOf(chat.listingId)}`;
  renderMessages();
  await markRead();
  await renderChats();
}

async function markRead() {
  const last = state.messages.at(-1);
  const chat = state.chats.get(state.open);
  if (!last || !chat || document.hidden) return;
  await api("POST", `/v1/chats/${state.open}/read`, { seq: last.seq });
  chat.unread = 0;
  await renderChats();
}

function renderMessages() {
  const chat = state.chats.get(state.open);
  const mine = state.messages.filter((m) => m.sender === state.me && m.seq <= (chat?.otherReadSeq ?? 0));
  const seen = mine.at(-1)?.seq;
  const list = $("messages");
  list.replaceChildren(...state.messages.flatMap((m) => [
    el("li", { className: m.sender === state.me ? "mine" : "", dataset: { seq: m.seq }, textContent: m.text, title: when(m.createdAt) }),
    m.seq === seen ? el("li", { className: "receipt", textContent: "Seen" }) : null,
  ].filter(Boolean)));
  list.scrollTop = list.scrollHeight;
}

async function postMessage(event) {
  event.preventDefault();
  const form = event.target;
  await act(form.parentElement, async () => {
    const message = await api("POST", `/v1/chats/${state.open}/messages`, { text: form.text.value, clientMessageId: crypto.randomUUID() });
    if (!state.messages.some((m) => m.seq === message.seq)) state.messages.push(message);
    form.reset();
    renderMessages();
  });
}

document.addEventListener("visibilitychange", () => state.open && !document.hidden && markRead().catch(() => {}));

$("sign-in").onsubmit = signIn;
$("sign-out").onclick = signOut;
$("new-listing").onsubmit = createListing;
$("new-ping").onsubmit = sendPing;
$("new-message").onsubmit = postMessage;
$("chat-close").onclick = () => {
  state.open = null;
  $("chat").hidden = true;
  renderChats();
};

if (state.token) start().catch((e) => toast(e.message));
