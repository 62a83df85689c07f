// Runs the official unipile-node-sdk (1.9.3) against a Unipile-compatible server with response validation at
// level "error", and prints one PASS/FAIL line per step plus a summary.
//
// Environment: UNIPILE_DSN (e.g. "127.0.0.1:13111" or "http://127.0.0.1:13111"), UNIPILE_API_KEY.
// Exit status: 0 when every step passed, 1 when any failed, 2 on bad configuration.

import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

import { UnipileClient } from 'unipile-node-sdk';

// The SDK's validation errors carry typebox schemas; its own typebox copy explains union failures in detail.
const requireFromSdk = createRequire(import.meta.resolve('unipile-node-sdk'));
const { Value } = requireFromSdk('@sinclair/typebox/value');

const PAGE_LIMIT = 10;
const MESSAGE_PAGE_LIMIT = 5;
const MAX_PAGES = 500;
const RUN_MARKER = `sdk-conformance-${Date.now()}`;

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Turns a DSN ("host:port", "http://host:port", optionally ending in /api/v1) into the SDK's base URL. */
function baseUrlFromDsn(dsn) {
  let text = dsn.trim().replace(/\/+$/, '');
  if (!/^[a-z]+:\/\//i.test(text)) {
    // The SDK only knows "protocol://domain"; plain http is only sensible for loopback.
    const host = text.replace(/:\d+$/, '');
    text = `${LOOPBACK_HOSTS.has(host) ? 'http' : 'https'}://${text}`;
  }
  const url = new URL(text);
  const path = url.pathname.replace(/\/+$/, '');
  if (path !== '' && path !== '/api/v1') {
    throw new Error(`UNIPILE_DSN must be a host[:port] or a base URL, got a path: ${path}`);
  }
  // The SDK splits on "://" and appends "/api/v1/..." to the domain itself.
  return `${url.protocol}//${url.host}`;
}

function readConfig() {
  const dsn = process.env.UNIPILE_DSN;
  const apiKey = process.env.UNIPILE_API_KEY;
  if (!dsn || !apiKey) {
    console.error('UNIPILE_DSN and UNIPILE_API_KEY must both be set.');
    process.exit(2);
  }
  try {
    return { baseUrl: baseUrlFromDsn(dsn), apiKey };
  } catch (error) {
    console.error(`Bad UNIPILE_DSN: ${error.message}`);
    process.exit(2);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Error description
// ---------------------------------------------------------------------------------------------------------------

class CheckFailed extends Error {}

function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

function short(value, max = 120) {
  let text;
  try {
    text = value instanceof Blob ? `<Blob ${value.size} bytes>` : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  if (text === undefined) text = 'undefined';
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/** What a schema expects, in a few words. */
function expectedOf(schema) {
  if (schema === undefined) return '?';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join('|')}`;
  if (Array.isArray(schema.anyOf)) return schema.anyOf.map(expectedOf).join(' | ');
  if (schema.type) return schema.format ? `${schema.type}(${schema.format})` : String(schema.type);
  const kind = schema[Symbol.for('TypeBox.Kind')];
  if (kind === 'EncodedQueryCursor') return 'padded standard base64 string';
  return kind ? String(kind) : '?';
}

/**
 * Expands a union failure into the errors of its closest member: the one whose literal discriminators
 * (`type`, `object`, `provider`) match the value, else the one with the fewest errors.
 */
function expandUnion(error) {
  const members = error.schema.anyOf;
  const value = error.value;
  let best = null;
  for (const member of members) {
    let errors;
    try {
      errors = [...Value.Errors(member, value)];
    } catch {
      continue;
    }
    let discriminated = false;
    if (member.properties && value && typeof value === 'object') {
      for (const key of ['type', 'object', 'provider']) {
        const literal = member.properties[key]?.const;
        if (literal !== undefined && value[key] === literal) discriminated = true;
      }
    }
    const score = (discriminated ? 0 : 1_000_000) + errors.length;
    if (best === null || score < best.score) best = { member, errors, score, discriminated };
  }
  if (best === null || best.errors.length === 0) return null;
  if (!best.discriminated && value && typeof value === 'object') {
    // A discriminator no member accepts is the real defect; name all accepted values.
    for (const key of ['type', 'object', 'provider']) {
      const literals = members.map((m) => m.properties?.[key]?.const).filter((v) => v !== undefined);
      if (literals.length === members.length && !literals.includes(value[key])) {
        return [
          {
            path: `${error.path}/${key}`,
            message: 'Expected a discriminator one of the union members accepts',
            expected: literals.map((v) => JSON.stringify(v)).join('|'),
            value: value[key],
          },
        ];
      }
    }
  }
  const label = best.discriminated
    ? `closest member ${['type', 'object', 'provider']
        .filter((k) => best.member.properties?.[k]?.const !== undefined)
        .map((k) => `${k}=${JSON.stringify(best.member.properties[k].const)}`)
        .join(',')}`
    : 'closest member';
  return best.errors.map((inner) => ({
    path: error.path + inner.path,
    message: inner.message,
    expected: expectedOf(inner.schema),
    value: inner.value,
    via: label,
  }));
}

/** Flattens typebox errors into {path, message, expected, value} lines, with union failures drilled into. */
function describeValidationErrors(errors) {
  const lines = [];
  for (const error of errors) {
    const expanded = Array.isArray(error.schema?.anyOf) ? expandUnion(error) : null;
    if (expanded) {
      for (const inner of expanded) {
        // Nested unions (e.g. a message union inside an item) are expanded once more.
        const innerSchemaError = Array.isArray(inner.schema?.anyOf) ? expandUnion(inner) : null;
        lines.push(...(innerSchemaError ?? [inner]));
      }
    } else {
      lines.push({ path: error.path, message: error.message, expected: expectedOf(error.schema), value: error.value });
    }
  }
  // The same defect usually repeats on every list item: fold /items/3/x and /items/7/x into /items/*/x.
  const folded = new Map();
  for (const line of lines) {
    const pattern = line.path.replace(/\/\d+(?=\/|$)/g, '/*');
    const key = `${pattern}\u0000${line.message}`;
    const entry = folded.get(key);
    if (entry) entry.count += 1;
    else folded.set(key, { ...line, pattern, count: 1 });
  }
  return [...folded.values()].map(
    (e) =>
      `${e.pattern || '/'}: ${e.message} (expected ${e.expected}; got ${short(e.value, 80)}; ` +
      `first at ${e.path || '/'}` +
      `${e.count > 1 ? `; ${e.count} occurrences` : ''}${e.via ? `; ${e.via}` : ''})`,
  );
}

/** Runs an SDK call and labels its failure with the request, so a step with several calls says which one broke. */
async function call(label, promise) {
  try {
    return await promise;
  } catch (error) {
    if (error && typeof error === 'object' && !error.callLabel) error.callLabel = label;
    throw error;
  }
}

/** One-line reason plus detail lines for any error thrown by an SDK call. */
function describeError(error) {
  const described = describeBareError(error);
  if (error?.callLabel) described.reason = `${error.callLabel}: ${described.reason}`;
  return described;
}

function describeBareError(error) {
  if (error instanceof CheckFailed) return { reason: error.message, details: [] };
  if (error?.constructor?.name === 'InvalidResponseTypeError' || 'invalid_response' in (error ?? {})) {
    const details = describeValidationErrors(Array.isArray(error.body) ? error.body : []);
    return {
      reason: `response failed SDK validation: ${details[0] ?? 'no error detail'}`,
      details: details.slice(1, 12),
    };
  }
  if (error?.constructor?.name === 'UnsuccessfulRequestError') {
    const body = error.body;
    if (body && typeof body === 'object' && !(body instanceof Blob)) {
      return {
        reason:
          `HTTP error ${body.status ?? '?'} ${body.type ?? ''}: ${body.title ?? ''}` +
          `${body.detail ? ` - ${body.detail}` : ''}`,
        details: [],
      };
    }
    return { reason: `HTTP error with a non-JSON body ${short(body)}`, details: [] };
  }
  const cause = error?.cause ? ` (cause: ${error.cause.code ?? error.cause.message ?? error.cause})` : '';
  return { reason: `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}${cause}`, details: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Step runner
// ---------------------------------------------------------------------------------------------------------------

const results = [];

async function step(name, body) {
  try {
    const info = await body();
    results.push({ name, ok: true });
    console.log(`PASS ${name}`);
    for (const line of [].concat(info ?? [])) console.log(`    info: ${line}`);
  } catch (error) {
    const { reason, details } = describeError(error);
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${reason.replace(/\s*\n\s*/g, ' ')}`);
    for (const line of details) console.log(`    also: ${line}`);
  }
}

/** Follows a list's cursor to the end; checks page sizes, cursor progress and id uniqueness. */
async function collectPages(fetchPage, { limit, label }) {
  const items = [];
  const seenIds = new Set();
  const seenCursors = new Set();
  let cursor;
  let pages = 0;
  for (;;) {
    const page = await fetchPage(cursor);
    pages += 1;
    check(Array.isArray(page.items), `${label} page ${pages} has no items array`);
    check(page.items.length <= limit, `${label} page ${pages} holds ${page.items.length} items, above limit ${limit}`);
    for (const item of page.items) {
      check(!seenIds.has(item.id), `${label} id ${item.id} repeats (page ${pages})`);
      seenIds.add(item.id);
      items.push(item);
    }
    if (page.cursor === null || page.cursor === undefined) break;
    check(page.items.length > 0, `${label} page ${pages} is empty but its cursor is not null`);
    check(!seenCursors.has(page.cursor), `${label} cursor repeats on page ${pages}: the list would never end`);
    check(pages < MAX_PAGES, `${label} still has a cursor after ${MAX_PAGES} pages`);
    seenCursors.add(page.cursor);
    cursor = page.cursor;
  }
  return { items, pages };
}

// ---------------------------------------------------------------------------------------------------------------
// Test data
// ---------------------------------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A valid 4x4 RGB PNG in a checker pattern. */
function makePng(size = 4) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, default compression/filter/interlace
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    rows.push(0); // filter: none
    for (let x = 0; x < size; x += 1) rows.push(...((x + y) % 2 ? [0x1f, 0x6f, 0xc8] : [0xff, 0xff, 0xff]));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

const { baseUrl, apiKey } = readConfig();
const client = new UnipileClient(baseUrl, apiKey, {
  validateRequestPayload: true,
  validateRequestPayloadLevel: 'error',
});
// Only used to find test data when the validated step that should have provided it failed.
const discoveryClient = new UnipileClient(baseUrl, apiKey, { validateRequestPayload: false });

const state = {
  accounts: null,
  chats: null,
  attendees: null,
  createdMessageIds: new Set(),
  createdChatIds: new Set(),
  invitation: null,
};

async function accounts() {
  if (state.accounts) return state.accounts;
  const { items } = await collectPages(
    (cursor) => call('discovery GET /accounts', discoveryClient.account.getAll({ limit: 100, cursor })),
    { limit: 100, label: 'accounts' },
  );
  state.accounts = items;
  return items;
}

async function chats() {
  if (state.chats) return state.chats;
  const { items } = await collectPages(
    (cursor) => call('discovery GET /chats', discoveryClient.messaging.getAllChats({ limit: 100, cursor })),
    { limit: 100, label: 'chats' },
  );
  state.chats = items;
  return items;
}

async function attendees() {
  if (state.attendees) return state.attendees;
  const { items } = await collectPages(
    (cursor) =>
      call('discovery GET /chat_attendees', discoveryClient.messaging.getAllAttendees({ limit: 100, cursor })),
    { limit: 100, label: 'attendees' },
  );
  state.attendees = items;
  return items;
}

function accountIsRunning(account) {
  const sources = Array.isArray(account.sources) ? account.sources : [];
  return sources.length > 0 && sources.every((source) => source.status === 'OK');
}

function linkedinFeatures(account) {
  const features = account?.connection_params?.im?.premiumFeatures;
  return Array.isArray(features) ? features : [];
}

/** Accounts that can send, in order of preference for generic messaging steps. */
async function sendableAccounts(preferredTypes) {
  const all = (await accounts()).filter(accountIsRunning);
  const rank = (a) => {
    const index = preferredTypes.indexOf(a.type);
    return index === -1 ? preferredTypes.length : index;
  };
  return all.filter((a) => a.type !== 'MAIL').sort((a, b) => rank(a) - rank(b));
}

function otherPeople(allAttendees, accountId) {
  return allAttendees.filter((a) => a.account_id === accountId && a.is_self === 0 && a.hidden !== 1);
}

async function writableChat() {
  const running = new Map((await sendableAccounts(['WHATSAPP', 'TELEGRAM', 'LINKEDIN'])).map((a) => [a.id, a]));
  const candidates = (await chats()).filter(
    (c) => c.read_only === 0 && c.type !== 2 && running.has(c.account_id) && !state.createdChatIds.has(c.id),
  );
  check(candidates.length > 0, 'no writable chat (read_only 0, account sources OK) in the listed data');
  const order = ['WHATSAPP', 'TELEGRAM', 'LINKEDIN'];
  const rank = (chat) => {
    const index = order.indexOf(running.get(chat.account_id).type);
    return index === -1 ? order.length : index;
  };
  candidates.sort((a, b) => rank(a) - rank(b));
  return candidates[0];
}

/** Newest messages of a chat, validated, for checks after a send. */
async function newestMessages(chatId) {
  const page = await call(
    'GET /chats/{id}/messages (checking the sent message)',
    client.messaging.getAllMessagesFromChat({ chat_id: chatId, limit: 20 }),
  );
  return page.items;
}

async function main() {
  console.log(`sdk conformance: unipile-node-sdk 1.9.3 against ${baseUrl} (validation level error)`);

  await step('list accounts', async () => {
    const { items, pages } = await collectPages(
      (cursor) => call('GET /accounts', client.account.getAll({ limit: PAGE_LIMIT, cursor })),
      { limit: PAGE_LIMIT, label: 'accounts' },
    );
    check(items.length > 0, 'no accounts listed');
    state.accounts = items;
    const types = [...new Set(items.map((a) => a.type))].join(', ');
    return `${items.length} accounts in ${pages} page(s): ${types}`;
  });

  await step('list chats (cursor pagination)', async () => {
    const { items, pages } = await collectPages(
      (cursor) => call('GET /chats', client.messaging.getAllChats({ limit: PAGE_LIMIT, cursor })),
      { limit: PAGE_LIMIT, label: 'chats' },
    );
    check(pages > 1, `only ${pages} page with limit ${PAGE_LIMIT} (${items.length} chats); expected more than one`);
    state.chats = items;
    return `${items.length} chats in ${pages} pages, no id repeated`;
  });

  await step('get chat', async () => {
    const chat = (await chats())[0];
    check(chat, 'no chat to fetch');
    const fetched = await call('GET /chats/{id}', client.messaging.getChat(chat.id));
    check(fetched.id === chat.id, `asked for chat ${chat.id}, got ${fetched.id}`);
    check(fetched.account_id === chat.account_id, 'account_id differs from the chat list entry');
    const lastMessage = fetched.lastMessage === null ? 'null' : 'present';
    return `chat ${chat.id} (${fetched.account_type}, lastMessage ${lastMessage})`;
  });

  await step('list chat messages (cursor pagination)', async () => {
    // The first chat whose first small page has a cursor has more than one page.
    let target = null;
    for (const chat of await chats()) {
      const first = await call(
        'GET /chats/{id}/messages',
        client.messaging.getAllMessagesFromChat({ chat_id: chat.id, limit: MESSAGE_PAGE_LIMIT }),
      );
      if (first.cursor) {
        target = chat;
        break;
      }
    }
    check(target, `no chat has more than ${MESSAGE_PAGE_LIMIT} messages (no first page returned a cursor)`);
    const { items, pages } = await collectPages(
      (cursor) =>
        call(
          'GET /chats/{id}/messages?cursor=',
          client.messaging.getAllMessagesFromChat({ chat_id: target.id, limit: MESSAGE_PAGE_LIMIT, cursor }),
        ),
      { limit: MESSAGE_PAGE_LIMIT, label: 'messages' },
    );
    check(pages > 1, `only ${pages} page of messages for chat ${target.id}`);
    for (const message of items) {
      check(message.chat_id === target.id, `message ${message.id} has chat_id ${message.chat_id}, not ${target.id}`);
    }
    // Documented order: most recent first, across pages too.
    for (let i = 1; i < items.length; i += 1) {
      const previous = Date.parse(items[i - 1].timestamp);
      const current = Date.parse(items[i].timestamp);
      check(
        !(current > previous),
        `messages not newest first: ${items[i].id} (${items[i].timestamp}) ` +
          `follows ${items[i - 1].id} (${items[i - 1].timestamp})`,
      );
    }
    return `chat ${target.id}: ${items.length} messages in ${pages} pages, no id repeated, newest first`;
  });

  await step('list all messages (GET /messages: the polling route, with after and account_id)', async () => {
    const { items, pages } = await collectPages(
      (cursor) => call('GET /messages', client.messaging.getAllMessages({ limit: 100, cursor })),
      { limit: 100, label: 'all messages' },
    );
    check(pages > 1, `only ${pages} page of GET /messages with limit 100 (${items.length} messages)`);
    for (let i = 1; i < items.length; i += 1) {
      check(
        !(Date.parse(items[i].timestamp) > Date.parse(items[i - 1].timestamp)),
        `GET /messages not newest first: ${items[i].id} (${items[i].timestamp}) follows ${items[i - 1].id}`,
      );
    }
    const chatIds = new Set(items.map((m) => m.chat_id));
    // A window: only messages strictly after a timestamp, across every chat.
    const pivot = items[Math.min(20, items.length - 1)];
    const recent = await call(
      'GET /messages?after=',
      client.messaging.getAllMessages({ after: pivot.timestamp, limit: 100 }),
    );
    const expected = items.filter((m) => Date.parse(m.timestamp) > Date.parse(pivot.timestamp)).map((m) => m.id);
    check(
      recent.items.length === expected.length && recent.items.every((m) => expected.includes(m.id)),
      `after=${pivot.timestamp} listed ${recent.items.length} messages, expected ${expected.length}`,
    );
    // One account's messages only.
    const accountId = items[0].account_id;
    const { items: own } = await collectPages(
      (cursor) =>
        call(
          'GET /messages?account_id=',
          client.messaging.getAllMessages({ account_id: accountId, limit: 100, cursor }),
        ),
      { limit: 100, label: 'one account\'s messages' },
    );
    check(own.length > 0 && own.every((m) => m.account_id === accountId), 'account_id filter let other accounts in');
    return `${items.length} messages of ${chatIds.size} chats in ${pages} pages, newest first; ` +
      `after= kept ${recent.items.length}; account ${accountId}: ${own.length}`;
  });

  await step('list chat attendees', async () => {
    const chat = (await chats()).find((c) => c.type === 1) ?? (await chats())[0];
    check(chat, 'no chat listed');
    const list = await call('GET /chats/{id}/attendees', client.messaging.getAllAttendeesFromChat(chat.id));
    check(list.items.length > 0, `chat ${chat.id} has no attendees`);
    for (const attendee of list.items) {
      check(attendee.account_id === chat.account_id, `attendee ${attendee.id} belongs to another account`);
    }
    return `chat ${chat.id} (type ${chat.type}): ${list.items.length} attendees`;
  });

  await step('list all attendees', async () => {
    const { items, pages } = await collectPages(
      (cursor) => call('GET /chat_attendees', client.messaging.getAllAttendees({ limit: PAGE_LIMIT, cursor })),
      { limit: PAGE_LIMIT, label: 'attendees' },
    );
    check(items.length > 0, 'no attendees listed');
    state.attendees = items;
    return `${items.length} attendees in ${pages} page(s), no id repeated`;
  });

  await step('every seeded chat validates (detail, attendees, all messages)', async () => {
    // The steps above touch a few chats; this sweep puts every seeded chat through the same validators.
    const all = await chats();
    check(all.length > 0, 'no chat listed');
    let messageCount = 0;
    const attachmentTypes = new Set();
    for (const chat of all) {
      await call(`GET /chats/${chat.id}`, client.messaging.getChat(chat.id));
      await call(`GET /chats/${chat.id}/attendees`, client.messaging.getAllAttendeesFromChat(chat.id));
      const { items } = await collectPages(
        (cursor) =>
          call(
            `GET /chats/${chat.id}/messages`,
            client.messaging.getAllMessagesFromChat({ chat_id: chat.id, limit: 100, cursor }),
          ),
        { limit: 100, label: `messages of chat ${chat.id}` },
      );
      messageCount += items.length;
      for (const message of items) for (const attachment of message.attachments) attachmentTypes.add(attachment.type);
    }
    const types = [...attachmentTypes].join(', ') || 'none';
    return `${all.length} chats, ${messageCount} messages; attachment types seen: ${types}`;
  });

  // Seeded attachments are looked up before this run sends any of its own.
  let seededAttachment = null;
  async function findSeededAttachment() {
    if (seededAttachment) return seededAttachment;
    for (const chat of await chats()) {
      let cursor;
      do {
        const page = await call(
          'discovery GET /chats/{id}/messages',
          discoveryClient.messaging.getAllMessagesFromChat({ chat_id: chat.id, limit: 100, cursor }),
        );
        for (const message of page.items) {
          const attachment = (message.attachments ?? []).find((a) => !a.unavailable);
          if (attachment) {
            seededAttachment = { message, attachment };
            return seededAttachment;
          }
        }
        cursor = page.cursor;
      } while (cursor);
    }
    return null;
  }
  try {
    await findSeededAttachment();
  } catch {
    // The download step reports the failure itself.
  }

  await step('send text message', async () => {
    const chat = await writableChat();
    const text = `${RUN_MARKER} text`;
    const sent = await call('POST /chats/{id}/messages', client.messaging.sendMessage({ chat_id: chat.id, text }));
    check(sent.object === 'MessageSent', `object is ${short(sent.object)}`);
    if (sent.message_id === null) return `chat ${chat.id}: message_id null (allowed by the schema)`;
    state.createdMessageIds.add(sent.message_id);
    const found = (await newestMessages(chat.id)).find((m) => m.id === sent.message_id);
    check(found, `sent message ${sent.message_id} is not among the chat's newest messages`);
    check(found.text === text, `sent message text is ${short(found.text)}`);
    check(found.is_sender === 1, `sent message has is_sender ${found.is_sender}`);
    return `chat ${chat.id} (${chat.account_type}): message ${sent.message_id} listed with is_sender 1`;
  });

  await step('send message with attachment', async () => {
    const chat = await writableChat();
    const png = makePng();
    const sent = await call(
      'POST /chats/{id}/messages (multipart with attachment)',
      client.messaging.sendMessage({
        chat_id: chat.id,
        text: `${RUN_MARKER} attachment`,
        attachments: [['conformance.png', png]],
      }),
    );
    check(sent.object === 'MessageSent', `object is ${short(sent.object)}`);
    if (sent.message_id === null) return `chat ${chat.id}: message_id null (allowed by the schema)`;
    state.createdMessageIds.add(sent.message_id);
    const found = (await newestMessages(chat.id)).find((m) => m.id === sent.message_id);
    check(found, `sent message ${sent.message_id} is not among the chat's newest messages`);
    check(found.attachments.length === 1, `sent message lists ${found.attachments.length} attachments, expected 1`);
    const attachment = found.attachments[0];
    return `chat ${chat.id}: message ${sent.message_id} lists a ${attachment.type} attachment ` +
      `(${attachment.mimetype ?? 'no mimetype'}, file_size ${attachment.file_size ?? 'absent'}; ` +
      `sent ${png.length} bytes)`;
  });

  await step('start 1:1 chat', async () => {
    const everyone = await attendees();
    let chosen = null;
    for (const account of await sendableAccounts(['WHATSAPP', 'TELEGRAM', 'INSTAGRAM', 'MESSENGER', 'LINKEDIN'])) {
      // Without InMail, LinkedIn only reaches first-degree relations.
      const people = otherPeople(everyone, account.id).filter(
        (p) => account.type !== 'LINKEDIN' || p.specifics?.network_distance === 'DISTANCE_1',
      );
      if (people.length > 0) {
        chosen = { account, person: people[0] };
        break;
      }
    }
    check(chosen, 'no running account with a reachable non-self attendee');
    const started = await call('POST /chats', client.messaging.startNewChat({
      account_id: chosen.account.id,
      text: `${RUN_MARKER} hello`,
      attendees_ids: [chosen.person.provider_id],
    }));
    check(started.object === 'ChatStarted', `object is ${short(started.object)}`);
    if (started.chat_id === null) return `${chosen.account.type}: chat_id null (allowed by the schema)`;
    state.createdChatIds.add(started.chat_id);
    const chat = await call('GET /chats/{started chat_id}', client.messaging.getChat(started.chat_id));
    check(chat.type === 0, `started 1:1 chat has type ${chat.type}, expected 0 (SINGLE)`);
    check(chat.account_id === chosen.account.id, `started chat belongs to account ${chat.account_id}`);
    return `${chosen.account.type} account ${chosen.account.id} -> chat ${started.chat_id} (type 0)`;
  });

  await step('start group chat', async () => {
    const everyone = await attendees();
    let chosen = null;
    for (const account of await sendableAccounts(['WHATSAPP', 'TELEGRAM', 'MESSENGER', 'INSTAGRAM', 'LINKEDIN'])) {
      const people = otherPeople(everyone, account.id).filter(
        (p) => account.type !== 'LINKEDIN' || p.specifics?.network_distance === 'DISTANCE_1',
      );
      if (people.length >= 2) {
        chosen = { account, people: people.slice(0, 2) };
        break;
      }
    }
    check(chosen, 'no running account with two reachable non-self attendees');
    const subject = `${RUN_MARKER} group`;
    const started = await call('POST /chats', client.messaging.startNewChat({
      account_id: chosen.account.id,
      text: `${RUN_MARKER} welcome`,
      subject,
      attendees_ids: chosen.people.map((p) => p.provider_id),
    }));
    check(started.object === 'ChatStarted', `object is ${short(started.object)}`);
    if (started.chat_id === null) return `${chosen.account.type}: chat_id null (allowed by the schema)`;
    state.createdChatIds.add(started.chat_id);
    const chat = await call('GET /chats/{started chat_id}', client.messaging.getChat(started.chat_id));
    check(chat.type === 1, `started group chat has type ${chat.type}, expected 1 (GROUP)`);
    return `${chosen.account.type} account ${chosen.account.id} -> group ${started.chat_id} named ${short(chat.name)}`;
  });

  await step('start LinkedIn InMail chat', async () => {
    const premium = (await accounts()).filter(
      (a) => a.type === 'LINKEDIN' && accountIsRunning(a) && linkedinFeatures(a).length > 0,
    );
    check(premium.length > 0, 'no running LinkedIn account lists connection_params.im.premiumFeatures');
    const everyone = await attendees();
    let chosen = null;
    for (const account of premium) {
      const people = otherPeople(everyone, account.id);
      // InMail exists to reach people outside the first degree; prefer them.
      const beyondFirstDegree = (p) =>
        Boolean(p.specifics?.network_distance) && p.specifics.network_distance !== 'DISTANCE_1';
      const person = people.find(beyondFirstDegree) ?? people[0];
      if (person) {
        chosen = { account, person };
        break;
      }
    }
    check(chosen, 'no LinkedIn premium account has a non-self attendee');
    const features = linkedinFeatures(chosen.account);
    // inmail is only sent with api=classic; recruiter and sales navigator use their own credits.
    const linkedin = features.includes('premium')
      ? { api: 'classic', inmail: true }
      : features.includes('recruiter')
        ? { api: 'recruiter' }
        : { api: 'sales_navigator' };
    const started = await call('POST /chats', client.messaging.startNewChat({
      account_id: chosen.account.id,
      text: `${RUN_MARKER} inmail`,
      subject: `${RUN_MARKER} subject`,
      attendees_ids: [chosen.person.provider_id],
      options: { linkedin },
    }));
    check(started.object === 'ChatStarted', `object is ${short(started.object)}`);
    if (started.chat_id !== null) state.createdChatIds.add(started.chat_id);
    return `account ${chosen.account.id} (${features.join('+')}) with linkedin ${short(linkedin)} to ` +
      `${chosen.person.specifics?.network_distance ?? 'unknown distance'} -> chat ${started.chat_id}`;
  });

  await step('send LinkedIn invitation (users.sendInvitation, JSON body)', async () => {
    const everyone = await attendees();
    let chosen = null;
    for (const account of (await accounts()).filter((a) => a.type === 'LINKEDIN' && accountIsRunning(a))) {
      // LinkedIn invites people outside the first degree who are not invited yet.
      const person = otherPeople(everyone, account.id).find(
        (p) =>
          Boolean(p.specifics?.network_distance) &&
          p.specifics.network_distance !== 'DISTANCE_1' &&
          !p.specifics.pending_invitation,
      );
      if (person) {
        chosen = { account, person };
        break;
      }
    }
    check(chosen, 'no running LinkedIn account has an un-invited attendee beyond the first degree');
    const message = `${RUN_MARKER} let's connect`;
    const sent = await call(
      'POST /users/invite',
      client.users.sendInvitation({
        account_id: chosen.account.id,
        provider_id: chosen.person.provider_id,
        message,
      }),
    );
    check(sent.object === 'UserInvitationSent', `object is ${short(sent.object)}`);
    state.invitation = { account: chosen.account, person: chosen.person, id: sent.invitation_id, message };
    return `account ${chosen.account.id} invited ${chosen.person.specifics.network_distance} ` +
      `${chosen.person.provider_id} -> invitation ${sent.invitation_id}`;
  });

  await step('list sent invitations (users.getAllInvitationsSent, cursor pagination)', async () => {
    check(state.invitation, 'the invitation step did not send one');
    const { account, person, id, message } = state.invitation;
    const limit = 2;
    const { items, pages } = await collectPages(
      (cursor) =>
        call(
          'GET /users/invite/sent',
          client.users.getAllInvitationsSent({ account_id: account.id, limit, cursor }),
        ),
      { limit, label: 'sent invitations' },
    );
    check(pages > 1, `only ${pages} page with limit ${limit} (${items.length} invitations); expected more than one`);
    const found = items.find((item) => item.id === id);
    check(found, `invitation ${id} is not listed`);
    check(found.invited_user_id === person.provider_id, `invited_user_id is ${short(found.invited_user_id)}`);
    check(found.invitation_text === message, `invitation_text is ${short(found.invitation_text)}`);
    for (let i = 1; i < items.length; i += 1) {
      check(
        !(Date.parse(items[i].parsed_datetime) > Date.parse(items[i - 1].parsed_datetime)),
        `sent invitations not newest first: ${items[i].id} follows ${items[i - 1].id}`,
      );
    }
    return `account ${account.id}: ${items.length} invitations in ${pages} pages, newest first, ` +
      `${id} listed as ${short(found.date)}`;
  });

  await step('cancel sent invitation (users.cancelInvitationSent)', async () => {
    check(state.invitation, 'the invitation step did not send one');
    const { account, id } = state.invitation;
    const canceled = await call(
      'DELETE /users/invite/sent/{id}',
      client.users.cancelInvitationSent({ account_id: account.id, invitation_id: id }),
    );
    check(canceled.object === 'InvitationCanceled', `object is ${short(canceled.object)}`);
    const after = await call(
      'GET /users/invite/sent (after cancel)',
      client.users.getAllInvitationsSent({ account_id: account.id, limit: 100 }),
    );
    check(!after.items.some((item) => item.id === id), `invitation ${id} is still listed after the cancel`);
    return `invitation ${id} canceled; ${after.items.length} still pending on account ${account.id}`;
  });

  // users.getProfile: one person per provider with a profile shape in the SDK, validated by its union validator.
  const profileIdOf = (profile) => profile.provider_id ?? profile.id ?? String(profile.pk);
  for (const provider of ['LINKEDIN', 'WHATSAPP', 'TELEGRAM', 'INSTAGRAM']) {
    await step(`get user profile, ${provider} (users.getProfile)`, async () => {
      const everyone = await attendees();
      const account = (await accounts()).find(
        (a) => a.type === provider && accountIsRunning(a) && otherPeople(everyone, a.id).length > 0,
      );
      check(account, `no running ${provider} account with people`);
      const people = otherPeople(everyone, account.id);
      const person =
        provider === 'LINKEDIN' ? people.find((p) => p.specifics?.pending_invitation) ?? people[0] : people[0];
      const profile = await call(
        'GET /users/{identifier}',
        client.users.getProfile({ account_id: account.id, identifier: person.provider_id }),
      );
      check(profile.object === 'UserProfile', `object is ${short(profile.object)}`);
      check(profile.provider === provider, `provider is ${short(profile.provider)}`);
      if (provider !== 'INSTAGRAM') {
        check(profileIdOf(profile) === person.provider_id, `the profile's id is ${short(profileIdOf(profile))}`);
      }
      const info = [`account ${account.id}: ${person.provider_id} -> ${short(JSON.stringify(profile), 160)}`];
      if (provider === 'LINKEDIN') {
        check(profile.invitation?.status === 'PENDING', `a pending invitation reads ${short(profile.invitation)}`);
        check(profile.public_identifier, 'no public_identifier');
        const byPublicId = await call(
          'GET /users/{public identifier} (all sections)',
          client.users.getProfile({
            account_id: account.id,
            identifier: profile.public_identifier,
            linkedin_sections: '*',
          }),
        );
        check(byPublicId.provider_id === profile.provider_id, 'the public identifier names another member');
        check(Array.isArray(byPublicId.work_experience), 'linkedin_sections * gave no work_experience');
        const recruiter = (await accounts()).find(
          (a) => a.type === 'LINKEDIN' && accountIsRunning(a) && linkedinFeatures(a).includes('recruiter'),
        );
        if (recruiter) {
          const someone = otherPeople(everyone, recruiter.id)[0];
          const seen = await call(
            'GET /users/{identifier} with linkedin_api recruiter and sections',
            client.users.getProfile({
              account_id: recruiter.id,
              identifier: someone.provider_id,
              linkedin_api: 'recruiter',
              linkedin_sections: ['experience', 'skills'],
            }),
          );
          check(seen.provider_id === someone.provider_id, 'the recruiter lookup named another member');
          info.push(`recruiter lookup of ${someone.provider_id}: ${(seen.skills ?? []).length} skills`);
        }
      }
      return info;
    });
  }

  await step('get user profile of an unsupported provider answers 501 feature_not_implemented', async () => {
    const everyone = await attendees();
    const account = (await accounts()).find(
      (a) => !['LINKEDIN', 'WHATSAPP', 'TELEGRAM', 'INSTAGRAM', 'TWITTER'].includes(a.type) && accountIsRunning(a),
    );
    if (!account) return 'no running account of a provider without a profile shape (skipped)';
    const person = otherPeople(everyone, account.id)[0];
    try {
      await client.users.getProfile({ account_id: account.id, identifier: person?.provider_id ?? 'someone' });
    } catch (error) {
      check(error?.body?.status === 501, `status ${short(error?.body?.status)} instead of 501`);
      check(error.body.type === 'errors/feature_not_implemented', `type ${short(error.body.type)}`);
      return `${account.type} account ${account.id}: 501 ${error.body.type}`;
    }
    throw new CheckFailed(`${account.type} answered a profile`);
  });

  await step('list chats of an attendee (messaging.getAllChatsFromAttendee, cursor pagination)', async () => {
    const everyone = await attendees();
    const running = new Set((await accounts()).filter(accountIsRunning).map((a) => a.id));
    const single = (await chats()).find((c) => c.type === 0 && running.has(c.account_id) && c.attendee_provider_id);
    check(single, 'no 1:1 chat on a running account');
    const person = everyone.find(
      (a) => a.account_id === single.account_id && a.provider_id === single.attendee_provider_id,
    );
    check(person, `no attendee ${single.attendee_provider_id} in account ${single.account_id}`);
    const limit = 1;
    const byId = await collectPages(
      (cursor) =>
        call(
          'GET /chat_attendees/{id}/chats',
          client.messaging.getAllChatsFromAttendee({ attendee_id: person.id, limit, cursor }),
        ),
      { limit, label: 'attendee chats' },
    );
    // The route takes a comma list: two people's chats, one per page, exercise the cursor.
    const second = (await chats()).find(
      (c) => c.type === 0 && c.account_id === single.account_id && c.id !== single.id && c.attendee_provider_id,
    );
    check(second, `no second 1:1 chat on account ${single.account_id}`);
    const two = await collectPages(
      (cursor) =>
        call(
          'GET /chat_attendees/{id,id}/chats',
          client.messaging.getAllChatsFromAttendee({
            attendee_id: `${person.provider_id},${second.attendee_provider_id}`,
            account_id: single.account_id,
            limit,
            cursor,
          }),
        ),
      { limit, label: 'chats of two attendees' },
    );
    check(two.pages >= 2, `two people's chats came in ${two.pages} page with limit ${limit}`);
    for (const id of [single.id, second.id]) {
      check(two.items.some((c) => c.id === id), `chat ${id} is missing from the two people's chats`);
    }
    for (let i = 1; i < two.items.length; i += 1) {
      check(
        !(Date.parse(two.items[i].timestamp) > Date.parse(two.items[i - 1].timestamp)),
        `attendee chats not newest first: ${two.items[i].id} follows ${two.items[i - 1].id}`,
      );
    }
    check(
      byId.items.some((c) => c.id === single.id),
      `chat ${single.id} with ${person.id} is not among the attendee's chats`,
    );
    for (const chat of byId.items) {
      check(chat.type === 0, `chat ${chat.id} is not a 1:1 chat`);
      check(chat.attendee_provider_id === person.provider_id, `chat ${chat.id} is with someone else`);
    }
    const byProviderId = await call(
      'GET /chat_attendees/{provider id}/chats?account_id=',
      client.messaging.getAllChatsFromAttendee({
        attendee_id: person.provider_id,
        account_id: single.account_id,
        limit: 100,
      }),
    );
    const ids = (items) => items.map((c) => c.id).sort().join(',');
    check(ids(byProviderId.items) === ids(byId.items), 'the provider id and the attendee id list different chats');
    const elsewhere = (await accounts()).find((a) => a.id !== single.account_id && running.has(a.id));
    if (elsewhere) {
      try {
        const other = await client.messaging.getAllChatsFromAttendee({
          attendee_id: person.provider_id,
          account_id: elsewhere.id,
        });
        check(other.items.length === 0, `account ${elsewhere.id} lists ${other.items.length} chats with the person`);
      } catch (error) {
        check(error?.body?.status === 404, `another account's filter failed with ${short(error?.body ?? error)}`);
      }
    }
    return `attendee ${person.id} (${person.provider_id}): ${byId.items.length} chats; with ` +
      `${second.attendee_provider_id}: ${two.items.length} chats in ${two.pages} pages`;
  });

  await step('set read status', async () => {
    const supported = new Set(
      (await accounts())
        .filter((a) => ['WHATSAPP', 'LINKEDIN'].includes(a.type) && accountIsRunning(a))
        .map((a) => a.id),
    );
    const candidates = (await chats()).filter((c) => supported.has(c.account_id));
    check(candidates.length > 0, 'no chat on a running WhatsApp or LinkedIn account');
    const chat = candidates.find((c) => c.unread_count > 0) ?? candidates[0];
    const patched = await call(
      'PATCH /chats/{id} setReadStatus',
      client.messaging.setChatStatus({ chat_id: chat.id, action: 'setReadStatus', value: true }),
    );
    check(patched.object === 'ChatPatched', `object is ${short(patched.object)}`);
    const after = await call('GET /chats/{id} (after PATCH)', client.messaging.getChat(chat.id));
    check(after.unread_count === 0, `unread_count is ${after.unread_count} after setReadStatus true`);
    return `chat ${chat.id} (${chat.account_type}): unread_count ${chat.unread_count} -> 0`;
  });

  await step('download attachment', async () => {
    const found = await findSeededAttachment();
    check(found, 'no seeded message has an available attachment');
    const { message, attachment } = found;
    const blob = await call(
      'GET /messages/{id}/attachments/{id}',
      client.messaging.getMessageAttachment({ message_id: message.id, attachment_id: attachment.id }),
    );
    check(blob instanceof Blob, `download returned ${short(blob)} instead of binary data`);
    check(blob.size > 0, 'downloaded attachment is empty');
    return `message ${message.id} attachment ${attachment.id} (${attachment.type}): ${blob.size} bytes ` +
      `(file_size ${attachment.file_size ?? 'absent'}), content type ${short(blob.type || 'none')}`;
  });

  const failed = results.filter((r) => !r.ok).length;
  console.log(`sdk conformance: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (error) => {
    console.error(`sdk conformance crashed: ${error?.stack ?? error}`);
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed + 1; // the step that crashed counts as failed
    console.log(`sdk conformance: ${passed} passed, ${failed} failed`);
    process.exit(1);
  },
);
