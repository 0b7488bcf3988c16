import process from 'node:process';globalThis._importMeta_=globalThis._importMeta_||{url:"file:///_entry.js",env:process.env};import http, { Agent as Agent$1, request as request$1, Server as Server$1, STATUS_CODES, createServer } from 'node:http';
import https, { Agent, request, Server as Server$2, createServer as createServer$1 } from 'node:https';
import nodeCrypto, { createHash, randomUUID as randomUUID$1, randomBytes, timingSafeEqual, createHmac, scrypt as scrypt$1, createDecipheriv, createCipheriv } from 'node:crypto';
import require$$0$2 from 'stream';
import require$$0$3 from 'events';
import require$$2 from 'http';
import require$$1 from 'crypto';
import require$$0$1 from 'buffer';
import require$$0 from 'zlib';
import require$$1$1 from 'https';
import require$$3 from 'net';
import require$$4 from 'tls';
import require$$7 from 'url';
import { EventEmitter } from 'node:events';
import { Buffer as Buffer$1 } from 'node:buffer';
import { existsSync, promises, readFileSync, appendFileSync } from 'node:fs';
import { dirname as dirname$1, resolve as resolve$1, join as join$1 } from 'node:path';
import { isIP, Server, createServer as createServer$2 } from 'node:net';
import { z } from 'zod';
import { Curve, signedKeyPair, proto, unpadRandomMax16, writeRandomPadMax16, S_WHATSAPP_NET, getBinaryNodeChild, hmacSign, aesEncryptGCM, NOISE_WA_HEADER, NOISE_MODE, sha256 as sha256$1, aesDecryptGCM, hkdf, encodeBinaryNode, decodeBinaryNode, getBinaryNodeChildren, derivePairingCodeKey, jidDecode, getMediaKeys } from '@whiskeysockets/baileys';
import { SenderKeyDistributionMessage, GroupSessionBuilder, GroupCipher, SenderKeyRecord, SenderKeyName } from '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import { SessionCipher, SessionBuilder, ProtocolAddress } from 'libsignal';
import { WebSocketServer } from 'ws';
import { readFile as readFile$1 } from 'node:fs/promises';
import { EventEmitter as EventEmitter$1 } from 'eventemitter3';
import { sql, and, eq, lt, inArray, asc, desc, or, ne, gte, lte, count, arrayContains, arrayOverlaps, like, ilike } from 'drizzle-orm';
import PQueue from 'p-queue';
import { pgTable, jsonb, boolean, text, bigint, integer, primaryKey, index as index$1, bigserial } from 'drizzle-orm/pg-core';
import { lookup as lookup$2 } from 'node:dns/promises';
import { RE2JS } from 're2js';
import { fileURLToPath } from 'node:url';

nodeCrypto.webcrypto?.subtle || {};
const randomUUID = () => {
  return nodeCrypto.randomUUID();
};

const kNodeInspect = /* @__PURE__ */ Symbol.for(
  "nodejs.util.inspect.custom"
);
function toBufferLike(val) {
  if (val === void 0 || val === null) {
    return "";
  }
  const type = typeof val;
  if (type === "string") {
    return val;
  }
  if (type === "number" || type === "boolean" || type === "bigint") {
    return val.toString();
  }
  if (type === "function" || type === "symbol") {
    return "{}";
  }
  if (val instanceof Uint8Array || val instanceof ArrayBuffer) {
    return val;
  }
  if (isPlainObject$1(val)) {
    return JSON.stringify(val);
  }
  return val;
}
function isPlainObject$1(value) {
  if (value === null || typeof value !== "object") {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== null && prototype !== Object.prototype && Object.getPrototypeOf(prototype) !== null) {
    return false;
  }
  if (Symbol.iterator in value) {
    return false;
  }
  if (Symbol.toStringTag in value) {
    return Object.prototype.toString.call(value) === "[object Module]";
  }
  return true;
}

class Message {
  /** Access to the original [message event](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket/message_event) if available. */
  event;
  /** Access to the Peer that emitted the message. */
  peer;
  /** Raw message data (can be of any type). */
  rawData;
  #id;
  #uint8Array;
  #arrayBuffer;
  #blob;
  #text;
  #json;
  constructor(rawData, peer, event) {
    this.rawData = rawData || "";
    this.peer = peer;
    this.event = event;
  }
  /**
   * Unique random [uuid v4](https://developer.mozilla.org/en-US/docs/Glossary/UUID) identifier for the message.
   */
  get id() {
    if (!this.#id) {
      this.#id = randomUUID();
    }
    return this.#id;
  }
  // --- data views ---
  /**
   * Get data as [Uint8Array](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Uint8Array) value.
   *
   * If raw data is in any other format or string, it will be automatically converted and encoded.
   */
  uint8Array() {
    const _uint8Array = this.#uint8Array;
    if (_uint8Array) {
      return _uint8Array;
    }
    const rawData = this.rawData;
    if (rawData instanceof Uint8Array) {
      return this.#uint8Array = rawData;
    }
    if (rawData instanceof ArrayBuffer || rawData instanceof SharedArrayBuffer) {
      this.#arrayBuffer = rawData;
      return this.#uint8Array = new Uint8Array(rawData);
    }
    if (typeof rawData === "string") {
      this.#text = rawData;
      return this.#uint8Array = new TextEncoder().encode(this.#text);
    }
    if (Symbol.iterator in rawData) {
      return this.#uint8Array = new Uint8Array(rawData);
    }
    if (typeof rawData?.length === "number") {
      return this.#uint8Array = new Uint8Array(rawData);
    }
    if (rawData instanceof DataView) {
      return this.#uint8Array = new Uint8Array(
        rawData.buffer,
        rawData.byteOffset,
        rawData.byteLength
      );
    }
    throw new TypeError(
      `Unsupported message type: ${Object.prototype.toString.call(rawData)}`
    );
  }
  /**
   * Get data as [ArrayBuffer](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/ArrayBuffer) or [SharedArrayBuffer](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/SharedArrayBuffer) value.
   *
   * If raw data is in any other format or string, it will be automatically converted and encoded.
   */
  arrayBuffer() {
    const _arrayBuffer = this.#arrayBuffer;
    if (_arrayBuffer) {
      return _arrayBuffer;
    }
    const rawData = this.rawData;
    if (rawData instanceof ArrayBuffer || rawData instanceof SharedArrayBuffer) {
      return this.#arrayBuffer = rawData;
    }
    return this.#arrayBuffer = this.uint8Array().buffer;
  }
  /**
   * Get data as [Blob](https://developer.mozilla.org/en-US/docs/Web/API/Blob) value.
   *
   * If raw data is in any other format or string, it will be automatically converted and encoded. */
  blob() {
    const _blob = this.#blob;
    if (_blob) {
      return _blob;
    }
    const rawData = this.rawData;
    if (rawData instanceof Blob) {
      return this.#blob = rawData;
    }
    return this.#blob = new Blob([this.uint8Array()]);
  }
  /**
   * Get stringified text version of the message.
   *
   * If raw data is in any other format, it will be automatically converted and decoded.
   */
  text() {
    const _text = this.#text;
    if (_text) {
      return _text;
    }
    const rawData = this.rawData;
    if (typeof rawData === "string") {
      return this.#text = rawData;
    }
    return this.#text = new TextDecoder().decode(this.uint8Array());
  }
  /**
   * Get parsed version of the message text with [`JSON.parse()`](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/JSON/parse).
   */
  json() {
    const _json = this.#json;
    if (_json) {
      return _json;
    }
    return this.#json = JSON.parse(this.text());
  }
  /**
   * Message data (value varies based on `peer.websocket.binaryType`).
   */
  get data() {
    switch (this.peer?.websocket?.binaryType) {
      case "arraybuffer": {
        return this.arrayBuffer();
      }
      case "blob": {
        return this.blob();
      }
      case "nodebuffer": {
        return globalThis.Buffer ? Buffer.from(this.uint8Array()) : this.uint8Array();
      }
      case "uint8array": {
        return this.uint8Array();
      }
      case "text": {
        return this.text();
      }
      default: {
        return this.rawData;
      }
    }
  }
  // --- inspect ---
  toString() {
    return this.text();
  }
  [Symbol.toPrimitive]() {
    return this.text();
  }
  [kNodeInspect]() {
    return { data: this.rawData };
  }
}

class Peer {
  _internal;
  _topics;
  _id;
  #ws;
  constructor(internal) {
    this._topics = /* @__PURE__ */ new Set();
    this._internal = internal;
  }
  get context() {
    return this._internal.context ??= {};
  }
  /**
   * Unique random [uuid v4](https://developer.mozilla.org/en-US/docs/Glossary/UUID) identifier for the peer.
   */
  get id() {
    if (!this._id) {
      this._id = randomUUID();
    }
    return this._id;
  }
  /** IP address of the peer */
  get remoteAddress() {
    return void 0;
  }
  /** upgrade request */
  get request() {
    return this._internal.request;
  }
  /**
   * Get the [WebSocket](https://developer.mozilla.org/en-US/docs/Web/API/WebSocket) instance.
   *
   * **Note:** crossws adds polyfill for the following properties if native values are not available:
   * - `protocol`: Extracted from the `sec-websocket-protocol` header.
   * - `extensions`: Extracted from the `sec-websocket-extensions` header.
   * - `url`: Extracted from the request URL (http -> ws).
   * */
  get websocket() {
    if (!this.#ws) {
      const _ws = this._internal.ws;
      const _request = this._internal.request;
      this.#ws = _request ? createWsProxy(_ws, _request) : _ws;
    }
    return this.#ws;
  }
  /** All connected peers to the server */
  get peers() {
    return this._internal.peers || /* @__PURE__ */ new Set();
  }
  /** All topics, this peer has been subscribed to. */
  get topics() {
    return this._topics;
  }
  /** Abruptly close the connection */
  terminate() {
    this.close();
  }
  /** Subscribe to a topic */
  subscribe(topic) {
    this._topics.add(topic);
  }
  /** Unsubscribe from a topic */
  unsubscribe(topic) {
    this._topics.delete(topic);
  }
  // --- inspect ---
  toString() {
    return this.id;
  }
  [Symbol.toPrimitive]() {
    return this.id;
  }
  [Symbol.toStringTag]() {
    return "WebSocket";
  }
  [kNodeInspect]() {
    return Object.fromEntries(
      [
        ["id", this.id],
        ["remoteAddress", this.remoteAddress],
        ["peers", this.peers],
        ["webSocket", this.websocket]
      ].filter((p) => p[1])
    );
  }
}
function createWsProxy(ws, request) {
  return new Proxy(ws, {
    get: (target, prop) => {
      const value = Reflect.get(target, prop);
      if (!value) {
        switch (prop) {
          case "protocol": {
            return request?.headers?.get("sec-websocket-protocol") || "";
          }
          case "extensions": {
            return request?.headers?.get("sec-websocket-extensions") || "";
          }
          case "url": {
            return request?.url?.replace(/^http/, "ws") || void 0;
          }
        }
      }
      return value;
    }
  });
}

class AdapterHookable {
  options;
  constructor(options) {
    this.options = options || {};
  }
  callHook(name, arg1, arg2) {
    const globalHook = this.options.hooks?.[name];
    const globalPromise = globalHook?.(arg1, arg2);
    const resolveHooksPromise = this.options.resolve?.(arg1);
    if (!resolveHooksPromise) {
      return globalPromise;
    }
    const resolvePromise = resolveHooksPromise instanceof Promise ? resolveHooksPromise.then((hooks) => hooks?.[name]) : resolveHooksPromise?.[name];
    return Promise.all([globalPromise, resolvePromise]).then(
      ([globalRes, hook]) => {
        const hookResPromise = hook?.(arg1, arg2);
        return hookResPromise instanceof Promise ? hookResPromise.then((hookRes) => hookRes || globalRes) : hookResPromise || globalRes;
      }
    );
  }
  async upgrade(request) {
    let context = request.context;
    if (!context) {
      context = {};
      Object.defineProperty(request, "context", {
        enumerable: true,
        value: context
      });
    }
    try {
      const res = await this.callHook(
        "upgrade",
        request
      );
      if (!res) {
        return { context };
      }
      if (res.ok === false) {
        return { context, endResponse: res };
      }
      if (res.headers) {
        return {
          context,
          upgradeHeaders: res.headers
        };
      }
    } catch (error) {
      const errResponse = error.response || error;
      if (errResponse instanceof Response) {
        return {
          context,
          endResponse: errResponse
        };
      }
      throw error;
    }
    return { context };
  }
}

function adapterUtils(peers) {
  return {
    peers,
    publish(topic, message, options) {
      let firstPeerWithTopic;
      for (const peer of peers) {
        if (peer.topics.has(topic)) {
          firstPeerWithTopic = peer;
          break;
        }
      }
      if (firstPeerWithTopic) {
        firstPeerWithTopic.send(message, options);
        firstPeerWithTopic.publish(topic, message, options);
      }
    }
  };
}

class WSError extends Error {
  constructor(...args) {
    super(...args);
    this.name = "WSError";
  }
}

function getDefaultExportFromCjs (x) {
	return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, 'default') ? x['default'] : x;
}

var bufferUtil = {exports: {}};

var constants;
var hasRequiredConstants;

function requireConstants () {
	if (hasRequiredConstants) return constants;
	hasRequiredConstants = 1;

	const BINARY_TYPES = ['nodebuffer', 'arraybuffer', 'fragments'];
	const hasBlob = typeof Blob !== 'undefined';

	if (hasBlob) BINARY_TYPES.push('blob');

	constants = {
	  BINARY_TYPES,
	  EMPTY_BUFFER: Buffer.alloc(0),
	  GUID: '258EAFA5-E914-47DA-95CA-C5AB0DC85B11',
	  hasBlob,
	  kForOnEventAttribute: Symbol('kIsForOnEventAttribute'),
	  kListener: Symbol('kListener'),
	  kStatusCode: Symbol('status-code'),
	  kWebSocket: Symbol('websocket'),
	  NOOP: () => {}
	};
	return constants;
}

var hasRequiredBufferUtil;

function requireBufferUtil () {
	if (hasRequiredBufferUtil) return bufferUtil.exports;
	hasRequiredBufferUtil = 1;

	const { EMPTY_BUFFER } = requireConstants();

	const FastBuffer = Buffer[Symbol.species];

	/**
	 * Merges an array of buffers into a new buffer.
	 *
	 * @param {Buffer[]} list The array of buffers to concat
	 * @param {Number} totalLength The total length of buffers in the list
	 * @return {Buffer} The resulting buffer
	 * @public
	 */
	function concat(list, totalLength) {
	  if (list.length === 0) return EMPTY_BUFFER;
	  if (list.length === 1) return list[0];

	  const target = Buffer.allocUnsafe(totalLength);
	  let offset = 0;

	  for (let i = 0; i < list.length; i++) {
	    const buf = list[i];
	    target.set(buf, offset);
	    offset += buf.length;
	  }

	  if (offset < totalLength) {
	    return new FastBuffer(target.buffer, target.byteOffset, offset);
	  }

	  return target;
	}

	/**
	 * Masks a buffer using the given mask.
	 *
	 * @param {Buffer} source The buffer to mask
	 * @param {Buffer} mask The mask to use
	 * @param {Buffer} output The buffer where to store the result
	 * @param {Number} offset The offset at which to start writing
	 * @param {Number} length The number of bytes to mask.
	 * @public
	 */
	function _mask(source, mask, output, offset, length) {
	  for (let i = 0; i < length; i++) {
	    output[offset + i] = source[i] ^ mask[i & 3];
	  }
	}

	/**
	 * Unmasks a buffer using the given mask.
	 *
	 * @param {Buffer} buffer The buffer to unmask
	 * @param {Buffer} mask The mask to use
	 * @public
	 */
	function _unmask(buffer, mask) {
	  for (let i = 0; i < buffer.length; i++) {
	    buffer[i] ^= mask[i & 3];
	  }
	}

	/**
	 * Converts a buffer to an `ArrayBuffer`.
	 *
	 * @param {Buffer} buf The buffer to convert
	 * @return {ArrayBuffer} Converted buffer
	 * @public
	 */
	function toArrayBuffer(buf) {
	  if (buf.length === buf.buffer.byteLength) {
	    return buf.buffer;
	  }

	  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
	}

	/**
	 * Converts `data` to a `Buffer`.
	 *
	 * @param {*} data The data to convert
	 * @return {Buffer} The buffer
	 * @throws {TypeError}
	 * @public
	 */
	function toBuffer(data) {
	  toBuffer.readOnly = true;

	  if (Buffer.isBuffer(data)) return data;

	  let buf;

	  if (data instanceof ArrayBuffer) {
	    buf = new FastBuffer(data);
	  } else if (ArrayBuffer.isView(data)) {
	    buf = new FastBuffer(data.buffer, data.byteOffset, data.byteLength);
	  } else {
	    buf = Buffer.from(data);
	    toBuffer.readOnly = false;
	  }

	  return buf;
	}

	bufferUtil.exports = {
	  concat,
	  mask: _mask,
	  toArrayBuffer,
	  toBuffer,
	  unmask: _unmask
	};

	/* istanbul ignore else  */
	if (!process.env.WS_NO_BUFFER_UTIL) {
	  try {
	    const bufferUtil$1 = require('bufferutil');

	    bufferUtil.exports.mask = function (source, mask, output, offset, length) {
	      if (length < 48) _mask(source, mask, output, offset, length);
	      else bufferUtil$1.mask(source, mask, output, offset, length);
	    };

	    bufferUtil.exports.unmask = function (buffer, mask) {
	      if (buffer.length < 32) _unmask(buffer, mask);
	      else bufferUtil$1.unmask(buffer, mask);
	    };
	  } catch (e) {
	    // Continue regardless of the error.
	  }
	}
	return bufferUtil.exports;
}

var limiter;
var hasRequiredLimiter;

function requireLimiter () {
	if (hasRequiredLimiter) return limiter;
	hasRequiredLimiter = 1;

	const kDone = Symbol('kDone');
	const kRun = Symbol('kRun');

	/**
	 * A very simple job queue with adjustable concurrency. Adapted from
	 * https://github.com/STRML/async-limiter
	 */
	class Limiter {
	  /**
	   * Creates a new `Limiter`.
	   *
	   * @param {Number} [concurrency=Infinity] The maximum number of jobs allowed
	   *     to run concurrently
	   */
	  constructor(concurrency) {
	    this[kDone] = () => {
	      this.pending--;
	      this[kRun]();
	    };
	    this.concurrency = concurrency || Infinity;
	    this.jobs = [];
	    this.pending = 0;
	  }

	  /**
	   * Adds a job to the queue.
	   *
	   * @param {Function} job The job to run
	   * @public
	   */
	  add(job) {
	    this.jobs.push(job);
	    this[kRun]();
	  }

	  /**
	   * Removes a job from the queue and runs it if possible.
	   *
	   * @private
	   */
	  [kRun]() {
	    if (this.pending === this.concurrency) return;

	    if (this.jobs.length) {
	      const job = this.jobs.shift();

	      this.pending++;
	      job(this[kDone]);
	    }
	  }
	}

	limiter = Limiter;
	return limiter;
}

var permessageDeflate;
var hasRequiredPermessageDeflate;

function requirePermessageDeflate () {
	if (hasRequiredPermessageDeflate) return permessageDeflate;
	hasRequiredPermessageDeflate = 1;

	const zlib = require$$0;

	const bufferUtil = requireBufferUtil();
	const Limiter = requireLimiter();
	const { kStatusCode } = requireConstants();

	const FastBuffer = Buffer[Symbol.species];
	const TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);
	const kPerMessageDeflate = Symbol('permessage-deflate');
	const kTotalLength = Symbol('total-length');
	const kCallback = Symbol('callback');
	const kBuffers = Symbol('buffers');
	const kError = Symbol('error');

	//
	// We limit zlib concurrency, which prevents severe memory fragmentation
	// as documented in https://github.com/nodejs/node/issues/8871#issuecomment-250915913
	// and https://github.com/websockets/ws/issues/1202
	//
	// Intentionally global; it's the global thread pool that's an issue.
	//
	let zlibLimiter;

	/**
	 * permessage-deflate implementation.
	 */
	class PerMessageDeflate {
	  /**
	   * Creates a PerMessageDeflate instance.
	   *
	   * @param {Object} [options] Configuration options
	   * @param {(Boolean|Number)} [options.clientMaxWindowBits] Advertise support
	   *     for, or request, a custom client window size
	   * @param {Boolean} [options.clientNoContextTakeover=false] Advertise/
	   *     acknowledge disabling of client context takeover
	   * @param {Number} [options.concurrencyLimit=10] The number of concurrent
	   *     calls to zlib
	   * @param {(Boolean|Number)} [options.serverMaxWindowBits] Request/confirm the
	   *     use of a custom server window size
	   * @param {Boolean} [options.serverNoContextTakeover=false] Request/accept
	   *     disabling of server context takeover
	   * @param {Number} [options.threshold=1024] Size (in bytes) below which
	   *     messages should not be compressed if context takeover is disabled
	   * @param {Object} [options.zlibDeflateOptions] Options to pass to zlib on
	   *     deflate
	   * @param {Object} [options.zlibInflateOptions] Options to pass to zlib on
	   *     inflate
	   * @param {Boolean} [isServer=false] Create the instance in either server or
	   *     client mode
	   * @param {Number} [maxPayload=0] The maximum allowed message length
	   */
	  constructor(options, isServer, maxPayload) {
	    this._maxPayload = maxPayload | 0;
	    this._options = options || {};
	    this._threshold =
	      this._options.threshold !== undefined ? this._options.threshold : 1024;
	    this._isServer = !!isServer;
	    this._deflate = null;
	    this._inflate = null;

	    this.params = null;

	    if (!zlibLimiter) {
	      const concurrency =
	        this._options.concurrencyLimit !== undefined
	          ? this._options.concurrencyLimit
	          : 10;
	      zlibLimiter = new Limiter(concurrency);
	    }
	  }

	  /**
	   * @type {String}
	   */
	  static get extensionName() {
	    return 'permessage-deflate';
	  }

	  /**
	   * Create an extension negotiation offer.
	   *
	   * @return {Object} Extension parameters
	   * @public
	   */
	  offer() {
	    const params = {};

	    if (this._options.serverNoContextTakeover) {
	      params.server_no_context_takeover = true;
	    }
	    if (this._options.clientNoContextTakeover) {
	      params.client_no_context_takeover = true;
	    }
	    if (this._options.serverMaxWindowBits) {
	      params.server_max_window_bits = this._options.serverMaxWindowBits;
	    }
	    if (this._options.clientMaxWindowBits) {
	      params.client_max_window_bits = this._options.clientMaxWindowBits;
	    } else if (this._options.clientMaxWindowBits == null) {
	      params.client_max_window_bits = true;
	    }

	    return params;
	  }

	  /**
	   * Accept an extension negotiation offer/response.
	   *
	   * @param {Array} configurations The extension negotiation offers/reponse
	   * @return {Object} Accepted configuration
	   * @public
	   */
	  accept(configurations) {
	    configurations = this.normalizeParams(configurations);

	    this.params = this._isServer
	      ? this.acceptAsServer(configurations)
	      : this.acceptAsClient(configurations);

	    return this.params;
	  }

	  /**
	   * Releases all resources used by the extension.
	   *
	   * @public
	   */
	  cleanup() {
	    if (this._inflate) {
	      this._inflate.close();
	      this._inflate = null;
	    }

	    if (this._deflate) {
	      const callback = this._deflate[kCallback];

	      this._deflate.close();
	      this._deflate = null;

	      if (callback) {
	        callback(
	          new Error(
	            'The deflate stream was closed while data was being processed'
	          )
	        );
	      }
	    }
	  }

	  /**
	   *  Accept an extension negotiation offer.
	   *
	   * @param {Array} offers The extension negotiation offers
	   * @return {Object} Accepted configuration
	   * @private
	   */
	  acceptAsServer(offers) {
	    const opts = this._options;
	    const accepted = offers.find((params) => {
	      if (
	        (opts.serverNoContextTakeover === false &&
	          params.server_no_context_takeover) ||
	        (params.server_max_window_bits &&
	          (opts.serverMaxWindowBits === false ||
	            (typeof opts.serverMaxWindowBits === 'number' &&
	              opts.serverMaxWindowBits > params.server_max_window_bits))) ||
	        (typeof opts.clientMaxWindowBits === 'number' &&
	          !params.client_max_window_bits)
	      ) {
	        return false;
	      }

	      return true;
	    });

	    if (!accepted) {
	      throw new Error('None of the extension offers can be accepted');
	    }

	    if (opts.serverNoContextTakeover) {
	      accepted.server_no_context_takeover = true;
	    }
	    if (opts.clientNoContextTakeover) {
	      accepted.client_no_context_takeover = true;
	    }
	    if (typeof opts.serverMaxWindowBits === 'number') {
	      accepted.server_max_window_bits = opts.serverMaxWindowBits;
	    }
	    if (typeof opts.clientMaxWindowBits === 'number') {
	      accepted.client_max_window_bits = opts.clientMaxWindowBits;
	    } else if (
	      accepted.client_max_window_bits === true ||
	      opts.clientMaxWindowBits === false
	    ) {
	      delete accepted.client_max_window_bits;
	    }

	    return accepted;
	  }

	  /**
	   * Accept the extension negotiation response.
	   *
	   * @param {Array} response The extension negotiation response
	   * @return {Object} Accepted configuration
	   * @private
	   */
	  acceptAsClient(response) {
	    const params = response[0];

	    if (
	      this._options.clientNoContextTakeover === false &&
	      params.client_no_context_takeover
	    ) {
	      throw new Error('Unexpected parameter "client_no_context_takeover"');
	    }

	    if (!params.client_max_window_bits) {
	      if (typeof this._options.clientMaxWindowBits === 'number') {
	        params.client_max_window_bits = this._options.clientMaxWindowBits;
	      }
	    } else if (
	      this._options.clientMaxWindowBits === false ||
	      (typeof this._options.clientMaxWindowBits === 'number' &&
	        params.client_max_window_bits > this._options.clientMaxWindowBits)
	    ) {
	      throw new Error(
	        'Unexpected or invalid parameter "client_max_window_bits"'
	      );
	    }

	    return params;
	  }

	  /**
	   * Normalize parameters.
	   *
	   * @param {Array} configurations The extension negotiation offers/reponse
	   * @return {Array} The offers/response with normalized parameters
	   * @private
	   */
	  normalizeParams(configurations) {
	    configurations.forEach((params) => {
	      Object.keys(params).forEach((key) => {
	        let value = params[key];

	        if (value.length > 1) {
	          throw new Error(`Parameter "${key}" must have only a single value`);
	        }

	        value = value[0];

	        if (key === 'client_max_window_bits') {
	          if (value !== true) {
	            const num = +value;
	            if (!Number.isInteger(num) || num < 8 || num > 15) {
	              throw new TypeError(
	                `Invalid value for parameter "${key}": ${value}`
	              );
	            }
	            value = num;
	          } else if (!this._isServer) {
	            throw new TypeError(
	              `Invalid value for parameter "${key}": ${value}`
	            );
	          }
	        } else if (key === 'server_max_window_bits') {
	          const num = +value;
	          if (!Number.isInteger(num) || num < 8 || num > 15) {
	            throw new TypeError(
	              `Invalid value for parameter "${key}": ${value}`
	            );
	          }
	          value = num;
	        } else if (
	          key === 'client_no_context_takeover' ||
	          key === 'server_no_context_takeover'
	        ) {
	          if (value !== true) {
	            throw new TypeError(
	              `Invalid value for parameter "${key}": ${value}`
	            );
	          }
	        } else {
	          throw new Error(`Unknown parameter "${key}"`);
	        }

	        params[key] = value;
	      });
	    });

	    return configurations;
	  }

	  /**
	   * Decompress data. Concurrency limited.
	   *
	   * @param {Buffer} data Compressed data
	   * @param {Boolean} fin Specifies whether or not this is the last fragment
	   * @param {Function} callback Callback
	   * @public
	   */
	  decompress(data, fin, callback) {
	    zlibLimiter.add((done) => {
	      this._decompress(data, fin, (err, result) => {
	        done();
	        callback(err, result);
	      });
	    });
	  }

	  /**
	   * Compress data. Concurrency limited.
	   *
	   * @param {(Buffer|String)} data Data to compress
	   * @param {Boolean} fin Specifies whether or not this is the last fragment
	   * @param {Function} callback Callback
	   * @public
	   */
	  compress(data, fin, callback) {
	    zlibLimiter.add((done) => {
	      this._compress(data, fin, (err, result) => {
	        done();
	        callback(err, result);
	      });
	    });
	  }

	  /**
	   * Decompress data.
	   *
	   * @param {Buffer} data Compressed data
	   * @param {Boolean} fin Specifies whether or not this is the last fragment
	   * @param {Function} callback Callback
	   * @private
	   */
	  _decompress(data, fin, callback) {
	    const endpoint = this._isServer ? 'client' : 'server';

	    if (!this._inflate) {
	      const key = `${endpoint}_max_window_bits`;
	      const windowBits =
	        typeof this.params[key] !== 'number'
	          ? zlib.Z_DEFAULT_WINDOWBITS
	          : this.params[key];

	      this._inflate = zlib.createInflateRaw({
	        ...this._options.zlibInflateOptions,
	        windowBits
	      });
	      this._inflate[kPerMessageDeflate] = this;
	      this._inflate[kTotalLength] = 0;
	      this._inflate[kBuffers] = [];
	      this._inflate.on('error', inflateOnError);
	      this._inflate.on('data', inflateOnData);
	    }

	    this._inflate[kCallback] = callback;

	    this._inflate.write(data);
	    if (fin) this._inflate.write(TRAILER);

	    this._inflate.flush(() => {
	      const err = this._inflate[kError];

	      if (err) {
	        this._inflate.close();
	        this._inflate = null;
	        callback(err);
	        return;
	      }

	      const data = bufferUtil.concat(
	        this._inflate[kBuffers],
	        this._inflate[kTotalLength]
	      );

	      if (this._inflate._readableState.endEmitted) {
	        this._inflate.close();
	        this._inflate = null;
	      } else {
	        this._inflate[kTotalLength] = 0;
	        this._inflate[kBuffers] = [];

	        if (fin && this.params[`${endpoint}_no_context_takeover`]) {
	          this._inflate.reset();
	        }
	      }

	      callback(null, data);
	    });
	  }

	  /**
	   * Compress data.
	   *
	   * @param {(Buffer|String)} data Data to compress
	   * @param {Boolean} fin Specifies whether or not this is the last fragment
	   * @param {Function} callback Callback
	   * @private
	   */
	  _compress(data, fin, callback) {
	    const endpoint = this._isServer ? 'server' : 'client';

	    if (!this._deflate) {
	      const key = `${endpoint}_max_window_bits`;
	      const windowBits =
	        typeof this.params[key] !== 'number'
	          ? zlib.Z_DEFAULT_WINDOWBITS
	          : this.params[key];

	      this._deflate = zlib.createDeflateRaw({
	        ...this._options.zlibDeflateOptions,
	        windowBits
	      });

	      this._deflate[kTotalLength] = 0;
	      this._deflate[kBuffers] = [];

	      this._deflate.on('data', deflateOnData);
	    }

	    this._deflate[kCallback] = callback;

	    this._deflate.write(data);
	    this._deflate.flush(zlib.Z_SYNC_FLUSH, () => {
	      if (!this._deflate) {
	        //
	        // The deflate stream was closed while data was being processed.
	        //
	        return;
	      }

	      let data = bufferUtil.concat(
	        this._deflate[kBuffers],
	        this._deflate[kTotalLength]
	      );

	      if (fin) {
	        data = new FastBuffer(data.buffer, data.byteOffset, data.length - 4);
	      }

	      //
	      // Ensure that the callback will not be called again in
	      // `PerMessageDeflate#cleanup()`.
	      //
	      this._deflate[kCallback] = null;

	      this._deflate[kTotalLength] = 0;
	      this._deflate[kBuffers] = [];

	      if (fin && this.params[`${endpoint}_no_context_takeover`]) {
	        this._deflate.reset();
	      }

	      callback(null, data);
	    });
	  }
	}

	permessageDeflate = PerMessageDeflate;

	/**
	 * The listener of the `zlib.DeflateRaw` stream `'data'` event.
	 *
	 * @param {Buffer} chunk A chunk of data
	 * @private
	 */
	function deflateOnData(chunk) {
	  this[kBuffers].push(chunk);
	  this[kTotalLength] += chunk.length;
	}

	/**
	 * The listener of the `zlib.InflateRaw` stream `'data'` event.
	 *
	 * @param {Buffer} chunk A chunk of data
	 * @private
	 */
	function inflateOnData(chunk) {
	  this[kTotalLength] += chunk.length;

	  if (
	    this[kPerMessageDeflate]._maxPayload < 1 ||
	    this[kTotalLength] <= this[kPerMessageDeflate]._maxPayload
	  ) {
	    this[kBuffers].push(chunk);
	    return;
	  }

	  this[kError] = new RangeError('Max payload size exceeded');
	  this[kError].code = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
	  this[kError][kStatusCode] = 1009;
	  this.removeListener('data', inflateOnData);

	  //
	  // The choice to employ `zlib.reset()` over `zlib.close()` is dictated by the
	  // fact that in Node.js versions prior to 13.10.0, the callback for
	  // `zlib.flush()` is not called if `zlib.close()` is used. Utilizing
	  // `zlib.reset()` ensures that either the callback is invoked or an error is
	  // emitted.
	  //
	  this.reset();
	}

	/**
	 * The listener of the `zlib.InflateRaw` stream `'error'` event.
	 *
	 * @param {Error} err The emitted error
	 * @private
	 */
	function inflateOnError(err) {
	  //
	  // There is no need to call `Zlib#close()` as the handle is automatically
	  // closed when an error is emitted.
	  //
	  this[kPerMessageDeflate]._inflate = null;

	  if (this[kError]) {
	    this[kCallback](this[kError]);
	    return;
	  }

	  err[kStatusCode] = 1007;
	  this[kCallback](err);
	}
	return permessageDeflate;
}

var validation = {exports: {}};

var hasRequiredValidation;

function requireValidation () {
	if (hasRequiredValidation) return validation.exports;
	hasRequiredValidation = 1;

	const { isUtf8 } = require$$0$1;

	const { hasBlob } = requireConstants();

	//
	// Allowed token characters:
	//
	// '!', '#', '$', '%', '&', ''', '*', '+', '-',
	// '.', 0-9, A-Z, '^', '_', '`', a-z, '|', '~'
	//
	// tokenChars[32] === 0 // ' '
	// tokenChars[33] === 1 // '!'
	// tokenChars[34] === 0 // '"'
	// ...
	//
	// prettier-ignore
	const tokenChars = [
	  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0 - 15
	  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 16 - 31
	  0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, // 32 - 47
	  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, // 48 - 63
	  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // 64 - 79
	  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, // 80 - 95
	  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // 96 - 111
	  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0 // 112 - 127
	];

	/**
	 * Checks if a status code is allowed in a close frame.
	 *
	 * @param {Number} code The status code
	 * @return {Boolean} `true` if the status code is valid, else `false`
	 * @public
	 */
	function isValidStatusCode(code) {
	  return (
	    (code >= 1000 &&
	      code <= 1014 &&
	      code !== 1004 &&
	      code !== 1005 &&
	      code !== 1006) ||
	    (code >= 3000 && code <= 4999)
	  );
	}

	/**
	 * Checks if a given buffer contains only correct UTF-8.
	 * Ported from https://www.cl.cam.ac.uk/%7Emgk25/ucs/utf8_check.c by
	 * Markus Kuhn.
	 *
	 * @param {Buffer} buf The buffer to check
	 * @return {Boolean} `true` if `buf` contains only correct UTF-8, else `false`
	 * @public
	 */
	function _isValidUTF8(buf) {
	  const len = buf.length;
	  let i = 0;

	  while (i < len) {
	    if ((buf[i] & 0x80) === 0) {
	      // 0xxxxxxx
	      i++;
	    } else if ((buf[i] & 0xe0) === 0xc0) {
	      // 110xxxxx 10xxxxxx
	      if (
	        i + 1 === len ||
	        (buf[i + 1] & 0xc0) !== 0x80 ||
	        (buf[i] & 0xfe) === 0xc0 // Overlong
	      ) {
	        return false;
	      }

	      i += 2;
	    } else if ((buf[i] & 0xf0) === 0xe0) {
	      // 1110xxxx 10xxxxxx 10xxxxxx
	      if (
	        i + 2 >= len ||
	        (buf[i + 1] & 0xc0) !== 0x80 ||
	        (buf[i + 2] & 0xc0) !== 0x80 ||
	        (buf[i] === 0xe0 && (buf[i + 1] & 0xe0) === 0x80) || // Overlong
	        (buf[i] === 0xed && (buf[i + 1] & 0xe0) === 0xa0) // Surrogate (U+D800 - U+DFFF)
	      ) {
	        return false;
	      }

	      i += 3;
	    } else if ((buf[i] & 0xf8) === 0xf0) {
	      // 11110xxx 10xxxxxx 10xxxxxx 10xxxxxx
	      if (
	        i + 3 >= len ||
	        (buf[i + 1] & 0xc0) !== 0x80 ||
	        (buf[i + 2] & 0xc0) !== 0x80 ||
	        (buf[i + 3] & 0xc0) !== 0x80 ||
	        (buf[i] === 0xf0 && (buf[i + 1] & 0xf0) === 0x80) || // Overlong
	        (buf[i] === 0xf4 && buf[i + 1] > 0x8f) ||
	        buf[i] > 0xf4 // > U+10FFFF
	      ) {
	        return false;
	      }

	      i += 4;
	    } else {
	      return false;
	    }
	  }

	  return true;
	}

	/**
	 * Determines whether a value is a `Blob`.
	 *
	 * @param {*} value The value to be tested
	 * @return {Boolean} `true` if `value` is a `Blob`, else `false`
	 * @private
	 */
	function isBlob(value) {
	  return (
	    hasBlob &&
	    typeof value === 'object' &&
	    typeof value.arrayBuffer === 'function' &&
	    typeof value.type === 'string' &&
	    typeof value.stream === 'function' &&
	    (value[Symbol.toStringTag] === 'Blob' ||
	      value[Symbol.toStringTag] === 'File')
	  );
	}

	validation.exports = {
	  isBlob,
	  isValidStatusCode,
	  isValidUTF8: _isValidUTF8,
	  tokenChars
	};

	if (isUtf8) {
	  validation.exports.isValidUTF8 = function (buf) {
	    return buf.length < 24 ? _isValidUTF8(buf) : isUtf8(buf);
	  };
	} /* istanbul ignore else  */ else if (!process.env.WS_NO_UTF_8_VALIDATE) {
	  try {
	    const isValidUTF8 = require('utf-8-validate');

	    validation.exports.isValidUTF8 = function (buf) {
	      return buf.length < 32 ? _isValidUTF8(buf) : isValidUTF8(buf);
	    };
	  } catch (e) {
	    // Continue regardless of the error.
	  }
	}
	return validation.exports;
}

var receiver;
var hasRequiredReceiver;

function requireReceiver () {
	if (hasRequiredReceiver) return receiver;
	hasRequiredReceiver = 1;

	const { Writable } = require$$0$2;

	const PerMessageDeflate = requirePermessageDeflate();
	const {
	  BINARY_TYPES,
	  EMPTY_BUFFER,
	  kStatusCode,
	  kWebSocket
	} = requireConstants();
	const { concat, toArrayBuffer, unmask } = requireBufferUtil();
	const { isValidStatusCode, isValidUTF8 } = requireValidation();

	const FastBuffer = Buffer[Symbol.species];

	const GET_INFO = 0;
	const GET_PAYLOAD_LENGTH_16 = 1;
	const GET_PAYLOAD_LENGTH_64 = 2;
	const GET_MASK = 3;
	const GET_DATA = 4;
	const INFLATING = 5;
	const DEFER_EVENT = 6;

	/**
	 * HyBi Receiver implementation.
	 *
	 * @extends Writable
	 */
	class Receiver extends Writable {
	  /**
	   * Creates a Receiver instance.
	   *
	   * @param {Object} [options] Options object
	   * @param {Boolean} [options.allowSynchronousEvents=true] Specifies whether
	   *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
	   *     multiple times in the same tick
	   * @param {String} [options.binaryType=nodebuffer] The type for binary data
	   * @param {Object} [options.extensions] An object containing the negotiated
	   *     extensions
	   * @param {Boolean} [options.isServer=false] Specifies whether to operate in
	   *     client or server mode
	   * @param {Number} [options.maxPayload=0] The maximum allowed message length
	   * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
	   *     not to skip UTF-8 validation for text and close messages
	   */
	  constructor(options = {}) {
	    super();

	    this._allowSynchronousEvents =
	      options.allowSynchronousEvents !== undefined
	        ? options.allowSynchronousEvents
	        : true;
	    this._binaryType = options.binaryType || BINARY_TYPES[0];
	    this._extensions = options.extensions || {};
	    this._isServer = !!options.isServer;
	    this._maxPayload = options.maxPayload | 0;
	    this._skipUTF8Validation = !!options.skipUTF8Validation;
	    this[kWebSocket] = undefined;

	    this._bufferedBytes = 0;
	    this._buffers = [];

	    this._compressed = false;
	    this._payloadLength = 0;
	    this._mask = undefined;
	    this._fragmented = 0;
	    this._masked = false;
	    this._fin = false;
	    this._opcode = 0;

	    this._totalPayloadLength = 0;
	    this._messageLength = 0;
	    this._fragments = [];

	    this._errored = false;
	    this._loop = false;
	    this._state = GET_INFO;
	  }

	  /**
	   * Implements `Writable.prototype._write()`.
	   *
	   * @param {Buffer} chunk The chunk of data to write
	   * @param {String} encoding The character encoding of `chunk`
	   * @param {Function} cb Callback
	   * @private
	   */
	  _write(chunk, encoding, cb) {
	    if (this._opcode === 0x08 && this._state == GET_INFO) return cb();

	    this._bufferedBytes += chunk.length;
	    this._buffers.push(chunk);
	    this.startLoop(cb);
	  }

	  /**
	   * Consumes `n` bytes from the buffered data.
	   *
	   * @param {Number} n The number of bytes to consume
	   * @return {Buffer} The consumed bytes
	   * @private
	   */
	  consume(n) {
	    this._bufferedBytes -= n;

	    if (n === this._buffers[0].length) return this._buffers.shift();

	    if (n < this._buffers[0].length) {
	      const buf = this._buffers[0];
	      this._buffers[0] = new FastBuffer(
	        buf.buffer,
	        buf.byteOffset + n,
	        buf.length - n
	      );

	      return new FastBuffer(buf.buffer, buf.byteOffset, n);
	    }

	    const dst = Buffer.allocUnsafe(n);

	    do {
	      const buf = this._buffers[0];
	      const offset = dst.length - n;

	      if (n >= buf.length) {
	        dst.set(this._buffers.shift(), offset);
	      } else {
	        dst.set(new Uint8Array(buf.buffer, buf.byteOffset, n), offset);
	        this._buffers[0] = new FastBuffer(
	          buf.buffer,
	          buf.byteOffset + n,
	          buf.length - n
	        );
	      }

	      n -= buf.length;
	    } while (n > 0);

	    return dst;
	  }

	  /**
	   * Starts the parsing loop.
	   *
	   * @param {Function} cb Callback
	   * @private
	   */
	  startLoop(cb) {
	    this._loop = true;

	    do {
	      switch (this._state) {
	        case GET_INFO:
	          this.getInfo(cb);
	          break;
	        case GET_PAYLOAD_LENGTH_16:
	          this.getPayloadLength16(cb);
	          break;
	        case GET_PAYLOAD_LENGTH_64:
	          this.getPayloadLength64(cb);
	          break;
	        case GET_MASK:
	          this.getMask();
	          break;
	        case GET_DATA:
	          this.getData(cb);
	          break;
	        case INFLATING:
	        case DEFER_EVENT:
	          this._loop = false;
	          return;
	      }
	    } while (this._loop);

	    if (!this._errored) cb();
	  }

	  /**
	   * Reads the first two bytes of a frame.
	   *
	   * @param {Function} cb Callback
	   * @private
	   */
	  getInfo(cb) {
	    if (this._bufferedBytes < 2) {
	      this._loop = false;
	      return;
	    }

	    const buf = this.consume(2);

	    if ((buf[0] & 0x30) !== 0x00) {
	      const error = this.createError(
	        RangeError,
	        'RSV2 and RSV3 must be clear',
	        true,
	        1002,
	        'WS_ERR_UNEXPECTED_RSV_2_3'
	      );

	      cb(error);
	      return;
	    }

	    const compressed = (buf[0] & 0x40) === 0x40;

	    if (compressed && !this._extensions[PerMessageDeflate.extensionName]) {
	      const error = this.createError(
	        RangeError,
	        'RSV1 must be clear',
	        true,
	        1002,
	        'WS_ERR_UNEXPECTED_RSV_1'
	      );

	      cb(error);
	      return;
	    }

	    this._fin = (buf[0] & 0x80) === 0x80;
	    this._opcode = buf[0] & 0x0f;
	    this._payloadLength = buf[1] & 0x7f;

	    if (this._opcode === 0x00) {
	      if (compressed) {
	        const error = this.createError(
	          RangeError,
	          'RSV1 must be clear',
	          true,
	          1002,
	          'WS_ERR_UNEXPECTED_RSV_1'
	        );

	        cb(error);
	        return;
	      }

	      if (!this._fragmented) {
	        const error = this.createError(
	          RangeError,
	          'invalid opcode 0',
	          true,
	          1002,
	          'WS_ERR_INVALID_OPCODE'
	        );

	        cb(error);
	        return;
	      }

	      this._opcode = this._fragmented;
	    } else if (this._opcode === 0x01 || this._opcode === 0x02) {
	      if (this._fragmented) {
	        const error = this.createError(
	          RangeError,
	          `invalid opcode ${this._opcode}`,
	          true,
	          1002,
	          'WS_ERR_INVALID_OPCODE'
	        );

	        cb(error);
	        return;
	      }

	      this._compressed = compressed;
	    } else if (this._opcode > 0x07 && this._opcode < 0x0b) {
	      if (!this._fin) {
	        const error = this.createError(
	          RangeError,
	          'FIN must be set',
	          true,
	          1002,
	          'WS_ERR_EXPECTED_FIN'
	        );

	        cb(error);
	        return;
	      }

	      if (compressed) {
	        const error = this.createError(
	          RangeError,
	          'RSV1 must be clear',
	          true,
	          1002,
	          'WS_ERR_UNEXPECTED_RSV_1'
	        );

	        cb(error);
	        return;
	      }

	      if (
	        this._payloadLength > 0x7d ||
	        (this._opcode === 0x08 && this._payloadLength === 1)
	      ) {
	        const error = this.createError(
	          RangeError,
	          `invalid payload length ${this._payloadLength}`,
	          true,
	          1002,
	          'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH'
	        );

	        cb(error);
	        return;
	      }
	    } else {
	      const error = this.createError(
	        RangeError,
	        `invalid opcode ${this._opcode}`,
	        true,
	        1002,
	        'WS_ERR_INVALID_OPCODE'
	      );

	      cb(error);
	      return;
	    }

	    if (!this._fin && !this._fragmented) this._fragmented = this._opcode;
	    this._masked = (buf[1] & 0x80) === 0x80;

	    if (this._isServer) {
	      if (!this._masked) {
	        const error = this.createError(
	          RangeError,
	          'MASK must be set',
	          true,
	          1002,
	          'WS_ERR_EXPECTED_MASK'
	        );

	        cb(error);
	        return;
	      }
	    } else if (this._masked) {
	      const error = this.createError(
	        RangeError,
	        'MASK must be clear',
	        true,
	        1002,
	        'WS_ERR_UNEXPECTED_MASK'
	      );

	      cb(error);
	      return;
	    }

	    if (this._payloadLength === 126) this._state = GET_PAYLOAD_LENGTH_16;
	    else if (this._payloadLength === 127) this._state = GET_PAYLOAD_LENGTH_64;
	    else this.haveLength(cb);
	  }

	  /**
	   * Gets extended payload length (7+16).
	   *
	   * @param {Function} cb Callback
	   * @private
	   */
	  getPayloadLength16(cb) {
	    if (this._bufferedBytes < 2) {
	      this._loop = false;
	      return;
	    }

	    this._payloadLength = this.consume(2).readUInt16BE(0);
	    this.haveLength(cb);
	  }

	  /**
	   * Gets extended payload length (7+64).
	   *
	   * @param {Function} cb Callback
	   * @private
	   */
	  getPayloadLength64(cb) {
	    if (this._bufferedBytes < 8) {
	      this._loop = false;
	      return;
	    }

	    const buf = this.consume(8);
	    const num = buf.readUInt32BE(0);

	    //
	    // The maximum safe integer in JavaScript is 2^53 - 1. An error is returned
	    // if payload length is greater than this number.
	    //
	    if (num > Math.pow(2, 53 - 32) - 1) {
	      const error = this.createError(
	        RangeError,
	        'Unsupported WebSocket frame: payload length > 2^53 - 1',
	        false,
	        1009,
	        'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH'
	      );

	      cb(error);
	      return;
	    }

	    this._payloadLength = num * Math.pow(2, 32) + buf.readUInt32BE(4);
	    this.haveLength(cb);
	  }

	  /**
	   * Payload length has been read.
	   *
	   * @param {Function} cb Callback
	   * @private
	   */
	  haveLength(cb) {
	    if (this._payloadLength && this._opcode < 0x08) {
	      this._totalPayloadLength += this._payloadLength;
	      if (this._totalPayloadLength > this._maxPayload && this._maxPayload > 0) {
	        const error = this.createError(
	          RangeError,
	          'Max payload size exceeded',
	          false,
	          1009,
	          'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
	        );

	        cb(error);
	        return;
	      }
	    }

	    if (this._masked) this._state = GET_MASK;
	    else this._state = GET_DATA;
	  }

	  /**
	   * Reads mask bytes.
	   *
	   * @private
	   */
	  getMask() {
	    if (this._bufferedBytes < 4) {
	      this._loop = false;
	      return;
	    }

	    this._mask = this.consume(4);
	    this._state = GET_DATA;
	  }

	  /**
	   * Reads data bytes.
	   *
	   * @param {Function} cb Callback
	   * @private
	   */
	  getData(cb) {
	    let data = EMPTY_BUFFER;

	    if (this._payloadLength) {
	      if (this._bufferedBytes < this._payloadLength) {
	        this._loop = false;
	        return;
	      }

	      data = this.consume(this._payloadLength);

	      if (
	        this._masked &&
	        (this._mask[0] | this._mask[1] | this._mask[2] | this._mask[3]) !== 0
	      ) {
	        unmask(data, this._mask);
	      }
	    }

	    if (this._opcode > 0x07) {
	      this.controlMessage(data, cb);
	      return;
	    }

	    if (this._compressed) {
	      this._state = INFLATING;
	      this.decompress(data, cb);
	      return;
	    }

	    if (data.length) {
	      //
	      // This message is not compressed so its length is the sum of the payload
	      // length of all fragments.
	      //
	      this._messageLength = this._totalPayloadLength;
	      this._fragments.push(data);
	    }

	    this.dataMessage(cb);
	  }

	  /**
	   * Decompresses data.
	   *
	   * @param {Buffer} data Compressed data
	   * @param {Function} cb Callback
	   * @private
	   */
	  decompress(data, cb) {
	    const perMessageDeflate = this._extensions[PerMessageDeflate.extensionName];

	    perMessageDeflate.decompress(data, this._fin, (err, buf) => {
	      if (err) return cb(err);

	      if (buf.length) {
	        this._messageLength += buf.length;
	        if (this._messageLength > this._maxPayload && this._maxPayload > 0) {
	          const error = this.createError(
	            RangeError,
	            'Max payload size exceeded',
	            false,
	            1009,
	            'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
	          );

	          cb(error);
	          return;
	        }

	        this._fragments.push(buf);
	      }

	      this.dataMessage(cb);
	      if (this._state === GET_INFO) this.startLoop(cb);
	    });
	  }

	  /**
	   * Handles a data message.
	   *
	   * @param {Function} cb Callback
	   * @private
	   */
	  dataMessage(cb) {
	    if (!this._fin) {
	      this._state = GET_INFO;
	      return;
	    }

	    const messageLength = this._messageLength;
	    const fragments = this._fragments;

	    this._totalPayloadLength = 0;
	    this._messageLength = 0;
	    this._fragmented = 0;
	    this._fragments = [];

	    if (this._opcode === 2) {
	      let data;

	      if (this._binaryType === 'nodebuffer') {
	        data = concat(fragments, messageLength);
	      } else if (this._binaryType === 'arraybuffer') {
	        data = toArrayBuffer(concat(fragments, messageLength));
	      } else if (this._binaryType === 'blob') {
	        data = new Blob(fragments);
	      } else {
	        data = fragments;
	      }

	      if (this._allowSynchronousEvents) {
	        this.emit('message', data, true);
	        this._state = GET_INFO;
	      } else {
	        this._state = DEFER_EVENT;
	        setImmediate(() => {
	          this.emit('message', data, true);
	          this._state = GET_INFO;
	          this.startLoop(cb);
	        });
	      }
	    } else {
	      const buf = concat(fragments, messageLength);

	      if (!this._skipUTF8Validation && !isValidUTF8(buf)) {
	        const error = this.createError(
	          Error,
	          'invalid UTF-8 sequence',
	          true,
	          1007,
	          'WS_ERR_INVALID_UTF8'
	        );

	        cb(error);
	        return;
	      }

	      if (this._state === INFLATING || this._allowSynchronousEvents) {
	        this.emit('message', buf, false);
	        this._state = GET_INFO;
	      } else {
	        this._state = DEFER_EVENT;
	        setImmediate(() => {
	          this.emit('message', buf, false);
	          this._state = GET_INFO;
	          this.startLoop(cb);
	        });
	      }
	    }
	  }

	  /**
	   * Handles a control message.
	   *
	   * @param {Buffer} data Data to handle
	   * @return {(Error|RangeError|undefined)} A possible error
	   * @private
	   */
	  controlMessage(data, cb) {
	    if (this._opcode === 0x08) {
	      if (data.length === 0) {
	        this._loop = false;
	        this.emit('conclude', 1005, EMPTY_BUFFER);
	        this.end();
	      } else {
	        const code = data.readUInt16BE(0);

	        if (!isValidStatusCode(code)) {
	          const error = this.createError(
	            RangeError,
	            `invalid status code ${code}`,
	            true,
	            1002,
	            'WS_ERR_INVALID_CLOSE_CODE'
	          );

	          cb(error);
	          return;
	        }

	        const buf = new FastBuffer(
	          data.buffer,
	          data.byteOffset + 2,
	          data.length - 2
	        );

	        if (!this._skipUTF8Validation && !isValidUTF8(buf)) {
	          const error = this.createError(
	            Error,
	            'invalid UTF-8 sequence',
	            true,
	            1007,
	            'WS_ERR_INVALID_UTF8'
	          );

	          cb(error);
	          return;
	        }

	        this._loop = false;
	        this.emit('conclude', code, buf);
	        this.end();
	      }

	      this._state = GET_INFO;
	      return;
	    }

	    if (this._allowSynchronousEvents) {
	      this.emit(this._opcode === 0x09 ? 'ping' : 'pong', data);
	      this._state = GET_INFO;
	    } else {
	      this._state = DEFER_EVENT;
	      setImmediate(() => {
	        this.emit(this._opcode === 0x09 ? 'ping' : 'pong', data);
	        this._state = GET_INFO;
	        this.startLoop(cb);
	      });
	    }
	  }

	  /**
	   * Builds an error object.
	   *
	   * @param {function(new:Error|RangeError)} ErrorCtor The error constructor
	   * @param {String} message The error message
	   * @param {Boolean} prefix Specifies whether or not to add a default prefix to
	   *     `message`
	   * @param {Number} statusCode The status code
	   * @param {String} errorCode The exposed error code
	   * @return {(Error|RangeError)} The error
	   * @private
	   */
	  createError(ErrorCtor, message, prefix, statusCode, errorCode) {
	    this._loop = false;
	    this._errored = true;

	    const err = new ErrorCtor(
	      prefix ? `Invalid WebSocket frame: ${message}` : message
	    );

	    Error.captureStackTrace(err, this.createError);
	    err.code = errorCode;
	    err[kStatusCode] = statusCode;
	    return err;
	  }
	}

	receiver = Receiver;
	return receiver;
}

/* eslint no-unused-vars: ["error", { "varsIgnorePattern": "^Duplex" }] */

var sender;
var hasRequiredSender;

function requireSender () {
	if (hasRequiredSender) return sender;
	hasRequiredSender = 1;

	const { Duplex } = require$$0$2;
	const { randomFillSync } = require$$1;

	const PerMessageDeflate = requirePermessageDeflate();
	const { EMPTY_BUFFER, kWebSocket, NOOP } = requireConstants();
	const { isBlob, isValidStatusCode } = requireValidation();
	const { mask: applyMask, toBuffer } = requireBufferUtil();

	const kByteLength = Symbol('kByteLength');
	const maskBuffer = Buffer.alloc(4);
	const RANDOM_POOL_SIZE = 8 * 1024;
	let randomPool;
	let randomPoolPointer = RANDOM_POOL_SIZE;

	const DEFAULT = 0;
	const DEFLATING = 1;
	const GET_BLOB_DATA = 2;

	/**
	 * HyBi Sender implementation.
	 */
	class Sender {
	  /**
	   * Creates a Sender instance.
	   *
	   * @param {Duplex} socket The connection socket
	   * @param {Object} [extensions] An object containing the negotiated extensions
	   * @param {Function} [generateMask] The function used to generate the masking
	   *     key
	   */
	  constructor(socket, extensions, generateMask) {
	    this._extensions = extensions || {};

	    if (generateMask) {
	      this._generateMask = generateMask;
	      this._maskBuffer = Buffer.alloc(4);
	    }

	    this._socket = socket;

	    this._firstFragment = true;
	    this._compress = false;

	    this._bufferedBytes = 0;
	    this._queue = [];
	    this._state = DEFAULT;
	    this.onerror = NOOP;
	    this[kWebSocket] = undefined;
	  }

	  /**
	   * Frames a piece of data according to the HyBi WebSocket protocol.
	   *
	   * @param {(Buffer|String)} data The data to frame
	   * @param {Object} options Options object
	   * @param {Boolean} [options.fin=false] Specifies whether or not to set the
	   *     FIN bit
	   * @param {Function} [options.generateMask] The function used to generate the
	   *     masking key
	   * @param {Boolean} [options.mask=false] Specifies whether or not to mask
	   *     `data`
	   * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
	   *     key
	   * @param {Number} options.opcode The opcode
	   * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
	   *     modified
	   * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
	   *     RSV1 bit
	   * @return {(Buffer|String)[]} The framed data
	   * @public
	   */
	  static frame(data, options) {
	    let mask;
	    let merge = false;
	    let offset = 2;
	    let skipMasking = false;

	    if (options.mask) {
	      mask = options.maskBuffer || maskBuffer;

	      if (options.generateMask) {
	        options.generateMask(mask);
	      } else {
	        if (randomPoolPointer === RANDOM_POOL_SIZE) {
	          /* istanbul ignore else  */
	          if (randomPool === undefined) {
	            //
	            // This is lazily initialized because server-sent frames must not
	            // be masked so it may never be used.
	            //
	            randomPool = Buffer.alloc(RANDOM_POOL_SIZE);
	          }

	          randomFillSync(randomPool, 0, RANDOM_POOL_SIZE);
	          randomPoolPointer = 0;
	        }

	        mask[0] = randomPool[randomPoolPointer++];
	        mask[1] = randomPool[randomPoolPointer++];
	        mask[2] = randomPool[randomPoolPointer++];
	        mask[3] = randomPool[randomPoolPointer++];
	      }

	      skipMasking = (mask[0] | mask[1] | mask[2] | mask[3]) === 0;
	      offset = 6;
	    }

	    let dataLength;

	    if (typeof data === 'string') {
	      if (
	        (!options.mask || skipMasking) &&
	        options[kByteLength] !== undefined
	      ) {
	        dataLength = options[kByteLength];
	      } else {
	        data = Buffer.from(data);
	        dataLength = data.length;
	      }
	    } else {
	      dataLength = data.length;
	      merge = options.mask && options.readOnly && !skipMasking;
	    }

	    let payloadLength = dataLength;

	    if (dataLength >= 65536) {
	      offset += 8;
	      payloadLength = 127;
	    } else if (dataLength > 125) {
	      offset += 2;
	      payloadLength = 126;
	    }

	    const target = Buffer.allocUnsafe(merge ? dataLength + offset : offset);

	    target[0] = options.fin ? options.opcode | 0x80 : options.opcode;
	    if (options.rsv1) target[0] |= 0x40;

	    target[1] = payloadLength;

	    if (payloadLength === 126) {
	      target.writeUInt16BE(dataLength, 2);
	    } else if (payloadLength === 127) {
	      target[2] = target[3] = 0;
	      target.writeUIntBE(dataLength, 4, 6);
	    }

	    if (!options.mask) return [target, data];

	    target[1] |= 0x80;
	    target[offset - 4] = mask[0];
	    target[offset - 3] = mask[1];
	    target[offset - 2] = mask[2];
	    target[offset - 1] = mask[3];

	    if (skipMasking) return [target, data];

	    if (merge) {
	      applyMask(data, mask, target, offset, dataLength);
	      return [target];
	    }

	    applyMask(data, mask, data, 0, dataLength);
	    return [target, data];
	  }

	  /**
	   * Sends a close message to the other peer.
	   *
	   * @param {Number} [code] The status code component of the body
	   * @param {(String|Buffer)} [data] The message component of the body
	   * @param {Boolean} [mask=false] Specifies whether or not to mask the message
	   * @param {Function} [cb] Callback
	   * @public
	   */
	  close(code, data, mask, cb) {
	    let buf;

	    if (code === undefined) {
	      buf = EMPTY_BUFFER;
	    } else if (typeof code !== 'number' || !isValidStatusCode(code)) {
	      throw new TypeError('First argument must be a valid error code number');
	    } else if (data === undefined || !data.length) {
	      buf = Buffer.allocUnsafe(2);
	      buf.writeUInt16BE(code, 0);
	    } else {
	      const length = Buffer.byteLength(data);

	      if (length > 123) {
	        throw new RangeError('The message must not be greater than 123 bytes');
	      }

	      buf = Buffer.allocUnsafe(2 + length);
	      buf.writeUInt16BE(code, 0);

	      if (typeof data === 'string') {
	        buf.write(data, 2);
	      } else {
	        buf.set(data, 2);
	      }
	    }

	    const options = {
	      [kByteLength]: buf.length,
	      fin: true,
	      generateMask: this._generateMask,
	      mask,
	      maskBuffer: this._maskBuffer,
	      opcode: 0x08,
	      readOnly: false,
	      rsv1: false
	    };

	    if (this._state !== DEFAULT) {
	      this.enqueue([this.dispatch, buf, false, options, cb]);
	    } else {
	      this.sendFrame(Sender.frame(buf, options), cb);
	    }
	  }

	  /**
	   * Sends a ping message to the other peer.
	   *
	   * @param {*} data The message to send
	   * @param {Boolean} [mask=false] Specifies whether or not to mask `data`
	   * @param {Function} [cb] Callback
	   * @public
	   */
	  ping(data, mask, cb) {
	    let byteLength;
	    let readOnly;

	    if (typeof data === 'string') {
	      byteLength = Buffer.byteLength(data);
	      readOnly = false;
	    } else if (isBlob(data)) {
	      byteLength = data.size;
	      readOnly = false;
	    } else {
	      data = toBuffer(data);
	      byteLength = data.length;
	      readOnly = toBuffer.readOnly;
	    }

	    if (byteLength > 125) {
	      throw new RangeError('The data size must not be greater than 125 bytes');
	    }

	    const options = {
	      [kByteLength]: byteLength,
	      fin: true,
	      generateMask: this._generateMask,
	      mask,
	      maskBuffer: this._maskBuffer,
	      opcode: 0x09,
	      readOnly,
	      rsv1: false
	    };

	    if (isBlob(data)) {
	      if (this._state !== DEFAULT) {
	        this.enqueue([this.getBlobData, data, false, options, cb]);
	      } else {
	        this.getBlobData(data, false, options, cb);
	      }
	    } else if (this._state !== DEFAULT) {
	      this.enqueue([this.dispatch, data, false, options, cb]);
	    } else {
	      this.sendFrame(Sender.frame(data, options), cb);
	    }
	  }

	  /**
	   * Sends a pong message to the other peer.
	   *
	   * @param {*} data The message to send
	   * @param {Boolean} [mask=false] Specifies whether or not to mask `data`
	   * @param {Function} [cb] Callback
	   * @public
	   */
	  pong(data, mask, cb) {
	    let byteLength;
	    let readOnly;

	    if (typeof data === 'string') {
	      byteLength = Buffer.byteLength(data);
	      readOnly = false;
	    } else if (isBlob(data)) {
	      byteLength = data.size;
	      readOnly = false;
	    } else {
	      data = toBuffer(data);
	      byteLength = data.length;
	      readOnly = toBuffer.readOnly;
	    }

	    if (byteLength > 125) {
	      throw new RangeError('The data size must not be greater than 125 bytes');
	    }

	    const options = {
	      [kByteLength]: byteLength,
	      fin: true,
	      generateMask: this._generateMask,
	      mask,
	      maskBuffer: this._maskBuffer,
	      opcode: 0x0a,
	      readOnly,
	      rsv1: false
	    };

	    if (isBlob(data)) {
	      if (this._state !== DEFAULT) {
	        this.enqueue([this.getBlobData, data, false, options, cb]);
	      } else {
	        this.getBlobData(data, false, options, cb);
	      }
	    } else if (this._state !== DEFAULT) {
	      this.enqueue([this.dispatch, data, false, options, cb]);
	    } else {
	      this.sendFrame(Sender.frame(data, options), cb);
	    }
	  }

	  /**
	   * Sends a data message to the other peer.
	   *
	   * @param {*} data The message to send
	   * @param {Object} options Options object
	   * @param {Boolean} [options.binary=false] Specifies whether `data` is binary
	   *     or text
	   * @param {Boolean} [options.compress=false] Specifies whether or not to
	   *     compress `data`
	   * @param {Boolean} [options.fin=false] Specifies whether the fragment is the
	   *     last one
	   * @param {Boolean} [options.mask=false] Specifies whether or not to mask
	   *     `data`
	   * @param {Function} [cb] Callback
	   * @public
	   */
	  send(data, options, cb) {
	    const perMessageDeflate = this._extensions[PerMessageDeflate.extensionName];
	    let opcode = options.binary ? 2 : 1;
	    let rsv1 = options.compress;

	    let byteLength;
	    let readOnly;

	    if (typeof data === 'string') {
	      byteLength = Buffer.byteLength(data);
	      readOnly = false;
	    } else if (isBlob(data)) {
	      byteLength = data.size;
	      readOnly = false;
	    } else {
	      data = toBuffer(data);
	      byteLength = data.length;
	      readOnly = toBuffer.readOnly;
	    }

	    if (this._firstFragment) {
	      this._firstFragment = false;
	      if (
	        rsv1 &&
	        perMessageDeflate &&
	        perMessageDeflate.params[
	          perMessageDeflate._isServer
	            ? 'server_no_context_takeover'
	            : 'client_no_context_takeover'
	        ]
	      ) {
	        rsv1 = byteLength >= perMessageDeflate._threshold;
	      }
	      this._compress = rsv1;
	    } else {
	      rsv1 = false;
	      opcode = 0;
	    }

	    if (options.fin) this._firstFragment = true;

	    const opts = {
	      [kByteLength]: byteLength,
	      fin: options.fin,
	      generateMask: this._generateMask,
	      mask: options.mask,
	      maskBuffer: this._maskBuffer,
	      opcode,
	      readOnly,
	      rsv1
	    };

	    if (isBlob(data)) {
	      if (this._state !== DEFAULT) {
	        this.enqueue([this.getBlobData, data, this._compress, opts, cb]);
	      } else {
	        this.getBlobData(data, this._compress, opts, cb);
	      }
	    } else if (this._state !== DEFAULT) {
	      this.enqueue([this.dispatch, data, this._compress, opts, cb]);
	    } else {
	      this.dispatch(data, this._compress, opts, cb);
	    }
	  }

	  /**
	   * Gets the contents of a blob as binary data.
	   *
	   * @param {Blob} blob The blob
	   * @param {Boolean} [compress=false] Specifies whether or not to compress
	   *     the data
	   * @param {Object} options Options object
	   * @param {Boolean} [options.fin=false] Specifies whether or not to set the
	   *     FIN bit
	   * @param {Function} [options.generateMask] The function used to generate the
	   *     masking key
	   * @param {Boolean} [options.mask=false] Specifies whether or not to mask
	   *     `data`
	   * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
	   *     key
	   * @param {Number} options.opcode The opcode
	   * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
	   *     modified
	   * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
	   *     RSV1 bit
	   * @param {Function} [cb] Callback
	   * @private
	   */
	  getBlobData(blob, compress, options, cb) {
	    this._bufferedBytes += options[kByteLength];
	    this._state = GET_BLOB_DATA;

	    blob
	      .arrayBuffer()
	      .then((arrayBuffer) => {
	        if (this._socket.destroyed) {
	          const err = new Error(
	            'The socket was closed while the blob was being read'
	          );

	          //
	          // `callCallbacks` is called in the next tick to ensure that errors
	          // that might be thrown in the callbacks behave like errors thrown
	          // outside the promise chain.
	          //
	          process.nextTick(callCallbacks, this, err, cb);
	          return;
	        }

	        this._bufferedBytes -= options[kByteLength];
	        const data = toBuffer(arrayBuffer);

	        if (!compress) {
	          this._state = DEFAULT;
	          this.sendFrame(Sender.frame(data, options), cb);
	          this.dequeue();
	        } else {
	          this.dispatch(data, compress, options, cb);
	        }
	      })
	      .catch((err) => {
	        //
	        // `onError` is called in the next tick for the same reason that
	        // `callCallbacks` above is.
	        //
	        process.nextTick(onError, this, err, cb);
	      });
	  }

	  /**
	   * Dispatches a message.
	   *
	   * @param {(Buffer|String)} data The message to send
	   * @param {Boolean} [compress=false] Specifies whether or not to compress
	   *     `data`
	   * @param {Object} options Options object
	   * @param {Boolean} [options.fin=false] Specifies whether or not to set the
	   *     FIN bit
	   * @param {Function} [options.generateMask] The function used to generate the
	   *     masking key
	   * @param {Boolean} [options.mask=false] Specifies whether or not to mask
	   *     `data`
	   * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
	   *     key
	   * @param {Number} options.opcode The opcode
	   * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
	   *     modified
	   * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
	   *     RSV1 bit
	   * @param {Function} [cb] Callback
	   * @private
	   */
	  dispatch(data, compress, options, cb) {
	    if (!compress) {
	      this.sendFrame(Sender.frame(data, options), cb);
	      return;
	    }

	    const perMessageDeflate = this._extensions[PerMessageDeflate.extensionName];

	    this._bufferedBytes += options[kByteLength];
	    this._state = DEFLATING;
	    perMessageDeflate.compress(data, options.fin, (_, buf) => {
	      if (this._socket.destroyed) {
	        const err = new Error(
	          'The socket was closed while data was being compressed'
	        );

	        callCallbacks(this, err, cb);
	        return;
	      }

	      this._bufferedBytes -= options[kByteLength];
	      this._state = DEFAULT;
	      options.readOnly = false;
	      this.sendFrame(Sender.frame(buf, options), cb);
	      this.dequeue();
	    });
	  }

	  /**
	   * Executes queued send operations.
	   *
	   * @private
	   */
	  dequeue() {
	    while (this._state === DEFAULT && this._queue.length) {
	      const params = this._queue.shift();

	      this._bufferedBytes -= params[3][kByteLength];
	      Reflect.apply(params[0], this, params.slice(1));
	    }
	  }

	  /**
	   * Enqueues a send operation.
	   *
	   * @param {Array} params Send operation parameters.
	   * @private
	   */
	  enqueue(params) {
	    this._bufferedBytes += params[3][kByteLength];
	    this._queue.push(params);
	  }

	  /**
	   * Sends a frame.
	   *
	   * @param {(Buffer | String)[]} list The frame to send
	   * @param {Function} [cb] Callback
	   * @private
	   */
	  sendFrame(list, cb) {
	    if (list.length === 2) {
	      this._socket.cork();
	      this._socket.write(list[0]);
	      this._socket.write(list[1], cb);
	      this._socket.uncork();
	    } else {
	      this._socket.write(list[0], cb);
	    }
	  }
	}

	sender = Sender;

	/**
	 * Calls queued callbacks with an error.
	 *
	 * @param {Sender} sender The `Sender` instance
	 * @param {Error} err The error to call the callbacks with
	 * @param {Function} [cb] The first callback
	 * @private
	 */
	function callCallbacks(sender, err, cb) {
	  if (typeof cb === 'function') cb(err);

	  for (let i = 0; i < sender._queue.length; i++) {
	    const params = sender._queue[i];
	    const callback = params[params.length - 1];

	    if (typeof callback === 'function') callback(err);
	  }
	}

	/**
	 * Handles a `Sender` error.
	 *
	 * @param {Sender} sender The `Sender` instance
	 * @param {Error} err The error
	 * @param {Function} [cb] The first pending callback
	 * @private
	 */
	function onError(sender, err, cb) {
	  callCallbacks(sender, err, cb);
	  sender.onerror(err);
	}
	return sender;
}

var eventTarget;
var hasRequiredEventTarget;

function requireEventTarget () {
	if (hasRequiredEventTarget) return eventTarget;
	hasRequiredEventTarget = 1;

	const { kForOnEventAttribute, kListener } = requireConstants();

	const kCode = Symbol('kCode');
	const kData = Symbol('kData');
	const kError = Symbol('kError');
	const kMessage = Symbol('kMessage');
	const kReason = Symbol('kReason');
	const kTarget = Symbol('kTarget');
	const kType = Symbol('kType');
	const kWasClean = Symbol('kWasClean');

	/**
	 * Class representing an event.
	 */
	class Event {
	  /**
	   * Create a new `Event`.
	   *
	   * @param {String} type The name of the event
	   * @throws {TypeError} If the `type` argument is not specified
	   */
	  constructor(type) {
	    this[kTarget] = null;
	    this[kType] = type;
	  }

	  /**
	   * @type {*}
	   */
	  get target() {
	    return this[kTarget];
	  }

	  /**
	   * @type {String}
	   */
	  get type() {
	    return this[kType];
	  }
	}

	Object.defineProperty(Event.prototype, 'target', { enumerable: true });
	Object.defineProperty(Event.prototype, 'type', { enumerable: true });

	/**
	 * Class representing a close event.
	 *
	 * @extends Event
	 */
	class CloseEvent extends Event {
	  /**
	   * Create a new `CloseEvent`.
	   *
	   * @param {String} type The name of the event
	   * @param {Object} [options] A dictionary object that allows for setting
	   *     attributes via object members of the same name
	   * @param {Number} [options.code=0] The status code explaining why the
	   *     connection was closed
	   * @param {String} [options.reason=''] A human-readable string explaining why
	   *     the connection was closed
	   * @param {Boolean} [options.wasClean=false] Indicates whether or not the
	   *     connection was cleanly closed
	   */
	  constructor(type, options = {}) {
	    super(type);

	    this[kCode] = options.code === undefined ? 0 : options.code;
	    this[kReason] = options.reason === undefined ? '' : options.reason;
	    this[kWasClean] = options.wasClean === undefined ? false : options.wasClean;
	  }

	  /**
	   * @type {Number}
	   */
	  get code() {
	    return this[kCode];
	  }

	  /**
	   * @type {String}
	   */
	  get reason() {
	    return this[kReason];
	  }

	  /**
	   * @type {Boolean}
	   */
	  get wasClean() {
	    return this[kWasClean];
	  }
	}

	Object.defineProperty(CloseEvent.prototype, 'code', { enumerable: true });
	Object.defineProperty(CloseEvent.prototype, 'reason', { enumerable: true });
	Object.defineProperty(CloseEvent.prototype, 'wasClean', { enumerable: true });

	/**
	 * Class representing an error event.
	 *
	 * @extends Event
	 */
	class ErrorEvent extends Event {
	  /**
	   * Create a new `ErrorEvent`.
	   *
	   * @param {String} type The name of the event
	   * @param {Object} [options] A dictionary object that allows for setting
	   *     attributes via object members of the same name
	   * @param {*} [options.error=null] The error that generated this event
	   * @param {String} [options.message=''] The error message
	   */
	  constructor(type, options = {}) {
	    super(type);

	    this[kError] = options.error === undefined ? null : options.error;
	    this[kMessage] = options.message === undefined ? '' : options.message;
	  }

	  /**
	   * @type {*}
	   */
	  get error() {
	    return this[kError];
	  }

	  /**
	   * @type {String}
	   */
	  get message() {
	    return this[kMessage];
	  }
	}

	Object.defineProperty(ErrorEvent.prototype, 'error', { enumerable: true });
	Object.defineProperty(ErrorEvent.prototype, 'message', { enumerable: true });

	/**
	 * Class representing a message event.
	 *
	 * @extends Event
	 */
	class MessageEvent extends Event {
	  /**
	   * Create a new `MessageEvent`.
	   *
	   * @param {String} type The name of the event
	   * @param {Object} [options] A dictionary object that allows for setting
	   *     attributes via object members of the same name
	   * @param {*} [options.data=null] The message content
	   */
	  constructor(type, options = {}) {
	    super(type);

	    this[kData] = options.data === undefined ? null : options.data;
	  }

	  /**
	   * @type {*}
	   */
	  get data() {
	    return this[kData];
	  }
	}

	Object.defineProperty(MessageEvent.prototype, 'data', { enumerable: true });

	/**
	 * This provides methods for emulating the `EventTarget` interface. It's not
	 * meant to be used directly.
	 *
	 * @mixin
	 */
	const EventTarget = {
	  /**
	   * Register an event listener.
	   *
	   * @param {String} type A string representing the event type to listen for
	   * @param {(Function|Object)} handler The listener to add
	   * @param {Object} [options] An options object specifies characteristics about
	   *     the event listener
	   * @param {Boolean} [options.once=false] A `Boolean` indicating that the
	   *     listener should be invoked at most once after being added. If `true`,
	   *     the listener would be automatically removed when invoked.
	   * @public
	   */
	  addEventListener(type, handler, options = {}) {
	    for (const listener of this.listeners(type)) {
	      if (
	        !options[kForOnEventAttribute] &&
	        listener[kListener] === handler &&
	        !listener[kForOnEventAttribute]
	      ) {
	        return;
	      }
	    }

	    let wrapper;

	    if (type === 'message') {
	      wrapper = function onMessage(data, isBinary) {
	        const event = new MessageEvent('message', {
	          data: isBinary ? data : data.toString()
	        });

	        event[kTarget] = this;
	        callListener(handler, this, event);
	      };
	    } else if (type === 'close') {
	      wrapper = function onClose(code, message) {
	        const event = new CloseEvent('close', {
	          code,
	          reason: message.toString(),
	          wasClean: this._closeFrameReceived && this._closeFrameSent
	        });

	        event[kTarget] = this;
	        callListener(handler, this, event);
	      };
	    } else if (type === 'error') {
	      wrapper = function onError(error) {
	        const event = new ErrorEvent('error', {
	          error,
	          message: error.message
	        });

	        event[kTarget] = this;
	        callListener(handler, this, event);
	      };
	    } else if (type === 'open') {
	      wrapper = function onOpen() {
	        const event = new Event('open');

	        event[kTarget] = this;
	        callListener(handler, this, event);
	      };
	    } else {
	      return;
	    }

	    wrapper[kForOnEventAttribute] = !!options[kForOnEventAttribute];
	    wrapper[kListener] = handler;

	    if (options.once) {
	      this.once(type, wrapper);
	    } else {
	      this.on(type, wrapper);
	    }
	  },

	  /**
	   * Remove an event listener.
	   *
	   * @param {String} type A string representing the event type to remove
	   * @param {(Function|Object)} handler The listener to remove
	   * @public
	   */
	  removeEventListener(type, handler) {
	    for (const listener of this.listeners(type)) {
	      if (listener[kListener] === handler && !listener[kForOnEventAttribute]) {
	        this.removeListener(type, listener);
	        break;
	      }
	    }
	  }
	};

	eventTarget = {
	  CloseEvent,
	  ErrorEvent,
	  Event,
	  EventTarget,
	  MessageEvent
	};

	/**
	 * Call an event listener
	 *
	 * @param {(Function|Object)} listener The listener to call
	 * @param {*} thisArg The value to use as `this`` when calling the listener
	 * @param {Event} event The event to pass to the listener
	 * @private
	 */
	function callListener(listener, thisArg, event) {
	  if (typeof listener === 'object' && listener.handleEvent) {
	    listener.handleEvent.call(listener, event);
	  } else {
	    listener.call(thisArg, event);
	  }
	}
	return eventTarget;
}

var extension;
var hasRequiredExtension;

function requireExtension () {
	if (hasRequiredExtension) return extension;
	hasRequiredExtension = 1;

	const { tokenChars } = requireValidation();

	/**
	 * Adds an offer to the map of extension offers or a parameter to the map of
	 * parameters.
	 *
	 * @param {Object} dest The map of extension offers or parameters
	 * @param {String} name The extension or parameter name
	 * @param {(Object|Boolean|String)} elem The extension parameters or the
	 *     parameter value
	 * @private
	 */
	function push(dest, name, elem) {
	  if (dest[name] === undefined) dest[name] = [elem];
	  else dest[name].push(elem);
	}

	/**
	 * Parses the `Sec-WebSocket-Extensions` header into an object.
	 *
	 * @param {String} header The field value of the header
	 * @return {Object} The parsed object
	 * @public
	 */
	function parse(header) {
	  const offers = Object.create(null);
	  let params = Object.create(null);
	  let mustUnescape = false;
	  let isEscaping = false;
	  let inQuotes = false;
	  let extensionName;
	  let paramName;
	  let start = -1;
	  let code = -1;
	  let end = -1;
	  let i = 0;

	  for (; i < header.length; i++) {
	    code = header.charCodeAt(i);

	    if (extensionName === undefined) {
	      if (end === -1 && tokenChars[code] === 1) {
	        if (start === -1) start = i;
	      } else if (
	        i !== 0 &&
	        (code === 0x20 /* ' ' */ || code === 0x09) /* '\t' */
	      ) {
	        if (end === -1 && start !== -1) end = i;
	      } else if (code === 0x3b /* ';' */ || code === 0x2c /* ',' */) {
	        if (start === -1) {
	          throw new SyntaxError(`Unexpected character at index ${i}`);
	        }

	        if (end === -1) end = i;
	        const name = header.slice(start, end);
	        if (code === 0x2c) {
	          push(offers, name, params);
	          params = Object.create(null);
	        } else {
	          extensionName = name;
	        }

	        start = end = -1;
	      } else {
	        throw new SyntaxError(`Unexpected character at index ${i}`);
	      }
	    } else if (paramName === undefined) {
	      if (end === -1 && tokenChars[code] === 1) {
	        if (start === -1) start = i;
	      } else if (code === 0x20 || code === 0x09) {
	        if (end === -1 && start !== -1) end = i;
	      } else if (code === 0x3b || code === 0x2c) {
	        if (start === -1) {
	          throw new SyntaxError(`Unexpected character at index ${i}`);
	        }

	        if (end === -1) end = i;
	        push(params, header.slice(start, end), true);
	        if (code === 0x2c) {
	          push(offers, extensionName, params);
	          params = Object.create(null);
	          extensionName = undefined;
	        }

	        start = end = -1;
	      } else if (code === 0x3d /* '=' */ && start !== -1 && end === -1) {
	        paramName = header.slice(start, i);
	        start = end = -1;
	      } else {
	        throw new SyntaxError(`Unexpected character at index ${i}`);
	      }
	    } else {
	      //
	      // The value of a quoted-string after unescaping must conform to the
	      // token ABNF, so only token characters are valid.
	      // Ref: https://tools.ietf.org/html/rfc6455#section-9.1
	      //
	      if (isEscaping) {
	        if (tokenChars[code] !== 1) {
	          throw new SyntaxError(`Unexpected character at index ${i}`);
	        }
	        if (start === -1) start = i;
	        else if (!mustUnescape) mustUnescape = true;
	        isEscaping = false;
	      } else if (inQuotes) {
	        if (tokenChars[code] === 1) {
	          if (start === -1) start = i;
	        } else if (code === 0x22 /* '"' */ && start !== -1) {
	          inQuotes = false;
	          end = i;
	        } else if (code === 0x5c /* '\' */) {
	          isEscaping = true;
	        } else {
	          throw new SyntaxError(`Unexpected character at index ${i}`);
	        }
	      } else if (code === 0x22 && header.charCodeAt(i - 1) === 0x3d) {
	        inQuotes = true;
	      } else if (end === -1 && tokenChars[code] === 1) {
	        if (start === -1) start = i;
	      } else if (start !== -1 && (code === 0x20 || code === 0x09)) {
	        if (end === -1) end = i;
	      } else if (code === 0x3b || code === 0x2c) {
	        if (start === -1) {
	          throw new SyntaxError(`Unexpected character at index ${i}`);
	        }

	        if (end === -1) end = i;
	        let value = header.slice(start, end);
	        if (mustUnescape) {
	          value = value.replace(/\\/g, '');
	          mustUnescape = false;
	        }
	        push(params, paramName, value);
	        if (code === 0x2c) {
	          push(offers, extensionName, params);
	          params = Object.create(null);
	          extensionName = undefined;
	        }

	        paramName = undefined;
	        start = end = -1;
	      } else {
	        throw new SyntaxError(`Unexpected character at index ${i}`);
	      }
	    }
	  }

	  if (start === -1 || inQuotes || code === 0x20 || code === 0x09) {
	    throw new SyntaxError('Unexpected end of input');
	  }

	  if (end === -1) end = i;
	  const token = header.slice(start, end);
	  if (extensionName === undefined) {
	    push(offers, token, params);
	  } else {
	    if (paramName === undefined) {
	      push(params, token, true);
	    } else if (mustUnescape) {
	      push(params, paramName, token.replace(/\\/g, ''));
	    } else {
	      push(params, paramName, token);
	    }
	    push(offers, extensionName, params);
	  }

	  return offers;
	}

	/**
	 * Builds the `Sec-WebSocket-Extensions` header field value.
	 *
	 * @param {Object} extensions The map of extensions and parameters to format
	 * @return {String} A string representing the given object
	 * @public
	 */
	function format(extensions) {
	  return Object.keys(extensions)
	    .map((extension) => {
	      let configurations = extensions[extension];
	      if (!Array.isArray(configurations)) configurations = [configurations];
	      return configurations
	        .map((params) => {
	          return [extension]
	            .concat(
	              Object.keys(params).map((k) => {
	                let values = params[k];
	                if (!Array.isArray(values)) values = [values];
	                return values
	                  .map((v) => (v === true ? k : `${k}=${v}`))
	                  .join('; ');
	              })
	            )
	            .join('; ');
	        })
	        .join(', ');
	    })
	    .join(', ');
	}

	extension = { format, parse };
	return extension;
}

/* eslint no-unused-vars: ["error", { "varsIgnorePattern": "^Duplex|Readable$", "caughtErrors": "none" }] */

var websocket;
var hasRequiredWebsocket;

function requireWebsocket () {
	if (hasRequiredWebsocket) return websocket;
	hasRequiredWebsocket = 1;

	const EventEmitter = require$$0$3;
	const https = require$$1$1;
	const http = require$$2;
	const net = require$$3;
	const tls = require$$4;
	const { randomBytes, createHash } = require$$1;
	const { Duplex, Readable } = require$$0$2;
	const { URL } = require$$7;

	const PerMessageDeflate = requirePermessageDeflate();
	const Receiver = requireReceiver();
	const Sender = requireSender();
	const { isBlob } = requireValidation();

	const {
	  BINARY_TYPES,
	  EMPTY_BUFFER,
	  GUID,
	  kForOnEventAttribute,
	  kListener,
	  kStatusCode,
	  kWebSocket,
	  NOOP
	} = requireConstants();
	const {
	  EventTarget: { addEventListener, removeEventListener }
	} = requireEventTarget();
	const { format, parse } = requireExtension();
	const { toBuffer } = requireBufferUtil();

	const closeTimeout = 30 * 1000;
	const kAborted = Symbol('kAborted');
	const protocolVersions = [8, 13];
	const readyStates = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
	const subprotocolRegex = /^[!#$%&'*+\-.0-9A-Z^_`|a-z~]+$/;

	/**
	 * Class representing a WebSocket.
	 *
	 * @extends EventEmitter
	 */
	class WebSocket extends EventEmitter {
	  /**
	   * Create a new `WebSocket`.
	   *
	   * @param {(String|URL)} address The URL to which to connect
	   * @param {(String|String[])} [protocols] The subprotocols
	   * @param {Object} [options] Connection options
	   */
	  constructor(address, protocols, options) {
	    super();

	    this._binaryType = BINARY_TYPES[0];
	    this._closeCode = 1006;
	    this._closeFrameReceived = false;
	    this._closeFrameSent = false;
	    this._closeMessage = EMPTY_BUFFER;
	    this._closeTimer = null;
	    this._errorEmitted = false;
	    this._extensions = {};
	    this._paused = false;
	    this._protocol = '';
	    this._readyState = WebSocket.CONNECTING;
	    this._receiver = null;
	    this._sender = null;
	    this._socket = null;

	    if (address !== null) {
	      this._bufferedAmount = 0;
	      this._isServer = false;
	      this._redirects = 0;

	      if (protocols === undefined) {
	        protocols = [];
	      } else if (!Array.isArray(protocols)) {
	        if (typeof protocols === 'object' && protocols !== null) {
	          options = protocols;
	          protocols = [];
	        } else {
	          protocols = [protocols];
	        }
	      }

	      initAsClient(this, address, protocols, options);
	    } else {
	      this._autoPong = options.autoPong;
	      this._isServer = true;
	    }
	  }

	  /**
	   * For historical reasons, the custom "nodebuffer" type is used by the default
	   * instead of "blob".
	   *
	   * @type {String}
	   */
	  get binaryType() {
	    return this._binaryType;
	  }

	  set binaryType(type) {
	    if (!BINARY_TYPES.includes(type)) return;

	    this._binaryType = type;

	    //
	    // Allow to change `binaryType` on the fly.
	    //
	    if (this._receiver) this._receiver._binaryType = type;
	  }

	  /**
	   * @type {Number}
	   */
	  get bufferedAmount() {
	    if (!this._socket) return this._bufferedAmount;

	    return this._socket._writableState.length + this._sender._bufferedBytes;
	  }

	  /**
	   * @type {String}
	   */
	  get extensions() {
	    return Object.keys(this._extensions).join();
	  }

	  /**
	   * @type {Boolean}
	   */
	  get isPaused() {
	    return this._paused;
	  }

	  /**
	   * @type {Function}
	   */
	  /* istanbul ignore next */
	  get onclose() {
	    return null;
	  }

	  /**
	   * @type {Function}
	   */
	  /* istanbul ignore next */
	  get onerror() {
	    return null;
	  }

	  /**
	   * @type {Function}
	   */
	  /* istanbul ignore next */
	  get onopen() {
	    return null;
	  }

	  /**
	   * @type {Function}
	   */
	  /* istanbul ignore next */
	  get onmessage() {
	    return null;
	  }

	  /**
	   * @type {String}
	   */
	  get protocol() {
	    return this._protocol;
	  }

	  /**
	   * @type {Number}
	   */
	  get readyState() {
	    return this._readyState;
	  }

	  /**
	   * @type {String}
	   */
	  get url() {
	    return this._url;
	  }

	  /**
	   * Set up the socket and the internal resources.
	   *
	   * @param {Duplex} socket The network socket between the server and client
	   * @param {Buffer} head The first packet of the upgraded stream
	   * @param {Object} options Options object
	   * @param {Boolean} [options.allowSynchronousEvents=false] Specifies whether
	   *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
	   *     multiple times in the same tick
	   * @param {Function} [options.generateMask] The function used to generate the
	   *     masking key
	   * @param {Number} [options.maxPayload=0] The maximum allowed message size
	   * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
	   *     not to skip UTF-8 validation for text and close messages
	   * @private
	   */
	  setSocket(socket, head, options) {
	    const receiver = new Receiver({
	      allowSynchronousEvents: options.allowSynchronousEvents,
	      binaryType: this.binaryType,
	      extensions: this._extensions,
	      isServer: this._isServer,
	      maxPayload: options.maxPayload,
	      skipUTF8Validation: options.skipUTF8Validation
	    });

	    const sender = new Sender(socket, this._extensions, options.generateMask);

	    this._receiver = receiver;
	    this._sender = sender;
	    this._socket = socket;

	    receiver[kWebSocket] = this;
	    sender[kWebSocket] = this;
	    socket[kWebSocket] = this;

	    receiver.on('conclude', receiverOnConclude);
	    receiver.on('drain', receiverOnDrain);
	    receiver.on('error', receiverOnError);
	    receiver.on('message', receiverOnMessage);
	    receiver.on('ping', receiverOnPing);
	    receiver.on('pong', receiverOnPong);

	    sender.onerror = senderOnError;

	    //
	    // These methods may not be available if `socket` is just a `Duplex`.
	    //
	    if (socket.setTimeout) socket.setTimeout(0);
	    if (socket.setNoDelay) socket.setNoDelay();

	    if (head.length > 0) socket.unshift(head);

	    socket.on('close', socketOnClose);
	    socket.on('data', socketOnData);
	    socket.on('end', socketOnEnd);
	    socket.on('error', socketOnError);

	    this._readyState = WebSocket.OPEN;
	    this.emit('open');
	  }

	  /**
	   * Emit the `'close'` event.
	   *
	   * @private
	   */
	  emitClose() {
	    if (!this._socket) {
	      this._readyState = WebSocket.CLOSED;
	      this.emit('close', this._closeCode, this._closeMessage);
	      return;
	    }

	    if (this._extensions[PerMessageDeflate.extensionName]) {
	      this._extensions[PerMessageDeflate.extensionName].cleanup();
	    }

	    this._receiver.removeAllListeners();
	    this._readyState = WebSocket.CLOSED;
	    this.emit('close', this._closeCode, this._closeMessage);
	  }

	  /**
	   * Start a closing handshake.
	   *
	   *          +----------+   +-----------+   +----------+
	   *     - - -|ws.close()|-->|close frame|-->|ws.close()|- - -
	   *    |     +----------+   +-----------+   +----------+     |
	   *          +----------+   +-----------+         |
	   * CLOSING  |ws.close()|<--|close frame|<--+-----+       CLOSING
	   *          +----------+   +-----------+   |
	   *    |           |                        |   +---+        |
	   *                +------------------------+-->|fin| - - - -
	   *    |         +---+                      |   +---+
	   *     - - - - -|fin|<---------------------+
	   *              +---+
	   *
	   * @param {Number} [code] Status code explaining why the connection is closing
	   * @param {(String|Buffer)} [data] The reason why the connection is
	   *     closing
	   * @public
	   */
	  close(code, data) {
	    if (this.readyState === WebSocket.CLOSED) return;
	    if (this.readyState === WebSocket.CONNECTING) {
	      const msg = 'WebSocket was closed before the connection was established';
	      abortHandshake(this, this._req, msg);
	      return;
	    }

	    if (this.readyState === WebSocket.CLOSING) {
	      if (
	        this._closeFrameSent &&
	        (this._closeFrameReceived || this._receiver._writableState.errorEmitted)
	      ) {
	        this._socket.end();
	      }

	      return;
	    }

	    this._readyState = WebSocket.CLOSING;
	    this._sender.close(code, data, !this._isServer, (err) => {
	      //
	      // This error is handled by the `'error'` listener on the socket. We only
	      // want to know if the close frame has been sent here.
	      //
	      if (err) return;

	      this._closeFrameSent = true;

	      if (
	        this._closeFrameReceived ||
	        this._receiver._writableState.errorEmitted
	      ) {
	        this._socket.end();
	      }
	    });

	    setCloseTimer(this);
	  }

	  /**
	   * Pause the socket.
	   *
	   * @public
	   */
	  pause() {
	    if (
	      this.readyState === WebSocket.CONNECTING ||
	      this.readyState === WebSocket.CLOSED
	    ) {
	      return;
	    }

	    this._paused = true;
	    this._socket.pause();
	  }

	  /**
	   * Send a ping.
	   *
	   * @param {*} [data] The data to send
	   * @param {Boolean} [mask] Indicates whether or not to mask `data`
	   * @param {Function} [cb] Callback which is executed when the ping is sent
	   * @public
	   */
	  ping(data, mask, cb) {
	    if (this.readyState === WebSocket.CONNECTING) {
	      throw new Error('WebSocket is not open: readyState 0 (CONNECTING)');
	    }

	    if (typeof data === 'function') {
	      cb = data;
	      data = mask = undefined;
	    } else if (typeof mask === 'function') {
	      cb = mask;
	      mask = undefined;
	    }

	    if (typeof data === 'number') data = data.toString();

	    if (this.readyState !== WebSocket.OPEN) {
	      sendAfterClose(this, data, cb);
	      return;
	    }

	    if (mask === undefined) mask = !this._isServer;
	    this._sender.ping(data || EMPTY_BUFFER, mask, cb);
	  }

	  /**
	   * Send a pong.
	   *
	   * @param {*} [data] The data to send
	   * @param {Boolean} [mask] Indicates whether or not to mask `data`
	   * @param {Function} [cb] Callback which is executed when the pong is sent
	   * @public
	   */
	  pong(data, mask, cb) {
	    if (this.readyState === WebSocket.CONNECTING) {
	      throw new Error('WebSocket is not open: readyState 0 (CONNECTING)');
	    }

	    if (typeof data === 'function') {
	      cb = data;
	      data = mask = undefined;
	    } else if (typeof mask === 'function') {
	      cb = mask;
	      mask = undefined;
	    }

	    if (typeof data === 'number') data = data.toString();

	    if (this.readyState !== WebSocket.OPEN) {
	      sendAfterClose(this, data, cb);
	      return;
	    }

	    if (mask === undefined) mask = !this._isServer;
	    this._sender.pong(data || EMPTY_BUFFER, mask, cb);
	  }

	  /**
	   * Resume the socket.
	   *
	   * @public
	   */
	  resume() {
	    if (
	      this.readyState === WebSocket.CONNECTING ||
	      this.readyState === WebSocket.CLOSED
	    ) {
	      return;
	    }

	    this._paused = false;
	    if (!this._receiver._writableState.needDrain) this._socket.resume();
	  }

	  /**
	   * Send a data message.
	   *
	   * @param {*} data The message to send
	   * @param {Object} [options] Options object
	   * @param {Boolean} [options.binary] Specifies whether `data` is binary or
	   *     text
	   * @param {Boolean} [options.compress] Specifies whether or not to compress
	   *     `data`
	   * @param {Boolean} [options.fin=true] Specifies whether the fragment is the
	   *     last one
	   * @param {Boolean} [options.mask] Specifies whether or not to mask `data`
	   * @param {Function} [cb] Callback which is executed when data is written out
	   * @public
	   */
	  send(data, options, cb) {
	    if (this.readyState === WebSocket.CONNECTING) {
	      throw new Error('WebSocket is not open: readyState 0 (CONNECTING)');
	    }

	    if (typeof options === 'function') {
	      cb = options;
	      options = {};
	    }

	    if (typeof data === 'number') data = data.toString();

	    if (this.readyState !== WebSocket.OPEN) {
	      sendAfterClose(this, data, cb);
	      return;
	    }

	    const opts = {
	      binary: typeof data !== 'string',
	      mask: !this._isServer,
	      compress: true,
	      fin: true,
	      ...options
	    };

	    if (!this._extensions[PerMessageDeflate.extensionName]) {
	      opts.compress = false;
	    }

	    this._sender.send(data || EMPTY_BUFFER, opts, cb);
	  }

	  /**
	   * Forcibly close the connection.
	   *
	   * @public
	   */
	  terminate() {
	    if (this.readyState === WebSocket.CLOSED) return;
	    if (this.readyState === WebSocket.CONNECTING) {
	      const msg = 'WebSocket was closed before the connection was established';
	      abortHandshake(this, this._req, msg);
	      return;
	    }

	    if (this._socket) {
	      this._readyState = WebSocket.CLOSING;
	      this._socket.destroy();
	    }
	  }
	}

	/**
	 * @constant {Number} CONNECTING
	 * @memberof WebSocket
	 */
	Object.defineProperty(WebSocket, 'CONNECTING', {
	  enumerable: true,
	  value: readyStates.indexOf('CONNECTING')
	});

	/**
	 * @constant {Number} CONNECTING
	 * @memberof WebSocket.prototype
	 */
	Object.defineProperty(WebSocket.prototype, 'CONNECTING', {
	  enumerable: true,
	  value: readyStates.indexOf('CONNECTING')
	});

	/**
	 * @constant {Number} OPEN
	 * @memberof WebSocket
	 */
	Object.defineProperty(WebSocket, 'OPEN', {
	  enumerable: true,
	  value: readyStates.indexOf('OPEN')
	});

	/**
	 * @constant {Number} OPEN
	 * @memberof WebSocket.prototype
	 */
	Object.defineProperty(WebSocket.prototype, 'OPEN', {
	  enumerable: true,
	  value: readyStates.indexOf('OPEN')
	});

	/**
	 * @constant {Number} CLOSING
	 * @memberof WebSocket
	 */
	Object.defineProperty(WebSocket, 'CLOSING', {
	  enumerable: true,
	  value: readyStates.indexOf('CLOSING')
	});

	/**
	 * @constant {Number} CLOSING
	 * @memberof WebSocket.prototype
	 */
	Object.defineProperty(WebSocket.prototype, 'CLOSING', {
	  enumerable: true,
	  value: readyStates.indexOf('CLOSING')
	});

	/**
	 * @constant {Number} CLOSED
	 * @memberof WebSocket
	 */
	Object.defineProperty(WebSocket, 'CLOSED', {
	  enumerable: true,
	  value: readyStates.indexOf('CLOSED')
	});

	/**
	 * @constant {Number} CLOSED
	 * @memberof WebSocket.prototype
	 */
	Object.defineProperty(WebSocket.prototype, 'CLOSED', {
	  enumerable: true,
	  value: readyStates.indexOf('CLOSED')
	});

	[
	  'binaryType',
	  'bufferedAmount',
	  'extensions',
	  'isPaused',
	  'protocol',
	  'readyState',
	  'url'
	].forEach((property) => {
	  Object.defineProperty(WebSocket.prototype, property, { enumerable: true });
	});

	//
	// Add the `onopen`, `onerror`, `onclose`, and `onmessage` attributes.
	// See https://html.spec.whatwg.org/multipage/comms.html#the-websocket-interface
	//
	['open', 'error', 'close', 'message'].forEach((method) => {
	  Object.defineProperty(WebSocket.prototype, `on${method}`, {
	    enumerable: true,
	    get() {
	      for (const listener of this.listeners(method)) {
	        if (listener[kForOnEventAttribute]) return listener[kListener];
	      }

	      return null;
	    },
	    set(handler) {
	      for (const listener of this.listeners(method)) {
	        if (listener[kForOnEventAttribute]) {
	          this.removeListener(method, listener);
	          break;
	        }
	      }

	      if (typeof handler !== 'function') return;

	      this.addEventListener(method, handler, {
	        [kForOnEventAttribute]: true
	      });
	    }
	  });
	});

	WebSocket.prototype.addEventListener = addEventListener;
	WebSocket.prototype.removeEventListener = removeEventListener;

	websocket = WebSocket;

	/**
	 * Initialize a WebSocket client.
	 *
	 * @param {WebSocket} websocket The client to initialize
	 * @param {(String|URL)} address The URL to which to connect
	 * @param {Array} protocols The subprotocols
	 * @param {Object} [options] Connection options
	 * @param {Boolean} [options.allowSynchronousEvents=true] Specifies whether any
	 *     of the `'message'`, `'ping'`, and `'pong'` events can be emitted multiple
	 *     times in the same tick
	 * @param {Boolean} [options.autoPong=true] Specifies whether or not to
	 *     automatically send a pong in response to a ping
	 * @param {Function} [options.finishRequest] A function which can be used to
	 *     customize the headers of each http request before it is sent
	 * @param {Boolean} [options.followRedirects=false] Whether or not to follow
	 *     redirects
	 * @param {Function} [options.generateMask] The function used to generate the
	 *     masking key
	 * @param {Number} [options.handshakeTimeout] Timeout in milliseconds for the
	 *     handshake request
	 * @param {Number} [options.maxPayload=104857600] The maximum allowed message
	 *     size
	 * @param {Number} [options.maxRedirects=10] The maximum number of redirects
	 *     allowed
	 * @param {String} [options.origin] Value of the `Origin` or
	 *     `Sec-WebSocket-Origin` header
	 * @param {(Boolean|Object)} [options.perMessageDeflate=true] Enable/disable
	 *     permessage-deflate
	 * @param {Number} [options.protocolVersion=13] Value of the
	 *     `Sec-WebSocket-Version` header
	 * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
	 *     not to skip UTF-8 validation for text and close messages
	 * @private
	 */
	function initAsClient(websocket, address, protocols, options) {
	  const opts = {
	    allowSynchronousEvents: true,
	    autoPong: true,
	    protocolVersion: protocolVersions[1],
	    maxPayload: 100 * 1024 * 1024,
	    skipUTF8Validation: false,
	    perMessageDeflate: true,
	    followRedirects: false,
	    maxRedirects: 10,
	    ...options,
	    socketPath: undefined,
	    hostname: undefined,
	    protocol: undefined,
	    timeout: undefined,
	    method: 'GET',
	    host: undefined,
	    path: undefined,
	    port: undefined
	  };

	  websocket._autoPong = opts.autoPong;

	  if (!protocolVersions.includes(opts.protocolVersion)) {
	    throw new RangeError(
	      `Unsupported protocol version: ${opts.protocolVersion} ` +
	        `(supported versions: ${protocolVersions.join(', ')})`
	    );
	  }

	  let parsedUrl;

	  if (address instanceof URL) {
	    parsedUrl = address;
	  } else {
	    try {
	      parsedUrl = new URL(address);
	    } catch (e) {
	      throw new SyntaxError(`Invalid URL: ${address}`);
	    }
	  }

	  if (parsedUrl.protocol === 'http:') {
	    parsedUrl.protocol = 'ws:';
	  } else if (parsedUrl.protocol === 'https:') {
	    parsedUrl.protocol = 'wss:';
	  }

	  websocket._url = parsedUrl.href;

	  const isSecure = parsedUrl.protocol === 'wss:';
	  const isIpcUrl = parsedUrl.protocol === 'ws+unix:';
	  let invalidUrlMessage;

	  if (parsedUrl.protocol !== 'ws:' && !isSecure && !isIpcUrl) {
	    invalidUrlMessage =
	      'The URL\'s protocol must be one of "ws:", "wss:", ' +
	      '"http:", "https:", or "ws+unix:"';
	  } else if (isIpcUrl && !parsedUrl.pathname) {
	    invalidUrlMessage = "The URL's pathname is empty";
	  } else if (parsedUrl.hash) {
	    invalidUrlMessage = 'The URL contains a fragment identifier';
	  }

	  if (invalidUrlMessage) {
	    const err = new SyntaxError(invalidUrlMessage);

	    if (websocket._redirects === 0) {
	      throw err;
	    } else {
	      emitErrorAndClose(websocket, err);
	      return;
	    }
	  }

	  const defaultPort = isSecure ? 443 : 80;
	  const key = randomBytes(16).toString('base64');
	  const request = isSecure ? https.request : http.request;
	  const protocolSet = new Set();
	  let perMessageDeflate;

	  opts.createConnection =
	    opts.createConnection || (isSecure ? tlsConnect : netConnect);
	  opts.defaultPort = opts.defaultPort || defaultPort;
	  opts.port = parsedUrl.port || defaultPort;
	  opts.host = parsedUrl.hostname.startsWith('[')
	    ? parsedUrl.hostname.slice(1, -1)
	    : parsedUrl.hostname;
	  opts.headers = {
	    ...opts.headers,
	    'Sec-WebSocket-Version': opts.protocolVersion,
	    'Sec-WebSocket-Key': key,
	    Connection: 'Upgrade',
	    Upgrade: 'websocket'
	  };
	  opts.path = parsedUrl.pathname + parsedUrl.search;
	  opts.timeout = opts.handshakeTimeout;

	  if (opts.perMessageDeflate) {
	    perMessageDeflate = new PerMessageDeflate(
	      opts.perMessageDeflate !== true ? opts.perMessageDeflate : {},
	      false,
	      opts.maxPayload
	    );
	    opts.headers['Sec-WebSocket-Extensions'] = format({
	      [PerMessageDeflate.extensionName]: perMessageDeflate.offer()
	    });
	  }
	  if (protocols.length) {
	    for (const protocol of protocols) {
	      if (
	        typeof protocol !== 'string' ||
	        !subprotocolRegex.test(protocol) ||
	        protocolSet.has(protocol)
	      ) {
	        throw new SyntaxError(
	          'An invalid or duplicated subprotocol was specified'
	        );
	      }

	      protocolSet.add(protocol);
	    }

	    opts.headers['Sec-WebSocket-Protocol'] = protocols.join(',');
	  }
	  if (opts.origin) {
	    if (opts.protocolVersion < 13) {
	      opts.headers['Sec-WebSocket-Origin'] = opts.origin;
	    } else {
	      opts.headers.Origin = opts.origin;
	    }
	  }
	  if (parsedUrl.username || parsedUrl.password) {
	    opts.auth = `${parsedUrl.username}:${parsedUrl.password}`;
	  }

	  if (isIpcUrl) {
	    const parts = opts.path.split(':');

	    opts.socketPath = parts[0];
	    opts.path = parts[1];
	  }

	  let req;

	  if (opts.followRedirects) {
	    if (websocket._redirects === 0) {
	      websocket._originalIpc = isIpcUrl;
	      websocket._originalSecure = isSecure;
	      websocket._originalHostOrSocketPath = isIpcUrl
	        ? opts.socketPath
	        : parsedUrl.host;

	      const headers = options && options.headers;

	      //
	      // Shallow copy the user provided options so that headers can be changed
	      // without mutating the original object.
	      //
	      options = { ...options, headers: {} };

	      if (headers) {
	        for (const [key, value] of Object.entries(headers)) {
	          options.headers[key.toLowerCase()] = value;
	        }
	      }
	    } else if (websocket.listenerCount('redirect') === 0) {
	      const isSameHost = isIpcUrl
	        ? websocket._originalIpc
	          ? opts.socketPath === websocket._originalHostOrSocketPath
	          : false
	        : websocket._originalIpc
	          ? false
	          : parsedUrl.host === websocket._originalHostOrSocketPath;

	      if (!isSameHost || (websocket._originalSecure && !isSecure)) {
	        //
	        // Match curl 7.77.0 behavior and drop the following headers. These
	        // headers are also dropped when following a redirect to a subdomain.
	        //
	        delete opts.headers.authorization;
	        delete opts.headers.cookie;

	        if (!isSameHost) delete opts.headers.host;

	        opts.auth = undefined;
	      }
	    }

	    //
	    // Match curl 7.77.0 behavior and make the first `Authorization` header win.
	    // If the `Authorization` header is set, then there is nothing to do as it
	    // will take precedence.
	    //
	    if (opts.auth && !options.headers.authorization) {
	      options.headers.authorization =
	        'Basic ' + Buffer.from(opts.auth).toString('base64');
	    }

	    req = websocket._req = request(opts);

	    if (websocket._redirects) {
	      //
	      // Unlike what is done for the `'upgrade'` event, no early exit is
	      // triggered here if the user calls `websocket.close()` or
	      // `websocket.terminate()` from a listener of the `'redirect'` event. This
	      // is because the user can also call `request.destroy()` with an error
	      // before calling `websocket.close()` or `websocket.terminate()` and this
	      // would result in an error being emitted on the `request` object with no
	      // `'error'` event listeners attached.
	      //
	      websocket.emit('redirect', websocket.url, req);
	    }
	  } else {
	    req = websocket._req = request(opts);
	  }

	  if (opts.timeout) {
	    req.on('timeout', () => {
	      abortHandshake(websocket, req, 'Opening handshake has timed out');
	    });
	  }

	  req.on('error', (err) => {
	    if (req === null || req[kAborted]) return;

	    req = websocket._req = null;
	    emitErrorAndClose(websocket, err);
	  });

	  req.on('response', (res) => {
	    const location = res.headers.location;
	    const statusCode = res.statusCode;

	    if (
	      location &&
	      opts.followRedirects &&
	      statusCode >= 300 &&
	      statusCode < 400
	    ) {
	      if (++websocket._redirects > opts.maxRedirects) {
	        abortHandshake(websocket, req, 'Maximum redirects exceeded');
	        return;
	      }

	      req.abort();

	      let addr;

	      try {
	        addr = new URL(location, address);
	      } catch (e) {
	        const err = new SyntaxError(`Invalid URL: ${location}`);
	        emitErrorAndClose(websocket, err);
	        return;
	      }

	      initAsClient(websocket, addr, protocols, options);
	    } else if (!websocket.emit('unexpected-response', req, res)) {
	      abortHandshake(
	        websocket,
	        req,
	        `Unexpected server response: ${res.statusCode}`
	      );
	    }
	  });

	  req.on('upgrade', (res, socket, head) => {
	    websocket.emit('upgrade', res);

	    //
	    // The user may have closed the connection from a listener of the
	    // `'upgrade'` event.
	    //
	    if (websocket.readyState !== WebSocket.CONNECTING) return;

	    req = websocket._req = null;

	    const upgrade = res.headers.upgrade;

	    if (upgrade === undefined || upgrade.toLowerCase() !== 'websocket') {
	      abortHandshake(websocket, socket, 'Invalid Upgrade header');
	      return;
	    }

	    const digest = createHash('sha1')
	      .update(key + GUID)
	      .digest('base64');

	    if (res.headers['sec-websocket-accept'] !== digest) {
	      abortHandshake(websocket, socket, 'Invalid Sec-WebSocket-Accept header');
	      return;
	    }

	    const serverProt = res.headers['sec-websocket-protocol'];
	    let protError;

	    if (serverProt !== undefined) {
	      if (!protocolSet.size) {
	        protError = 'Server sent a subprotocol but none was requested';
	      } else if (!protocolSet.has(serverProt)) {
	        protError = 'Server sent an invalid subprotocol';
	      }
	    } else if (protocolSet.size) {
	      protError = 'Server sent no subprotocol';
	    }

	    if (protError) {
	      abortHandshake(websocket, socket, protError);
	      return;
	    }

	    if (serverProt) websocket._protocol = serverProt;

	    const secWebSocketExtensions = res.headers['sec-websocket-extensions'];

	    if (secWebSocketExtensions !== undefined) {
	      if (!perMessageDeflate) {
	        const message =
	          'Server sent a Sec-WebSocket-Extensions header but no extension ' +
	          'was requested';
	        abortHandshake(websocket, socket, message);
	        return;
	      }

	      let extensions;

	      try {
	        extensions = parse(secWebSocketExtensions);
	      } catch (err) {
	        const message = 'Invalid Sec-WebSocket-Extensions header';
	        abortHandshake(websocket, socket, message);
	        return;
	      }

	      const extensionNames = Object.keys(extensions);

	      if (
	        extensionNames.length !== 1 ||
	        extensionNames[0] !== PerMessageDeflate.extensionName
	      ) {
	        const message = 'Server indicated an extension that was not requested';
	        abortHandshake(websocket, socket, message);
	        return;
	      }

	      try {
	        perMessageDeflate.accept(extensions[PerMessageDeflate.extensionName]);
	      } catch (err) {
	        const message = 'Invalid Sec-WebSocket-Extensions header';
	        abortHandshake(websocket, socket, message);
	        return;
	      }

	      websocket._extensions[PerMessageDeflate.extensionName] =
	        perMessageDeflate;
	    }

	    websocket.setSocket(socket, head, {
	      allowSynchronousEvents: opts.allowSynchronousEvents,
	      generateMask: opts.generateMask,
	      maxPayload: opts.maxPayload,
	      skipUTF8Validation: opts.skipUTF8Validation
	    });
	  });

	  if (opts.finishRequest) {
	    opts.finishRequest(req, websocket);
	  } else {
	    req.end();
	  }
	}

	/**
	 * Emit the `'error'` and `'close'` events.
	 *
	 * @param {WebSocket} websocket The WebSocket instance
	 * @param {Error} The error to emit
	 * @private
	 */
	function emitErrorAndClose(websocket, err) {
	  websocket._readyState = WebSocket.CLOSING;
	  //
	  // The following assignment is practically useless and is done only for
	  // consistency.
	  //
	  websocket._errorEmitted = true;
	  websocket.emit('error', err);
	  websocket.emitClose();
	}

	/**
	 * Create a `net.Socket` and initiate a connection.
	 *
	 * @param {Object} options Connection options
	 * @return {net.Socket} The newly created socket used to start the connection
	 * @private
	 */
	function netConnect(options) {
	  options.path = options.socketPath;
	  return net.connect(options);
	}

	/**
	 * Create a `tls.TLSSocket` and initiate a connection.
	 *
	 * @param {Object} options Connection options
	 * @return {tls.TLSSocket} The newly created socket used to start the connection
	 * @private
	 */
	function tlsConnect(options) {
	  options.path = undefined;

	  if (!options.servername && options.servername !== '') {
	    options.servername = net.isIP(options.host) ? '' : options.host;
	  }

	  return tls.connect(options);
	}

	/**
	 * Abort the handshake and emit an error.
	 *
	 * @param {WebSocket} websocket The WebSocket instance
	 * @param {(http.ClientRequest|net.Socket|tls.Socket)} stream The request to
	 *     abort or the socket to destroy
	 * @param {String} message The error message
	 * @private
	 */
	function abortHandshake(websocket, stream, message) {
	  websocket._readyState = WebSocket.CLOSING;

	  const err = new Error(message);
	  Error.captureStackTrace(err, abortHandshake);

	  if (stream.setHeader) {
	    stream[kAborted] = true;
	    stream.abort();

	    if (stream.socket && !stream.socket.destroyed) {
	      //
	      // On Node.js >= 14.3.0 `request.abort()` does not destroy the socket if
	      // called after the request completed. See
	      // https://github.com/websockets/ws/issues/1869.
	      //
	      stream.socket.destroy();
	    }

	    process.nextTick(emitErrorAndClose, websocket, err);
	  } else {
	    stream.destroy(err);
	    stream.once('error', websocket.emit.bind(websocket, 'error'));
	    stream.once('close', websocket.emitClose.bind(websocket));
	  }
	}

	/**
	 * Handle cases where the `ping()`, `pong()`, or `send()` methods are called
	 * when the `readyState` attribute is `CLOSING` or `CLOSED`.
	 *
	 * @param {WebSocket} websocket The WebSocket instance
	 * @param {*} [data] The data to send
	 * @param {Function} [cb] Callback
	 * @private
	 */
	function sendAfterClose(websocket, data, cb) {
	  if (data) {
	    const length = isBlob(data) ? data.size : toBuffer(data).length;

	    //
	    // The `_bufferedAmount` property is used only when the peer is a client and
	    // the opening handshake fails. Under these circumstances, in fact, the
	    // `setSocket()` method is not called, so the `_socket` and `_sender`
	    // properties are set to `null`.
	    //
	    if (websocket._socket) websocket._sender._bufferedBytes += length;
	    else websocket._bufferedAmount += length;
	  }

	  if (cb) {
	    const err = new Error(
	      `WebSocket is not open: readyState ${websocket.readyState} ` +
	        `(${readyStates[websocket.readyState]})`
	    );
	    process.nextTick(cb, err);
	  }
	}

	/**
	 * The listener of the `Receiver` `'conclude'` event.
	 *
	 * @param {Number} code The status code
	 * @param {Buffer} reason The reason for closing
	 * @private
	 */
	function receiverOnConclude(code, reason) {
	  const websocket = this[kWebSocket];

	  websocket._closeFrameReceived = true;
	  websocket._closeMessage = reason;
	  websocket._closeCode = code;

	  if (websocket._socket[kWebSocket] === undefined) return;

	  websocket._socket.removeListener('data', socketOnData);
	  process.nextTick(resume, websocket._socket);

	  if (code === 1005) websocket.close();
	  else websocket.close(code, reason);
	}

	/**
	 * The listener of the `Receiver` `'drain'` event.
	 *
	 * @private
	 */
	function receiverOnDrain() {
	  const websocket = this[kWebSocket];

	  if (!websocket.isPaused) websocket._socket.resume();
	}

	/**
	 * The listener of the `Receiver` `'error'` event.
	 *
	 * @param {(RangeError|Error)} err The emitted error
	 * @private
	 */
	function receiverOnError(err) {
	  const websocket = this[kWebSocket];

	  if (websocket._socket[kWebSocket] !== undefined) {
	    websocket._socket.removeListener('data', socketOnData);

	    //
	    // On Node.js < 14.0.0 the `'error'` event is emitted synchronously. See
	    // https://github.com/websockets/ws/issues/1940.
	    //
	    process.nextTick(resume, websocket._socket);

	    websocket.close(err[kStatusCode]);
	  }

	  if (!websocket._errorEmitted) {
	    websocket._errorEmitted = true;
	    websocket.emit('error', err);
	  }
	}

	/**
	 * The listener of the `Receiver` `'finish'` event.
	 *
	 * @private
	 */
	function receiverOnFinish() {
	  this[kWebSocket].emitClose();
	}

	/**
	 * The listener of the `Receiver` `'message'` event.
	 *
	 * @param {Buffer|ArrayBuffer|Buffer[])} data The message
	 * @param {Boolean} isBinary Specifies whether the message is binary or not
	 * @private
	 */
	function receiverOnMessage(data, isBinary) {
	  this[kWebSocket].emit('message', data, isBinary);
	}

	/**
	 * The listener of the `Receiver` `'ping'` event.
	 *
	 * @param {Buffer} data The data included in the ping frame
	 * @private
	 */
	function receiverOnPing(data) {
	  const websocket = this[kWebSocket];

	  if (websocket._autoPong) websocket.pong(data, !this._isServer, NOOP);
	  websocket.emit('ping', data);
	}

	/**
	 * The listener of the `Receiver` `'pong'` event.
	 *
	 * @param {Buffer} data The data included in the pong frame
	 * @private
	 */
	function receiverOnPong(data) {
	  this[kWebSocket].emit('pong', data);
	}

	/**
	 * Resume a readable stream
	 *
	 * @param {Readable} stream The readable stream
	 * @private
	 */
	function resume(stream) {
	  stream.resume();
	}

	/**
	 * The `Sender` error event handler.
	 *
	 * @param {Error} The error
	 * @private
	 */
	function senderOnError(err) {
	  const websocket = this[kWebSocket];

	  if (websocket.readyState === WebSocket.CLOSED) return;
	  if (websocket.readyState === WebSocket.OPEN) {
	    websocket._readyState = WebSocket.CLOSING;
	    setCloseTimer(websocket);
	  }

	  //
	  // `socket.end()` is used instead of `socket.destroy()` to allow the other
	  // peer to finish sending queued data. There is no need to set a timer here
	  // because `CLOSING` means that it is already set or not needed.
	  //
	  this._socket.end();

	  if (!websocket._errorEmitted) {
	    websocket._errorEmitted = true;
	    websocket.emit('error', err);
	  }
	}

	/**
	 * Set a timer to destroy the underlying raw socket of a WebSocket.
	 *
	 * @param {WebSocket} websocket The WebSocket instance
	 * @private
	 */
	function setCloseTimer(websocket) {
	  websocket._closeTimer = setTimeout(
	    websocket._socket.destroy.bind(websocket._socket),
	    closeTimeout
	  );
	}

	/**
	 * The listener of the socket `'close'` event.
	 *
	 * @private
	 */
	function socketOnClose() {
	  const websocket = this[kWebSocket];

	  this.removeListener('close', socketOnClose);
	  this.removeListener('data', socketOnData);
	  this.removeListener('end', socketOnEnd);

	  websocket._readyState = WebSocket.CLOSING;

	  let chunk;

	  //
	  // The close frame might not have been received or the `'end'` event emitted,
	  // for example, if the socket was destroyed due to an error. Ensure that the
	  // `receiver` stream is closed after writing any remaining buffered data to
	  // it. If the readable side of the socket is in flowing mode then there is no
	  // buffered data as everything has been already written and `readable.read()`
	  // will return `null`. If instead, the socket is paused, any possible buffered
	  // data will be read as a single chunk.
	  //
	  if (
	    !this._readableState.endEmitted &&
	    !websocket._closeFrameReceived &&
	    !websocket._receiver._writableState.errorEmitted &&
	    (chunk = websocket._socket.read()) !== null
	  ) {
	    websocket._receiver.write(chunk);
	  }

	  websocket._receiver.end();

	  this[kWebSocket] = undefined;

	  clearTimeout(websocket._closeTimer);

	  if (
	    websocket._receiver._writableState.finished ||
	    websocket._receiver._writableState.errorEmitted
	  ) {
	    websocket.emitClose();
	  } else {
	    websocket._receiver.on('error', receiverOnFinish);
	    websocket._receiver.on('finish', receiverOnFinish);
	  }
	}

	/**
	 * The listener of the socket `'data'` event.
	 *
	 * @param {Buffer} chunk A chunk of data
	 * @private
	 */
	function socketOnData(chunk) {
	  if (!this[kWebSocket]._receiver.write(chunk)) {
	    this.pause();
	  }
	}

	/**
	 * The listener of the socket `'end'` event.
	 *
	 * @private
	 */
	function socketOnEnd() {
	  const websocket = this[kWebSocket];

	  websocket._readyState = WebSocket.CLOSING;
	  websocket._receiver.end();
	  this.end();
	}

	/**
	 * The listener of the socket `'error'` event.
	 *
	 * @private
	 */
	function socketOnError() {
	  const websocket = this[kWebSocket];

	  this.removeListener('error', socketOnError);
	  this.on('error', NOOP);

	  if (websocket) {
	    websocket._readyState = WebSocket.CLOSING;
	    this.destroy();
	  }
	}
	return websocket;
}

/* eslint no-unused-vars: ["error", { "varsIgnorePattern": "^WebSocket$" }] */

var stream;
var hasRequiredStream;

function requireStream () {
	if (hasRequiredStream) return stream;
	hasRequiredStream = 1;

	requireWebsocket();
	const { Duplex } = require$$0$2;

	/**
	 * Emits the `'close'` event on a stream.
	 *
	 * @param {Duplex} stream The stream.
	 * @private
	 */
	function emitClose(stream) {
	  stream.emit('close');
	}

	/**
	 * The listener of the `'end'` event.
	 *
	 * @private
	 */
	function duplexOnEnd() {
	  if (!this.destroyed && this._writableState.finished) {
	    this.destroy();
	  }
	}

	/**
	 * The listener of the `'error'` event.
	 *
	 * @param {Error} err The error
	 * @private
	 */
	function duplexOnError(err) {
	  this.removeListener('error', duplexOnError);
	  this.destroy();
	  if (this.listenerCount('error') === 0) {
	    // Do not suppress the throwing behavior.
	    this.emit('error', err);
	  }
	}

	/**
	 * Wraps a `WebSocket` in a duplex stream.
	 *
	 * @param {WebSocket} ws The `WebSocket` to wrap
	 * @param {Object} [options] The options for the `Duplex` constructor
	 * @return {Duplex} The duplex stream
	 * @public
	 */
	function createWebSocketStream(ws, options) {
	  let terminateOnDestroy = true;

	  const duplex = new Duplex({
	    ...options,
	    autoDestroy: false,
	    emitClose: false,
	    objectMode: false,
	    writableObjectMode: false
	  });

	  ws.on('message', function message(msg, isBinary) {
	    const data =
	      !isBinary && duplex._readableState.objectMode ? msg.toString() : msg;

	    if (!duplex.push(data)) ws.pause();
	  });

	  ws.once('error', function error(err) {
	    if (duplex.destroyed) return;

	    // Prevent `ws.terminate()` from being called by `duplex._destroy()`.
	    //
	    // - If the `'error'` event is emitted before the `'open'` event, then
	    //   `ws.terminate()` is a noop as no socket is assigned.
	    // - Otherwise, the error is re-emitted by the listener of the `'error'`
	    //   event of the `Receiver` object. The listener already closes the
	    //   connection by calling `ws.close()`. This allows a close frame to be
	    //   sent to the other peer. If `ws.terminate()` is called right after this,
	    //   then the close frame might not be sent.
	    terminateOnDestroy = false;
	    duplex.destroy(err);
	  });

	  ws.once('close', function close() {
	    if (duplex.destroyed) return;

	    duplex.push(null);
	  });

	  duplex._destroy = function (err, callback) {
	    if (ws.readyState === ws.CLOSED) {
	      callback(err);
	      process.nextTick(emitClose, duplex);
	      return;
	    }

	    let called = false;

	    ws.once('error', function error(err) {
	      called = true;
	      callback(err);
	    });

	    ws.once('close', function close() {
	      if (!called) callback(err);
	      process.nextTick(emitClose, duplex);
	    });

	    if (terminateOnDestroy) ws.terminate();
	  };

	  duplex._final = function (callback) {
	    if (ws.readyState === ws.CONNECTING) {
	      ws.once('open', function open() {
	        duplex._final(callback);
	      });
	      return;
	    }

	    // If the value of the `_socket` property is `null` it means that `ws` is a
	    // client websocket and the handshake failed. In fact, when this happens, a
	    // socket is never assigned to the websocket. Wait for the `'error'` event
	    // that will be emitted by the websocket.
	    if (ws._socket === null) return;

	    if (ws._socket._writableState.finished) {
	      callback();
	      if (duplex._readableState.endEmitted) duplex.destroy();
	    } else {
	      ws._socket.once('finish', function finish() {
	        // `duplex` is not destroyed here because the `'end'` event will be
	        // emitted on `duplex` after this `'finish'` event. The EOF signaling
	        // `null` chunk is, in fact, pushed when the websocket emits `'close'`.
	        callback();
	      });
	      ws.close();
	    }
	  };

	  duplex._read = function () {
	    if (ws.isPaused) ws.resume();
	  };

	  duplex._write = function (chunk, encoding, callback) {
	    if (ws.readyState === ws.CONNECTING) {
	      ws.once('open', function open() {
	        duplex._write(chunk, encoding, callback);
	      });
	      return;
	    }

	    ws.send(chunk, callback);
	  };

	  duplex.on('end', duplexOnEnd);
	  duplex.on('error', duplexOnError);
	  return duplex;
	}

	stream = createWebSocketStream;
	return stream;
}

requireStream();

requireReceiver();

requireSender();

requireWebsocket();

var subprotocol;
var hasRequiredSubprotocol;

function requireSubprotocol () {
	if (hasRequiredSubprotocol) return subprotocol;
	hasRequiredSubprotocol = 1;

	const { tokenChars } = requireValidation();

	/**
	 * Parses the `Sec-WebSocket-Protocol` header into a set of subprotocol names.
	 *
	 * @param {String} header The field value of the header
	 * @return {Set} The subprotocol names
	 * @public
	 */
	function parse(header) {
	  const protocols = new Set();
	  let start = -1;
	  let end = -1;
	  let i = 0;

	  for (i; i < header.length; i++) {
	    const code = header.charCodeAt(i);

	    if (end === -1 && tokenChars[code] === 1) {
	      if (start === -1) start = i;
	    } else if (
	      i !== 0 &&
	      (code === 0x20 /* ' ' */ || code === 0x09) /* '\t' */
	    ) {
	      if (end === -1 && start !== -1) end = i;
	    } else if (code === 0x2c /* ',' */) {
	      if (start === -1) {
	        throw new SyntaxError(`Unexpected character at index ${i}`);
	      }

	      if (end === -1) end = i;

	      const protocol = header.slice(start, end);

	      if (protocols.has(protocol)) {
	        throw new SyntaxError(`The "${protocol}" subprotocol is duplicated`);
	      }

	      protocols.add(protocol);
	      start = end = -1;
	    } else {
	      throw new SyntaxError(`Unexpected character at index ${i}`);
	    }
	  }

	  if (start === -1 || end !== -1) {
	    throw new SyntaxError('Unexpected end of input');
	  }

	  const protocol = header.slice(start, i);

	  if (protocols.has(protocol)) {
	    throw new SyntaxError(`The "${protocol}" subprotocol is duplicated`);
	  }

	  protocols.add(protocol);
	  return protocols;
	}

	subprotocol = { parse };
	return subprotocol;
}

/* eslint no-unused-vars: ["error", { "varsIgnorePattern": "^Duplex$", "caughtErrors": "none" }] */

var websocketServer;
var hasRequiredWebsocketServer;

function requireWebsocketServer () {
	if (hasRequiredWebsocketServer) return websocketServer;
	hasRequiredWebsocketServer = 1;

	const EventEmitter = require$$0$3;
	const http = require$$2;
	const { Duplex } = require$$0$2;
	const { createHash } = require$$1;

	const extension = requireExtension();
	const PerMessageDeflate = requirePermessageDeflate();
	const subprotocol = requireSubprotocol();
	const WebSocket = requireWebsocket();
	const { GUID, kWebSocket } = requireConstants();

	const keyRegex = /^[+/0-9A-Za-z]{22}==$/;

	const RUNNING = 0;
	const CLOSING = 1;
	const CLOSED = 2;

	/**
	 * Class representing a WebSocket server.
	 *
	 * @extends EventEmitter
	 */
	class WebSocketServer extends EventEmitter {
	  /**
	   * Create a `WebSocketServer` instance.
	   *
	   * @param {Object} options Configuration options
	   * @param {Boolean} [options.allowSynchronousEvents=true] Specifies whether
	   *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
	   *     multiple times in the same tick
	   * @param {Boolean} [options.autoPong=true] Specifies whether or not to
	   *     automatically send a pong in response to a ping
	   * @param {Number} [options.backlog=511] The maximum length of the queue of
	   *     pending connections
	   * @param {Boolean} [options.clientTracking=true] Specifies whether or not to
	   *     track clients
	   * @param {Function} [options.handleProtocols] A hook to handle protocols
	   * @param {String} [options.host] The hostname where to bind the server
	   * @param {Number} [options.maxPayload=104857600] The maximum allowed message
	   *     size
	   * @param {Boolean} [options.noServer=false] Enable no server mode
	   * @param {String} [options.path] Accept only connections matching this path
	   * @param {(Boolean|Object)} [options.perMessageDeflate=false] Enable/disable
	   *     permessage-deflate
	   * @param {Number} [options.port] The port where to bind the server
	   * @param {(http.Server|https.Server)} [options.server] A pre-created HTTP/S
	   *     server to use
	   * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
	   *     not to skip UTF-8 validation for text and close messages
	   * @param {Function} [options.verifyClient] A hook to reject connections
	   * @param {Function} [options.WebSocket=WebSocket] Specifies the `WebSocket`
	   *     class to use. It must be the `WebSocket` class or class that extends it
	   * @param {Function} [callback] A listener for the `listening` event
	   */
	  constructor(options, callback) {
	    super();

	    options = {
	      allowSynchronousEvents: true,
	      autoPong: true,
	      maxPayload: 100 * 1024 * 1024,
	      skipUTF8Validation: false,
	      perMessageDeflate: false,
	      handleProtocols: null,
	      clientTracking: true,
	      verifyClient: null,
	      noServer: false,
	      backlog: null, // use default (511 as implemented in net.js)
	      server: null,
	      host: null,
	      path: null,
	      port: null,
	      WebSocket,
	      ...options
	    };

	    if (
	      (options.port == null && !options.server && !options.noServer) ||
	      (options.port != null && (options.server || options.noServer)) ||
	      (options.server && options.noServer)
	    ) {
	      throw new TypeError(
	        'One and only one of the "port", "server", or "noServer" options ' +
	          'must be specified'
	      );
	    }

	    if (options.port != null) {
	      this._server = http.createServer((req, res) => {
	        const body = http.STATUS_CODES[426];

	        res.writeHead(426, {
	          'Content-Length': body.length,
	          'Content-Type': 'text/plain'
	        });
	        res.end(body);
	      });
	      this._server.listen(
	        options.port,
	        options.host,
	        options.backlog,
	        callback
	      );
	    } else if (options.server) {
	      this._server = options.server;
	    }

	    if (this._server) {
	      const emitConnection = this.emit.bind(this, 'connection');

	      this._removeListeners = addListeners(this._server, {
	        listening: this.emit.bind(this, 'listening'),
	        error: this.emit.bind(this, 'error'),
	        upgrade: (req, socket, head) => {
	          this.handleUpgrade(req, socket, head, emitConnection);
	        }
	      });
	    }

	    if (options.perMessageDeflate === true) options.perMessageDeflate = {};
	    if (options.clientTracking) {
	      this.clients = new Set();
	      this._shouldEmitClose = false;
	    }

	    this.options = options;
	    this._state = RUNNING;
	  }

	  /**
	   * Returns the bound address, the address family name, and port of the server
	   * as reported by the operating system if listening on an IP socket.
	   * If the server is listening on a pipe or UNIX domain socket, the name is
	   * returned as a string.
	   *
	   * @return {(Object|String|null)} The address of the server
	   * @public
	   */
	  address() {
	    if (this.options.noServer) {
	      throw new Error('The server is operating in "noServer" mode');
	    }

	    if (!this._server) return null;
	    return this._server.address();
	  }

	  /**
	   * Stop the server from accepting new connections and emit the `'close'` event
	   * when all existing connections are closed.
	   *
	   * @param {Function} [cb] A one-time listener for the `'close'` event
	   * @public
	   */
	  close(cb) {
	    if (this._state === CLOSED) {
	      if (cb) {
	        this.once('close', () => {
	          cb(new Error('The server is not running'));
	        });
	      }

	      process.nextTick(emitClose, this);
	      return;
	    }

	    if (cb) this.once('close', cb);

	    if (this._state === CLOSING) return;
	    this._state = CLOSING;

	    if (this.options.noServer || this.options.server) {
	      if (this._server) {
	        this._removeListeners();
	        this._removeListeners = this._server = null;
	      }

	      if (this.clients) {
	        if (!this.clients.size) {
	          process.nextTick(emitClose, this);
	        } else {
	          this._shouldEmitClose = true;
	        }
	      } else {
	        process.nextTick(emitClose, this);
	      }
	    } else {
	      const server = this._server;

	      this._removeListeners();
	      this._removeListeners = this._server = null;

	      //
	      // The HTTP/S server was created internally. Close it, and rely on its
	      // `'close'` event.
	      //
	      server.close(() => {
	        emitClose(this);
	      });
	    }
	  }

	  /**
	   * See if a given request should be handled by this server instance.
	   *
	   * @param {http.IncomingMessage} req Request object to inspect
	   * @return {Boolean} `true` if the request is valid, else `false`
	   * @public
	   */
	  shouldHandle(req) {
	    if (this.options.path) {
	      const index = req.url.indexOf('?');
	      const pathname = index !== -1 ? req.url.slice(0, index) : req.url;

	      if (pathname !== this.options.path) return false;
	    }

	    return true;
	  }

	  /**
	   * Handle a HTTP Upgrade request.
	   *
	   * @param {http.IncomingMessage} req The request object
	   * @param {Duplex} socket The network socket between the server and client
	   * @param {Buffer} head The first packet of the upgraded stream
	   * @param {Function} cb Callback
	   * @public
	   */
	  handleUpgrade(req, socket, head, cb) {
	    socket.on('error', socketOnError);

	    const key = req.headers['sec-websocket-key'];
	    const upgrade = req.headers.upgrade;
	    const version = +req.headers['sec-websocket-version'];

	    if (req.method !== 'GET') {
	      const message = 'Invalid HTTP method';
	      abortHandshakeOrEmitwsClientError(this, req, socket, 405, message);
	      return;
	    }

	    if (upgrade === undefined || upgrade.toLowerCase() !== 'websocket') {
	      const message = 'Invalid Upgrade header';
	      abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
	      return;
	    }

	    if (key === undefined || !keyRegex.test(key)) {
	      const message = 'Missing or invalid Sec-WebSocket-Key header';
	      abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
	      return;
	    }

	    if (version !== 8 && version !== 13) {
	      const message = 'Missing or invalid Sec-WebSocket-Version header';
	      abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
	      return;
	    }

	    if (!this.shouldHandle(req)) {
	      abortHandshake(socket, 400);
	      return;
	    }

	    const secWebSocketProtocol = req.headers['sec-websocket-protocol'];
	    let protocols = new Set();

	    if (secWebSocketProtocol !== undefined) {
	      try {
	        protocols = subprotocol.parse(secWebSocketProtocol);
	      } catch (err) {
	        const message = 'Invalid Sec-WebSocket-Protocol header';
	        abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
	        return;
	      }
	    }

	    const secWebSocketExtensions = req.headers['sec-websocket-extensions'];
	    const extensions = {};

	    if (
	      this.options.perMessageDeflate &&
	      secWebSocketExtensions !== undefined
	    ) {
	      const perMessageDeflate = new PerMessageDeflate(
	        this.options.perMessageDeflate,
	        true,
	        this.options.maxPayload
	      );

	      try {
	        const offers = extension.parse(secWebSocketExtensions);

	        if (offers[PerMessageDeflate.extensionName]) {
	          perMessageDeflate.accept(offers[PerMessageDeflate.extensionName]);
	          extensions[PerMessageDeflate.extensionName] = perMessageDeflate;
	        }
	      } catch (err) {
	        const message =
	          'Invalid or unacceptable Sec-WebSocket-Extensions header';
	        abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
	        return;
	      }
	    }

	    //
	    // Optionally call external client verification handler.
	    //
	    if (this.options.verifyClient) {
	      const info = {
	        origin:
	          req.headers[`${version === 8 ? 'sec-websocket-origin' : 'origin'}`],
	        secure: !!(req.socket.authorized || req.socket.encrypted),
	        req
	      };

	      if (this.options.verifyClient.length === 2) {
	        this.options.verifyClient(info, (verified, code, message, headers) => {
	          if (!verified) {
	            return abortHandshake(socket, code || 401, message, headers);
	          }

	          this.completeUpgrade(
	            extensions,
	            key,
	            protocols,
	            req,
	            socket,
	            head,
	            cb
	          );
	        });
	        return;
	      }

	      if (!this.options.verifyClient(info)) return abortHandshake(socket, 401);
	    }

	    this.completeUpgrade(extensions, key, protocols, req, socket, head, cb);
	  }

	  /**
	   * Upgrade the connection to WebSocket.
	   *
	   * @param {Object} extensions The accepted extensions
	   * @param {String} key The value of the `Sec-WebSocket-Key` header
	   * @param {Set} protocols The subprotocols
	   * @param {http.IncomingMessage} req The request object
	   * @param {Duplex} socket The network socket between the server and client
	   * @param {Buffer} head The first packet of the upgraded stream
	   * @param {Function} cb Callback
	   * @throws {Error} If called more than once with the same socket
	   * @private
	   */
	  completeUpgrade(extensions, key, protocols, req, socket, head, cb) {
	    //
	    // Destroy the socket if the client has already sent a FIN packet.
	    //
	    if (!socket.readable || !socket.writable) return socket.destroy();

	    if (socket[kWebSocket]) {
	      throw new Error(
	        'server.handleUpgrade() was called more than once with the same ' +
	          'socket, possibly due to a misconfiguration'
	      );
	    }

	    if (this._state > RUNNING) return abortHandshake(socket, 503);

	    const digest = createHash('sha1')
	      .update(key + GUID)
	      .digest('base64');

	    const headers = [
	      'HTTP/1.1 101 Switching Protocols',
	      'Upgrade: websocket',
	      'Connection: Upgrade',
	      `Sec-WebSocket-Accept: ${digest}`
	    ];

	    const ws = new this.options.WebSocket(null, undefined, this.options);

	    if (protocols.size) {
	      //
	      // Optionally call external protocol selection handler.
	      //
	      const protocol = this.options.handleProtocols
	        ? this.options.handleProtocols(protocols, req)
	        : protocols.values().next().value;

	      if (protocol) {
	        headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
	        ws._protocol = protocol;
	      }
	    }

	    if (extensions[PerMessageDeflate.extensionName]) {
	      const params = extensions[PerMessageDeflate.extensionName].params;
	      const value = extension.format({
	        [PerMessageDeflate.extensionName]: [params]
	      });
	      headers.push(`Sec-WebSocket-Extensions: ${value}`);
	      ws._extensions = extensions;
	    }

	    //
	    // Allow external modification/inspection of handshake headers.
	    //
	    this.emit('headers', headers, req);

	    socket.write(headers.concat('\r\n').join('\r\n'));
	    socket.removeListener('error', socketOnError);

	    ws.setSocket(socket, head, {
	      allowSynchronousEvents: this.options.allowSynchronousEvents,
	      maxPayload: this.options.maxPayload,
	      skipUTF8Validation: this.options.skipUTF8Validation
	    });

	    if (this.clients) {
	      this.clients.add(ws);
	      ws.on('close', () => {
	        this.clients.delete(ws);

	        if (this._shouldEmitClose && !this.clients.size) {
	          process.nextTick(emitClose, this);
	        }
	      });
	    }

	    cb(ws, req);
	  }
	}

	websocketServer = WebSocketServer;

	/**
	 * Add event listeners on an `EventEmitter` using a map of <event, listener>
	 * pairs.
	 *
	 * @param {EventEmitter} server The event emitter
	 * @param {Object.<String, Function>} map The listeners to add
	 * @return {Function} A function that will remove the added listeners when
	 *     called
	 * @private
	 */
	function addListeners(server, map) {
	  for (const event of Object.keys(map)) server.on(event, map[event]);

	  return function removeListeners() {
	    for (const event of Object.keys(map)) {
	      server.removeListener(event, map[event]);
	    }
	  };
	}

	/**
	 * Emit a `'close'` event on an `EventEmitter`.
	 *
	 * @param {EventEmitter} server The event emitter
	 * @private
	 */
	function emitClose(server) {
	  server._state = CLOSED;
	  server.emit('close');
	}

	/**
	 * Handle socket errors.
	 *
	 * @private
	 */
	function socketOnError() {
	  this.destroy();
	}

	/**
	 * Close the connection when preconditions are not fulfilled.
	 *
	 * @param {Duplex} socket The socket of the upgrade request
	 * @param {Number} code The HTTP response status code
	 * @param {String} [message] The HTTP response body
	 * @param {Object} [headers] Additional HTTP response headers
	 * @private
	 */
	function abortHandshake(socket, code, message, headers) {
	  //
	  // The socket is writable unless the user destroyed or ended it before calling
	  // `server.handleUpgrade()` or in the `verifyClient` function, which is a user
	  // error. Handling this does not make much sense as the worst that can happen
	  // is that some of the data written by the user might be discarded due to the
	  // call to `socket.end()` below, which triggers an `'error'` event that in
	  // turn causes the socket to be destroyed.
	  //
	  message = message || http.STATUS_CODES[code];
	  headers = {
	    Connection: 'close',
	    'Content-Type': 'text/html',
	    'Content-Length': Buffer.byteLength(message),
	    ...headers
	  };

	  socket.once('finish', socket.destroy);

	  socket.end(
	    `HTTP/1.1 ${code} ${http.STATUS_CODES[code]}\r\n` +
	      Object.keys(headers)
	        .map((h) => `${h}: ${headers[h]}`)
	        .join('\r\n') +
	      '\r\n\r\n' +
	      message
	  );
	}

	/**
	 * Emit a `'wsClientError'` event on a `WebSocketServer` if there is at least
	 * one listener for it, otherwise call `abortHandshake()`.
	 *
	 * @param {WebSocketServer} server The WebSocket server
	 * @param {http.IncomingMessage} req The request object
	 * @param {Duplex} socket The socket of the upgrade request
	 * @param {Number} code The HTTP response status code
	 * @param {String} message The HTTP response body
	 * @private
	 */
	function abortHandshakeOrEmitwsClientError(server, req, socket, code, message) {
	  if (server.listenerCount('wsClientError')) {
	    const err = new Error(message);
	    Error.captureStackTrace(err, abortHandshakeOrEmitwsClientError);

	    server.emit('wsClientError', err, socket, req);
	  } else {
	    abortHandshake(socket, code, message);
	  }
	}
	return websocketServer;
}

var websocketServerExports = requireWebsocketServer();
const _WebSocketServer = /*@__PURE__*/getDefaultExportFromCjs(websocketServerExports);

const nodeAdapter = (options = {}) => {
  const hooks = new AdapterHookable(options);
  const peers = /* @__PURE__ */ new Set();
  const wss = options.wss || new _WebSocketServer({
    noServer: true,
    ...options.serverOptions
  });
  wss.on("connection", (ws, nodeReq) => {
    const request = new NodeReqProxy(nodeReq);
    const peer = new NodePeer({ ws, request, peers, nodeReq });
    peers.add(peer);
    hooks.callHook("open", peer);
    ws.on("message", (data) => {
      if (Array.isArray(data)) {
        data = Buffer.concat(data);
      }
      hooks.callHook("message", peer, new Message(data, peer));
    });
    ws.on("error", (error) => {
      peers.delete(peer);
      hooks.callHook("error", peer, new WSError(error));
    });
    ws.on("close", (code, reason) => {
      peers.delete(peer);
      hooks.callHook("close", peer, {
        code,
        reason: reason?.toString()
      });
    });
  });
  wss.on("headers", (outgoingHeaders, req) => {
    const upgradeHeaders = req._upgradeHeaders;
    if (upgradeHeaders) {
      for (const [key, value] of new Headers(upgradeHeaders)) {
        outgoingHeaders.push(`${key}: ${value}`);
      }
    }
  });
  return {
    ...adapterUtils(peers),
    handleUpgrade: async (nodeReq, socket, head) => {
      const request = new NodeReqProxy(nodeReq);
      const { upgradeHeaders, endResponse, context } = await hooks.upgrade(request);
      if (endResponse) {
        return sendResponse(socket, endResponse);
      }
      nodeReq._request = request;
      nodeReq._upgradeHeaders = upgradeHeaders;
      nodeReq._context = context;
      wss.handleUpgrade(nodeReq, socket, head, (ws) => {
        wss.emit("connection", ws, nodeReq);
      });
    },
    closeAll: (code, data, force) => {
      for (const client of wss.clients) {
        if (force) {
          client.terminate();
        } else {
          client.close(code, data);
        }
      }
    }
  };
};
class NodePeer extends Peer {
  get remoteAddress() {
    return this._internal.nodeReq.socket?.remoteAddress;
  }
  get context() {
    return this._internal.nodeReq._context;
  }
  send(data, options) {
    const dataBuff = toBufferLike(data);
    const isBinary = typeof dataBuff !== "string";
    this._internal.ws.send(dataBuff, {
      compress: options?.compress,
      binary: isBinary,
      ...options
    });
    return 0;
  }
  publish(topic, data, options) {
    const dataBuff = toBufferLike(data);
    const isBinary = typeof data !== "string";
    const sendOptions = {
      compress: options?.compress,
      binary: isBinary,
      ...options
    };
    for (const peer of this._internal.peers) {
      if (peer !== this && peer._topics.has(topic)) {
        peer._internal.ws.send(dataBuff, sendOptions);
      }
    }
  }
  close(code, data) {
    this._internal.ws.close(code, data);
  }
  terminate() {
    this._internal.ws.terminate();
  }
}
class NodeReqProxy {
  _req;
  _headers;
  _url;
  constructor(req) {
    this._req = req;
  }
  get url() {
    if (!this._url) {
      const req = this._req;
      const host = req.headers["host"] || "localhost";
      const isSecure = req.socket?.encrypted ?? req.headers["x-forwarded-proto"] === "https";
      this._url = `${isSecure ? "https" : "http"}://${host}${req.url}`;
    }
    return this._url;
  }
  get headers() {
    if (!this._headers) {
      this._headers = new Headers(this._req.headers);
    }
    return this._headers;
  }
}
async function sendResponse(socket, res) {
  const head = [
    `HTTP/1.1 ${res.status || 200} ${res.statusText || ""}`,
    ...[...res.headers.entries()].map(
      ([key, value]) => `${encodeURIComponent(key)}: ${encodeURIComponent(value)}`
    )
  ];
  socket.write(head.join("\r\n") + "\r\n\r\n");
  if (res.body) {
    for await (const chunk of res.body) {
      socket.write(chunk);
    }
  }
  return new Promise((resolve) => {
    socket.end(() => {
      socket.destroy();
      resolve();
    });
  });
}

const suspectProtoRx = /"(?:_|\\u0{2}5[Ff]){2}(?:p|\\u0{2}70)(?:r|\\u0{2}72)(?:o|\\u0{2}6[Ff])(?:t|\\u0{2}74)(?:o|\\u0{2}6[Ff])(?:_|\\u0{2}5[Ff]){2}"\s*:/;
const suspectConstructorRx = /"(?:c|\\u0063)(?:o|\\u006[Ff])(?:n|\\u006[Ee])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[Ff])(?:r|\\u0072)"\s*:/;
const JsonSigRx = /^\s*["[{]|^\s*-?\d{1,16}(\.\d{1,17})?([Ee][+-]?\d+)?\s*$/;
function jsonParseTransform(key, value) {
  if (key === "__proto__" || key === "constructor" && value && typeof value === "object" && "prototype" in value) {
    warnKeyDropped(key);
    return;
  }
  return value;
}
function warnKeyDropped(key) {
  console.warn(`[destr] Dropping "${key}" key to prevent prototype pollution.`);
}
function destr(value, options = {}) {
  if (typeof value !== "string") {
    return value;
  }
  if (value[0] === '"' && value[value.length - 1] === '"' && value.indexOf("\\") === -1) {
    return value.slice(1, -1);
  }
  const _value = value.trim();
  if (_value.length <= 9) {
    switch (_value.toLowerCase()) {
      case "true": {
        return true;
      }
      case "false": {
        return false;
      }
      case "undefined": {
        return void 0;
      }
      case "null": {
        return null;
      }
      case "nan": {
        return Number.NaN;
      }
      case "infinity": {
        return Number.POSITIVE_INFINITY;
      }
      case "-infinity": {
        return Number.NEGATIVE_INFINITY;
      }
    }
  }
  if (!JsonSigRx.test(value)) {
    if (options.strict) {
      throw new SyntaxError("[destr] Invalid JSON");
    }
    return value;
  }
  try {
    if (suspectProtoRx.test(value) || suspectConstructorRx.test(value)) {
      if (options.strict) {
        throw new Error("[destr] Possible prototype pollution");
      }
      return JSON.parse(value, jsonParseTransform);
    }
    return JSON.parse(value);
  } catch (error) {
    if (options.strict) {
      throw error;
    }
    return value;
  }
}

const HASH_RE = /#/g;
const AMPERSAND_RE = /&/g;
const SLASH_RE = /\//g;
const EQUAL_RE = /=/g;
const PLUS_RE = /\+/g;
const ENC_CARET_RE = /%5e/gi;
const ENC_BACKTICK_RE = /%60/gi;
const ENC_PIPE_RE = /%7c/gi;
const ENC_SPACE_RE = /%20/gi;
const ENC_SLASH_RE = /%2f/gi;
function encode(text) {
  return encodeURI("" + text).replace(ENC_PIPE_RE, "|");
}
function encodeQueryValue(input) {
  return encode(typeof input === "string" ? input : JSON.stringify(input)).replace(PLUS_RE, "%2B").replace(ENC_SPACE_RE, "+").replace(HASH_RE, "%23").replace(AMPERSAND_RE, "%26").replace(ENC_BACKTICK_RE, "`").replace(ENC_CARET_RE, "^").replace(SLASH_RE, "%2F");
}
function encodeQueryKey(text) {
  return encodeQueryValue(text).replace(EQUAL_RE, "%3D");
}
function decode$1(text = "") {
  try {
    return decodeURIComponent("" + text);
  } catch {
    return "" + text;
  }
}
function decodePath(text) {
  return decode$1(text.replace(ENC_SLASH_RE, "%252F"));
}
function decodeQueryKey(text) {
  return decode$1(text.replace(PLUS_RE, " "));
}
function decodeQueryValue(text) {
  return decode$1(text.replace(PLUS_RE, " "));
}

function parseQuery(parametersString = "") {
  const object = /* @__PURE__ */ Object.create(null);
  if (parametersString[0] === "?") {
    parametersString = parametersString.slice(1);
  }
  for (const parameter of parametersString.split("&")) {
    const s = parameter.match(/([^=]+)=?(.*)/) || [];
    if (s.length < 2) {
      continue;
    }
    const key = decodeQueryKey(s[1]);
    if (key === "__proto__" || key === "constructor") {
      continue;
    }
    const value = decodeQueryValue(s[2] || "");
    if (object[key] === void 0) {
      object[key] = value;
    } else if (Array.isArray(object[key])) {
      object[key].push(value);
    } else {
      object[key] = [object[key], value];
    }
  }
  return object;
}
function encodeQueryItem(key, value) {
  if (typeof value === "number" || typeof value === "boolean") {
    value = String(value);
  }
  if (!value) {
    return encodeQueryKey(key);
  }
  if (Array.isArray(value)) {
    return value.map(
      (_value) => `${encodeQueryKey(key)}=${encodeQueryValue(_value)}`
    ).join("&");
  }
  return `${encodeQueryKey(key)}=${encodeQueryValue(value)}`;
}
function stringifyQuery(query) {
  return Object.keys(query).filter((k) => query[k] !== void 0).map((k) => encodeQueryItem(k, query[k])).filter(Boolean).join("&");
}

const PROTOCOL_STRICT_REGEX = /^[\s\w\0+.-]{2,}:([/\\]{1,2})/;
const PROTOCOL_REGEX = /^[\s\w\0+.-]{2,}:([/\\]{2})?/;
const PROTOCOL_RELATIVE_REGEX = /^([/\\]\s*){2,}[^/\\]/;
const JOIN_LEADING_SLASH_RE = /^\.?\//;
function hasProtocol(inputString, opts = {}) {
  if (typeof opts === "boolean") {
    opts = { acceptRelative: opts };
  }
  if (opts.strict) {
    return PROTOCOL_STRICT_REGEX.test(inputString);
  }
  return PROTOCOL_REGEX.test(inputString) || (opts.acceptRelative ? PROTOCOL_RELATIVE_REGEX.test(inputString) : false);
}
function hasTrailingSlash(input = "", respectQueryAndFragment) {
  {
    return input.endsWith("/");
  }
}
function withoutTrailingSlash(input = "", respectQueryAndFragment) {
  {
    return (hasTrailingSlash(input) ? input.slice(0, -1) : input) || "/";
  }
}
function withTrailingSlash(input = "", respectQueryAndFragment) {
  {
    return input.endsWith("/") ? input : input + "/";
  }
}
function hasLeadingSlash(input = "") {
  return input.startsWith("/");
}
function withLeadingSlash(input = "") {
  return hasLeadingSlash(input) ? input : "/" + input;
}
function withBase(input, base) {
  if (isEmptyURL(base) || hasProtocol(input)) {
    return input;
  }
  const _base = withoutTrailingSlash(base);
  if (input.startsWith(_base)) {
    const nextChar = input[_base.length];
    if (!nextChar || nextChar === "/" || nextChar === "?") {
      return input;
    }
  }
  return joinURL(_base, input);
}
function withoutBase(input, base) {
  if (isEmptyURL(base)) {
    return input;
  }
  const _base = withoutTrailingSlash(base);
  if (!input.startsWith(_base)) {
    return input;
  }
  const nextChar = input[_base.length];
  if (nextChar && nextChar !== "/" && nextChar !== "?") {
    return input;
  }
  const trimmed = input.slice(_base.length).replace(/^\/+/, "");
  return "/" + trimmed;
}
function withQuery(input, query) {
  const parsed = parseURL(input);
  const mergedQuery = { ...parseQuery(parsed.search), ...query };
  parsed.search = stringifyQuery(mergedQuery);
  return stringifyParsedURL(parsed);
}
function getQuery$1(input) {
  return parseQuery(parseURL(input).search);
}
function isEmptyURL(url) {
  return !url || url === "/";
}
function isNonEmptyURL(url) {
  return url && url !== "/";
}
function joinURL(base, ...input) {
  let url = base || "";
  for (const segment of input.filter((url2) => isNonEmptyURL(url2))) {
    if (url) {
      const _segment = segment.replace(JOIN_LEADING_SLASH_RE, "");
      url = withTrailingSlash(url) + _segment;
    } else {
      url = segment;
    }
  }
  return url;
}

const protocolRelative = Symbol.for("ufo:protocolRelative");
function parseURL(input = "", defaultProto) {
  const _specialProtoMatch = input.match(
    /^[\s\0]*(blob:|data:|javascript:|vbscript:)(.*)/i
  );
  if (_specialProtoMatch) {
    const [, _proto, _pathname = ""] = _specialProtoMatch;
    return {
      protocol: _proto.toLowerCase(),
      pathname: _pathname,
      href: _proto + _pathname,
      auth: "",
      host: "",
      search: "",
      hash: ""
    };
  }
  if (!hasProtocol(input, { acceptRelative: true })) {
    return defaultProto ? parseURL(defaultProto + input) : parsePath(input);
  }
  const [, protocol = "", auth, hostAndPath = ""] = input.replace(/\\/g, "/").match(/^[\s\0]*([\w+.-]{2,}:)?\/\/([^/@]+@)?(.*)/) || [];
  let [, host = "", path = ""] = hostAndPath.match(/([^#/?]*)(.*)?/) || [];
  if (protocol === "file:") {
    path = path.replace(/\/(?=[A-Za-z]:)/, "");
  }
  const { pathname, search, hash } = parsePath(path);
  return {
    protocol: protocol.toLowerCase(),
    auth: auth ? auth.slice(0, Math.max(0, auth.length - 1)) : "",
    host,
    pathname,
    search,
    hash,
    [protocolRelative]: !protocol
  };
}
function parsePath(input = "") {
  const [pathname = "", search = "", hash = ""] = (input.match(/([^#?]*)(\?[^#]*)?(#.*)?/) || []).splice(1);
  return {
    pathname,
    search,
    hash
  };
}
function stringifyParsedURL(parsed) {
  const pathname = parsed.pathname || "";
  const search = parsed.search ? (parsed.search.startsWith("?") ? "" : "?") + parsed.search : "";
  const hash = parsed.hash || "";
  const auth = parsed.auth ? parsed.auth + "@" : "";
  const host = parsed.host || "";
  const proto = parsed.protocol || parsed[protocolRelative] ? (parsed.protocol || "") + "//" : "";
  return proto + auth + host + pathname + search + hash;
}

const NullObject = /* @__PURE__ */ (() => {
  const C = function() {
  };
  C.prototype = /* @__PURE__ */ Object.create(null);
  return C;
})();
function parse$1(str, options) {
  if (typeof str !== "string") {
    throw new TypeError("argument str must be a string");
  }
  const obj = new NullObject();
  const opt = {};
  const dec = opt.decode || decode;
  let index = 0;
  while (index < str.length) {
    const eqIdx = str.indexOf("=", index);
    if (eqIdx === -1) {
      break;
    }
    let endIdx = str.indexOf(";", index);
    if (endIdx === -1) {
      endIdx = str.length;
    } else if (endIdx < eqIdx) {
      index = str.lastIndexOf(";", eqIdx - 1) + 1;
      continue;
    }
    const key = str.slice(index, eqIdx).trim();
    if (opt?.filter && !opt?.filter(key)) {
      index = endIdx + 1;
      continue;
    }
    if (void 0 === obj[key]) {
      let val = str.slice(eqIdx + 1, endIdx).trim();
      if (val.codePointAt(0) === 34) {
        val = val.slice(1, -1);
      }
      obj[key] = tryDecode(val, dec);
    }
    index = endIdx + 1;
  }
  return obj;
}
function decode(str) {
  return str.includes("%") ? decodeURIComponent(str) : str;
}
function tryDecode(str, decode2) {
  try {
    return decode2(str);
  } catch {
    return str;
  }
}

const fieldContentRegExp = /^[\u0009\u0020-\u007E\u0080-\u00FF]+$/;
function serialize$1(name, value, options) {
  const opt = options || {};
  const enc = opt.encode || encodeURIComponent;
  if (typeof enc !== "function") {
    throw new TypeError("option encode is invalid");
  }
  if (!fieldContentRegExp.test(name)) {
    throw new TypeError("argument name is invalid");
  }
  const encodedValue = enc(value);
  if (encodedValue && !fieldContentRegExp.test(encodedValue)) {
    throw new TypeError("argument val is invalid");
  }
  let str = name + "=" + encodedValue;
  if (void 0 !== opt.maxAge && opt.maxAge !== null) {
    const maxAge = opt.maxAge - 0;
    if (Number.isNaN(maxAge) || !Number.isFinite(maxAge)) {
      throw new TypeError("option maxAge is invalid");
    }
    str += "; Max-Age=" + Math.floor(maxAge);
  }
  if (opt.domain) {
    if (!fieldContentRegExp.test(opt.domain)) {
      throw new TypeError("option domain is invalid");
    }
    str += "; Domain=" + opt.domain;
  }
  if (opt.path) {
    if (!fieldContentRegExp.test(opt.path)) {
      throw new TypeError("option path is invalid");
    }
    str += "; Path=" + opt.path;
  }
  if (opt.expires) {
    if (!isDate(opt.expires) || Number.isNaN(opt.expires.valueOf())) {
      throw new TypeError("option expires is invalid");
    }
    str += "; Expires=" + opt.expires.toUTCString();
  }
  if (opt.httpOnly) {
    str += "; HttpOnly";
  }
  if (opt.secure) {
    str += "; Secure";
  }
  if (opt.priority) {
    const priority = typeof opt.priority === "string" ? opt.priority.toLowerCase() : opt.priority;
    switch (priority) {
      case "low": {
        str += "; Priority=Low";
        break;
      }
      case "medium": {
        str += "; Priority=Medium";
        break;
      }
      case "high": {
        str += "; Priority=High";
        break;
      }
      default: {
        throw new TypeError("option priority is invalid");
      }
    }
  }
  if (opt.sameSite) {
    const sameSite = typeof opt.sameSite === "string" ? opt.sameSite.toLowerCase() : opt.sameSite;
    switch (sameSite) {
      case true: {
        str += "; SameSite=Strict";
        break;
      }
      case "lax": {
        str += "; SameSite=Lax";
        break;
      }
      case "strict": {
        str += "; SameSite=Strict";
        break;
      }
      case "none": {
        str += "; SameSite=None";
        break;
      }
      default: {
        throw new TypeError("option sameSite is invalid");
      }
    }
  }
  if (opt.partitioned) {
    str += "; Partitioned";
  }
  return str;
}
function isDate(val) {
  return Object.prototype.toString.call(val) === "[object Date]" || val instanceof Date;
}

function parseSetCookie(setCookieValue, options) {
  const parts = (setCookieValue || "").split(";").filter((str) => typeof str === "string" && !!str.trim());
  const nameValuePairStr = parts.shift() || "";
  const parsed = _parseNameValuePair(nameValuePairStr);
  const name = parsed.name;
  let value = parsed.value;
  try {
    value = options?.decode === false ? value : (options?.decode || decodeURIComponent)(value);
  } catch {
  }
  const cookie = {
    name,
    value
  };
  for (const part of parts) {
    const sides = part.split("=");
    const partKey = (sides.shift() || "").trimStart().toLowerCase();
    const partValue = sides.join("=");
    switch (partKey) {
      case "expires": {
        cookie.expires = new Date(partValue);
        break;
      }
      case "max-age": {
        cookie.maxAge = Number.parseInt(partValue, 10);
        break;
      }
      case "secure": {
        cookie.secure = true;
        break;
      }
      case "httponly": {
        cookie.httpOnly = true;
        break;
      }
      case "samesite": {
        cookie.sameSite = partValue;
        break;
      }
      default: {
        cookie[partKey] = partValue;
      }
    }
  }
  return cookie;
}
function _parseNameValuePair(nameValuePairStr) {
  let name = "";
  let value = "";
  const nameValueArr = nameValuePairStr.split("=");
  if (nameValueArr.length > 1) {
    name = nameValueArr.shift();
    value = nameValueArr.join("=");
  } else {
    value = nameValuePairStr;
  }
  return { name, value };
}

const NODE_TYPES$1 = {
  NORMAL: 0,
  WILDCARD: 1,
  PLACEHOLDER: 2
};

function createRouter$1(options = {}) {
  const ctx = {
    options,
    rootNode: createRadixNode(),
    staticRoutesMap: {}
  };
  const normalizeTrailingSlash = (p) => options.strictTrailingSlash ? p : p.replace(/\/$/, "") || "/";
  if (options.routes) {
    for (const path in options.routes) {
      insert(ctx, normalizeTrailingSlash(path), options.routes[path]);
    }
  }
  return {
    ctx,
    lookup: (path) => lookup$1(ctx, normalizeTrailingSlash(path)),
    insert: (path, data) => insert(ctx, normalizeTrailingSlash(path), data),
    remove: (path) => remove(ctx, normalizeTrailingSlash(path))
  };
}
function lookup$1(ctx, path) {
  const staticPathNode = ctx.staticRoutesMap[path];
  if (staticPathNode) {
    return staticPathNode.data;
  }
  const sections = path.split("/");
  const params = {};
  let paramsFound = false;
  let wildcardNode = null;
  let node = ctx.rootNode;
  let wildCardParam = null;
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i];
    if (node.wildcardChildNode !== null) {
      wildcardNode = node.wildcardChildNode;
      wildCardParam = sections.slice(i).join("/");
    }
    const nextNode = node.children.get(section);
    if (nextNode === void 0) {
      if (node && node.placeholderChildren.length > 1) {
        const remaining = sections.length - i;
        node = node.placeholderChildren.find((c) => c.maxDepth === remaining) || null;
      } else {
        node = node.placeholderChildren[0] || null;
      }
      if (!node) {
        break;
      }
      if (node.paramName) {
        params[node.paramName] = section;
      }
      paramsFound = true;
    } else {
      node = nextNode;
    }
  }
  if ((node === null || node.data === null) && wildcardNode !== null) {
    node = wildcardNode;
    params[node.paramName || "_"] = wildCardParam;
    paramsFound = true;
  }
  if (!node) {
    return null;
  }
  if (paramsFound) {
    return {
      ...node.data,
      params: paramsFound ? params : void 0
    };
  }
  return node.data;
}
function insert(ctx, path, data) {
  let isStaticRoute = true;
  const sections = path.split("/");
  let node = ctx.rootNode;
  let _unnamedPlaceholderCtr = 0;
  const matchedNodes = [node];
  for (const section of sections) {
    let childNode;
    if (childNode = node.children.get(section)) {
      node = childNode;
    } else {
      const type = getNodeType(section);
      childNode = createRadixNode({ type, parent: node });
      node.children.set(section, childNode);
      if (type === NODE_TYPES$1.PLACEHOLDER) {
        childNode.paramName = section === "*" ? `_${_unnamedPlaceholderCtr++}` : section.slice(1);
        node.placeholderChildren.push(childNode);
        isStaticRoute = false;
      } else if (type === NODE_TYPES$1.WILDCARD) {
        node.wildcardChildNode = childNode;
        childNode.paramName = section.slice(
          3
          /* "**:" */
        ) || "_";
        isStaticRoute = false;
      }
      matchedNodes.push(childNode);
      node = childNode;
    }
  }
  for (const [depth, node2] of matchedNodes.entries()) {
    node2.maxDepth = Math.max(matchedNodes.length - depth, node2.maxDepth || 0);
  }
  node.data = data;
  if (isStaticRoute === true) {
    ctx.staticRoutesMap[path] = node;
  }
  return node;
}
function remove(ctx, path) {
  let success = false;
  const sections = path.split("/");
  let node = ctx.rootNode;
  for (const section of sections) {
    node = node.children.get(section);
    if (!node) {
      return success;
    }
  }
  if (node.data) {
    const lastSection = sections.at(-1) || "";
    node.data = null;
    if (Object.keys(node.children).length === 0 && node.parent) {
      node.parent.children.delete(lastSection);
      node.parent.wildcardChildNode = null;
      node.parent.placeholderChildren = [];
    }
    success = true;
  }
  return success;
}
function createRadixNode(options = {}) {
  return {
    type: options.type || NODE_TYPES$1.NORMAL,
    maxDepth: 0,
    parent: options.parent || null,
    children: /* @__PURE__ */ new Map(),
    data: options.data || null,
    paramName: options.paramName || null,
    wildcardChildNode: null,
    placeholderChildren: []
  };
}
function getNodeType(str) {
  if (str.startsWith("**")) {
    return NODE_TYPES$1.WILDCARD;
  }
  if (str[0] === ":" || str === "*") {
    return NODE_TYPES$1.PLACEHOLDER;
  }
  return NODE_TYPES$1.NORMAL;
}

function toRouteMatcher(router) {
  const table = _routerNodeToTable("", router.ctx.rootNode);
  return _createMatcher(table, router.ctx.options.strictTrailingSlash);
}
function _createMatcher(table, strictTrailingSlash) {
  return {
    ctx: { table },
    matchAll: (path) => _matchRoutes(path, table, strictTrailingSlash)
  };
}
function _createRouteTable() {
  return {
    static: /* @__PURE__ */ new Map(),
    wildcard: /* @__PURE__ */ new Map(),
    dynamic: /* @__PURE__ */ new Map()
  };
}
function _matchRoutes(path, table, strictTrailingSlash) {
  if (strictTrailingSlash !== true && path.endsWith("/")) {
    path = path.slice(0, -1) || "/";
  }
  const matches = [];
  for (const [key, value] of _sortRoutesMap(table.wildcard)) {
    if (path === key || path.startsWith(key + "/")) {
      matches.push(value);
    }
  }
  for (const [key, value] of _sortRoutesMap(table.dynamic)) {
    if (path.startsWith(key + "/")) {
      const subPath = "/" + path.slice(key.length).split("/").splice(2).join("/");
      matches.push(..._matchRoutes(subPath, value));
    }
  }
  const staticMatch = table.static.get(path);
  if (staticMatch) {
    matches.push(staticMatch);
  }
  return matches.filter(Boolean);
}
function _sortRoutesMap(m) {
  return [...m.entries()].sort((a, b) => a[0].length - b[0].length);
}
function _routerNodeToTable(initialPath, initialNode) {
  const table = _createRouteTable();
  function _addNode(path, node) {
    if (path) {
      if (node.type === NODE_TYPES$1.NORMAL && !(path.includes("*") || path.includes(":"))) {
        if (node.data) {
          table.static.set(path, node.data);
        }
      } else if (node.type === NODE_TYPES$1.WILDCARD) {
        table.wildcard.set(path.replace("/**", ""), node.data);
      } else if (node.type === NODE_TYPES$1.PLACEHOLDER) {
        const subTable = _routerNodeToTable("", node);
        if (node.data) {
          subTable.static.set("/", node.data);
        }
        table.dynamic.set(path.replace(/\/\*|\/:\w+/, ""), subTable);
        return;
      }
    }
    for (const [childPath, child] of node.children.entries()) {
      _addNode(`${path}/${childPath}`.replace("//", "/"), child);
    }
  }
  _addNode(initialPath, initialNode);
  return table;
}

function isPlainObject(value) {
  if (value === null || typeof value !== "object") {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== null && prototype !== Object.prototype && Object.getPrototypeOf(prototype) !== null) {
    return false;
  }
  if (Symbol.iterator in value) {
    return false;
  }
  if (Symbol.toStringTag in value) {
    return Object.prototype.toString.call(value) === "[object Module]";
  }
  return true;
}

function _defu(baseObject, defaults, namespace = ".", merger) {
  if (!isPlainObject(defaults)) {
    return _defu(baseObject, {}, namespace, merger);
  }
  const object = { ...defaults };
  for (const key of Object.keys(baseObject)) {
    if (key === "__proto__" || key === "constructor") {
      continue;
    }
    const value = baseObject[key];
    if (value === null || value === void 0) {
      continue;
    }
    if (merger && merger(object, key, value, namespace)) {
      continue;
    }
    if (Array.isArray(value) && Array.isArray(object[key])) {
      object[key] = [...value, ...object[key]];
    } else if (isPlainObject(value) && isPlainObject(object[key])) {
      object[key] = _defu(
        value,
        object[key],
        (namespace ? `${namespace}.` : "") + key.toString(),
        merger
      );
    } else {
      object[key] = value;
    }
  }
  return object;
}
function createDefu(merger) {
  return (...arguments_) => (
    // eslint-disable-next-line unicorn/no-array-reduce
    arguments_.reduce((p, c) => _defu(p, c, "", merger), {})
  );
}
const defu = createDefu();
const defuFn = createDefu((object, key, currentValue) => {
  if (object[key] !== void 0 && typeof currentValue === "function") {
    object[key] = currentValue(object[key]);
    return true;
  }
});

function o(n){throw new Error(`${n} is not implemented yet!`)}let i$1 = class i extends EventEmitter{__unenv__={};readableEncoding=null;readableEnded=true;readableFlowing=false;readableHighWaterMark=0;readableLength=0;readableObjectMode=false;readableAborted=false;readableDidRead=false;closed=false;errored=null;readable=false;destroyed=false;static from(e,t){return new i(t)}constructor(e){super();}_read(e){}read(e){}setEncoding(e){return this}pause(){return this}resume(){return this}isPaused(){return  true}unpipe(e){return this}unshift(e,t){}wrap(e){return this}push(e,t){return  false}_destroy(e,t){this.removeAllListeners();}destroy(e){return this.destroyed=true,this._destroy(e),this}pipe(e,t){return {}}compose(e,t){throw new Error("Method not implemented.")}[Symbol.asyncDispose](){return this.destroy(),Promise.resolve()}async*[Symbol.asyncIterator](){throw o("Readable.asyncIterator")}iterator(e){throw o("Readable.iterator")}map(e,t){throw o("Readable.map")}filter(e,t){throw o("Readable.filter")}forEach(e,t){throw o("Readable.forEach")}reduce(e,t,r){throw o("Readable.reduce")}find(e,t){throw o("Readable.find")}findIndex(e,t){throw o("Readable.findIndex")}some(e,t){throw o("Readable.some")}toArray(e){throw o("Readable.toArray")}every(e,t){throw o("Readable.every")}flatMap(e,t){throw o("Readable.flatMap")}drop(e,t){throw o("Readable.drop")}take(e,t){throw o("Readable.take")}asIndexedPairs(e){throw o("Readable.asIndexedPairs")}};let l$1 = class l extends EventEmitter{__unenv__={};writable=true;writableEnded=false;writableFinished=false;writableHighWaterMark=0;writableLength=0;writableObjectMode=false;writableCorked=0;closed=false;errored=null;writableNeedDrain=false;writableAborted=false;destroyed=false;_data;_encoding="utf8";constructor(e){super();}pipe(e,t){return {}}_write(e,t,r){if(this.writableEnded){r&&r();return}if(this._data===void 0)this._data=e;else {const s=typeof this._data=="string"?Buffer$1.from(this._data,this._encoding||t||"utf8"):this._data,a=typeof e=="string"?Buffer$1.from(e,t||this._encoding||"utf8"):e;this._data=Buffer$1.concat([s,a]);}this._encoding=t,r&&r();}_writev(e,t){}_destroy(e,t){}_final(e){}write(e,t,r){const s=typeof t=="string"?this._encoding:"utf8",a=typeof t=="function"?t:typeof r=="function"?r:void 0;return this._write(e,s,a),true}setDefaultEncoding(e){return this}end(e,t,r){const s=typeof e=="function"?e:typeof t=="function"?t:typeof r=="function"?r:void 0;if(this.writableEnded)return s&&s(),this;const a=e===s?void 0:e;if(a){const u=t===s?void 0:t;this.write(a,u);}return this.writableEnded=true,this.writableFinished=true,this.emit("close"),this.emit("finish"),s&&s(),this}cork(){}uncork(){}destroy(e){return this.destroyed=true,delete this._data,this.removeAllListeners(),this}compose(e,t){throw new Error("Method not implemented.")}[Symbol.asyncDispose](){return Promise.resolve()}};const c$1=class c{allowHalfOpen=true;_destroy;constructor(e=new i$1,t=new l$1){Object.assign(this,e),Object.assign(this,t),this._destroy=m(e._destroy,t._destroy);}};function _$1(){return Object.assign(c$1.prototype,i$1.prototype),Object.assign(c$1.prototype,l$1.prototype),c$1}function m(...n){return function(...e){for(const t of n)t(...e);}}const g$1=_$1();let A$1 = class A extends g$1{__unenv__={};bufferSize=0;bytesRead=0;bytesWritten=0;connecting=false;destroyed=false;pending=false;localAddress="";localPort=0;remoteAddress="";remoteFamily="";remotePort=0;autoSelectFamilyAttemptedAddresses=[];readyState="readOnly";constructor(e){super();}write(e,t,r){return  false}connect(e,t,r){return this}end(e,t,r){return this}setEncoding(e){return this}pause(){return this}resume(){return this}setTimeout(e,t){return this}setNoDelay(e){return this}setKeepAlive(e,t){return this}address(){return {}}unref(){return this}ref(){return this}destroySoon(){this.destroy();}resetAndDestroy(){const e=new Error("ERR_SOCKET_CLOSED");return e.code="ERR_SOCKET_CLOSED",this.destroy(e),this}};let y$1 = class y extends i$1{aborted=false;httpVersion="1.1";httpVersionMajor=1;httpVersionMinor=1;complete=true;connection;socket;headers={};trailers={};method="GET";url="/";statusCode=200;statusMessage="";closed=false;errored=null;readable=false;constructor(e){super(),this.socket=this.connection=e||new A$1;}get rawHeaders(){const e=this.headers,t=[];for(const r in e)if(Array.isArray(e[r]))for(const s of e[r])t.push(r,s);else t.push(r,e[r]);return t}get rawTrailers(){return []}setTimeout(e,t){return this}get headersDistinct(){return p(this.headers)}get trailersDistinct(){return p(this.trailers)}};function p(n){const e={};for(const[t,r]of Object.entries(n))t&&(e[t]=(Array.isArray(r)?r:[r]).filter(Boolean));return e}let w$1 = class w extends l$1{statusCode=200;statusMessage="";upgrading=false;chunkedEncoding=false;shouldKeepAlive=false;useChunkedEncodingByDefault=false;sendDate=false;finished=false;headersSent=false;strictContentLength=false;connection=null;socket=null;req;_headers={};constructor(e){super(),this.req=e;}assignSocket(e){e._httpMessage=this,this.socket=e,this.connection=e,this.emit("socket",e),this._flush();}_flush(){this.flushHeaders();}detachSocket(e){}writeContinue(e){}writeHead(e,t,r){e&&(this.statusCode=e),typeof t=="string"&&(this.statusMessage=t,t=void 0);const s=r||t;if(s&&!Array.isArray(s))for(const a in s)this.setHeader(a,s[a]);return this.headersSent=true,this}writeProcessing(){}setTimeout(e,t){return this}appendHeader(e,t){e=e.toLowerCase();const r=this._headers[e],s=[...Array.isArray(r)?r:[r],...Array.isArray(t)?t:[t]].filter(Boolean);return this._headers[e]=s.length>1?s:s[0],this}setHeader(e,t){return this._headers[e.toLowerCase()]=t,this}setHeaders(e){for(const[t,r]of Object.entries(e))this.setHeader(t,r);return this}getHeader(e){return this._headers[e.toLowerCase()]}getHeaders(){return this._headers}getHeaderNames(){return Object.keys(this._headers)}hasHeader(e){return e.toLowerCase()in this._headers}removeHeader(e){delete this._headers[e.toLowerCase()];}addTrailers(e){}flushHeaders(){}writeEarlyHints(e,t){typeof t=="function"&&t();}};const E$1=(()=>{const n=function(){};return n.prototype=Object.create(null),n})();function R$1(n={}){const e=new E$1,t=Array.isArray(n)||H$1(n)?n:Object.entries(n);for(const[r,s]of t)if(s){if(e[r]===void 0){e[r]=s;continue}e[r]=[...Array.isArray(e[r])?e[r]:[e[r]],...Array.isArray(s)?s:[s]];}return e}function H$1(n){return typeof n?.entries=="function"}function v$1(n={}){if(n instanceof Headers)return n;const e=new Headers;for(const[t,r]of Object.entries(n))if(r!==void 0){if(Array.isArray(r)){for(const s of r)e.append(t,String(s));continue}e.set(t,String(r));}return e}const S$1=new Set([101,204,205,304]);async function b$1(n,e){const t=new y$1,r=new w$1(t);t.url=e.url?.toString()||"/";let s;if(!t.url.startsWith("/")){const d=new URL(t.url);s=d.host,t.url=d.pathname+d.search+d.hash;}t.method=e.method||"GET",t.headers=R$1(e.headers||{}),t.headers.host||(t.headers.host=e.host||s||"localhost"),t.connection.encrypted=t.connection.encrypted||e.protocol==="https",t.body=e.body||null,t.__unenv__=e.context,await n(t,r);let a=r._data;(S$1.has(r.statusCode)||t.method.toUpperCase()==="HEAD")&&(a=null,delete r._headers["content-length"]);const u={status:r.statusCode,statusText:r.statusMessage,headers:r._headers,body:a};return t.destroy(),r.destroy(),u}async function C$1(n,e,t={}){try{const r=await b$1(n,{url:e,...t});return new Response(r.body,{status:r.status,statusText:r.statusText,headers:v$1(r.headers)})}catch(r){return new Response(r.toString(),{status:Number.parseInt(r.statusCode||r.code)||500,statusText:r.statusText})}}

function hasProp(obj, prop) {
  try {
    return prop in obj;
  } catch {
    return false;
  }
}

class H3Error extends Error {
  static __h3_error__ = true;
  statusCode = 500;
  fatal = false;
  unhandled = false;
  statusMessage;
  data;
  cause;
  constructor(message, opts = {}) {
    super(message, opts);
    if (opts.cause && !this.cause) {
      this.cause = opts.cause;
    }
  }
  toJSON() {
    const obj = {
      message: this.message,
      statusCode: sanitizeStatusCode(this.statusCode, 500)
    };
    if (this.statusMessage) {
      obj.statusMessage = sanitizeStatusMessage(this.statusMessage);
    }
    if (this.data !== void 0) {
      obj.data = this.data;
    }
    return obj;
  }
}
function createError$1(input) {
  if (typeof input === "string") {
    return new H3Error(input);
  }
  if (isError(input)) {
    return input;
  }
  const err = new H3Error(input.message ?? input.statusMessage ?? "", {
    cause: input.cause || input
  });
  if (hasProp(input, "stack")) {
    try {
      Object.defineProperty(err, "stack", {
        get() {
          return input.stack;
        }
      });
    } catch {
      try {
        err.stack = input.stack;
      } catch {
      }
    }
  }
  if (input.data) {
    err.data = input.data;
  }
  if (input.statusCode) {
    err.statusCode = sanitizeStatusCode(input.statusCode, err.statusCode);
  } else if (input.status) {
    err.statusCode = sanitizeStatusCode(input.status, err.statusCode);
  }
  if (input.statusMessage) {
    err.statusMessage = input.statusMessage;
  } else if (input.statusText) {
    err.statusMessage = input.statusText;
  }
  if (err.statusMessage) {
    const originalMessage = err.statusMessage;
    const sanitizedMessage = sanitizeStatusMessage(err.statusMessage);
    if (sanitizedMessage !== originalMessage) {
      console.warn(
        "[h3] Please prefer using `message` for longer error messages instead of `statusMessage`. In the future, `statusMessage` will be sanitized by default."
      );
    }
  }
  if (input.fatal !== void 0) {
    err.fatal = input.fatal;
  }
  if (input.unhandled !== void 0) {
    err.unhandled = input.unhandled;
  }
  return err;
}
function sendError(event, error, debug) {
  if (event.handled) {
    return;
  }
  const h3Error = isError(error) ? error : createError$1(error);
  const responseBody = {
    statusCode: h3Error.statusCode,
    statusMessage: h3Error.statusMessage,
    stack: [],
    data: h3Error.data
  };
  if (debug) {
    responseBody.stack = (h3Error.stack || "").split("\n").map((l) => l.trim());
  }
  if (event.handled) {
    return;
  }
  const _code = Number.parseInt(h3Error.statusCode);
  setResponseStatus(event, _code, h3Error.statusMessage);
  event.node.res.setHeader("content-type", MIMES.json);
  event.node.res.end(JSON.stringify(responseBody, void 0, 2));
}
function isError(input) {
  return input?.constructor?.__h3_error__ === true;
}

function parse(multipartBodyBuffer, boundary) {
  let lastline = "";
  let state = 0 /* INIT */;
  let buffer = [];
  const allParts = [];
  let currentPartHeaders = [];
  for (let i = 0; i < multipartBodyBuffer.length; i++) {
    const prevByte = i > 0 ? multipartBodyBuffer[i - 1] : null;
    const currByte = multipartBodyBuffer[i];
    const newLineChar = currByte === 10 || currByte === 13;
    if (!newLineChar) {
      lastline += String.fromCodePoint(currByte);
    }
    const newLineDetected = currByte === 10 && prevByte === 13;
    if (0 /* INIT */ === state && newLineDetected) {
      if ("--" + boundary === lastline) {
        state = 1 /* READING_HEADERS */;
      }
      lastline = "";
    } else if (1 /* READING_HEADERS */ === state && newLineDetected) {
      if (lastline.length > 0) {
        const i2 = lastline.indexOf(":");
        if (i2 > 0) {
          const name = lastline.slice(0, i2).toLowerCase();
          const value = lastline.slice(i2 + 1).trim();
          currentPartHeaders.push([name, value]);
        }
      } else {
        state = 2 /* READING_DATA */;
        buffer = [];
      }
      lastline = "";
    } else if (2 /* READING_DATA */ === state) {
      if (lastline.length > boundary.length + 4) {
        lastline = "";
      }
      if ("--" + boundary === lastline) {
        const j = buffer.length - lastline.length;
        const part = buffer.slice(0, j - 1);
        allParts.push(process$1(part, currentPartHeaders));
        buffer = [];
        currentPartHeaders = [];
        lastline = "";
        state = 3 /* READING_PART_SEPARATOR */;
      } else {
        buffer.push(currByte);
      }
      if (newLineDetected) {
        lastline = "";
      }
    } else if (3 /* READING_PART_SEPARATOR */ === state && newLineDetected) {
      state = 1 /* READING_HEADERS */;
    }
  }
  return allParts;
}
function process$1(data, headers) {
  const dataObj = {};
  const contentDispositionHeader = headers.find((h) => h[0] === "content-disposition")?.[1] || "";
  for (const i of contentDispositionHeader.split(";")) {
    const s = i.split("=");
    if (s.length !== 2) {
      continue;
    }
    const key = (s[0] || "").trim();
    if (key === "name" || key === "filename") {
      const _value = (s[1] || "").trim().replace(/"/g, "");
      dataObj[key] = Buffer.from(_value, "latin1").toString("utf8");
    }
  }
  const contentType = headers.find((h) => h[0] === "content-type")?.[1] || "";
  if (contentType) {
    dataObj.type = contentType;
  }
  dataObj.data = Buffer.from(data);
  return dataObj;
}

function getQuery(event) {
  return getQuery$1(event.path || "");
}
function getRouterParams(event, opts = {}) {
  let params = event.context.params || {};
  if (opts.decode) {
    params = { ...params };
    for (const key in params) {
      params[key] = decode$1(params[key]);
    }
  }
  return params;
}
function getRouterParam(event, name, opts = {}) {
  const params = getRouterParams(event, opts);
  return params[name];
}
function isMethod(event, expected, allowHead) {
  if (typeof expected === "string") {
    if (event.method === expected) {
      return true;
    }
  } else if (expected.includes(event.method)) {
    return true;
  }
  return false;
}
function assertMethod(event, expected, allowHead) {
  if (!isMethod(event, expected)) {
    throw createError$1({
      statusCode: 405,
      statusMessage: "HTTP method is not allowed."
    });
  }
}
function getRequestHeaders(event) {
  const _headers = {};
  for (const key in event.node.req.headers) {
    const val = event.node.req.headers[key];
    _headers[key] = Array.isArray(val) ? val.filter(Boolean).join(", ") : val;
  }
  return _headers;
}
function getRequestHeader(event, name) {
  const headers = getRequestHeaders(event);
  const value = headers[name.toLowerCase()];
  return value;
}
const getHeader = getRequestHeader;
function getRequestHost(event, opts = {}) {
  if (opts.xForwardedHost) {
    const _header = event.node.req.headers["x-forwarded-host"];
    const xForwardedHost = (_header || "").split(",").shift()?.trim();
    if (xForwardedHost) {
      return xForwardedHost;
    }
  }
  return event.node.req.headers.host || "localhost";
}
function getRequestProtocol(event, opts = {}) {
  if (opts.xForwardedProto !== false && event.node.req.headers["x-forwarded-proto"] === "https") {
    return "https";
  }
  return event.node.req.connection?.encrypted ? "https" : "http";
}
function getRequestURL(event, opts = {}) {
  const host = getRequestHost(event, opts);
  const protocol = getRequestProtocol(event, opts);
  const path = (event.node.req.originalUrl || event.path).replace(
    /^[/\\]+/g,
    "/"
  );
  return new URL(path, `${protocol}://${host}`);
}
function toWebRequest(event) {
  return event.web?.request || new Request(getRequestURL(event), {
    // @ts-ignore Undici option
    duplex: "half",
    method: event.method,
    headers: event.headers,
    body: getRequestWebStream(event)
  });
}
function getRequestIP(event, opts = {}) {
  if (event.context.clientAddress) {
    return event.context.clientAddress;
  }
  if (opts.xForwardedFor) {
    const xForwardedFor = getRequestHeader(event, "x-forwarded-for")?.split(",").shift()?.trim();
    if (xForwardedFor) {
      return xForwardedFor;
    }
  }
  if (event.node.req.socket.remoteAddress) {
    return event.node.req.socket.remoteAddress;
  }
}

const RawBodySymbol = Symbol.for("h3RawBody");
const PayloadMethods$1 = ["PATCH", "POST", "PUT", "DELETE"];
function readRawBody(event, encoding = "utf8") {
  assertMethod(event, PayloadMethods$1);
  const _rawBody = event._requestBody || event.web?.request?.body || event.node.req[RawBodySymbol] || event.node.req.rawBody || event.node.req.body;
  if (_rawBody) {
    const promise2 = Promise.resolve(_rawBody).then((_resolved) => {
      if (Buffer.isBuffer(_resolved)) {
        return _resolved;
      }
      if (typeof _resolved.pipeTo === "function") {
        return new Promise((resolve, reject) => {
          const chunks = [];
          _resolved.pipeTo(
            new WritableStream({
              write(chunk) {
                chunks.push(chunk);
              },
              close() {
                resolve(Buffer.concat(chunks));
              },
              abort(reason) {
                reject(reason);
              }
            })
          ).catch(reject);
        });
      } else if (typeof _resolved.pipe === "function") {
        return new Promise((resolve, reject) => {
          const chunks = [];
          _resolved.on("data", (chunk) => {
            chunks.push(chunk);
          }).on("end", () => {
            resolve(Buffer.concat(chunks));
          }).on("error", reject);
        });
      }
      if (_resolved.constructor === Object) {
        return Buffer.from(JSON.stringify(_resolved));
      }
      if (_resolved instanceof URLSearchParams) {
        return Buffer.from(_resolved.toString());
      }
      if (_resolved instanceof FormData) {
        return new Response(_resolved).bytes().then((uint8arr) => Buffer.from(uint8arr));
      }
      return Buffer.from(_resolved);
    });
    return encoding ? promise2.then((buff) => buff.toString(encoding)) : promise2;
  }
  if (!Number.parseInt(event.node.req.headers["content-length"] || "") && !/\bchunked\b/i.test(
    String(event.node.req.headers["transfer-encoding"] ?? "")
  )) {
    return Promise.resolve(void 0);
  }
  const promise = event.node.req[RawBodySymbol] = new Promise(
    (resolve, reject) => {
      const bodyData = [];
      event.node.req.on("error", (err) => {
        reject(err);
      }).on("data", (chunk) => {
        bodyData.push(chunk);
      }).on("end", () => {
        resolve(Buffer.concat(bodyData));
      });
    }
  );
  const result = encoding ? promise.then((buff) => buff.toString(encoding)) : promise;
  return result;
}
async function readMultipartFormData(event) {
  const contentType = getRequestHeader(event, "content-type");
  if (!contentType || !contentType.startsWith("multipart/form-data")) {
    return;
  }
  const boundary = contentType.match(/boundary=([^;]*)(;|$)/i)?.[1];
  if (!boundary) {
    return;
  }
  const body = await readRawBody(event, false);
  if (!body) {
    return;
  }
  return parse(body, boundary);
}
function getRequestWebStream(event) {
  if (!PayloadMethods$1.includes(event.method)) {
    return;
  }
  const bodyStream = event.web?.request?.body || event._requestBody;
  if (bodyStream) {
    return bodyStream;
  }
  const _hasRawBody = RawBodySymbol in event.node.req || "rawBody" in event.node.req || "body" in event.node.req || "__unenv__" in event.node.req;
  if (_hasRawBody) {
    return new ReadableStream({
      async start(controller) {
        const _rawBody = await readRawBody(event, false);
        if (_rawBody) {
          controller.enqueue(_rawBody);
        }
        controller.close();
      }
    });
  }
  return new ReadableStream({
    start: (controller) => {
      event.node.req.on("data", (chunk) => {
        controller.enqueue(chunk);
      });
      event.node.req.on("end", () => {
        controller.close();
      });
      event.node.req.on("error", (err) => {
        controller.error(err);
      });
    }
  });
}

function handleCacheHeaders(event, opts) {
  const cacheControls = ["public", ...opts.cacheControls || []];
  let cacheMatched = false;
  if (opts.maxAge !== void 0) {
    cacheControls.push(`max-age=${+opts.maxAge}`, `s-maxage=${+opts.maxAge}`);
  }
  if (opts.modifiedTime) {
    const modifiedTime = new Date(opts.modifiedTime);
    const ifModifiedSince = event.node.req.headers["if-modified-since"];
    event.node.res.setHeader("last-modified", modifiedTime.toUTCString());
    if (ifModifiedSince && new Date(ifModifiedSince) >= modifiedTime) {
      cacheMatched = true;
    }
  }
  if (opts.etag) {
    event.node.res.setHeader("etag", opts.etag);
    const ifNonMatch = event.node.req.headers["if-none-match"];
    if (ifNonMatch === opts.etag) {
      cacheMatched = true;
    }
  }
  event.node.res.setHeader("cache-control", cacheControls.join(", "));
  if (cacheMatched) {
    event.node.res.statusCode = 304;
    if (!event.handled) {
      event.node.res.end();
    }
    return true;
  }
  return false;
}

const MIMES = {
  html: "text/html",
  json: "application/json"
};

const DISALLOWED_STATUS_CHARS = /[^\u0009\u0020-\u007E]/g;
function sanitizeStatusMessage(statusMessage = "") {
  return statusMessage.replace(DISALLOWED_STATUS_CHARS, "");
}
function sanitizeStatusCode(statusCode, defaultStatusCode = 200) {
  if (!statusCode) {
    return defaultStatusCode;
  }
  if (typeof statusCode === "string") {
    statusCode = Number.parseInt(statusCode, 10);
  }
  if (statusCode < 100 || statusCode > 999) {
    return defaultStatusCode;
  }
  return statusCode;
}

function getDistinctCookieKey(name, opts) {
  return [name, opts.domain || "", opts.path || "/"].join(";");
}

function parseCookies(event) {
  return parse$1(event.node.req.headers.cookie || "");
}
function getCookie(event, name) {
  return parseCookies(event)[name];
}
function setCookie(event, name, value, serializeOptions = {}) {
  if (!serializeOptions.path) {
    serializeOptions = { path: "/", ...serializeOptions };
  }
  const newCookie = serialize$1(name, value, serializeOptions);
  const currentCookies = splitCookiesString(
    event.node.res.getHeader("set-cookie")
  );
  if (currentCookies.length === 0) {
    event.node.res.setHeader("set-cookie", newCookie);
    return;
  }
  const newCookieKey = getDistinctCookieKey(name, serializeOptions);
  event.node.res.removeHeader("set-cookie");
  for (const cookie of currentCookies) {
    const parsed = parseSetCookie(cookie);
    const key = getDistinctCookieKey(parsed.name, parsed);
    if (key === newCookieKey) {
      continue;
    }
    event.node.res.appendHeader("set-cookie", cookie);
  }
  event.node.res.appendHeader("set-cookie", newCookie);
}
function deleteCookie(event, name, serializeOptions) {
  setCookie(event, name, "", {
    ...serializeOptions,
    maxAge: 0
  });
}
function splitCookiesString(cookiesString) {
  if (Array.isArray(cookiesString)) {
    return cookiesString.flatMap((c) => splitCookiesString(c));
  }
  if (typeof cookiesString !== "string") {
    return [];
  }
  const cookiesStrings = [];
  let pos = 0;
  let start;
  let ch;
  let lastComma;
  let nextStart;
  let cookiesSeparatorFound;
  const skipWhitespace = () => {
    while (pos < cookiesString.length && /\s/.test(cookiesString.charAt(pos))) {
      pos += 1;
    }
    return pos < cookiesString.length;
  };
  const notSpecialChar = () => {
    ch = cookiesString.charAt(pos);
    return ch !== "=" && ch !== ";" && ch !== ",";
  };
  while (pos < cookiesString.length) {
    start = pos;
    cookiesSeparatorFound = false;
    while (skipWhitespace()) {
      ch = cookiesString.charAt(pos);
      if (ch === ",") {
        lastComma = pos;
        pos += 1;
        skipWhitespace();
        nextStart = pos;
        while (pos < cookiesString.length && notSpecialChar()) {
          pos += 1;
        }
        if (pos < cookiesString.length && cookiesString.charAt(pos) === "=") {
          cookiesSeparatorFound = true;
          pos = nextStart;
          cookiesStrings.push(cookiesString.slice(start, lastComma));
          start = pos;
        } else {
          pos = lastComma + 1;
        }
      } else {
        pos += 1;
      }
    }
    if (!cookiesSeparatorFound || pos >= cookiesString.length) {
      cookiesStrings.push(cookiesString.slice(start));
    }
  }
  return cookiesStrings;
}

const defer = typeof setImmediate === "undefined" ? (fn) => fn() : setImmediate;
function send(event, data, type) {
  if (type) {
    defaultContentType(event, type);
  }
  return new Promise((resolve) => {
    defer(() => {
      if (!event.handled) {
        event.node.res.end(data);
      }
      resolve();
    });
  });
}
function sendNoContent(event, code) {
  if (event.handled) {
    return;
  }
  if (!code && event.node.res.statusCode !== 200) {
    code = event.node.res.statusCode;
  }
  const _code = sanitizeStatusCode(code, 204);
  if (_code === 204) {
    event.node.res.removeHeader("content-length");
  }
  event.node.res.writeHead(_code);
  event.node.res.end();
}
function setResponseStatus(event, code, text) {
  if (code) {
    event.node.res.statusCode = sanitizeStatusCode(
      code,
      event.node.res.statusCode
    );
  }
  if (text) {
    event.node.res.statusMessage = sanitizeStatusMessage(text);
  }
}
function defaultContentType(event, type) {
  if (type && event.node.res.statusCode !== 304 && !event.node.res.getHeader("content-type")) {
    event.node.res.setHeader("content-type", type);
  }
}
function sendRedirect(event, location, code = 302) {
  event.node.res.statusCode = sanitizeStatusCode(
    code,
    event.node.res.statusCode
  );
  event.node.res.setHeader("location", location);
  const encodedLoc = location.replace(/"/g, "%22");
  const html = `<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0; url=${encodedLoc}"></head></html>`;
  return send(event, html, MIMES.html);
}
function getResponseHeader(event, name) {
  return event.node.res.getHeader(name);
}
function setResponseHeaders(event, headers) {
  for (const [name, value] of Object.entries(headers)) {
    event.node.res.setHeader(
      name,
      value
    );
  }
}
const setHeaders = setResponseHeaders;
function setResponseHeader(event, name, value) {
  event.node.res.setHeader(name, value);
}
function appendResponseHeader(event, name, value) {
  let current = event.node.res.getHeader(name);
  if (!current) {
    event.node.res.setHeader(name, value);
    return;
  }
  if (!Array.isArray(current)) {
    current = [current.toString()];
  }
  event.node.res.setHeader(name, [...current, value]);
}
function removeResponseHeader(event, name) {
  return event.node.res.removeHeader(name);
}
function isStream(data) {
  if (!data || typeof data !== "object") {
    return false;
  }
  if (typeof data.pipe === "function") {
    if (typeof data._read === "function") {
      return true;
    }
    if (typeof data.abort === "function") {
      return true;
    }
  }
  if (typeof data.pipeTo === "function") {
    return true;
  }
  return false;
}
function isWebResponse(data) {
  return typeof Response !== "undefined" && data instanceof Response;
}
function sendStream(event, stream) {
  if (!stream || typeof stream !== "object") {
    throw new Error("[h3] Invalid stream provided.");
  }
  event.node.res._data = stream;
  if (!event.node.res.socket) {
    event._handled = true;
    return Promise.resolve();
  }
  if (hasProp(stream, "pipeTo") && typeof stream.pipeTo === "function") {
    return stream.pipeTo(
      new WritableStream({
        write(chunk) {
          event.node.res.write(chunk);
        }
      })
    ).then(() => {
      event.node.res.end();
    });
  }
  if (hasProp(stream, "pipe") && typeof stream.pipe === "function") {
    return new Promise((resolve, reject) => {
      stream.pipe(event.node.res);
      if (stream.on) {
        stream.on("end", () => {
          event.node.res.end();
          resolve();
        });
        stream.on("error", (error) => {
          reject(error);
        });
      }
      event.node.res.on("close", () => {
        if (stream.abort) {
          stream.abort();
        }
      });
    });
  }
  throw new Error("[h3] Invalid or incompatible stream provided.");
}
function sendWebResponse(event, response) {
  for (const [key, value] of response.headers) {
    if (key === "set-cookie") {
      event.node.res.appendHeader(key, splitCookiesString(value));
    } else {
      event.node.res.setHeader(key, value);
    }
  }
  if (response.status) {
    event.node.res.statusCode = sanitizeStatusCode(
      response.status,
      event.node.res.statusCode
    );
  }
  if (response.statusText) {
    event.node.res.statusMessage = sanitizeStatusMessage(response.statusText);
  }
  if (response.redirected) {
    event.node.res.setHeader("location", response.url);
  }
  if (!response.body) {
    event.node.res.end();
    return;
  }
  return sendStream(event, response.body);
}

const PayloadMethods = /* @__PURE__ */ new Set(["PATCH", "POST", "PUT", "DELETE"]);
const ignoredHeaders = /* @__PURE__ */ new Set([
  "transfer-encoding",
  "accept-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "expect",
  "host",
  "accept"
]);
async function proxyRequest(event, target, opts = {}) {
  let body;
  let duplex;
  if (PayloadMethods.has(event.method)) {
    if (opts.streamRequest) {
      body = getRequestWebStream(event);
      duplex = "half";
    } else {
      body = await readRawBody(event, false).catch(() => void 0);
    }
  }
  const method = opts.fetchOptions?.method || event.method;
  const fetchHeaders = mergeHeaders$1(
    getProxyRequestHeaders(event, { host: target.startsWith("/") }),
    opts.fetchOptions?.headers,
    opts.headers
  );
  return sendProxy(event, target, {
    ...opts,
    fetchOptions: {
      method,
      body,
      duplex,
      ...opts.fetchOptions,
      headers: fetchHeaders
    }
  });
}
async function sendProxy(event, target, opts = {}) {
  let response;
  try {
    response = await _getFetch(opts.fetch)(target, {
      headers: opts.headers,
      ignoreResponseError: true,
      // make $ofetch.raw transparent
      ...opts.fetchOptions
    });
  } catch (error) {
    throw createError$1({
      status: 502,
      statusMessage: "Bad Gateway",
      cause: error
    });
  }
  event.node.res.statusCode = sanitizeStatusCode(
    response.status,
    event.node.res.statusCode
  );
  event.node.res.statusMessage = sanitizeStatusMessage(response.statusText);
  const cookies = [];
  for (const [key, value] of response.headers.entries()) {
    if (key === "content-encoding") {
      continue;
    }
    if (key === "content-length") {
      continue;
    }
    if (key === "set-cookie") {
      cookies.push(...splitCookiesString(value));
      continue;
    }
    event.node.res.setHeader(key, value);
  }
  if (cookies.length > 0) {
    event.node.res.setHeader(
      "set-cookie",
      cookies.map((cookie) => {
        if (opts.cookieDomainRewrite) {
          cookie = rewriteCookieProperty(
            cookie,
            opts.cookieDomainRewrite,
            "domain"
          );
        }
        if (opts.cookiePathRewrite) {
          cookie = rewriteCookieProperty(
            cookie,
            opts.cookiePathRewrite,
            "path"
          );
        }
        return cookie;
      })
    );
  }
  if (opts.onResponse) {
    await opts.onResponse(event, response);
  }
  if (response._data !== void 0) {
    return response._data;
  }
  if (event.handled) {
    return;
  }
  if (opts.sendStream === false) {
    const data = new Uint8Array(await response.arrayBuffer());
    return event.node.res.end(data);
  }
  if (response.body) {
    for await (const chunk of response.body) {
      event.node.res.write(chunk);
    }
  }
  return event.node.res.end();
}
function getProxyRequestHeaders(event, opts) {
  const headers = /* @__PURE__ */ Object.create(null);
  const reqHeaders = getRequestHeaders(event);
  for (const name in reqHeaders) {
    if (!ignoredHeaders.has(name) || name === "host" && opts?.host) {
      headers[name] = reqHeaders[name];
    }
  }
  return headers;
}
function fetchWithEvent(event, req, init, options) {
  return _getFetch(options?.fetch)(req, {
    ...init,
    context: init?.context || event.context,
    headers: {
      ...getProxyRequestHeaders(event, {
        host: typeof req === "string" && req.startsWith("/")
      }),
      ...init?.headers
    }
  });
}
function _getFetch(_fetch) {
  if (_fetch) {
    return _fetch;
  }
  if (globalThis.fetch) {
    return globalThis.fetch;
  }
  throw new Error(
    "fetch is not available. Try importing `node-fetch-native/polyfill` for Node.js."
  );
}
function rewriteCookieProperty(header, map, property) {
  const _map = typeof map === "string" ? { "*": map } : map;
  return header.replace(
    new RegExp(`(;\\s*${property}=)([^;]+)`, "gi"),
    (match, prefix, previousValue) => {
      let newValue;
      if (previousValue in _map) {
        newValue = _map[previousValue];
      } else if ("*" in _map) {
        newValue = _map["*"];
      } else {
        return match;
      }
      return newValue ? prefix + newValue : "";
    }
  );
}
function mergeHeaders$1(defaults, ...inputs) {
  const _inputs = inputs.filter(Boolean);
  if (_inputs.length === 0) {
    return defaults;
  }
  const merged = new Headers(defaults);
  for (const input of _inputs) {
    const entries = Array.isArray(input) ? input : typeof input.entries === "function" ? input.entries() : Object.entries(input);
    for (const [key, value] of entries) {
      if (value !== void 0) {
        merged.set(key, value);
      }
    }
  }
  return merged;
}

function formatEventStreamMessage(message) {
  let result = "";
  if (message.id) {
    result += `id: ${_sanitizeSingleLine(message.id)}
`;
  }
  if (message.event) {
    result += `event: ${_sanitizeSingleLine(message.event)}
`;
  }
  if (typeof message.retry === "number" && Number.isInteger(message.retry)) {
    result += `retry: ${message.retry}
`;
  }
  const data = typeof message.data === "string" ? message.data : "";
  for (const line of data.split(/\r\n|\r|\n/)) {
    result += `data: ${line}
`;
  }
  result += "\n";
  return result;
}
function _sanitizeSingleLine(value) {
  return value.replace(/[\n\r]/g, "");
}
function formatEventStreamMessages(messages) {
  let result = "";
  for (const msg of messages) {
    result += formatEventStreamMessage(msg);
  }
  return result;
}
function setEventStreamHeaders(event) {
  const headers = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "private, no-cache, no-store, no-transform, must-revalidate, max-age=0",
    "X-Accel-Buffering": "no"
    // prevent nginx from buffering the response
  };
  if (!isHttp2Request(event)) {
    headers.Connection = "keep-alive";
  }
  setResponseHeaders(event, headers);
}
function isHttp2Request(event) {
  return getHeader(event, ":path") !== void 0 && getHeader(event, ":method") !== void 0;
}

class EventStream {
  _h3Event;
  _transformStream = new TransformStream();
  _writer;
  _encoder = new TextEncoder();
  _writerIsClosed = false;
  _paused = false;
  _unsentData;
  _disposed = false;
  _handled = false;
  constructor(event, opts = {}) {
    this._h3Event = event;
    this._writer = this._transformStream.writable.getWriter();
    this._writer.closed.then(() => {
      this._writerIsClosed = true;
    });
    if (opts.autoclose !== false) {
      this._h3Event.node.req.on("close", () => this.close());
    }
  }
  async push(message) {
    if (typeof message === "string") {
      await this._sendEvent({ data: message });
      return;
    }
    if (Array.isArray(message)) {
      if (message.length === 0) {
        return;
      }
      if (typeof message[0] === "string") {
        const msgs = [];
        for (const item of message) {
          msgs.push({ data: item });
        }
        await this._sendEvents(msgs);
        return;
      }
      await this._sendEvents(message);
      return;
    }
    await this._sendEvent(message);
  }
  async _sendEvent(message) {
    if (this._writerIsClosed) {
      return;
    }
    if (this._paused && !this._unsentData) {
      this._unsentData = formatEventStreamMessage(message);
      return;
    }
    if (this._paused) {
      this._unsentData += formatEventStreamMessage(message);
      return;
    }
    await this._writer.write(this._encoder.encode(formatEventStreamMessage(message))).catch();
  }
  async _sendEvents(messages) {
    if (this._writerIsClosed) {
      return;
    }
    const payload = formatEventStreamMessages(messages);
    if (this._paused && !this._unsentData) {
      this._unsentData = payload;
      return;
    }
    if (this._paused) {
      this._unsentData += payload;
      return;
    }
    await this._writer.write(this._encoder.encode(payload)).catch();
  }
  pause() {
    this._paused = true;
  }
  get isPaused() {
    return this._paused;
  }
  async resume() {
    this._paused = false;
    await this.flush();
  }
  async flush() {
    if (this._writerIsClosed) {
      return;
    }
    if (this._unsentData?.length) {
      await this._writer.write(this._encoder.encode(this._unsentData));
      this._unsentData = void 0;
    }
  }
  /**
   * Close the stream and the connection if the stream is being sent to the client
   */
  async close() {
    if (this._disposed) {
      return;
    }
    if (!this._writerIsClosed) {
      try {
        await this._writer.close();
      } catch {
      }
    }
    if (this._h3Event._handled && this._handled && !this._h3Event.node.res.closed) {
      this._h3Event.node.res.end();
    }
    this._disposed = true;
  }
  /**
   * Triggers callback when the writable stream is closed.
   * It is also triggered after calling the `close()` method.
   */
  onClosed(cb) {
    this._writer.closed.then(cb);
  }
  async send() {
    setEventStreamHeaders(this._h3Event);
    setResponseStatus(this._h3Event, 200);
    this._h3Event._handled = true;
    this._handled = true;
    await sendStream(this._h3Event, this._transformStream.readable);
  }
}

function createEventStream(event, opts) {
  return new EventStream(event, opts);
}
function defineWebSocketHandler(hooks) {
  return defineEventHandler({
    handler() {
      throw createError$1({
        statusCode: 426,
        statusMessage: "Upgrade Required"
      });
    },
    websocket: hooks
  });
}

class H3Event {
  "__is_event__" = true;
  // Context
  node;
  // Node
  web;
  // Web
  context = {};
  // Shared
  // Request
  _method;
  _path;
  _headers;
  _requestBody;
  // Response
  _handled = false;
  // Hooks
  _onBeforeResponseCalled;
  _onAfterResponseCalled;
  constructor(req, res) {
    this.node = { req, res };
  }
  // --- Request ---
  get method() {
    if (!this._method) {
      this._method = (this.node.req.method || "GET").toUpperCase();
    }
    return this._method;
  }
  get path() {
    return this._path || this.node.req.url || "/";
  }
  get headers() {
    if (!this._headers) {
      this._headers = _normalizeNodeHeaders(this.node.req.headers);
    }
    return this._headers;
  }
  // --- Respoonse ---
  get handled() {
    return this._handled || this.node.res.writableEnded || this.node.res.headersSent;
  }
  respondWith(response) {
    return Promise.resolve(response).then(
      (_response) => sendWebResponse(this, _response)
    );
  }
  // --- Utils ---
  toString() {
    return `[${this.method}] ${this.path}`;
  }
  toJSON() {
    return this.toString();
  }
  // --- Deprecated ---
  /** @deprecated Please use `event.node.req` instead. */
  get req() {
    return this.node.req;
  }
  /** @deprecated Please use `event.node.res` instead. */
  get res() {
    return this.node.res;
  }
}
function isEvent(input) {
  return hasProp(input, "__is_event__");
}
function createEvent(req, res) {
  return new H3Event(req, res);
}
function _normalizeNodeHeaders(nodeHeaders) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(nodeHeaders)) {
    if (Array.isArray(value)) {
      for (const item of value) {
        headers.append(name, item);
      }
    } else if (value) {
      headers.set(name, value);
    }
  }
  return headers;
}

function defineEventHandler(handler) {
  if (typeof handler === "function") {
    handler.__is_handler__ = true;
    return handler;
  }
  const _hooks = {
    onRequest: _normalizeArray(handler.onRequest),
    onBeforeResponse: _normalizeArray(handler.onBeforeResponse)
  };
  const _handler = (event) => {
    return _callHandler(event, handler.handler, _hooks);
  };
  _handler.__is_handler__ = true;
  _handler.__resolve__ = handler.handler.__resolve__;
  _handler.__websocket__ = handler.websocket;
  return _handler;
}
function _normalizeArray(input) {
  return input ? Array.isArray(input) ? input : [input] : void 0;
}
async function _callHandler(event, handler, hooks) {
  if (hooks.onRequest) {
    for (const hook of hooks.onRequest) {
      await hook(event);
      if (event.handled) {
        return;
      }
    }
  }
  const body = await handler(event);
  const response = { body };
  if (hooks.onBeforeResponse) {
    for (const hook of hooks.onBeforeResponse) {
      await hook(event, response);
    }
  }
  return response.body;
}
const eventHandler = defineEventHandler;
function isEventHandler(input) {
  return hasProp(input, "__is_handler__");
}
function toEventHandler(input, _, _route) {
  return input;
}
function defineLazyEventHandler(factory) {
  let _promise;
  let _resolved;
  const resolveHandler = () => {
    if (_resolved) {
      return Promise.resolve(_resolved);
    }
    if (!_promise) {
      _promise = Promise.resolve(factory()).then((r) => {
        const handler2 = r.default || r;
        if (typeof handler2 !== "function") {
          throw new TypeError(
            "Invalid lazy handler result. It should be a function:",
            handler2
          );
        }
        _resolved = { handler: toEventHandler(r.default || r) };
        return _resolved;
      });
    }
    return _promise;
  };
  const handler = eventHandler((event) => {
    if (_resolved) {
      return _resolved.handler(event);
    }
    return resolveHandler().then((r) => r.handler(event));
  });
  handler.__resolve__ = resolveHandler;
  return handler;
}
const lazyEventHandler = defineLazyEventHandler;

function createApp(options = {}) {
  const stack = [];
  const handler = createAppEventHandler(stack, options);
  const resolve = createResolver(stack);
  handler.__resolve__ = resolve;
  const getWebsocket = cachedFn(() => websocketOptions(resolve, options));
  const app = {
    // @ts-expect-error
    use: (arg1, arg2, arg3) => use(app, arg1, arg2, arg3),
    resolve,
    handler,
    stack,
    options,
    get websocket() {
      return getWebsocket();
    }
  };
  return app;
}
function use(app, arg1, arg2, arg3) {
  if (Array.isArray(arg1)) {
    for (const i of arg1) {
      use(app, i, arg2, arg3);
    }
  } else if (Array.isArray(arg2)) {
    for (const i of arg2) {
      use(app, arg1, i, arg3);
    }
  } else if (typeof arg1 === "string") {
    app.stack.push(
      normalizeLayer({ ...arg3, route: arg1, handler: arg2 })
    );
  } else if (typeof arg1 === "function") {
    app.stack.push(normalizeLayer({ ...arg2, handler: arg1 }));
  } else {
    app.stack.push(normalizeLayer({ ...arg1 }));
  }
  return app;
}
function createAppEventHandler(stack, options) {
  const spacing = options.debug ? 2 : void 0;
  return eventHandler(async (event) => {
    event.node.req.originalUrl = event.node.req.originalUrl || event.node.req.url || "/";
    const _rawReqUrl = event.node.req.url || "/";
    const _reqPath = _decodePath(event._path || _rawReqUrl);
    event._path = _reqPath;
    const _needsRawUrl = _reqPath !== _rawReqUrl;
    let _layerPath;
    if (options.onRequest) {
      await options.onRequest(event);
    }
    for (const layer of stack) {
      if (layer.route.length > 1) {
        if (!_reqPath.startsWith(layer.route)) {
          continue;
        }
        _layerPath = _reqPath.slice(layer.route.length) || "/";
      } else {
        _layerPath = _reqPath;
      }
      if (layer.match && !layer.match(_layerPath, event)) {
        continue;
      }
      event._path = _layerPath;
      event.node.req.url = _needsRawUrl ? layer.route.length > 1 ? _rawReqUrl.slice(layer.route.length) || "/" : _rawReqUrl : _layerPath;
      const val = await layer.handler(event);
      const _body = val === void 0 ? void 0 : await val;
      if (_body !== void 0) {
        const _response = { body: _body };
        if (options.onBeforeResponse) {
          event._onBeforeResponseCalled = true;
          await options.onBeforeResponse(event, _response);
        }
        await handleHandlerResponse(event, _response.body, spacing);
        if (options.onAfterResponse) {
          event._onAfterResponseCalled = true;
          await options.onAfterResponse(event, _response);
        }
        return;
      }
      if (event.handled) {
        if (options.onAfterResponse) {
          event._onAfterResponseCalled = true;
          await options.onAfterResponse(event, void 0);
        }
        return;
      }
    }
    if (!event.handled) {
      throw createError$1({
        statusCode: 404,
        statusMessage: `Cannot find any path matching ${event.path || "/"}.`
      });
    }
    if (options.onAfterResponse) {
      event._onAfterResponseCalled = true;
      await options.onAfterResponse(event, void 0);
    }
  });
}
function createResolver(stack) {
  return async (path) => {
    let _layerPath;
    for (const layer of stack) {
      if (layer.route === "/" && !layer.handler.__resolve__) {
        continue;
      }
      if (!path.startsWith(layer.route)) {
        continue;
      }
      _layerPath = path.slice(layer.route.length) || "/";
      if (layer.match && !layer.match(_layerPath, void 0)) {
        continue;
      }
      let res = { route: layer.route, handler: layer.handler };
      if (res.handler.__resolve__) {
        const _res = await res.handler.__resolve__(_layerPath);
        if (!_res) {
          continue;
        }
        res = {
          ...res,
          ..._res,
          route: joinURL(res.route || "/", _res.route || "/")
        };
      }
      return res;
    }
  };
}
function normalizeLayer(input) {
  let handler = input.handler;
  if (handler.handler) {
    handler = handler.handler;
  }
  if (input.lazy) {
    handler = lazyEventHandler(handler);
  } else if (!isEventHandler(handler)) {
    handler = toEventHandler(handler, void 0, input.route);
  }
  return {
    route: withoutTrailingSlash(input.route),
    match: input.match,
    handler
  };
}
function handleHandlerResponse(event, val, jsonSpace) {
  if (val === null) {
    return sendNoContent(event);
  }
  if (val) {
    if (isWebResponse(val)) {
      return sendWebResponse(event, val);
    }
    if (isStream(val)) {
      return sendStream(event, val);
    }
    if (val.buffer) {
      return send(event, val);
    }
    if (val.arrayBuffer && typeof val.arrayBuffer === "function") {
      return val.arrayBuffer().then((arrayBuffer) => {
        return send(event, Buffer.from(arrayBuffer), val.type);
      });
    }
    if (val instanceof Error) {
      throw createError$1(val);
    }
    if (typeof val.end === "function") {
      return true;
    }
  }
  const valType = typeof val;
  if (valType === "string") {
    return send(event, val, MIMES.html);
  }
  if (valType === "object" || valType === "boolean" || valType === "number") {
    return send(event, JSON.stringify(val, void 0, jsonSpace), MIMES.json);
  }
  if (valType === "bigint") {
    return send(event, val.toString(), MIMES.json);
  }
  throw createError$1({
    statusCode: 500,
    statusMessage: `[h3] Cannot send ${valType} as response.`
  });
}
function cachedFn(fn) {
  let cache;
  return () => {
    if (!cache) {
      cache = fn();
    }
    return cache;
  };
}
function _decodePath(url) {
  const qIndex = url.indexOf("?");
  const path = qIndex === -1 ? url : url.slice(0, qIndex);
  const query = qIndex === -1 ? "" : url.slice(qIndex);
  const decodedPath = path.includes("%25") ? decodePath(path.replace(/%25/g, "%2525")) : decodePath(path);
  return decodedPath + query;
}
function websocketOptions(evResolver, appOptions) {
  return {
    ...appOptions.websocket,
    async resolve(info) {
      const url = info.request?.url || info.url || "/";
      const { pathname } = typeof url === "string" ? parseURL(url) : url;
      const resolved = await evResolver(pathname);
      return resolved?.handler?.__websocket__ || {};
    }
  };
}

const RouterMethods = [
  "connect",
  "delete",
  "get",
  "head",
  "options",
  "post",
  "put",
  "trace",
  "patch"
];
function createRouter(opts = {}) {
  const _router = createRouter$1({});
  const routes = {};
  let _matcher;
  const router = {};
  const addRoute = (path, handler, method) => {
    let route = routes[path];
    if (!route) {
      routes[path] = route = { path, handlers: {} };
      _router.insert(path, route);
    }
    if (Array.isArray(method)) {
      for (const m of method) {
        addRoute(path, handler, m);
      }
    } else {
      route.handlers[method] = toEventHandler(handler);
    }
    return router;
  };
  router.use = router.add = (path, handler, method) => addRoute(path, handler, method || "all");
  for (const method of RouterMethods) {
    router[method] = (path, handle) => router.add(path, handle, method);
  }
  const matchHandler = (path = "/", method = "get") => {
    const qIndex = path.indexOf("?");
    if (qIndex !== -1) {
      path = path.slice(0, Math.max(0, qIndex));
    }
    const matched = _router.lookup(path);
    if (!matched || !matched.handlers) {
      return {
        error: createError$1({
          statusCode: 404,
          name: "Not Found",
          statusMessage: `Cannot find any route matching ${path || "/"}.`
        })
      };
    }
    let handler = matched.handlers[method] || matched.handlers.all;
    if (!handler) {
      if (!_matcher) {
        _matcher = toRouteMatcher(_router);
      }
      const _matches = _matcher.matchAll(path).reverse();
      for (const _match of _matches) {
        if (_match.handlers[method]) {
          handler = _match.handlers[method];
          matched.handlers[method] = matched.handlers[method] || handler;
          break;
        }
        if (_match.handlers.all) {
          handler = _match.handlers.all;
          matched.handlers.all = matched.handlers.all || handler;
          break;
        }
      }
    }
    if (!handler) {
      return {
        error: createError$1({
          statusCode: 405,
          name: "Method Not Allowed",
          statusMessage: `Method ${method} is not allowed on this route.`
        })
      };
    }
    return { matched, handler };
  };
  const isPreemptive = opts.preemptive || opts.preemtive;
  router.handler = eventHandler((event) => {
    const match = matchHandler(
      event.path,
      event.method.toLowerCase()
    );
    if ("error" in match) {
      if (isPreemptive) {
        throw match.error;
      } else {
        return;
      }
    }
    event.context.matchedRoute = match.matched;
    const params = match.matched.params || {};
    event.context.params = params;
    return Promise.resolve(match.handler(event)).then((res) => {
      if (res === void 0 && isPreemptive) {
        return null;
      }
      return res;
    });
  });
  router.handler.__resolve__ = async (path) => {
    path = withLeadingSlash(path);
    const match = matchHandler(path);
    if ("error" in match) {
      return;
    }
    let res = {
      route: match.matched.path,
      handler: match.handler
    };
    if (match.handler.__resolve__) {
      const _res = await match.handler.__resolve__(path);
      if (!_res) {
        return;
      }
      res = { ...res, ..._res };
    }
    return res;
  };
  return router;
}
function toNodeListener(app) {
  const toNodeHandle = async function(req, res) {
    const event = createEvent(req, res);
    try {
      await app.handler(event);
    } catch (_error) {
      const error = createError$1(_error);
      if (!isError(_error)) {
        error.unhandled = true;
      }
      setResponseStatus(event, error.statusCode, error.statusMessage);
      if (app.options.onError) {
        await app.options.onError(error, event);
      }
      if (event.handled) {
        return;
      }
      if (error.unhandled || error.fatal) {
        console.error("[h3]", error.fatal ? "[fatal]" : "[unhandled]", error);
      }
      if (app.options.onBeforeResponse && !event._onBeforeResponseCalled) {
        await app.options.onBeforeResponse(event, { body: error });
      }
      await sendError(event, error, !!app.options.debug);
      if (app.options.onAfterResponse && !event._onAfterResponseCalled) {
        await app.options.onAfterResponse(event, { body: error });
      }
    }
  };
  return toNodeHandle;
}

function flatHooks(configHooks, hooks = {}, parentName) {
  for (const key in configHooks) {
    const subHook = configHooks[key];
    const name = parentName ? `${parentName}:${key}` : key;
    if (typeof subHook === "object" && subHook !== null) {
      flatHooks(subHook, hooks, name);
    } else if (typeof subHook === "function") {
      hooks[name] = subHook;
    }
  }
  return hooks;
}
const defaultTask = { run: (function_) => function_() };
const _createTask = () => defaultTask;
const createTask = typeof console.createTask !== "undefined" ? console.createTask : _createTask;
function serialTaskCaller(hooks, args) {
  const name = args.shift();
  const task = createTask(name);
  return hooks.reduce(
    (promise, hookFunction) => promise.then(() => task.run(() => hookFunction(...args))),
    Promise.resolve()
  );
}
function parallelTaskCaller(hooks, args) {
  const name = args.shift();
  const task = createTask(name);
  return Promise.all(hooks.map((hook) => task.run(() => hook(...args))));
}
function callEachWith(callbacks, arg0) {
  for (const callback of [...callbacks]) {
    callback(arg0);
  }
}

class Hookable {
  constructor() {
    this._hooks = {};
    this._before = void 0;
    this._after = void 0;
    this._deprecatedMessages = void 0;
    this._deprecatedHooks = {};
    this.hook = this.hook.bind(this);
    this.callHook = this.callHook.bind(this);
    this.callHookWith = this.callHookWith.bind(this);
  }
  hook(name, function_, options = {}) {
    if (!name || typeof function_ !== "function") {
      return () => {
      };
    }
    const originalName = name;
    let dep;
    while (this._deprecatedHooks[name]) {
      dep = this._deprecatedHooks[name];
      name = dep.to;
    }
    if (dep && !options.allowDeprecated) {
      let message = dep.message;
      if (!message) {
        message = `${originalName} hook has been deprecated` + (dep.to ? `, please use ${dep.to}` : "");
      }
      if (!this._deprecatedMessages) {
        this._deprecatedMessages = /* @__PURE__ */ new Set();
      }
      if (!this._deprecatedMessages.has(message)) {
        console.warn(message);
        this._deprecatedMessages.add(message);
      }
    }
    if (!function_.name) {
      try {
        Object.defineProperty(function_, "name", {
          get: () => "_" + name.replace(/\W+/g, "_") + "_hook_cb",
          configurable: true
        });
      } catch {
      }
    }
    this._hooks[name] = this._hooks[name] || [];
    this._hooks[name].push(function_);
    return () => {
      if (function_) {
        this.removeHook(name, function_);
        function_ = void 0;
      }
    };
  }
  hookOnce(name, function_) {
    let _unreg;
    let _function = (...arguments_) => {
      if (typeof _unreg === "function") {
        _unreg();
      }
      _unreg = void 0;
      _function = void 0;
      return function_(...arguments_);
    };
    _unreg = this.hook(name, _function);
    return _unreg;
  }
  removeHook(name, function_) {
    if (this._hooks[name]) {
      const index = this._hooks[name].indexOf(function_);
      if (index !== -1) {
        this._hooks[name].splice(index, 1);
      }
      if (this._hooks[name].length === 0) {
        delete this._hooks[name];
      }
    }
  }
  deprecateHook(name, deprecated) {
    this._deprecatedHooks[name] = typeof deprecated === "string" ? { to: deprecated } : deprecated;
    const _hooks = this._hooks[name] || [];
    delete this._hooks[name];
    for (const hook of _hooks) {
      this.hook(name, hook);
    }
  }
  deprecateHooks(deprecatedHooks) {
    Object.assign(this._deprecatedHooks, deprecatedHooks);
    for (const name in deprecatedHooks) {
      this.deprecateHook(name, deprecatedHooks[name]);
    }
  }
  addHooks(configHooks) {
    const hooks = flatHooks(configHooks);
    const removeFns = Object.keys(hooks).map(
      (key) => this.hook(key, hooks[key])
    );
    return () => {
      for (const unreg of removeFns.splice(0, removeFns.length)) {
        unreg();
      }
    };
  }
  removeHooks(configHooks) {
    const hooks = flatHooks(configHooks);
    for (const key in hooks) {
      this.removeHook(key, hooks[key]);
    }
  }
  removeAllHooks() {
    for (const key in this._hooks) {
      delete this._hooks[key];
    }
  }
  callHook(name, ...arguments_) {
    arguments_.unshift(name);
    return this.callHookWith(serialTaskCaller, name, ...arguments_);
  }
  callHookParallel(name, ...arguments_) {
    arguments_.unshift(name);
    return this.callHookWith(parallelTaskCaller, name, ...arguments_);
  }
  callHookWith(caller, name, ...arguments_) {
    const event = this._before || this._after ? { name, args: arguments_, context: {} } : void 0;
    if (this._before) {
      callEachWith(this._before, event);
    }
    const result = caller(
      name in this._hooks ? [...this._hooks[name]] : [],
      arguments_
    );
    if (result instanceof Promise) {
      return result.finally(() => {
        if (this._after && event) {
          callEachWith(this._after, event);
        }
      });
    }
    if (this._after && event) {
      callEachWith(this._after, event);
    }
    return result;
  }
  beforeEach(function_) {
    this._before = this._before || [];
    this._before.push(function_);
    return () => {
      if (this._before !== void 0) {
        const index = this._before.indexOf(function_);
        if (index !== -1) {
          this._before.splice(index, 1);
        }
      }
    };
  }
  afterEach(function_) {
    this._after = this._after || [];
    this._after.push(function_);
    return () => {
      if (this._after !== void 0) {
        const index = this._after.indexOf(function_);
        if (index !== -1) {
          this._after.splice(index, 1);
        }
      }
    };
  }
}
function createHooks() {
  return new Hookable();
}

const s=globalThis.Headers,i=globalThis.AbortController,l=globalThis.fetch||(()=>{throw new Error("[node-fetch-native] Failed to fetch: `globalThis.fetch` is not available!")});

class FetchError extends Error {
  constructor(message, opts) {
    super(message, opts);
    this.name = "FetchError";
    if (opts?.cause && !this.cause) {
      this.cause = opts.cause;
    }
  }
}
function createFetchError(ctx) {
  const errorMessage = ctx.error?.message || ctx.error?.toString() || "";
  const method = ctx.request?.method || ctx.options?.method || "GET";
  const url = ctx.request?.url || String(ctx.request) || "/";
  const requestStr = `[${method}] ${JSON.stringify(url)}`;
  const statusStr = ctx.response ? `${ctx.response.status} ${ctx.response.statusText}` : "<no response>";
  const message = `${requestStr}: ${statusStr}${errorMessage ? ` ${errorMessage}` : ""}`;
  const fetchError = new FetchError(
    message,
    ctx.error ? { cause: ctx.error } : void 0
  );
  for (const key of ["request", "options", "response"]) {
    Object.defineProperty(fetchError, key, {
      get() {
        return ctx[key];
      }
    });
  }
  for (const [key, refKey] of [
    ["data", "_data"],
    ["status", "status"],
    ["statusCode", "status"],
    ["statusText", "statusText"],
    ["statusMessage", "statusText"]
  ]) {
    Object.defineProperty(fetchError, key, {
      get() {
        return ctx.response && ctx.response[refKey];
      }
    });
  }
  return fetchError;
}

const payloadMethods = new Set(
  Object.freeze(["PATCH", "POST", "PUT", "DELETE"])
);
function isPayloadMethod(method = "GET") {
  return payloadMethods.has(method.toUpperCase());
}
function isJSONSerializable(value) {
  if (value === void 0) {
    return false;
  }
  const t = typeof value;
  if (t === "string" || t === "number" || t === "boolean" || t === null) {
    return true;
  }
  if (t !== "object") {
    return false;
  }
  if (Array.isArray(value)) {
    return true;
  }
  if (value.buffer) {
    return false;
  }
  if (value instanceof FormData || value instanceof URLSearchParams) {
    return false;
  }
  return value.constructor && value.constructor.name === "Object" || typeof value.toJSON === "function";
}
const textTypes = /* @__PURE__ */ new Set([
  "image/svg",
  "application/xml",
  "application/xhtml",
  "application/html"
]);
const JSON_RE = /^application\/(?:[\w!#$%&*.^`~-]*\+)?json(;.+)?$/i;
function detectResponseType(_contentType = "") {
  if (!_contentType) {
    return "json";
  }
  const contentType = _contentType.split(";").shift() || "";
  if (JSON_RE.test(contentType)) {
    return "json";
  }
  if (contentType === "text/event-stream") {
    return "stream";
  }
  if (textTypes.has(contentType) || contentType.startsWith("text/")) {
    return "text";
  }
  return "blob";
}
function resolveFetchOptions(request, input, defaults, Headers) {
  const headers = mergeHeaders(
    input?.headers ?? request?.headers,
    defaults?.headers,
    Headers
  );
  let query;
  if (defaults?.query || defaults?.params || input?.params || input?.query) {
    query = {
      ...defaults?.params,
      ...defaults?.query,
      ...input?.params,
      ...input?.query
    };
  }
  return {
    ...defaults,
    ...input,
    query,
    params: query,
    headers
  };
}
function mergeHeaders(input, defaults, Headers) {
  if (!defaults) {
    return new Headers(input);
  }
  const headers = new Headers(defaults);
  if (input) {
    for (const [key, value] of Symbol.iterator in input || Array.isArray(input) ? input : new Headers(input)) {
      headers.set(key, value);
    }
  }
  return headers;
}
async function callHooks(context, hooks) {
  if (hooks) {
    if (Array.isArray(hooks)) {
      for (const hook of hooks) {
        await hook(context);
      }
    } else {
      await hooks(context);
    }
  }
}

const retryStatusCodes = /* @__PURE__ */ new Set([
  408,
  // Request Timeout
  409,
  // Conflict
  425,
  // Too Early (Experimental)
  429,
  // Too Many Requests
  500,
  // Internal Server Error
  502,
  // Bad Gateway
  503,
  // Service Unavailable
  504
  // Gateway Timeout
]);
const nullBodyResponses = /* @__PURE__ */ new Set([101, 204, 205, 304]);
function createFetch(globalOptions = {}) {
  const {
    fetch = globalThis.fetch,
    Headers = globalThis.Headers,
    AbortController = globalThis.AbortController
  } = globalOptions;
  async function onError(context) {
    const isAbort = context.error && context.error.name === "AbortError" && !context.options.timeout || false;
    if (context.options.retry !== false && !isAbort) {
      let retries;
      if (typeof context.options.retry === "number") {
        retries = context.options.retry;
      } else {
        retries = isPayloadMethod(context.options.method) ? 0 : 1;
      }
      const responseCode = context.response && context.response.status || 500;
      if (retries > 0 && (Array.isArray(context.options.retryStatusCodes) ? context.options.retryStatusCodes.includes(responseCode) : retryStatusCodes.has(responseCode))) {
        const retryDelay = typeof context.options.retryDelay === "function" ? context.options.retryDelay(context) : context.options.retryDelay || 0;
        if (retryDelay > 0) {
          await new Promise((resolve) => setTimeout(resolve, retryDelay));
        }
        return $fetchRaw(context.request, {
          ...context.options,
          retry: retries - 1
        });
      }
    }
    const error = createFetchError(context);
    if (Error.captureStackTrace) {
      Error.captureStackTrace(error, $fetchRaw);
    }
    throw error;
  }
  const $fetchRaw = async function $fetchRaw2(_request, _options = {}) {
    const context = {
      request: _request,
      options: resolveFetchOptions(
        _request,
        _options,
        globalOptions.defaults,
        Headers
      ),
      response: void 0,
      error: void 0
    };
    if (context.options.method) {
      context.options.method = context.options.method.toUpperCase();
    }
    if (context.options.onRequest) {
      await callHooks(context, context.options.onRequest);
      if (!(context.options.headers instanceof Headers)) {
        context.options.headers = new Headers(
          context.options.headers || {}
          /* compat */
        );
      }
    }
    if (typeof context.request === "string") {
      if (context.options.baseURL) {
        context.request = withBase(context.request, context.options.baseURL);
      }
      if (context.options.query) {
        context.request = withQuery(context.request, context.options.query);
        delete context.options.query;
      }
      if ("query" in context.options) {
        delete context.options.query;
      }
      if ("params" in context.options) {
        delete context.options.params;
      }
    }
    if (context.options.body && isPayloadMethod(context.options.method)) {
      if (isJSONSerializable(context.options.body)) {
        const contentType = context.options.headers.get("content-type");
        if (typeof context.options.body !== "string") {
          context.options.body = contentType === "application/x-www-form-urlencoded" ? new URLSearchParams(
            context.options.body
          ).toString() : JSON.stringify(context.options.body);
        }
        if (!contentType) {
          context.options.headers.set("content-type", "application/json");
        }
        if (!context.options.headers.has("accept")) {
          context.options.headers.set("accept", "application/json");
        }
      } else if (
        // ReadableStream Body
        "pipeTo" in context.options.body && typeof context.options.body.pipeTo === "function" || // Node.js Stream Body
        typeof context.options.body.pipe === "function"
      ) {
        if (!("duplex" in context.options)) {
          context.options.duplex = "half";
        }
      }
    }
    let abortTimeout;
    if (!context.options.signal && context.options.timeout) {
      const controller = new AbortController();
      abortTimeout = setTimeout(() => {
        const error = new Error(
          "[TimeoutError]: The operation was aborted due to timeout"
        );
        error.name = "TimeoutError";
        error.code = 23;
        controller.abort(error);
      }, context.options.timeout);
      context.options.signal = controller.signal;
    }
    try {
      context.response = await fetch(
        context.request,
        context.options
      );
    } catch (error) {
      context.error = error;
      if (context.options.onRequestError) {
        await callHooks(
          context,
          context.options.onRequestError
        );
      }
      return await onError(context);
    } finally {
      if (abortTimeout) {
        clearTimeout(abortTimeout);
      }
    }
    const hasBody = (context.response.body || // https://github.com/unjs/ofetch/issues/324
    // https://github.com/unjs/ofetch/issues/294
    // https://github.com/JakeChampion/fetch/issues/1454
    context.response._bodyInit) && !nullBodyResponses.has(context.response.status) && context.options.method !== "HEAD";
    if (hasBody) {
      const responseType = (context.options.parseResponse ? "json" : context.options.responseType) || detectResponseType(context.response.headers.get("content-type") || "");
      switch (responseType) {
        case "json": {
          const data = await context.response.text();
          const parseFunction = context.options.parseResponse || destr;
          context.response._data = parseFunction(data);
          break;
        }
        case "stream": {
          context.response._data = context.response.body || context.response._bodyInit;
          break;
        }
        default: {
          context.response._data = await context.response[responseType]();
        }
      }
    }
    if (context.options.onResponse) {
      await callHooks(
        context,
        context.options.onResponse
      );
    }
    if (!context.options.ignoreResponseError && context.response.status >= 400 && context.response.status < 600) {
      if (context.options.onResponseError) {
        await callHooks(
          context,
          context.options.onResponseError
        );
      }
      return await onError(context);
    }
    return context.response;
  };
  const $fetch = async function $fetch2(request, options) {
    const r = await $fetchRaw(request, options);
    return r._data;
  };
  $fetch.raw = $fetchRaw;
  $fetch.native = (...args) => fetch(...args);
  $fetch.create = (defaultOptions = {}, customGlobalOptions = {}) => createFetch({
    ...globalOptions,
    ...customGlobalOptions,
    defaults: {
      ...globalOptions.defaults,
      ...customGlobalOptions.defaults,
      ...defaultOptions
    }
  });
  return $fetch;
}

function createNodeFetch() {
  const useKeepAlive = JSON.parse(process.env.FETCH_KEEP_ALIVE || "false");
  if (!useKeepAlive) {
    return l;
  }
  const agentOptions = { keepAlive: true };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const nodeFetchOptions = {
    agent(parsedURL) {
      return parsedURL.protocol === "http:" ? httpAgent : httpsAgent;
    }
  };
  return function nodeFetchWithKeepAlive(input, init) {
    return l(input, { ...nodeFetchOptions, ...init });
  };
}
const fetch$1 = globalThis.fetch ? (...args) => globalThis.fetch(...args) : createNodeFetch();
const Headers$1 = globalThis.Headers || s;
const AbortController$1 = globalThis.AbortController || i;
createFetch({ fetch: fetch$1, Headers: Headers$1, AbortController: AbortController$1 });

const storageKeyProperties$1 = [
  "has",
  "hasItem",
  "get",
  "getItem",
  "getItemRaw",
  "set",
  "setItem",
  "setItemRaw",
  "del",
  "remove",
  "removeItem",
  "getMeta",
  "setMeta",
  "removeMeta",
  "getKeys",
  "clear",
  "mount",
  "unmount"
];
const nonItemKeyProperties$1 = /* @__PURE__ */ new Set([
  "getKeys",
  "clear",
  "mount",
  "unmount"
]);
function prefixStorage$1(storage, base) {
  if (base?.includes("?")) {
    throw new Error(`[unstorage] Invalid base: ${JSON.stringify(base)}`);
  }
  base = normalizeBaseKey$1(base);
  if (!base) {
    return storage;
  }
  const itemKey = (key) => {
    if (!normalizeKey$3(key)) {
      throw new Error(`[unstorage] Invalid key: ${JSON.stringify(key)}`);
    }
    return base + key;
  };
  const nsStorage = { ...storage };
  for (const property of storageKeyProperties$1) {
    nsStorage[property] = nonItemKeyProperties$1.has(property) ? (key = "", ...args) => (
      // @ts-ignore
      storage[property](base + key, ...args)
    ) : async (key = "", ...args) => (
      // @ts-ignore
      storage[property](itemKey(key), ...args)
    );
  }
  nsStorage.getKeys = (key = "", ...arguments_) => storage.getKeys(base + key, ...arguments_).then((keys) => keys.map((key2) => key2.slice(base.length)));
  nsStorage.keys = nsStorage.getKeys;
  nsStorage.getItems = async (items, commonOptions) => {
    const prefixedItems = items.map(
      (item) => typeof item === "string" ? itemKey(item) : { ...item, key: itemKey(item.key) }
    );
    const results = await storage.getItems(prefixedItems, commonOptions);
    return results.map((entry) => ({
      key: entry.key.slice(base.length),
      value: entry.value
    }));
  };
  nsStorage.setItems = async (items, commonOptions) => {
    const prefixedItems = items.map((item) => ({
      key: itemKey(item.key),
      value: item.value,
      options: item.options
    }));
    return storage.setItems(prefixedItems, commonOptions);
  };
  return nsStorage;
}
function normalizeKey$3(key) {
  if (!key) {
    return "";
  }
  return key.split("?")[0]?.replace(/[/\\]/g, ":").replace(/:+/g, ":").replace(/^:|:$/g, "") || "";
}
function normalizeBaseKey$1(base) {
  base = normalizeKey$3(base);
  return base ? base + ":" : "";
}

function wrapToPromise(value) {
  if (!value || typeof value.then !== "function") {
    return Promise.resolve(value);
  }
  return value;
}
function asyncCall(function_, ...arguments_) {
  try {
    return wrapToPromise(function_(...arguments_));
  } catch (error) {
    return Promise.reject(error);
  }
}
function isPrimitive(value) {
  const type = typeof value;
  return value === null || type !== "object" && type !== "function";
}
function isPureObject(value) {
  const proto = Object.getPrototypeOf(value);
  return !proto || proto.isPrototypeOf(Object);
}
function stringify(value) {
  if (isPrimitive(value)) {
    return String(value);
  }
  if (isPureObject(value) || Array.isArray(value)) {
    return JSON.stringify(value);
  }
  if (typeof value.toJSON === "function") {
    return stringify(value.toJSON());
  }
  throw new Error("[unstorage] Cannot stringify value!");
}
const BASE64_PREFIX = "base64:";
function serializeRaw(value) {
  if (typeof value === "string") {
    return value;
  }
  return BASE64_PREFIX + base64Encode(value);
}
function deserializeRaw(value) {
  if (typeof value !== "string") {
    return value;
  }
  if (!value.startsWith(BASE64_PREFIX)) {
    return value;
  }
  return base64Decode(value.slice(BASE64_PREFIX.length));
}
function base64Decode(input) {
  if (globalThis.Buffer) {
    return Buffer.from(input, "base64");
  }
  return Uint8Array.from(
    globalThis.atob(input),
    (c) => c.codePointAt(0)
  );
}
function base64Encode(input) {
  if (globalThis.Buffer) {
    return Buffer.from(input).toString("base64");
  }
  return globalThis.btoa(String.fromCodePoint(...input));
}

const storageKeyProperties = [
  "has",
  "hasItem",
  "get",
  "getItem",
  "getItemRaw",
  "set",
  "setItem",
  "setItemRaw",
  "del",
  "remove",
  "removeItem",
  "getMeta",
  "setMeta",
  "removeMeta",
  "getKeys",
  "clear",
  "mount",
  "unmount"
];
const nonItemKeyProperties = /* @__PURE__ */ new Set([
  "getKeys",
  "clear",
  "mount",
  "unmount"
]);
function prefixStorage(storage, base) {
  if (base?.includes("?")) {
    throw new Error(`[unstorage] Invalid base: ${JSON.stringify(base)}`);
  }
  base = normalizeBaseKey(base);
  if (!base) {
    return storage;
  }
  const itemKey = (key) => {
    if (!normalizeKey$2(key)) {
      throw new Error(`[unstorage] Invalid key: ${JSON.stringify(key)}`);
    }
    return base + key;
  };
  const nsStorage = { ...storage };
  for (const property of storageKeyProperties) {
    nsStorage[property] = nonItemKeyProperties.has(property) ? (key = "", ...args) => (
      // @ts-ignore
      storage[property](base + key, ...args)
    ) : async (key = "", ...args) => (
      // @ts-ignore
      storage[property](itemKey(key), ...args)
    );
  }
  nsStorage.getKeys = (key = "", ...arguments_) => storage.getKeys(base + key, ...arguments_).then((keys) => keys.map((key2) => key2.slice(base.length)));
  nsStorage.keys = nsStorage.getKeys;
  nsStorage.getItems = async (items, commonOptions) => {
    const prefixedItems = items.map(
      (item) => typeof item === "string" ? itemKey(item) : { ...item, key: itemKey(item.key) }
    );
    const results = await storage.getItems(prefixedItems, commonOptions);
    return results.map((entry) => ({
      key: entry.key.slice(base.length),
      value: entry.value
    }));
  };
  nsStorage.setItems = async (items, commonOptions) => {
    const prefixedItems = items.map((item) => ({
      key: itemKey(item.key),
      value: item.value,
      options: item.options
    }));
    return storage.setItems(prefixedItems, commonOptions);
  };
  return nsStorage;
}
function normalizeKey$2(key) {
  if (!key) {
    return "";
  }
  return key.split("?")[0]?.replace(/[/\\]/g, ":").replace(/:+/g, ":").replace(/^:|:$/g, "") || "";
}
function hasDotSegment(key) {
  return key.split(":").some((segment) => segment === "." || segment === "..");
}
function joinKeys$1(...keys) {
  return normalizeKey$2(keys.join(":"));
}
function normalizeBaseKey(base) {
  base = normalizeKey$2(base);
  return base ? base + ":" : "";
}
function filterKeyByDepth(key, depth) {
  if (depth === void 0) {
    return true;
  }
  let substrCount = 0;
  let index = key.indexOf(":");
  while (index > -1) {
    substrCount++;
    index = key.indexOf(":", index + 1);
  }
  return substrCount <= depth;
}
function filterKeyByBase(key, base) {
  if (base) {
    return key.startsWith(base) && key[key.length - 1] !== "$";
  }
  return key[key.length - 1] !== "$";
}

function defineDriver$1(factory) {
  return factory;
}

const DRIVER_NAME$1 = "memory";
const memory = defineDriver$1(() => {
  const data = /* @__PURE__ */ new Map();
  return {
    name: DRIVER_NAME$1,
    getInstance: () => data,
    hasItem(key) {
      return data.has(key);
    },
    getItem(key) {
      return data.get(key) ?? null;
    },
    getItemRaw(key) {
      return data.get(key) ?? null;
    },
    setItem(key, value) {
      data.set(key, value);
    },
    setItemRaw(key, value) {
      data.set(key, value);
    },
    removeItem(key) {
      data.delete(key);
    },
    getKeys() {
      return [...data.keys()];
    },
    clear() {
      data.clear();
    },
    dispose() {
      data.clear();
    }
  };
});

function createStorage(options = {}) {
  const context = {
    mounts: { "": options.driver || memory() },
    mountpoints: [""],
    watching: false,
    watchListeners: [],
    unwatch: {}
  };
  const normalizeItemKey = (key) => {
    const normalizedKey = normalizeKey$2(key);
    if (!normalizedKey || hasDotSegment(normalizedKey)) {
      throw new Error(`[unstorage] Invalid key: ${JSON.stringify(key)}`);
    }
    return normalizedKey;
  };
  const normalizeBase = (base) => {
    const normalizedBase = normalizeBaseKey(base);
    if (hasDotSegment(normalizedBase)) {
      throw new Error(`[unstorage] Invalid base: ${JSON.stringify(base)}`);
    }
    return normalizedBase;
  };
  const getMount = (key) => {
    for (const base of context.mountpoints) {
      if (key.startsWith(base)) {
        return {
          base,
          relativeKey: key.slice(base.length),
          driver: context.mounts[base]
        };
      }
    }
    return {
      base: "",
      relativeKey: key,
      driver: context.mounts[""]
    };
  };
  const getMounts = (base, includeParent) => {
    return context.mountpoints.filter(
      (mountpoint) => mountpoint.startsWith(base) || includeParent && base.startsWith(mountpoint)
    ).map((mountpoint) => ({
      relativeBase: base.length > mountpoint.length ? base.slice(mountpoint.length) : void 0,
      mountpoint,
      driver: context.mounts[mountpoint]
    }));
  };
  const onChange = (event, key) => {
    if (!context.watching) {
      return;
    }
    key = normalizeKey$2(key);
    for (const listener of context.watchListeners) {
      listener(event, key);
    }
  };
  const startWatch = async () => {
    if (context.watching) {
      return;
    }
    context.watching = true;
    for (const mountpoint in context.mounts) {
      context.unwatch[mountpoint] = await watch(
        context.mounts[mountpoint],
        onChange,
        mountpoint
      );
    }
  };
  const stopWatch = async () => {
    if (!context.watching) {
      return;
    }
    for (const mountpoint in context.unwatch) {
      await context.unwatch[mountpoint]();
    }
    context.unwatch = {};
    context.watching = false;
  };
  const runBatch = (items, commonOptions, cb) => {
    const batches = /* @__PURE__ */ new Map();
    const getBatch = (mount) => {
      let batch = batches.get(mount.base);
      if (!batch) {
        batch = {
          driver: mount.driver,
          base: mount.base,
          items: []
        };
        batches.set(mount.base, batch);
      }
      return batch;
    };
    for (const item of items) {
      const isStringItem = typeof item === "string";
      const key = normalizeItemKey(isStringItem ? item : item.key);
      const value = isStringItem ? void 0 : item.value;
      const options2 = isStringItem || !item.options ? commonOptions : { ...commonOptions, ...item.options };
      const mount = getMount(key);
      getBatch(mount).items.push({
        key,
        value,
        relativeKey: mount.relativeKey,
        options: options2
      });
    }
    return Promise.all([...batches.values()].map((batch) => cb(batch))).then(
      (r) => r.flat()
    );
  };
  const storage = {
    // Item
    async hasItem(key, opts = {}) {
      key = normalizeItemKey(key);
      const { relativeKey, driver } = getMount(key);
      return asyncCall(driver.hasItem, relativeKey, opts);
    },
    async getItem(key, opts = {}) {
      key = normalizeItemKey(key);
      const { relativeKey, driver } = getMount(key);
      return asyncCall(driver.getItem, relativeKey, opts).then(
        (value) => destr(value)
      );
    },
    async getItems(items, commonOptions = {}) {
      return runBatch(items, commonOptions, (batch) => {
        if (batch.driver.getItems) {
          return asyncCall(
            batch.driver.getItems,
            batch.items.map((item) => ({
              key: item.relativeKey,
              options: item.options
            })),
            commonOptions
          ).then(
            (r) => r.map((item) => ({
              key: joinKeys$1(batch.base, item.key),
              value: destr(item.value)
            }))
          );
        }
        return Promise.all(
          batch.items.map((item) => {
            return asyncCall(
              batch.driver.getItem,
              item.relativeKey,
              item.options
            ).then((value) => ({
              key: item.key,
              value: destr(value)
            }));
          })
        );
      });
    },
    async getItemRaw(key, opts = {}) {
      key = normalizeItemKey(key);
      const { relativeKey, driver } = getMount(key);
      if (driver.getItemRaw) {
        return asyncCall(driver.getItemRaw, relativeKey, opts);
      }
      return asyncCall(driver.getItem, relativeKey, opts).then(
        (value) => deserializeRaw(value)
      );
    },
    async setItem(key, value, opts = {}) {
      if (value === void 0) {
        return storage.removeItem(key);
      }
      key = normalizeItemKey(key);
      const { relativeKey, driver } = getMount(key);
      if (!driver.setItem) {
        return;
      }
      await asyncCall(driver.setItem, relativeKey, stringify(value), opts);
      if (!driver.watch) {
        onChange("update", key);
      }
    },
    async setItems(items, commonOptions) {
      await runBatch(items, commonOptions, async (batch) => {
        if (batch.driver.setItems) {
          return asyncCall(
            batch.driver.setItems,
            batch.items.map((item) => ({
              key: item.relativeKey,
              value: stringify(item.value),
              options: item.options
            })),
            commonOptions
          );
        }
        if (!batch.driver.setItem) {
          return;
        }
        await Promise.all(
          batch.items.map((item) => {
            return asyncCall(
              batch.driver.setItem,
              item.relativeKey,
              stringify(item.value),
              item.options
            );
          })
        );
      });
    },
    async setItemRaw(key, value, opts = {}) {
      if (value === void 0) {
        return storage.removeItem(key, opts);
      }
      key = normalizeItemKey(key);
      const { relativeKey, driver } = getMount(key);
      if (driver.setItemRaw) {
        await asyncCall(driver.setItemRaw, relativeKey, value, opts);
      } else if (driver.setItem) {
        await asyncCall(driver.setItem, relativeKey, serializeRaw(value), opts);
      } else {
        return;
      }
      if (!driver.watch) {
        onChange("update", key);
      }
    },
    async removeItem(key, opts = {}) {
      if (typeof opts === "boolean") {
        opts = { removeMeta: opts };
      }
      key = normalizeItemKey(key);
      const { relativeKey, driver } = getMount(key);
      if (!driver.removeItem) {
        return;
      }
      await asyncCall(driver.removeItem, relativeKey, opts);
      if (opts.removeMeta || opts.removeMata) {
        await asyncCall(driver.removeItem, relativeKey + "$", opts);
      }
      if (!driver.watch) {
        onChange("remove", key);
      }
    },
    // Meta
    async getMeta(key, opts = {}) {
      if (typeof opts === "boolean") {
        opts = { nativeOnly: opts };
      }
      key = normalizeItemKey(key);
      const { relativeKey, driver } = getMount(key);
      const meta = /* @__PURE__ */ Object.create(null);
      if (driver.getMeta) {
        Object.assign(meta, await asyncCall(driver.getMeta, relativeKey, opts));
      }
      if (!opts.nativeOnly) {
        const value = await asyncCall(
          driver.getItem,
          relativeKey + "$",
          opts
        ).then((value_) => destr(value_));
        if (value && typeof value === "object") {
          if (typeof value.atime === "string") {
            value.atime = new Date(value.atime);
          }
          if (typeof value.mtime === "string") {
            value.mtime = new Date(value.mtime);
          }
          Object.assign(meta, value);
        }
      }
      return meta;
    },
    async setMeta(key, value, opts = {}) {
      return this.setItem(normalizeItemKey(key) + "$", value, opts);
    },
    async removeMeta(key, opts = {}) {
      return this.removeItem(normalizeItemKey(key) + "$", opts);
    },
    // Keys
    async getKeys(base, opts = {}) {
      base = normalizeBase(base);
      const mounts = getMounts(base, true);
      let maskedMounts = [];
      const allKeys = [];
      let allMountsSupportMaxDepth = true;
      for (const mount of mounts) {
        if (!mount.driver.flags?.maxDepth) {
          allMountsSupportMaxDepth = false;
        }
        const rawKeys = await asyncCall(
          mount.driver.getKeys,
          mount.relativeBase,
          opts
        );
        for (const key of rawKeys) {
          const fullKey = mount.mountpoint + normalizeKey$2(key);
          if (!maskedMounts.some((p) => fullKey.startsWith(p))) {
            allKeys.push(fullKey);
          }
        }
        maskedMounts = [
          mount.mountpoint,
          ...maskedMounts.filter((p) => !p.startsWith(mount.mountpoint))
        ];
      }
      const shouldFilterByDepth = opts.maxDepth !== void 0 && !allMountsSupportMaxDepth;
      return allKeys.filter(
        (key) => (!shouldFilterByDepth || filterKeyByDepth(key, opts.maxDepth)) && filterKeyByBase(key, base)
      );
    },
    // Utils
    async clear(base, opts = {}) {
      base = normalizeBase(base);
      await Promise.all(
        getMounts(base, false).map(async (m) => {
          if (m.driver.clear) {
            return asyncCall(m.driver.clear, m.relativeBase, opts);
          }
          if (m.driver.removeItem) {
            const keys = await m.driver.getKeys(m.relativeBase || "", opts);
            return Promise.all(
              keys.map((key) => m.driver.removeItem(key, opts))
            );
          }
        })
      );
    },
    async dispose() {
      await Promise.all(
        Object.values(context.mounts).map((driver) => dispose(driver))
      );
    },
    async watch(callback) {
      await startWatch();
      context.watchListeners.push(callback);
      return async () => {
        context.watchListeners = context.watchListeners.filter(
          (listener) => listener !== callback
        );
        if (context.watchListeners.length === 0) {
          await stopWatch();
        }
      };
    },
    async unwatch() {
      context.watchListeners = [];
      await stopWatch();
    },
    // Mount
    mount(base, driver) {
      base = normalizeBase(base);
      if (base && context.mounts[base]) {
        throw new Error(`already mounted at ${base}`);
      }
      if (base) {
        context.mountpoints.push(base);
        context.mountpoints.sort((a, b) => b.length - a.length);
      }
      context.mounts[base] = driver;
      if (context.watching) {
        Promise.resolve(watch(driver, onChange, base)).then((unwatcher) => {
          context.unwatch[base] = unwatcher;
        }).catch(console.error);
      }
      return storage;
    },
    async unmount(base, _dispose = true) {
      base = normalizeBaseKey(base);
      if (!base || !context.mounts[base]) {
        return;
      }
      if (context.watching && base in context.unwatch) {
        context.unwatch[base]?.();
        delete context.unwatch[base];
      }
      if (_dispose) {
        await dispose(context.mounts[base]);
      }
      context.mountpoints = context.mountpoints.filter((key) => key !== base);
      delete context.mounts[base];
    },
    getMount(key = "") {
      key = normalizeKey$2(key) + ":";
      const m = getMount(key);
      return {
        driver: m.driver,
        base: m.base
      };
    },
    getMounts(base = "", opts = {}) {
      base = normalizeKey$2(base);
      const mounts = getMounts(base, opts.parents);
      return mounts.map((m) => ({
        driver: m.driver,
        base: m.mountpoint
      }));
    },
    // Aliases
    keys: (base, opts = {}) => storage.getKeys(base, opts),
    get: (key, opts = {}) => storage.getItem(key, opts),
    set: (key, value, opts = {}) => storage.setItem(key, value, opts),
    has: (key, opts = {}) => storage.hasItem(key, opts),
    del: (key, opts = {}) => storage.removeItem(key, opts),
    remove: (key, opts = {}) => storage.removeItem(key, opts)
  };
  return storage;
}
function watch(driver, onChange, base) {
  return driver.watch ? driver.watch((event, key) => onChange(event, base + key)) : () => {
  };
}
async function dispose(driver) {
  if (typeof driver.dispose === "function") {
    await asyncCall(driver.dispose);
  }
}

const _assets = {

};

const normalizeKey$1 = function normalizeKey(key) {
  if (!key) {
    return "";
  }
  return key.split("?")[0]?.replace(/[/\\]/g, ":").replace(/:+/g, ":").replace(/^:|:$/g, "") || "";
};

const assets$1 = {
  getKeys() {
    return Promise.resolve(Object.keys(_assets))
  },
  hasItem (id) {
    id = normalizeKey$1(id);
    return Promise.resolve(id in _assets)
  },
  getItem (id) {
    id = normalizeKey$1(id);
    return Promise.resolve(_assets[id] ? _assets[id].import() : null)
  },
  getMeta (id) {
    id = normalizeKey$1(id);
    return Promise.resolve(_assets[id] ? _assets[id].meta : {})
  }
};

function defineDriver(factory) {
  return factory;
}
function normalizeKey(key, sep = ":") {
  if (!key) {
    return "";
  }
  return key.replace(/[:/\\]/g, sep).replace(/^[:/\\]|[:/\\]$/g, "");
}
function joinKeys(...keys) {
  return keys.map((key) => normalizeKey(key)).filter(Boolean).join(":");
}
function escapeRedisGlob(pattern) {
  return pattern.replace(/[*?[\]\\]/g, String.raw`\$&`);
}
function createError(driver, message, opts) {
  const err = new Error(`[unstorage] [${driver}] ${message}`, opts);
  if (Error.captureStackTrace) {
    Error.captureStackTrace(err, createError);
  }
  return err;
}
function createRequiredError(driver, name) {
  if (Array.isArray(name)) {
    return createError(
      driver,
      `Missing some of the required options ${name.map((n) => "`" + n + "`").join(", ")}`
    );
  }
  return createError(driver, `Missing required option \`${name}\`.`);
}

function ignoreNotfound(err) {
  return err.code === "ENOENT" || err.code === "EISDIR" ? null : err;
}
function ignoreExists(err) {
  return err.code === "EEXIST" ? null : err;
}
async function writeFile(path, data, encoding) {
  await ensuredir(dirname$1(path));
  return promises.writeFile(path, data, encoding);
}
function readFile(path, encoding) {
  return promises.readFile(path, encoding ?? null).catch(ignoreNotfound);
}
function unlink$1(path) {
  return promises.unlink(path).catch(ignoreNotfound);
}
function readdir(dir) {
  return promises.readdir(dir, { withFileTypes: true }).catch(ignoreNotfound).then((r) => r || []);
}
async function ensuredir(dir) {
  if (existsSync(dir)) {
    return;
  }
  await ensuredir(dirname$1(dir)).catch(ignoreExists);
  await promises.mkdir(dir).catch(ignoreExists);
}
async function readdirRecursive(dir, ignore, maxDepth) {
  if (ignore && ignore(dir)) {
    return [];
  }
  const entries = await readdir(dir);
  const files = [];
  await Promise.all(
    entries.map(async (entry) => {
      const entryPath = resolve$1(dir, entry.name);
      if (entry.isDirectory()) {
        if (maxDepth === void 0 || maxDepth > 0) {
          const dirFiles = await readdirRecursive(
            entryPath,
            ignore,
            maxDepth === void 0 ? void 0 : maxDepth - 1
          );
          files.push(...dirFiles.map((f) => entry.name + "/" + f));
        }
      } else {
        if (!(ignore && ignore(entry.name))) {
          files.push(entry.name);
        }
      }
    })
  );
  return files;
}
async function rmRecursive(dir) {
  const entries = await readdir(dir);
  await Promise.all(
    entries.map((entry) => {
      const entryPath = resolve$1(dir, entry.name);
      if (entry.isDirectory()) {
        return rmRecursive(entryPath).then(() => promises.rmdir(entryPath));
      } else {
        return promises.unlink(entryPath);
      }
    })
  );
}

const PATH_TRAVERSE_RE = /\.\.:|\.\.$/;
const DRIVER_NAME = "fs-lite";
const unstorage_47drivers_47fs_45lite = defineDriver((opts = {}) => {
  if (!opts.base) {
    throw createRequiredError(DRIVER_NAME, "base");
  }
  opts.base = resolve$1(opts.base);
  const r = (key) => {
    if (PATH_TRAVERSE_RE.test(key)) {
      throw createError(
        DRIVER_NAME,
        `Invalid key: ${JSON.stringify(key)}. It should not contain .. segments`
      );
    }
    const resolved = join$1(opts.base, key.replace(/:/g, "/"));
    return resolved;
  };
  return {
    name: DRIVER_NAME,
    options: opts,
    flags: {
      maxDepth: true
    },
    hasItem(key) {
      return existsSync(r(key));
    },
    getItem(key) {
      return readFile(r(key), "utf8");
    },
    getItemRaw(key) {
      return readFile(r(key));
    },
    async getMeta(key) {
      const { atime, mtime, size, birthtime, ctime } = await promises.stat(r(key)).catch(() => ({}));
      return { atime, mtime, size, birthtime, ctime };
    },
    setItem(key, value) {
      if (opts.readOnly) {
        return;
      }
      return writeFile(r(key), value, "utf8");
    },
    setItemRaw(key, value) {
      if (opts.readOnly) {
        return;
      }
      return writeFile(r(key), value);
    },
    removeItem(key) {
      if (opts.readOnly) {
        return;
      }
      return unlink$1(r(key));
    },
    getKeys(_base, topts) {
      return readdirRecursive(r("."), opts.ignore, topts?.maxDepth);
    },
    async clear() {
      if (opts.readOnly || opts.noClear) {
        return;
      }
      await rmRecursive(r("."));
    }
  };
});

const storage = createStorage({});

storage.mount('/assets', assets$1);

storage.mount('data', unstorage_47drivers_47fs_45lite({"driver":"fsLite","base":"./.data/kv"}));

function useStorage(base = "") {
  return base ? prefixStorage$1(storage, base) : storage;
}

const fastHash = /*@__PURE__*/ (() => globalThis.process?.getBuiltinModule?.("crypto")?.hash)();
const algorithm = "sha256";
const encoding = "base64url";
function digest(data) {
	if (fastHash) return fastHash(algorithm, data, encoding);
	const h = createHash(algorithm).update(data);
	return globalThis.process?.versions?.webcontainer ? h.digest().toString(encoding) : h.digest(encoding);
}

const Hasher = /* @__PURE__ */ (() => {
  class Hasher2 {
    buff = "";
    #context = /* @__PURE__ */ new Map();
    write(str) {
      this.buff += str;
    }
    dispatch(value) {
      const type = value === null ? "null" : typeof value;
      return this[type](value);
    }
    object(object) {
      if (object && typeof object.toJSON === "function") {
        return this.object(object.toJSON());
      }
      const objString = Object.prototype.toString.call(object);
      let objType = "";
      const objectLength = objString.length;
      objType = objectLength < 10 ? "unknown:[" + objString + "]" : objString.slice(8, objectLength - 1);
      objType = objType.toLowerCase();
      let objectNumber = null;
      if ((objectNumber = this.#context.get(object)) === void 0) {
        this.#context.set(object, this.#context.size);
      } else {
        return this.dispatch("[CIRCULAR:" + objectNumber + "]");
      }
      if (typeof Buffer !== "undefined" && Buffer.isBuffer && Buffer.isBuffer(object)) {
        this.write("buffer:");
        return this.write(object.toString("utf8"));
      }
      if (objType !== "object" && objType !== "function" && objType !== "asyncfunction") {
        if (this[objType]) {
          this[objType](object);
        } else {
          this.unknown(object, objType);
        }
      } else {
        const keys = Object.keys(object).sort();
        const extraKeys = [];
        this.write("object:" + (keys.length + extraKeys.length) + ":");
        const dispatchForKey = (key) => {
          this.dispatch(key);
          this.write(":");
          this.dispatch(object[key]);
          this.write(",");
        };
        for (const key of keys) {
          dispatchForKey(key);
        }
        for (const key of extraKeys) {
          dispatchForKey(key);
        }
      }
    }
    array(arr, unordered) {
      unordered = unordered === void 0 ? false : unordered;
      this.write("array:" + arr.length + ":");
      if (!unordered || arr.length <= 1) {
        for (const entry of arr) {
          this.dispatch(entry);
        }
        return;
      }
      const contextAdditions = /* @__PURE__ */ new Map();
      const entries = arr.map((entry) => {
        const hasher = new Hasher2();
        hasher.dispatch(entry);
        for (const [key, value] of hasher.#context) {
          contextAdditions.set(key, value);
        }
        return hasher.toString();
      });
      this.#context = contextAdditions;
      entries.sort();
      return this.array(entries, false);
    }
    date(date) {
      return this.write("date:" + date.toJSON());
    }
    symbol(sym) {
      return this.write("symbol:" + sym.toString());
    }
    unknown(value, type) {
      this.write(type);
      if (!value) {
        return;
      }
      this.write(":");
      if (value && typeof value.entries === "function") {
        return this.array(
          [...value.entries()],
          true
          /* ordered */
        );
      }
    }
    error(err) {
      return this.write("error:" + err.toString());
    }
    boolean(bool) {
      return this.write("bool:" + bool);
    }
    string(string) {
      this.write("string:" + string.length + ":");
      this.write(string);
    }
    function(fn) {
      this.write("fn:");
      if (isNativeFunction(fn)) {
        this.dispatch("[native]");
      } else {
        this.dispatch(fn.toString());
      }
    }
    number(number) {
      return this.write("number:" + number);
    }
    null() {
      return this.write("Null");
    }
    undefined() {
      return this.write("Undefined");
    }
    regexp(regex) {
      return this.write("regex:" + regex.toString());
    }
    arraybuffer(arr) {
      this.write("arraybuffer:");
      return this.dispatch(new Uint8Array(arr));
    }
    url(url) {
      return this.write("url:" + url.toString());
    }
    map(map) {
      this.write("map:");
      const arr = [...map];
      return this.array(arr, false);
    }
    set(set) {
      this.write("set:");
      const arr = [...set];
      return this.array(arr, false);
    }
    bigint(number) {
      return this.write("bigint:" + number.toString());
    }
  }
  for (const type of [
    "uint8array",
    "uint8clampedarray",
    "unt8array",
    "uint16array",
    "unt16array",
    "uint32array",
    "unt32array",
    "float32array",
    "float64array"
  ]) {
    Hasher2.prototype[type] = function(arr) {
      this.write(type + ":");
      return this.array([...arr], false);
    };
  }
  function isNativeFunction(f) {
    if (typeof f !== "function") {
      return false;
    }
    return Function.prototype.toString.call(f).slice(
      -15
      /* "[native code] }".length */
    ) === "[native code] }";
  }
  return Hasher2;
})();
function serialize(object) {
  const hasher = new Hasher();
  hasher.dispatch(object);
  return hasher.buff;
}
function hash$1(value) {
  return digest(typeof value === "string" ? value : serialize(value)).replace(/[-_]/g, "").slice(0, 10);
}

function defaultCacheOptions() {
  return {
    name: "_",
    base: "/cache",
    swr: true,
    maxAge: 1
  };
}
function defineCachedFunction(fn, opts = {}) {
  opts = { ...defaultCacheOptions(), ...opts };
  const pending = {};
  const group = opts.group || "nitro/functions";
  const name = opts.name || fn.name || "_";
  const integrity = opts.integrity || hash$1([fn, opts]);
  const validate = opts.validate || ((entry) => entry.value !== void 0);
  async function get(key, resolver, shouldInvalidateCache, event) {
    const cacheKey = [opts.base, group, name, key + ".json"].filter(Boolean).join(":").replace(/:\/$/, ":index");
    let entry = await useStorage().getItem(cacheKey).catch((error) => {
      console.error(`[cache] Cache read error.`, error);
      useNitroApp().captureError(error, { event, tags: ["cache"] });
    }) || {};
    if (typeof entry !== "object") {
      entry = {};
      const error = new Error("Malformed data read from cache.");
      console.error("[cache]", error);
      useNitroApp().captureError(error, { event, tags: ["cache"] });
    }
    const ttl = (opts.maxAge ?? 0) * 1e3;
    if (ttl) {
      entry.expires = Date.now() + ttl;
    }
    const expired = shouldInvalidateCache || entry.integrity !== integrity || ttl && Date.now() - (entry.mtime || 0) > ttl || validate(entry) === false;
    const _resolve = async () => {
      const isPending = pending[key];
      if (!isPending) {
        if (entry.value !== void 0 && (opts.staleMaxAge || 0) >= 0 && opts.swr === false) {
          entry.value = void 0;
          entry.integrity = void 0;
          entry.mtime = void 0;
          entry.expires = void 0;
        }
        pending[key] = Promise.resolve(resolver());
      }
      try {
        entry.value = await pending[key];
      } catch (error) {
        if (!isPending) {
          delete pending[key];
        }
        throw error;
      }
      if (!isPending) {
        entry.mtime = Date.now();
        entry.integrity = integrity;
        delete pending[key];
        if (validate(entry) !== false) {
          let setOpts;
          if (opts.maxAge && !opts.swr) {
            setOpts = { ttl: opts.maxAge };
          }
          const promise = useStorage().setItem(cacheKey, entry, setOpts).catch((error) => {
            console.error(`[cache] Cache write error.`, error);
            useNitroApp().captureError(error, { event, tags: ["cache"] });
          });
          if (event?.waitUntil) {
            event.waitUntil(promise);
          }
        } else if (opts._removeStaleOnInvalid?.(entry)) {
          const promise = useStorage().removeItem(cacheKey).catch((error) => {
            console.error(`[cache] Cache remove error.`, error);
            useNitroApp().captureError(error, { event, tags: ["cache"] });
          });
          if (event?.waitUntil) {
            event.waitUntil(promise);
          }
        }
      }
    };
    const _resolvePromise = expired ? _resolve() : Promise.resolve();
    if (entry.value === void 0) {
      await _resolvePromise;
    } else if (expired && event && event.waitUntil) {
      event.waitUntil(_resolvePromise);
    }
    if (opts.swr && validate(entry) !== false) {
      _resolvePromise.catch((error) => {
        console.error(`[cache] SWR handler error.`, error);
        useNitroApp().captureError(error, { event, tags: ["cache"] });
      });
      return entry;
    }
    return _resolvePromise.then(() => entry);
  }
  return async (...args) => {
    const shouldBypassCache = await opts.shouldBypassCache?.(...args);
    if (shouldBypassCache) {
      return fn(...args);
    }
    const key = await (opts.getKey || getKey)(...args);
    const shouldInvalidateCache = await opts.shouldInvalidateCache?.(...args);
    const entry = await get(
      key,
      () => fn(...args),
      shouldInvalidateCache,
      args[0] && isEvent(args[0]) ? args[0] : void 0
    );
    let value = entry.value;
    if (opts.transform) {
      value = await opts.transform(entry, ...args) || value;
    }
    return value;
  };
}
function cachedFunction(fn, opts = {}) {
  return defineCachedFunction(fn, opts);
}
function getKey(...args) {
  return args.length > 0 ? hash$1(args) : "";
}
function escapeKey(key) {
  return String(key).replace(/\W/g, "");
}
function defineCachedEventHandler(handler, opts = defaultCacheOptions()) {
  const variableHeaderNames = (opts.varies || []).filter(Boolean).map((h) => h.toLowerCase()).sort();
  const _opts = {
    ...opts,
    getKey: async (event) => {
      const _methodSuffix = event.method === "HEAD" ? ":HEAD" : "";
      const customKey = await opts.getKey?.(event);
      if (customKey) {
        return escapeKey(customKey) + _methodSuffix;
      }
      const _path = event.node.req.originalUrl || event.node.req.url || event.path;
      let _pathname;
      try {
        _pathname = escapeKey(decodeURI(parseURL(_path).pathname)).slice(0, 16) || "index";
      } catch {
        _pathname = "-";
      }
      const _hashedPath = `${_pathname}.${hash$1(_path)}`;
      const _headers = variableHeaderNames.map((header) => [header, event.node.req.headers[header]]).map(([name, value]) => `${escapeKey(name)}.${hash$1(value)}`);
      return [_hashedPath, ..._headers].join(":") + _methodSuffix;
    },
    validate: (entry) => {
      if (!entry.value) {
        return false;
      }
      if (entry.value.code >= 400) {
        return false;
      }
      if (entry.value.body === void 0) {
        return false;
      }
      if (entry.value.headers.etag === "undefined" || entry.value.headers["last-modified"] === "undefined") {
        return false;
      }
      if (!isCacheableResponse(entry.value.headers, variableHeaderNames)) {
        return false;
      }
      return true;
    },
    _removeStaleOnInvalid: (entry) => !!entry.value && !isCacheableResponse(entry.value.headers, variableHeaderNames),
    group: opts.group || "nitro/handlers",
    integrity: opts.integrity || hash$1([handler, opts])
  };
  const _resolveResponse = async (incomingEvent) => {
    const variableHeaders = {};
    for (const header of variableHeaderNames) {
      const value = incomingEvent.node.req.headers[header];
      if (value !== void 0) {
        variableHeaders[header] = value;
      }
    }
    const reqProxy = cloneWithProxy(incomingEvent.node.req, {
      headers: variableHeaders
    });
    const resHeaders = {};
    let _resSendBody;
    const resProxy = cloneWithProxy(incomingEvent.node.res, {
      statusCode: 200,
      writableEnded: false,
      writableFinished: false,
      headersSent: false,
      closed: false,
      getHeader(name) {
        return resHeaders[name];
      },
      setHeader(name, value) {
        resHeaders[name] = value;
        return this;
      },
      getHeaderNames() {
        return Object.keys(resHeaders);
      },
      hasHeader(name) {
        return name in resHeaders;
      },
      removeHeader(name) {
        delete resHeaders[name];
      },
      appendHeader(name, value) {
        const values = [resHeaders[name], value].flat().filter((v) => v !== void 0).map(String);
        resHeaders[name] = values.length === 1 ? values[0] : values;
        return this;
      },
      getHeaders() {
        return resHeaders;
      },
      end(chunk, arg2, arg3) {
        if (typeof chunk === "string") {
          _resSendBody = chunk;
        }
        if (typeof arg2 === "function") {
          arg2();
        }
        if (typeof arg3 === "function") {
          arg3();
        }
        return this;
      },
      write(chunk, arg2, arg3) {
        if (typeof chunk === "string") {
          _resSendBody = chunk;
        }
        if (typeof arg2 === "function") {
          arg2(void 0);
        }
        if (typeof arg3 === "function") {
          arg3();
        }
        return true;
      },
      writeHead(statusCode, headers2) {
        this.statusCode = statusCode;
        if (headers2) {
          if (Array.isArray(headers2) || typeof headers2 === "string") {
            throw new TypeError("Raw headers  is not supported.");
          }
          for (const header in headers2) {
            const value = headers2[header];
            if (value !== void 0) {
              this.setHeader(header, value);
            }
          }
        }
        return this;
      }
    });
    const event = createEvent(reqProxy, resProxy);
    event._path = incomingEvent._path;
    event.fetch = (url, fetchOptions) => fetchWithEvent(event, url, fetchOptions, {
      fetch: useNitroApp().localFetch
    });
    event.$fetch = (url, fetchOptions) => fetchWithEvent(event, url, fetchOptions, {
      fetch: globalThis.$fetch
    });
    event.waitUntil = incomingEvent.waitUntil;
    event.context = incomingEvent.context;
    event.context.cache = {
      options: _opts
    };
    const body = await handler(event) || _resSendBody;
    const headers = event.node.res.getHeaders();
    headers.etag = String(headers.Etag || headers.etag || `W/"${hash$1(body)}"`);
    headers["last-modified"] = String(
      headers["Last-Modified"] || headers["last-modified"] || (/* @__PURE__ */ new Date()).toUTCString()
    );
    const cacheControl = [];
    if (!isCacheableResponse(headers, variableHeaderNames)) ; else if (opts.swr) {
      if (opts.maxAge) {
        cacheControl.push(`s-maxage=${opts.maxAge}`);
      }
      if (opts.staleMaxAge) {
        cacheControl.push(`stale-while-revalidate=${opts.staleMaxAge}`);
      } else {
        cacheControl.push("stale-while-revalidate");
      }
    } else if (opts.maxAge) {
      cacheControl.push(`max-age=${opts.maxAge}`);
    }
    if (cacheControl.length > 0) {
      headers["cache-control"] = cacheControl.join(", ");
    }
    const cacheEntry = {
      code: event.node.res.statusCode,
      headers,
      body
    };
    responseOrigins.set(cacheEntry, incomingEvent);
    return cacheEntry;
  };
  const _cachedHandler = cachedFunction(
    // Anonymous wrapper keeps the default cache name (`fn.name` fallback) unchanged
    (event) => _resolveResponse(event),
    _opts
  );
  return defineEventHandler(async (event) => {
    if (event.method !== "GET" && event.method !== "HEAD" || event.node.req.headers.range !== void 0) {
      return handler(event);
    }
    if (opts.headersOnly) {
      if (handleCacheHeaders(event, { maxAge: opts.maxAge })) {
        return;
      }
      return handler(event);
    }
    let response = await _cachedHandler(
      event
    );
    let isCacheable = isCacheableResponse(
      response.headers,
      variableHeaderNames
    );
    if (!isCacheable && responseOrigins.get(response) !== event) {
      response = await _resolveResponse(event);
      isCacheable = isCacheableResponse(response.headers, variableHeaderNames);
    }
    if (event.node.res.headersSent || event.node.res.writableEnded) {
      return response.body;
    }
    const isOrigin = responseOrigins.get(response) === event;
    if (isCacheable && handleCacheHeaders(event, {
      modifiedTime: new Date(response.headers["last-modified"]),
      etag: response.headers.etag,
      maxAge: opts.maxAge
    })) {
      return;
    }
    event.node.res.statusCode = response.code;
    for (const name in response.headers) {
      const value = response.headers[name];
      if (name.toLowerCase() === "set-cookie") {
        if (isOrigin && value !== void 0) {
          event.node.res.appendHeader(
            name,
            splitCookiesString(value)
          );
        }
      } else {
        if (value !== void 0) {
          event.node.res.setHeader(name, value);
        }
      }
    }
    return response.body;
  });
}
const responseOrigins = /* @__PURE__ */ new WeakMap();
function getHeaderValue(headers, name) {
  const values = [];
  for (const key in headers) {
    if (key.toLowerCase() === name) {
      const value = headers[key];
      if (value !== void 0) {
        values.push(Array.isArray(value) ? value.join(", ") : String(value));
      }
    }
  }
  return values.length > 0 ? values.join(", ") : void 0;
}
const VARY_IGNORED_HEADERS = /* @__PURE__ */ new Set(["accept-encoding"]);
function isCacheableResponse(headers, variableHeaderNames) {
  if (getHeaderValue(headers, "set-cookie") !== void 0) {
    return false;
  }
  const cacheControl = getHeaderValue(headers, "cache-control");
  if (cacheControl && /(?:^|[\s,])(?:private|no-store|no-cache)(?:$|[\s,=])/i.test(cacheControl)) {
    return false;
  }
  const vary = getHeaderValue(headers, "vary");
  if (vary) {
    for (const _name of vary.split(",")) {
      const name = _name.trim().toLowerCase();
      if (!name || VARY_IGNORED_HEADERS.has(name)) {
        continue;
      }
      if (name === "*" || !variableHeaderNames.includes(name)) {
        return false;
      }
    }
  }
  return true;
}
function cloneWithProxy(obj, overrides) {
  return new Proxy(obj, {
    get(target, property, receiver) {
      if (property in overrides) {
        return overrides[property];
      }
      return Reflect.get(target, property, receiver);
    },
    set(target, property, value, receiver) {
      if (property in overrides) {
        overrides[property] = value;
        return true;
      }
      return Reflect.set(target, property, value, receiver);
    }
  });
}
const cachedEventHandler = defineCachedEventHandler;

function klona(x) {
	if (typeof x !== 'object') return x;

	var k, tmp, str=Object.prototype.toString.call(x);

	if (str === '[object Object]') {
		if (x.constructor !== Object && typeof x.constructor === 'function') {
			tmp = new x.constructor();
			for (k in x) {
				if (x.hasOwnProperty(k) && tmp[k] !== x[k]) {
					tmp[k] = klona(x[k]);
				}
			}
		} else {
			tmp = {}; // null
			for (k in x) {
				if (k === '__proto__') {
					Object.defineProperty(tmp, k, {
						value: klona(x[k]),
						configurable: true,
						enumerable: true,
						writable: true,
					});
				} else {
					tmp[k] = klona(x[k]);
				}
			}
		}
		return tmp;
	}

	if (str === '[object Array]') {
		k = x.length;
		for (tmp=Array(k); k--;) {
			tmp[k] = klona(x[k]);
		}
		return tmp;
	}

	if (str === '[object Set]') {
		tmp = new Set;
		x.forEach(function (val) {
			tmp.add(klona(val));
		});
		return tmp;
	}

	if (str === '[object Map]') {
		tmp = new Map;
		x.forEach(function (val, key) {
			tmp.set(klona(key), klona(val));
		});
		return tmp;
	}

	if (str === '[object Date]') {
		return new Date(+x);
	}

	if (str === '[object RegExp]') {
		tmp = new RegExp(x.source, x.flags);
		tmp.lastIndex = x.lastIndex;
		return tmp;
	}

	if (str === '[object DataView]') {
		return new x.constructor( klona(x.buffer) );
	}

	if (str === '[object ArrayBuffer]') {
		return x.slice(0);
	}

	// ArrayBuffer.isView(x)
	// ~> `new` bcuz `Buffer.slice` => ref
	if (str.slice(-6) === 'Array]') {
		return new x.constructor(x);
	}

	return x;
}

const inlineAppConfig = {};



const appConfig = defuFn(inlineAppConfig);

const NUMBER_CHAR_RE = /\d/;
const STR_SPLITTERS = ["-", "_", "/", "."];
function isUppercase(char = "") {
  if (NUMBER_CHAR_RE.test(char)) {
    return void 0;
  }
  return char !== char.toLowerCase();
}
function splitByCase(str, separators) {
  const splitters = STR_SPLITTERS;
  const parts = [];
  if (!str || typeof str !== "string") {
    return parts;
  }
  let buff = "";
  let previousUpper;
  let previousSplitter;
  for (const char of str) {
    const isSplitter = splitters.includes(char);
    if (isSplitter === true) {
      parts.push(buff);
      buff = "";
      previousUpper = void 0;
      continue;
    }
    const isUpper = isUppercase(char);
    if (previousSplitter === false) {
      if (previousUpper === false && isUpper === true) {
        parts.push(buff);
        buff = char;
        previousUpper = isUpper;
        continue;
      }
      if (previousUpper === true && isUpper === false && buff.length > 1) {
        const lastChar = buff.at(-1);
        parts.push(buff.slice(0, Math.max(0, buff.length - 1)));
        buff = lastChar + char;
        previousUpper = isUpper;
        continue;
      }
    }
    buff += char;
    previousUpper = isUpper;
    previousSplitter = isSplitter;
  }
  parts.push(buff);
  return parts;
}
function kebabCase(str, joiner) {
  return str ? (Array.isArray(str) ? str : splitByCase(str)).map((p) => p.toLowerCase()).join(joiner) : "";
}
function snakeCase(str) {
  return kebabCase(str || "", "_");
}

function getEnv(key, opts) {
  const envKey = snakeCase(key).toUpperCase();
  return destr(
    process.env[opts.prefix + envKey] ?? process.env[opts.altPrefix + envKey]
  );
}
function _isObject(input) {
  return typeof input === "object" && !Array.isArray(input);
}
function applyEnv(obj, opts, parentKey = "") {
  for (const key in obj) {
    const subKey = parentKey ? `${parentKey}_${key}` : key;
    const envValue = getEnv(subKey, opts);
    if (_isObject(obj[key])) {
      if (_isObject(envValue)) {
        obj[key] = { ...obj[key], ...envValue };
        applyEnv(obj[key], opts, subKey);
      } else if (envValue === void 0) {
        applyEnv(obj[key], opts, subKey);
      } else {
        obj[key] = envValue ?? obj[key];
      }
    } else {
      obj[key] = envValue ?? obj[key];
    }
    if (opts.envExpansion && typeof obj[key] === "string") {
      obj[key] = _expandFromEnv(obj[key]);
    }
  }
  return obj;
}
const envExpandRx = /\{\{([^{}]*)\}\}/g;
function _expandFromEnv(value) {
  return value.replace(envExpandRx, (match, key) => {
    return process.env[key] || match;
  });
}

const _inlineRuntimeConfig = {
  "app": {
    "baseURL": "/"
  },
  "nitro": {
    "routeRules": {
      "/_nuxt/**": {
        "headers": {
          "cache-control": "public, max-age=31536000, immutable"
        }
      }
    }
  }
};
const envOptions = {
  prefix: "NITRO_",
  altPrefix: _inlineRuntimeConfig.nitro.envPrefix ?? process.env.NITRO_ENV_PREFIX ?? "_",
  envExpansion: _inlineRuntimeConfig.nitro.envExpansion ?? process.env.NITRO_ENV_EXPANSION ?? false
};
const _sharedRuntimeConfig = _deepFreeze(
  applyEnv(klona(_inlineRuntimeConfig), envOptions)
);
function useRuntimeConfig(event) {
  {
    return _sharedRuntimeConfig;
  }
}
_deepFreeze(klona(appConfig));
function _deepFreeze(object) {
  const propNames = Object.getOwnPropertyNames(object);
  for (const name of propNames) {
    const value = object[name];
    if (value && typeof value === "object") {
      _deepFreeze(value);
    }
  }
  return Object.freeze(object);
}
new Proxy(/* @__PURE__ */ Object.create(null), {
  get: (_, prop) => {
    console.warn(
      "Please use `useRuntimeConfig()` instead of accessing config directly."
    );
    const runtimeConfig = useRuntimeConfig();
    if (prop in runtimeConfig) {
      return runtimeConfig[prop];
    }
    return void 0;
  }
});

function createContext(opts = {}) {
  let currentInstance;
  let isSingleton = false;
  const checkConflict = (instance) => {
    if (currentInstance && currentInstance !== instance) {
      throw new Error("Context conflict");
    }
  };
  let als;
  if (opts.asyncContext) {
    const _AsyncLocalStorage = opts.AsyncLocalStorage || globalThis.AsyncLocalStorage;
    if (_AsyncLocalStorage) {
      als = new _AsyncLocalStorage();
    } else {
      console.warn("[unctx] `AsyncLocalStorage` is not provided.");
    }
  }
  const _getCurrentInstance = () => {
    if (als) {
      const instance = als.getStore();
      if (instance !== void 0) {
        return instance;
      }
    }
    return currentInstance;
  };
  return {
    use: () => {
      const _instance = _getCurrentInstance();
      if (_instance === void 0) {
        throw new Error("Context is not available");
      }
      return _instance;
    },
    tryUse: () => {
      return _getCurrentInstance();
    },
    set: (instance, replace) => {
      if (!replace) {
        checkConflict(instance);
      }
      currentInstance = instance;
      isSingleton = true;
    },
    unset: () => {
      currentInstance = void 0;
      isSingleton = false;
    },
    call: (instance, callback) => {
      checkConflict(instance);
      currentInstance = instance;
      try {
        return als ? als.run(instance, callback) : callback();
      } finally {
        if (!isSingleton) {
          currentInstance = void 0;
        }
      }
    },
    async callAsync(instance, callback) {
      currentInstance = instance;
      const onRestore = () => {
        currentInstance = instance;
      };
      const onLeave = () => currentInstance === instance ? onRestore : void 0;
      asyncHandlers.add(onLeave);
      try {
        const r = als ? als.run(instance, callback) : callback();
        if (!isSingleton) {
          currentInstance = void 0;
        }
        return await r;
      } finally {
        asyncHandlers.delete(onLeave);
      }
    }
  };
}
function createNamespace(defaultOpts = {}) {
  const contexts = {};
  return {
    get(key, opts = {}) {
      if (!contexts[key]) {
        contexts[key] = createContext({ ...defaultOpts, ...opts });
      }
      return contexts[key];
    }
  };
}
const _globalThis = typeof globalThis !== "undefined" ? globalThis : typeof self !== "undefined" ? self : typeof global !== "undefined" ? global : {};
const globalKey = "__unctx__";
const defaultNamespace = _globalThis[globalKey] || (_globalThis[globalKey] = createNamespace());
const getContext = (key, opts = {}) => defaultNamespace.get(key, opts);
const asyncHandlersKey = "__unctx_async_handlers__";
const asyncHandlers = _globalThis[asyncHandlersKey] || (_globalThis[asyncHandlersKey] = /* @__PURE__ */ new Set());

getContext("nitro-app", {
  asyncContext: undefined,
  AsyncLocalStorage: void 0
});

const MAX_DECODE_PASSES = 8;
const PERCENT_ESCAPE_RE = /%([\da-f]{2})/gi;
const HAS_PERCENT_ESCAPE_RE = /%[\da-f]{2}/i;
function canonicalizePath(pathname) {
  let path = pathname;
  for (let pass = 0; HAS_PERCENT_ESCAPE_RE.test(path); pass++) {
    if (pass >= MAX_DECODE_PASSES) {
      return void 0;
    }
    path = path.replace(
      PERCENT_ESCAPE_RE,
      (_, hex) => String.fromCharCode(Number.parseInt(hex, 16))
    );
  }
  const segments = [];
  for (const segment of path.replace(/\\/g, "/").split("/")) {
    if (segment === "" || segment === ".") {
      continue;
    }
    if (segment === "..") {
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  return "/" + segments.join("/");
}
function whatwgPathname(pathname) {
  try {
    return new URL(pathname, "http://_").pathname;
  } catch {
    return void 0;
  }
}
const READINGS = [
  (p) => canonicalizePath(p),
  (p) => {
    const whatwg = whatwgPathname(p);
    return whatwg === void 0 ? void 0 : canonicalizePath(whatwg);
  }
];
function isPathInScope(pathname, base) {
  if (!base || base === "/") {
    return true;
  }
  for (const read of READINGS) {
    const canonicalBase = read(base);
    const canonical = read(pathname);
    if (canonicalBase === void 0 || canonical === void 0) {
      return false;
    }
    if (canonicalBase === "/") {
      continue;
    }
    if (canonical !== canonicalBase && !canonical.startsWith(canonicalBase + "/")) {
      return false;
    }
  }
  return true;
}
function isTargetInScope(target, targetBase) {
  return isPathInScope(
    parseURL(target).pathname || "/",
    parseURL(targetBase).pathname || ""
  );
}
const LEADING_SEPARATORS_RE = (
  // eslint-disable-next-line no-control-regex
  /^(?:[\u0000-\u0020/\\]|%(?:2f|5c|[01][\da-f]|20))+/i
);
function normalizeRedirectPath(path) {
  return path.replace(LEADING_SEPARATORS_RE, "/");
}
function resolveRedirectTarget(path, to, stripBase) {
  if (!to.endsWith("/**")) {
    return path.includes("?") ? withQuery(to, getQuery$1(path)) : to;
  }
  let targetPath = path;
  if (stripBase) {
    if (!isPathInScope(path.split("?")[0], stripBase)) {
      return void 0;
    }
    targetPath = withoutBase(targetPath, stripBase);
  }
  targetPath = normalizeRedirectPath(targetPath);
  const targetBase = to.slice(0, -3);
  if (targetBase && targetBase !== "/" && !isPathInScope(joinURL("/_", targetPath.split("?")[0]), "/_")) {
    return void 0;
  }
  let target = joinURL(targetBase, targetPath);
  if (!targetBase || targetBase === "/") {
    target = normalizeRedirectPath(target);
    if (!target.startsWith("/")) {
      target = "/" + target;
    }
  }
  if (!isTargetInScope(target, targetBase)) {
    return void 0;
  }
  return target;
}

const config = useRuntimeConfig();
const _routeRulesMatcher = toRouteMatcher(
  createRouter$1({ routes: config.nitro.routeRules })
);
function createRouteRulesHandler(ctx) {
  return eventHandler((event) => {
    const routeRules = getRouteRules(event);
    if (routeRules.headers) {
      setHeaders(event, routeRules.headers);
    }
    if (routeRules.redirect) {
      const target = resolveRedirectTarget(
        event.path,
        routeRules.redirect.to,
        routeRules.redirect._redirectStripBase
      );
      if (target === void 0) {
        throw createError$1({ statusCode: 400 });
      }
      return sendRedirect(event, target, routeRules.redirect.statusCode);
    }
    if (routeRules.proxy) {
      const target = resolveRuleTarget(
        event,
        routeRules.proxy.to,
        routeRules.proxy._proxyStripBase
      );
      return proxyRequest(event, target, {
        fetch: ctx.localFetch,
        ...routeRules.proxy
      });
    }
  });
}
function resolveRuleTarget(event, to, stripBase) {
  if (!to.endsWith("/**")) {
    if (event.path.includes("?")) {
      return withQuery(to, getQuery$1(event.path));
    }
    return to;
  }
  const targetBase = to.slice(0, -3);
  let targetPath = event.path;
  if (stripBase) {
    if (!isPathInScope(event.path.split("?")[0], stripBase)) {
      throw createError$1({ statusCode: 400 });
    }
    targetPath = withoutBase(targetPath, stripBase);
  } else if (targetPath.startsWith("//")) {
    targetPath = targetPath.replace(/^\/+/, "/");
  }
  const target = joinURL(targetBase, targetPath);
  if (!isTargetInScope(target, targetBase)) {
    throw createError$1({ statusCode: 400 });
  }
  return target;
}
function getRouteRules(event) {
  event.context._nitro = event.context._nitro || {};
  if (!event.context._nitro.routeRules) {
    event.context._nitro.routeRules = getRouteRulesForPath(
      withoutBase(event.path.split("?")[0], useRuntimeConfig().app.baseURL)
    );
  }
  return event.context._nitro.routeRules;
}
function getRouteRulesForPath(path) {
  return defu({}, ..._routeRulesMatcher.matchAll(path).reverse());
}

function _captureError(error, type) {
  console.error(`[${type}]`, error);
  useNitroApp().captureError(error, { tags: [type] });
}
function trapUnhandledNodeErrors() {
  process.on(
    "unhandledRejection",
    (error) => _captureError(error, "unhandledRejection")
  );
  process.on(
    "uncaughtException",
    (error) => _captureError(error, "uncaughtException")
  );
}
function joinHeaders(value) {
  return Array.isArray(value) ? value.join(", ") : String(value);
}
function normalizeFetchResponse(response) {
  if (!response.headers.has("set-cookie")) {
    return response;
  }
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: normalizeCookieHeaders(response.headers)
  });
}
function normalizeCookieHeader(header = "") {
  return splitCookiesString(joinHeaders(header));
}
function normalizeCookieHeaders(headers) {
  const outgoingHeaders = new Headers();
  for (const [name, header] of headers) {
    if (name === "set-cookie") {
      for (const cookie of normalizeCookieHeader(header)) {
        outgoingHeaders.append("set-cookie", cookie);
      }
    } else {
      outgoingHeaders.set(name, joinHeaders(header));
    }
  }
  return outgoingHeaders;
}

function wireBookkeeping(wa, deps) {
  const { logger } = deps;
  wa.on("message.received", (m) => {
    if (m.fromMe || m.chatId.endsWith("@g.us")) return;
    void (async () => {
      var _a;
      const profile = await wa.profiles.find(m.profileId);
      if (!profile) return;
      const contact = await wa.contacts.touch(profile.workspaceId, (_a = m.senderPhone) != null ? _a : m.sender, m.timestamp, m.pushName);
      await wa.automation.onMessage(m, { workspaceId: profile.workspaceId, ...contact ? { contact } : {} });
    })().catch((e) => logger.warn("contact update failed", e));
  });
  wa.on("message.delivered", (e) => advanceAll(wa, e.profileId, e.ids, "delivered"));
  wa.on("message.read", (e) => advanceAll(wa, e.profileId, e.ids, "read"));
  wa.on("message.failed", (e) => {
    const error = { code: e.error.code, message: e.error.message };
    void wa.records.advance(e.profileId, e.id, "failed", { error }).catch(() => void 0);
  });
  wa.on("message.received", (m) => wa.analytics.received(m.profileId, m.chatId, m.sender));
  wa.on("message.sent", (m) => wa.analytics.sent(m.profileId, m.chatId));
  wa.on("message.failed", (m) => wa.analytics.count(m.profileId, "failed"));
  const record = ({ profileId, ...message }) => void wa.history.record(profileId, message).catch((e) => logger.warn("history write failed", e));
  wa.on("message.received", record);
  wa.on("message.sent", record);
  wa.on("poll.vote", ({ profileId, ...vote }) => void wa.history.recordVote(profileId, vote).catch((e) => logger.warn("poll vote write failed", e)));
  wa.on("*", (event, payload) => void wa.webhooks.dispatch(event, payload).catch((e) => logger.warn("webhook enqueue failed", e)));
}
function advanceAll(wa, profileId, ids, status) {
  for (const reported of ids) {
    void wa.records.advance(profileId, reported, status, {}, (_, previous) => {
      if (status === "read" && previous !== "delivered") wa.analytics.count(profileId, "delivered");
      wa.analytics.count(profileId, status);
    }).catch(() => void 0);
  }
}

const CAPABILITIES = [
  "login.qr",
  "login.pairingCode",
  "logout",
  "send.text",
  "send.image",
  "send.video",
  "send.audio",
  "send.document",
  "send.sticker",
  "send.location",
  "send.contact",
  "send.reaction",
  "send.poll",
  "send.edit",
  "send.delete",
  "send.reply",
  "send.interactive",
  "send.template",
  "presence",
  "receipts.read",
  "groups.create",
  "groups.info",
  "groups.participants",
  "groups.invite",
  "groups.leave",
  "media.download"
];
function sendCapability(type) {
  return `send.${type}`;
}
function capabilityMatrix(engines) {
  const matrix = {};
  for (const [name, engine] of Object.entries(engines)) {
    const declared = new Set(engine.capabilities);
    matrix[name] = Object.fromEntries(CAPABILITIES.map((c) => [c, declared.has(c)]));
  }
  return matrix;
}

var __defProp$V = Object.defineProperty;
var __defNormalProp$V = (obj, key, value) => key in obj ? __defProp$V(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$V = (obj, key, value) => __defNormalProp$V(obj, typeof key !== "symbol" ? key + "" : key, value);
var _a, _b;
const MultiWAErrorCodes = [
  "VALIDATION_FAILED",
  /** An id that cannot name a stored record: path segments, control characters, too long. */
  "INVALID_ID",
  "INVALID_JID",
  "PROFILE_NOT_FOUND",
  "PROFILE_EXISTS",
  "ALREADY_EXISTS",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "ENGINE_NOT_FOUND",
  "ENGINE_NOT_CONNECTED",
  "CAPABILITY_UNSUPPORTED",
  "SESSION_LOGGED_OUT",
  "SESSION_NOT_OWNED",
  "MESSAGE_NOT_FOUND",
  "NOT_FOUND",
  "SEND_FAILED",
  /** The official API's 24-hour customer-service window is closed: only a template may open the chat. */
  "WINDOW_CLOSED",
  "TIMEOUT",
  "STORAGE_FAILED"
];
const BRAND = /* @__PURE__ */ Symbol.for("multiwa.error");
class MultiWAError extends (_b = Error, _a = BRAND, _b) {
  constructor(code, message, options = {}) {
    var _a2;
    const prefix = options.scope ? `[multiwa] [${options.scope}]` : "[multiwa]";
    super(`${prefix} ${message}`, { cause: options.cause });
    __publicField$V(this, "code");
    __publicField$V(this, "details");
    __publicField$V(this, _a, true);
    this.name = "MultiWAError";
    this.code = code;
    this.details = (_a2 = options.details) != null ? _a2 : {};
  }
  toJSON() {
    return { code: this.code, message: this.message, details: this.details };
  }
}
function isMultiWAError(value, code) {
  const branded = typeof value === "object" && value !== null && value[BRAND] === true;
  return branded && (code === void 0 || value.code === code);
}

const METHOD_OF = {
  "login.pairingCode": "requestPairingCode",
  logout: "logout",
  presence: "sendPresence",
  "receipts.read": "markRead",
  "groups.create": "groupCreate",
  "groups.info": "groupInfo",
  "groups.participants": "groupParticipants",
  "groups.invite": "groupInviteCode",
  "groups.leave": "groupLeave",
  "media.download": "downloadMedia"
};
function hasCapability(engine, capability) {
  return engine.capabilities.includes(capability);
}
function assertCapability(engine, capability) {
  if (hasCapability(engine, capability)) return;
  throw new MultiWAError("CAPABILITY_UNSUPPORTED", `Engine "${engine.name}" does not support \`${capability}\``, {
    details: { engine: engine.name, capability }
  });
}
function capabilityMethod(engine, session, capability) {
  assertCapability(engine, capability);
  const name = METHOD_OF[capability];
  const method = name ? session[name] : void 0;
  if (typeof method !== "function") {
    throw new MultiWAError("CAPABILITY_UNSUPPORTED", `Engine "${engine.name}" declares \`${capability}\` but has no \`${String(name)}\``, {
      details: { engine: engine.name, capability }
    });
  }
  return method.bind(session);
}

const USER_SERVER = "s.whatsapp.net";
const GROUP_SERVER = "g.us";
const LID_SERVER = "lid";
const BSUID_SERVER = "bsuid";
const KNOWN_SERVERS = /* @__PURE__ */ new Set([USER_SERVER, GROUP_SERVER, LID_SERVER, BSUID_SERVER, "broadcast", "newsletter", "c.us"]);
function toJid(input, field = "to") {
  const raw = String(input != null ? input : "").trim();
  if (!raw) throw invalid(field, input, "is empty");
  const at = raw.indexOf("@");
  if (at >= 0) {
    const user = raw.slice(0, at);
    const server = raw.slice(at + 1).toLowerCase();
    if (!KNOWN_SERVERS.has(server)) throw invalid(field, input, `has an unknown server "${server}"`);
    if (server === "c.us") return `${digitsOnly(user, field, input)}@${USER_SERVER}`;
    if (server === GROUP_SERVER) {
      if (!/^\d+(-\d+)?$/.test(user)) throw invalid(field, input, "is not a group id");
      return `${user}@${GROUP_SERVER}`;
    }
    if (server === USER_SERVER) {
      const [phone, device] = user.split(":");
      return `${digitsOnly(phone != null ? phone : "", field, input)}${device ? `:${device}` : ""}@${USER_SERVER}`;
    }
    if (!user) throw invalid(field, input, "has an empty user part");
    return `${user}@${server}`;
  }
  if (/^\d+-\d+$/.test(raw)) return `${raw}@${GROUP_SERVER}`;
  return `${digitsOnly(raw, field, input)}@${USER_SERVER}`;
}
function isGroupJid(jid) {
  return jid.endsWith(`@${GROUP_SERVER}`);
}
function isLidJid(jid) {
  return jid.endsWith(`@${LID_SERVER}`);
}
function jidToPhone(jid) {
  if (!jid.endsWith(`@${USER_SERVER}`)) return void 0;
  return jid.slice(0, jid.indexOf("@")).split(":")[0];
}
function normalizeUserJid(jid) {
  const at = jid.indexOf("@");
  if (at < 0) return jid;
  return `${jid.slice(0, at).split(":")[0]}${jid.slice(at)}`;
}
function digitsOnly(value, field, input) {
  const digits = value.replace(/[\s\-().+]/g, "");
  if (!/^\d+$/.test(digits)) throw invalid(field, input, "must be a phone number in international format (digits only)");
  if (digits.length < 6 || digits.length > 15) throw invalid(field, input, "must have 6 to 15 digits");
  return digits;
}
function invalid(field, input, why) {
  return new MultiWAError("INVALID_JID", `\`${field}\` ${why}, got ${JSON.stringify(input)}`, {
    details: { field, value: input }
  });
}

const MAX_MEDIA_BYTES = 64 * 1024 * 1024;
async function resolveMedia(source, mimetype, fetchMedia) {
  if ("base64" in source) {
    const data = Buffer.from(source.base64, "base64");
    if (data.byteLength > MAX_MEDIA_BYTES) throw tooLarge$1(data.byteLength);
    return { data, mimetype: mimetype != null ? mimetype : sniffMimetype(data) };
  }
  const fetched = await fetchMedia(source.url);
  return { data: fetched.data, mimetype: mimetype != null ? mimetype : fetched.mimetype };
}
const MEDIA_REDIRECTS = 5;
function guardedMediaFetcher(client) {
  return async (url) => {
    var _a;
    const field = "content.media.url";
    const response = await client.request(url, { timeoutMs: 6e4, maxBytes: MAX_MEDIA_BYTES, maxRedirects: MEDIA_REDIRECTS, field }).catch((cause) => {
      if (isMultiWAError(cause, "VALIDATION_FAILED")) throw cause;
      throw new MultiWAError("VALIDATION_FAILED", `Could not download media: ${cause.message.replace(/^\[multiwa\] /, "")}`, { cause, details: { field } });
    });
    const where = new URL(response.url);
    if (response.status < 200 || response.status >= 300) {
      throw new MultiWAError("VALIDATION_FAILED", `Media URL ${where.origin}${where.pathname} answered HTTP ${response.status}`, { details: { field } });
    }
    const data = new Uint8Array(response.body);
    const type = response.headers["content-type"];
    const mimetype = ((_a = type == null ? void 0 : type.split(";")[0]) == null ? void 0 : _a.trim()) || sniffMimetype(data);
    return { data, mimetype };
  };
}
const SIGNATURES = [
  [[255, 216, 255], "image/jpeg"],
  [[137, 80, 78, 71], "image/png"],
  [[71, 73, 70, 56], "image/gif"],
  [[37, 80, 68, 70], "application/pdf"],
  [[79, 103, 103, 83], "audio/ogg"],
  [[73, 68, 51], "audio/mpeg"]
];
function sniffMimetype(data) {
  for (const [magic, type] of SIGNATURES) if (magic.every((b, i) => data[i] === b)) return type;
  const head = Buffer.from(data.subarray(0, 12)).toString("latin1");
  if (head.startsWith("RIFF") && head.slice(8, 12) === "WEBP") return "image/webp";
  if (head.slice(4, 8) === "ftyp") return "video/mp4";
  return "application/octet-stream";
}
function tooLarge$1(bytes) {
  return new MultiWAError("VALIDATION_FAILED", `Media is ${bytes} bytes; the limit is ${MAX_MEDIA_BYTES}`, { details: { field: "content.media" } });
}

async function toEngineContent(content, fetchMedia) {
  var _a;
  switch (content.type) {
    case "image":
    case "video":
    case "sticker":
    case "audio":
    case "document": {
      const { media, mimetype, ...rest } = content;
      return { ...rest, media: await resolveMedia(media, mimetype, fetchMedia) };
    }
    case "edit":
    case "delete":
      return { ...content, target: { ...content.target, fromMe: (_a = content.target.fromMe) != null ? _a : true } };
    default:
      return content;
  }
}

async function deliverItem(runtime, item, pacer, deps) {
  const session = runtime.requireSession();
  const content = await toEngineContent(item.content, deps.fetchMedia);
  if (pacer.settings.typing && content.type === "text" && session.sendPresence && runtime.engine.capabilities.includes("presence")) {
    await session.sendPresence("composing", item.to);
    await new Promise((r) => setTimeout(r, pacer.typingDuration(content.text)));
    await session.sendPresence("paused", item.to);
  }
  const sent = await session.send(item.to, content, {
    id: item.id,
    ...item.options.quotedId ? { quotedId: item.options.quotedId } : {},
    ...item.options.mentions ? { mentions: item.options.mentions.map((m) => toJid(m, "mentions")) } : {}
  });
  if (sent.id !== item.id) await deps.records.alias(item.profileId, item.id, sent.id);
  deps.onSent(sent);
  return sent;
}

function parseInput(schema, input, what = "input") {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, MAX_ISSUES$1).map((issue) => ({
    field: _clip$1(issue.path.length ? issue.path.join(".") : what),
    message: _clip$1(issue.message),
    // Machine-readable, so a client can word the problem in its user's language.
    code: issue.code,
    ..._limit(issue)
  }));
  const summary = issues.slice(0, 5).map((i) => `\`${i.field}\` ${i.message}`).join("; ");
  const more = result.error.issues.length - issues.length;
  throw new MultiWAError("VALIDATION_FAILED", `Invalid ${what}: ${summary}`, { details: { issues, ...more > 0 ? { moreIssues: more } : {} } });
}
const MAX_ISSUES$1 = 20;
function _clip$1(text, max = 200) {
  return text.length > max ? `${text.slice(0, max)}\u2026` : text;
}
function _limit(issue) {
  if (issue.code === "too_small") return { limit: Number(issue.minimum), origin: issue.origin };
  if (issue.code === "too_big") return { limit: Number(issue.maximum), origin: issue.origin };
  if (issue.code === "invalid_format") return { format: issue.format };
  return {};
}

var __defProp$U = Object.defineProperty;
var __defNormalProp$U = (obj, key, value) => key in obj ? __defProp$U(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$U = (obj, key, value) => __defNormalProp$U(obj, typeof key !== "symbol" ? key + "" : key, value);
const PacingSchema = z.object({
  /** Least time between two sends of one profile. @default 1000 */
  minDelayMs: z.number().int().min(0).max(6e5).default(1e3),
  /** A random extra delay up to this many ms is added to each gap. @default 1000 */
  jitterMs: z.number().int().min(0).max(6e5).default(1e3),
  /** At most this many sends per rolling minute; 0 means no cap. @default 60 */
  perMinute: z.number().int().min(0).max(1e4).default(60),
  /** Show "typing…" before each text. @default false */
  typing: z.boolean().default(false),
  /** Typing time per character of text, capped at `typingMaxMs`. @default 40 */
  typingMsPerChar: z.number().int().min(0).max(1e3).default(40),
  /** @default 4000 */
  typingMaxMs: z.number().int().min(0).max(6e4).default(4e3)
});
function resolvePacing(...layers) {
  return parseInput(PacingSchema, Object.assign({}, ...layers.filter(Boolean)), "pacing");
}
class Pacer {
  constructor(pacing, random = Math.random) {
    __publicField$U(this, "pacing", pacing);
    __publicField$U(this, "random", random);
    __publicField$U(this, "lastSendAt", 0);
  }
  update(pacing) {
    this.pacing = pacing;
  }
  get settings() {
    return this.pacing;
  }
  /** Resolves when the next send may go out. */
  async wait(signal) {
    const gap = this.pacing.minDelayMs + Math.floor(this.random() * this.pacing.jitterMs);
    const due = this.lastSendAt + gap - Date.now();
    if (this.lastSendAt > 0 && due > 0) await sleep(due, signal);
  }
  markSent() {
    this.lastSendAt = Date.now();
  }
  typingDuration(text) {
    return Math.min(this.pacing.typingMaxMs, text.length * this.pacing.typingMsPerChar);
  }
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal == null ? void 0 : signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => (signal == null ? void 0 : signal.removeEventListener("abort", onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(signal == null ? void 0 : signal.reason));
    signal == null ? void 0 : signal.addEventListener("abort", onAbort, { once: true });
  });
}

const outboxMessages = pgTable(
  "outbox_messages",
  {
    profileId: text("profile_id").notNull(),
    id: text("id").notNull(),
    to: text("to").notNull(),
    type: text("type").notNull(),
    status: text("status").$type().notNull(),
    /** The status' order (queued 0 … read 4, failed 5): a status only moves forward. */
    rank: integer("rank").notNull(),
    attempts: integer("attempts").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
    idempotencyKey: text("idempotency_key"),
    /** The id the engine gave the message when it could not use ours (receipts carry it). */
    engineId: text("engine_id"),
    error: jsonb("error").$type(),
    /** Accepted order within the profile's queue. */
    seq: text("seq").notNull(),
    /** Still to be sent; `payload` is dropped once it is not. */
    queued: boolean("queued").notNull(),
    payload: jsonb("payload").$type()
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.id] }),
    index$1("outbox_messages_queue").on(t.profileId, t.seq).where(sql`queued`),
    index$1("outbox_messages_engine_id").on(t.profileId, t.engineId).where(sql`engine_id is not null`),
    index$1("outbox_messages_finished").on(t.updatedAt).where(sql`not queued`)
  ]
);

var __defProp$T = Object.defineProperty;
var __defNormalProp$T = (obj, key, value) => key in obj ? __defProp$T(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$T = (obj, key, value) => __defNormalProp$T(obj, typeof key !== "symbol" ? key + "" : key, value);
const RANK = { queued: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5 };
class MessageRecords {
  constructor(database, batch) {
    __publicField$T(this, "database", database);
    __publicField$T(this, "batch", batch);
  }
  async get(profileId, id) {
    const [row] = await this.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.profileId, profileId), eq(outboxMessages.id, id)));
    return row ? toRecord(row) : null;
  }
  /**
   * Moves a record forward only: a late "delivered" never overwrites "read", and "failed" is final.
   * `id` is ours or the engine's. `onChange` runs when the status really moved, so counters see each
   * transition once.
   */
  advance(profileId, id, status, patch = {}, onChange) {
    return this.batch.run(async (tx) => {
      var _a;
      const moved = await advanceRow(tx, profileId, id, status, patch);
      if (moved && moved.record.status !== moved.previous) onChange == null ? void 0 : onChange(moved.record, moved.previous);
      return (_a = moved == null ? void 0 : moved.record) != null ? _a : null;
    });
  }
  /** Remembers that the engine knows message `id` as `engineId`, so its receipts find the record. */
  async alias(profileId, id, engineId) {
    await this.advance(profileId, id, "sent", { engineId });
  }
  /** Our id for an id an engine reported (itself when there is no alias). */
  async resolve(profileId, id) {
    var _a;
    const [row] = await this.database.db.select({ id: outboxMessages.id }).from(outboxMessages).where(and(eq(outboxMessages.profileId, profileId), eq(outboxMessages.engineId, id))).limit(1);
    return (_a = row == null ? void 0 : row.id) != null ? _a : id;
  }
  async removeProfile(profileId) {
    await this.database.db.delete(outboxMessages).where(eq(outboxMessages.profileId, profileId));
  }
  /** Deletes records no longer queued and last changed before `before`, `limit` at a time; resolves with how many. */
  async prune(before, limit = 1e3) {
    const old = this.database.db.select({ profileId: outboxMessages.profileId, id: outboxMessages.id }).from(outboxMessages).where(and(eq(outboxMessages.queued, false), lt(outboxMessages.updatedAt, before))).limit(limit);
    const removed = await this.database.db.delete(outboxMessages).where(inArray(sql`(${outboxMessages.profileId}, ${outboxMessages.id})`, old)).returning({ id: outboxMessages.id });
    return removed.length;
  }
}
async function advanceRow(tx, profileId, id, status, patch) {
  var _a, _b, _c;
  const finish = (_a = patch.finish) != null ? _a : false;
  const result = await tx.execute(sql`
    with prev as (
      select id, status from outbox_messages
      where profile_id = ${profileId} and (id = ${id} or engine_id = ${id}) and status <> 'failed'
      order by (id = ${id}) desc limit 1 for update
    )
    update outbox_messages m set
      status = case when ${RANK[status]} > m.rank then ${status} else m.status end,
      rank = greatest(m.rank, ${RANK[status]}),
      updated_at = ${Date.now()},
      attempts = coalesce(${(_b = patch.attempts) != null ? _b : null}::int, m.attempts),
      engine_id = coalesce(${(_c = patch.engineId) != null ? _c : null}::text, m.engine_id),
      error = coalesce(${patch.error ? JSON.stringify(patch.error) : null}::jsonb, m.error),
      queued = m.queued and not ${finish},
      payload = case when ${finish} then null else m.payload end
    from prev
    where m.profile_id = ${profileId} and m.id = prev.id
    returning m.*, prev.status as previous`);
  const row = result.rows[0];
  return row ? { record: fromRaw(row), previous: row.previous } : void 0;
}
function toRecord(row) {
  return {
    id: row.id,
    profileId: row.profileId,
    to: row.to,
    type: row.type,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    attempts: row.attempts,
    ...row.idempotencyKey ? { idempotencyKey: row.idempotencyKey } : {},
    ...row.engineId ? { engineId: row.engineId } : {},
    ...row.error ? { error: row.error } : {}
  };
}
function fromRaw(r) {
  var _a, _b;
  return toRecord({
    profileId: r.profile_id,
    id: r.id,
    to: r.to,
    type: r.type,
    status: r.status,
    rank: Number(r.rank),
    attempts: Number(r.attempts),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    idempotencyKey: (_a = r.idempotency_key) != null ? _a : null,
    engineId: (_b = r.engine_id) != null ? _b : null,
    error: typeof r.error === "string" ? JSON.parse(r.error) : r.error,
    seq: r.seq,
    queued: Boolean(r.queued)});
}

var __defProp$S = Object.defineProperty;
var __defNormalProp$S = (obj, key, value) => key in obj ? __defProp$S(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$S = (obj, key, value) => __defNormalProp$S(obj, typeof key !== "symbol" ? key + "" : key, value);
const NEVER_RETRY = /* @__PURE__ */ new Set(["VALIDATION_FAILED", "INVALID_JID", "CAPABILITY_UNSUPPORTED", "MESSAGE_NOT_FOUND", "SESSION_LOGGED_OUT"]);
class Outbox {
  constructor(options) {
    __publicField$S(this, "options", options);
    __publicField$S(this, "queue");
    __publicField$S(this, "pacer");
    __publicField$S(this, "queued", /* @__PURE__ */ new Set());
    __publicField$S(this, "pendingKeys", /* @__PURE__ */ new Map());
    /** Items accepted here while holding the lease, by the epoch they were accepted under. */
    __publicField$S(this, "acceptedUnder", /* @__PURE__ */ new Map());
    __publicField$S(this, "abort", new AbortController());
    __publicField$S(this, "seq", 0);
    this.pacer = new Pacer(options.pacing);
    const cap = options.pacing.perMinute;
    this.queue = new PQueue({ concurrency: 1, ...cap > 0 ? { intervalCap: cap, interval: 6e4 } : {} });
  }
  get size() {
    return this.queue.size + this.queue.pending;
  }
  /** Persists the send and queues it; the same idempotency key returns the first record. */
  enqueue(to, content, options) {
    const key = options.idempotencyKey;
    if (!key) return this.accept(to, content, options);
    const pending = this.pendingKeys.get(key);
    if (pending) return pending;
    const task = this.acceptOnce(key, to, content, options).finally(() => this.pendingKeys.delete(key));
    this.pendingKeys.set(key, task);
    return task;
  }
  /** Loads queued messages (after a restart or a move to this node) into the queue, in accepted order. */
  async restore() {
    const rows = await this.options.database.db.select().from(outboxMessages).where(and(eq(outboxMessages.profileId, this.options.profileId), eq(outboxMessages.queued, true))).orderBy(asc(outboxMessages.seq));
    let restored = 0;
    for (const row of rows) {
      if (this.queued.has(row.id) || !row.payload) continue;
      this.schedule({ id: row.id, profileId: row.profileId, to: row.to, content: row.payload.content, options: row.payload.options, seq: row.seq, attempts: row.attempts, createdAt: row.createdAt });
      restored++;
    }
    return restored;
  }
  /**
   * Stops processing and waits for a send already handed to the engine; items stay persisted
   * for the next `restore`. A stopped outbox is discarded: pacing changes apply to the next one.
   */
  async stop() {
    this.abort.abort(new MultiWAError("ENGINE_NOT_CONNECTED", "Outbox stopped"));
    this.queue.clear();
    await this.queue.onIdle();
    this.queued.clear();
    this.acceptedUnder.clear();
  }
  onIdle() {
    return this.queue.onIdle();
  }
  /** Gap and jitter apply at once; a new per-minute cap applies from the next start. */
  updatePacing(pacing) {
    this.pacer.update(pacing);
  }
  // --- Internal helpers ---
  /**
   * With an idempotency key the message id is derived from it, so the row itself answers "was this
   * accepted?" whatever point a crash interrupted: a repeat returns the first record.
   */
  acceptOnce(key, to, content, options) {
    return this.accept(to, content, options, idempotentMessageId(this.options.profileId, key));
  }
  async accept(to, content, options, fixedId) {
    var _a, _b, _c;
    const now = Date.now();
    const item = {
      id: fixedId != null ? fixedId : newMessageId(),
      profileId: this.options.profileId,
      to,
      content,
      options,
      seq: `${String(now).padStart(15, "0")}-${String(++this.seq).padStart(6, "0")}`,
      attempts: 0,
      createdAt: now
    };
    const row = {
      profileId: item.profileId,
      id: item.id,
      to,
      type: content.type,
      status: "queued",
      rank: 0,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      idempotencyKey: (_a = options.idempotencyKey) != null ? _a : null,
      seq: item.seq,
      queued: true,
      payload: { content, options }
    };
    const inserted = await this.options.batch.run((tx) => tx.insert(outboxMessages).values(row).onConflictDoNothing().returning());
    if (!inserted.length) return await this.options.records.get(item.profileId, item.id);
    const epoch = (_c = (_b = this.options).leaseEpoch) == null ? void 0 : _c.call(_b);
    if (epoch !== void 0) this.acceptedUnder.set(item.id, epoch);
    this.schedule(item);
    return toRecord(inserted[0]);
  }
  schedule(item) {
    this.queued.add(item.id);
    const signal = this.abort.signal;
    this.queue.add(() => this.run(item, signal)).catch(() => {
    });
  }
  async run(item, signal) {
    var _a, _b, _c, _d;
    const maxAttempts = (_a = this.options.maxAttempts) != null ? _a : 3;
    for (; ; ) {
      await this.options.waitUntilOpen(signal);
      await this.pacer.wait(signal);
      if (signal.aborted) throw signal.reason;
      const epoch = this.acceptedUnder.get(item.id);
      const mine = epoch !== void 0 && epoch === ((_c = (_b = this.options).leaseEpoch) == null ? void 0 : _c.call(_b));
      if (item.attempts === 0 && !mine && !await this.stillQueued(item)) return void (this.queued.delete(item.id), this.acceptedUnder.delete(item.id));
      item.attempts++;
      if (item.attempts > 1) await this.options.records.advance(item.profileId, item.id, "sending", { attempts: item.attempts });
      try {
        await this.options.deliver(item, this.pacer);
        this.pacer.markSent();
        this.finish(item);
        return void await this.options.records.advance(item.profileId, item.id, "sent", { attempts: item.attempts, finish: true });
      } catch (cause) {
        const error = isMultiWAError(cause) ? cause : new MultiWAError("SEND_FAILED", String((_d = cause == null ? void 0 : cause.message) != null ? _d : cause), { cause });
        if (error.code === "ENGINE_NOT_CONNECTED" && !signal.aborted) continue;
        if (signal.aborted) throw signal.reason;
        if (NEVER_RETRY.has(error.code) || item.attempts >= maxAttempts) {
          this.finish(item);
          await this.options.records.advance(item.profileId, item.id, "failed", { error: { code: error.code, message: error.message }, finish: true });
          return this.options.onFailed(item, error);
        }
        await sleep(500 * 2 ** item.attempts, signal);
      }
    }
  }
  finish(item) {
    this.queued.delete(item.id);
    this.acceptedUnder.delete(item.id);
  }
  async stillQueued(item) {
    var _a;
    const [row] = await this.options.database.db.select({ queued: outboxMessages.queued }).from(outboxMessages).where(and(eq(outboxMessages.profileId, item.profileId), eq(outboxMessages.id, item.id)));
    return (_a = row == null ? void 0 : row.queued) != null ? _a : false;
  }
}
function idempotentMessageId(profileId, key) {
  return `3EB0${createHash("sha256").update(`${profileId}\0${key}`).digest("hex").slice(0, 20).toUpperCase()}`;
}
function newMessageId() {
  return `3EB0${randomUUID$1().replace(/-/g, "").slice(0, 20).toUpperCase()}`;
}

const NS = {
  profiles: "profiles",
  auth: "auth",
  /** Engine settings of each profile (secrets; see session/settings.ts). */
  settings: "profile-settings"
};
function profileAuthStorage(storage, profileId) {
  return prefixStorage(storage, `${NS.auth}:${profileId}`);
}
function safeKey(value) {
  return createHash("sha256").update(value).digest("hex").slice(0, 40);
}
function stripBase(keys, base) {
  const prefix = `${base}:`;
  return keys.map((k) => k.startsWith(prefix) ? k.slice(prefix.length) : k);
}
async function clearPrefix(storage, base = "") {
  const keys = await storage.getKeys(base);
  await Promise.all(keys.map((k) => storage.removeItem(k)));
}

var __defProp$R = Object.defineProperty;
var __defNormalProp$R = (obj, key, value) => key in obj ? __defProp$R(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$R = (obj, key, value) => __defNormalProp$R(obj, typeof key !== "symbol" ? key + "" : key, value);
const PREFIX = "apikeys";
const HASH_INDEX = "apikeyhash";
const TOKEN_PREFIX = "mwa_";
const CreateApiKeySchema = z.object({
  name: z.string().min(1).max(120),
  /** Limits the key to one organization and optionally one workspace; none means the whole gateway. */
  organizationId: z.string().min(1).max(64).optional(),
  workspaceId: z.string().min(1).max(64).optional(),
  /** Permission names, or `*` for all. @default ["*"] */
  permissions: z.array(z.string().min(1)).min(1).default(["*"]),
  /** Milliseconds since the epoch; the key stops working after it. */
  expiresAt: z.number().int().positive().optional()
});
class ApiKeys {
  constructor(storage, cacheMs = 5e3) {
    __publicField$R(this, "storage", storage);
    __publicField$R(this, "cacheMs", cacheMs);
    /** Verified tokens for a few seconds, so each request does not read storage; revocation here clears it. */
    __publicField$R(this, "verified", /* @__PURE__ */ new Map());
  }
  /** Creates a key; the returned `token` is shown once and cannot be recovered. */
  async create(input, token) {
    const parsed = parseInput(CreateApiKeySchema, input, "API key");
    const id = randomBytes(6).toString("hex");
    const secret = token != null ? token : `${TOKEN_PREFIX}${id}_${randomBytes(32).toString("base64url")}`;
    const stored = { ...strip$2(parsed), id, createdAt: Date.now(), hash: hash(secret) };
    await this.storage.setItem(`${PREFIX}:${id}`, stored);
    if (token) await this.storage.setItem(`${HASH_INDEX}:${stored.hash}`, id);
    return { key: publicView$2(stored), token: secret };
  }
  /** The key behind a token, or null when unknown, revoked or expired. */
  async verify(token) {
    const cached = this.verified.get(token);
    if (cached && cached.until > Date.now() && (!cached.key.expiresAt || cached.key.expiresAt > Date.now())) return cached.key;
    const key = await this.load(token);
    if (key) this.verified.set(token, { key, until: Date.now() + this.cacheMs });
    else this.verified.delete(token);
    return key;
  }
  /** Whether a token works right now, read from storage (no cache, no last-use write): open streams poll it. */
  async isLive(token) {
    const id = await this.idOf(token);
    const stored = id ? await this.storage.getItem(`${PREFIX}:${id}`) : null;
    return !!stored && sameHash(stored.hash, hash(token)) && !stored.revokedAt && !(stored.expiresAt && stored.expiresAt <= Date.now());
  }
  async load(token) {
    const id = await this.idOf(token);
    if (!id) return null;
    const stored = await this.storage.getItem(`${PREFIX}:${id}`);
    if (!stored || !sameHash(stored.hash, hash(token))) return null;
    if (stored.revokedAt || stored.expiresAt && stored.expiresAt <= Date.now()) return null;
    if (!stored.lastUsedAt || Date.now() - stored.lastUsedAt > 6e4) {
      stored.lastUsedAt = Date.now();
      await this.storage.setItem(`${PREFIX}:${id}`, stored);
    }
    return publicView$2(stored);
  }
  async list(filter = {}) {
    const ids = stripBase(await this.storage.getKeys(PREFIX), PREFIX);
    const keys = await Promise.all(ids.map((id) => this.storage.getItem(`${PREFIX}:${id}`)));
    return keys.filter((k) => !!k && (!filter.organizationId || k.organizationId === filter.organizationId) && (!filter.workspaceId || k.workspaceId === filter.workspaceId)).map(publicView$2).sort((a, b) => a.createdAt - b.createdAt);
  }
  /** One key by id (never its secret), or undefined. */
  async get(id) {
    const stored = await this.storage.getItem(`${PREFIX}:${id}`);
    return stored ? publicView$2(stored) : void 0;
  }
  async revoke(id) {
    const stored = await this.storage.getItem(`${PREFIX}:${id}`);
    if (!stored) throw new MultiWAError("NOT_FOUND", `No API key with id "${id}"`, { details: { field: "id", value: id } });
    stored.revokedAt = Date.now();
    for (const [token, entry] of this.verified) if (entry.key.id === id) this.verified.delete(token);
    await this.storage.setItem(`${PREFIX}:${id}`, stored);
    return publicView$2(stored);
  }
  async count() {
    return (await this.storage.getKeys(PREFIX)).length;
  }
  // --- Internal helpers ---
  /** Generated tokens carry their id; a token chosen by the operator (env) is found by its hash. */
  async idOf(token) {
    const match = /^mwa_([0-9a-f]{12})_/.exec(token);
    if (match) return match[1];
    return this.storage.getItem(`${HASH_INDEX}:${hash(token)}`);
  }
}
function hash(token) {
  return createHash("sha256").update(token).digest("hex");
}
function sameHash(a, b) {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
function publicView$2({ hash: _hash, ...key }) {
  return key;
}
function strip$2(value) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== void 0));
}

const chatMessages = pgTable(
  "chat_messages",
  {
    profileId: text("profile_id").notNull(),
    id: text("id").notNull(),
    chatId: text("chat_id").notNull(),
    timestamp: bigint("timestamp", { mode: "number" }).notNull(),
    /** Breaks ties between messages of the same millisecond, in the order they were recorded. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    message: jsonb("message").$type().notNull()
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.id] }),
    index$1("chat_messages_page").on(t.profileId, t.chatId, t.timestamp, t.seq),
    index$1("chat_messages_time").on(t.timestamp)
  ]
);
const chats = pgTable(
  "chats",
  {
    profileId: text("profile_id").notNull(),
    chatId: text("chat_id").notNull(),
    lastMessage: jsonb("last_message").$type(),
    unread: integer("unread").notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull()
  },
  (t) => [primaryKey({ columns: [t.profileId, t.chatId] }), index$1("chats_recent").on(t.profileId, t.updatedAt)]
);

var __defProp$Q = Object.defineProperty;
var __defNormalProp$Q = (obj, key, value) => key in obj ? __defProp$Q(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$Q = (obj, key, value) => __defNormalProp$Q(obj, typeof key !== "symbol" ? key + "" : key, value);
class MessageHistory {
  constructor(database, batch) {
    __publicField$Q(this, "database", database);
    __publicField$Q(this, "batch", batch);
  }
  /** Records a message once per id; a message reported again replaces its entry, keeping a poll's votes. */
  record(profileId, message) {
    const { profileId: _drop, ...stored } = message;
    return this.batch.run(async (tx) => {
      const inserted = await tx.insert(chatMessages).values({ profileId, id: message.id, chatId: message.chatId, timestamp: message.timestamp, message: stored }).onConflictDoNothing().returning({ id: chatMessages.id });
      if (!inserted.length) {
        const votes = message.content.type === "poll" ? sql`${chatMessages.message}->'content'->'votes'` : sql`null`;
        await tx.update(chatMessages).set({ message: sql`case when ${votes} is null then ${JSON.stringify(stored)}::jsonb else jsonb_set(${JSON.stringify(stored)}::jsonb, '{content,votes}', ${votes}) end` }).where(and(eq(chatMessages.profileId, profileId), eq(chatMessages.id, message.id)));
        return;
      }
      await tx.insert(chats).values({ profileId, chatId: message.chatId, lastMessage: preview(message), unread: message.fromMe ? 0 : 1, updatedAt: message.timestamp }).onConflictDoUpdate({
        target: [chats.profileId, chats.chatId],
        set: { lastMessage: sql`excluded.last_message`, unread: sql`${chats.unread} + excluded.unread`, updatedAt: sql`greatest(${chats.updatedAt}, excluded.updated_at)` }
      });
    });
  }
  /**
   * Keeps a voter's current choice on the poll's entry; a new vote replaces the voter's previous
   * one and an empty `selected` withdraws it. A vote on a poll not in the history is dropped.
   */
  recordVote(profileId, vote) {
    return this.batch.run(async (tx) => {
      var _a;
      const [row] = await tx.select().from(chatMessages).where(and(eq(chatMessages.profileId, profileId), eq(chatMessages.id, vote.pollId))).for("update");
      const poll = row == null ? void 0 : row.message;
      if ((poll == null ? void 0 : poll.content.type) !== "poll") return;
      const { [vote.voter]: _previous, ...others } = (_a = poll.content.votes) != null ? _a : {};
      const votes = vote.selected.length ? { ...others, [vote.voter]: vote.selected } : others;
      await tx.update(chatMessages).set({ message: { ...poll, content: { ...poll.content, votes } } }).where(and(eq(chatMessages.profileId, profileId), eq(chatMessages.id, vote.pollId)));
    });
  }
  /** Conversations, most recent first. */
  async chats(profileId, options = {}) {
    var _a;
    const rows = await this.database.db.select().from(chats).where(eq(chats.profileId, profileId)).orderBy(desc(chats.updatedAt), desc(chats.chatId)).limit((_a = options.limit) != null ? _a : 100);
    return rows.map(toChat);
  }
  async chat(profileId, chatId) {
    const [row] = await this.database.db.select().from(chats).where(and(eq(chats.profileId, profileId), eq(chats.chatId, chatId)));
    return row ? toChat(row) : null;
  }
  /** Newest messages first-page-last: returns up to `limit` messages older than `before`, oldest first. */
  async messages(profileId, chatId, options = {}) {
    var _a;
    const limit = (_a = options.limit) != null ? _a : 50;
    const cursor = parseCursor(options.before);
    const m = chatMessages;
    const rows = await this.database.db.select({ timestamp: m.timestamp, seq: m.seq, message: m.message }).from(m).where(and(
      eq(m.profileId, profileId),
      eq(m.chatId, chatId),
      cursor ? or(lt(m.timestamp, cursor.timestamp), and(eq(m.timestamp, cursor.timestamp), lt(m.seq, cursor.seq))) : void 0
    )).orderBy(desc(m.timestamp), desc(m.seq)).limit(limit + 1);
    const page = rows.slice(0, limit).reverse();
    const oldest = page[0];
    return { messages: page.map((r) => r.message), ...oldest && rows.length > limit ? { next: `${oldest.timestamp}.${oldest.seq}` } : {} };
  }
  /** One recorded message by id. */
  async message(profileId, id) {
    var _a;
    const [row] = await this.database.db.select({ message: chatMessages.message }).from(chatMessages).where(and(eq(chatMessages.profileId, profileId), eq(chatMessages.id, id)));
    return (_a = row == null ? void 0 : row.message) != null ? _a : null;
  }
  async removeProfile(profileId) {
    await this.database.transaction(async (tx) => {
      await tx.delete(chatMessages).where(eq(chatMessages.profileId, profileId));
      await tx.delete(chats).where(eq(chats.profileId, profileId));
    });
  }
  markRead(profileId, chatId) {
    return this.batch.run(async (tx) => void await tx.update(chats).set({ unread: 0 }).where(and(eq(chats.profileId, profileId), eq(chats.chatId, chatId))));
  }
  /** Deletes messages older than `before`, `limit` at a time (chat summaries stay); resolves with how many. */
  async prune(before, limit = 1e3) {
    const old = this.database.db.select({ profileId: chatMessages.profileId, id: chatMessages.id }).from(chatMessages).where(lt(chatMessages.timestamp, before)).limit(limit);
    const removed = await this.database.db.delete(chatMessages).where(inArray(sql`(${chatMessages.profileId}, ${chatMessages.id})`, old)).returning({ id: chatMessages.id });
    return removed.length;
  }
}
function parseCursor(before) {
  const match = before ? /^(\d+)\.(\d+)$/.exec(before) : null;
  return match ? { timestamp: Number(match[1]), seq: Number(match[2]) } : void 0;
}
function toChat(row) {
  return { id: row.chatId, profileId: row.profileId, unread: row.unread, updatedAt: row.updatedAt, ...row.lastMessage ? { lastMessage: row.lastMessage } : {} };
}
function preview(message) {
  const c = message.content;
  const text = c.type === "text" || c.type === "edit" ? c.text : "caption" in c ? c.caption : c.type === "poll" ? c.name : void 0;
  return { id: message.id, fromMe: message.fromMe, type: c.type, timestamp: message.timestamp, ...text ? { text } : {} };
}

function isPrivateAddress(address) {
  const bytes = parseAddress(address);
  if (!bytes) return true;
  return bytes.length === 4 ? _privateV4(bytes) : _privateV6(bytes);
}
function parseAddress(address) {
  const bare = address.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (bare.includes(":")) return isIP(bare) === 6 ? _v6Bytes(bare) : void 0;
  const v4 = isIP(bare) === 4 ? bare : _legacyV4(bare);
  return v4 ? v4.split(".").map(Number) : void 0;
}
const V4_NON_PUBLIC = [
  [[0, 0, 0, 0], 8],
  // "this network", incl. 0.0.0.0
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10],
  // CGNAT
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16],
  // link-local, cloud metadata
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 0, 2, 0], 24],
  [[192, 88, 99, 0], 24],
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 4],
  // multicast
  [[240, 0, 0, 0], 4]
  // reserved, broadcast
];
const V6_NON_PUBLIC = [
  [_v6Bytes("2001::"), 23],
  // IETF protocol assignments, Teredo
  [_v6Bytes("2001:db8::"), 32],
  // documentation
  [_v6Bytes("3fff::"), 20]
  // documentation
];
function _privateV4(b) {
  return V4_NON_PUBLIC.some((r) => _inRange(b, r));
}
function _privateV6(b) {
  const zeros = (n) => b.slice(0, n).every((x) => x === 0);
  if (zeros(10) && b[10] === 255 && b[11] === 255) return _privateV4(b.slice(12));
  if (zeros(12)) return true;
  if (_inRange(b, [_v6Bytes("64:ff9b::"), 96])) return _privateV4(b.slice(12));
  if (_inRange(b, [_v6Bytes("2002::"), 16])) return _privateV4(b.slice(2, 6));
  if ((b[0] & 224) !== 32) return true;
  return V6_NON_PUBLIC.some((r) => _inRange(b, r));
}
function _inRange(bytes, [base, bits]) {
  if (bytes.length !== base.length) return false;
  for (let i = 0; i < bits; i += 8) {
    const mask = bits - i >= 8 ? 255 : 255 << 8 - (bits - i) & 255;
    if ((bytes[i / 8] & mask) !== (base[i / 8] & mask)) return false;
  }
  return true;
}
function _v6Bytes(address) {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, dotted.index)}${(a << 8 | b).toString(16)}:${(c << 8 | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === void 0 ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 255];
  });
}
function _legacyV4(text) {
  if (!/^[0-9a-fx.]+$/i.test(text) || !/\d/.test(text)) return void 0;
  try {
    const host = new URL(`http://${text}/`).hostname;
    return isIP(host) === 4 ? host : void 0;
  } catch {
    return void 0;
  }
}

const PRIVATE_TARGETS_SETTING = "MULTIWA_WEBHOOK_ALLOW_PRIVATE=1 (library option: outbound.allowPrivateTargets)";
const systemResolver = async (host) => (await lookup$2(host, { all: true, verbatim: true })).map((a) => a.address);
function parseTarget(url, field = "url") {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new MultiWAError("VALIDATION_FAILED", `Not a URL: ${clip$1(url)}`, { details: { field } });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new MultiWAError("VALIDATION_FAILED", `Only http and https URLs are allowed (got ${clip$1(parsed.protocol)})`, { details: { field } });
  }
  return parsed;
}
async function resolveTarget(url, policy, field = "url") {
  var _a;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses;
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await ((_a = policy.resolve) != null ? _a : systemResolver)(host);
    } catch (cause) {
      throw new MultiWAError("SEND_FAILED", `${host} does not resolve`, { cause, details: { field } });
    }
    if (!addresses.length) throw new MultiWAError("SEND_FAILED", `${host} does not resolve`, { details: { field } });
  }
  if (policy.allowPrivateTargets === true || isTrustedUrl(url, policy.trustedUrls)) return addresses;
  const allowed = new Set((policy.allowPrivateTargets || []).map(_canonical));
  const bad = addresses.find((a) => isPrivateAddress(a) && !allowed.has(_canonical(a)));
  if (bad !== void 0) throw refusedTarget(url, host === bad ? `${host} is not a public address` : `${host} resolves to ${bad}, not a public address`, field);
  return addresses;
}
async function assertSavableTarget(url, policy, field = "url") {
  const parsed = parseTarget(url, field);
  if (policy.allowPrivateTargets === true || isTrustedUrl(parsed, policy.trustedUrls)) return;
  let timer;
  const slow = new Promise((resolve) => timer = setTimeout(resolve, SAVE_RESOLVE_MS));
  try {
    await Promise.race([resolveTarget(parsed, policy, field), slow]);
  } catch (error) {
    if (error.code === "VALIDATION_FAILED") throw error;
  } finally {
    clearTimeout(timer);
  }
}
const SAVE_RESOLVE_MS = 3e3;
function refusedTarget(url, why, field = "url") {
  return new MultiWAError(
    "VALIDATION_FAILED",
    `Target ${url.protocol}//${url.host} is not allowed: ${why}. Private and internal targets are refused unless allowed with ${PRIVATE_TARGETS_SETTING}`,
    { details: { field, setting: "allowPrivateTargets" } }
  );
}
function isTrustedUrl(url, trusted = []) {
  return trusted.some((prefix) => url.href.startsWith(new URL(prefix).href));
}
function familyOf(address) {
  var _a;
  return ((_a = parseAddress(address)) == null ? void 0 : _a.length) === 16 ? 6 : 4;
}
function _canonical(address) {
  var _a, _b;
  return (_b = (_a = parseAddress(address)) == null ? void 0 : _a.join(".")) != null ? _b : address;
}
function clip$1(text) {
  return text.length > 80 ? `${text.slice(0, 80)}\u2026` : text;
}

const SIGNATURE_HEADER = "x-multiwa-signature";
function signPayload(secret, body, timestamp = Math.floor(Date.now() / 1e3)) {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}
function verifySignature(header, body, secret, options = {}) {
  var _a, _b;
  if (!header) return false;
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2)));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return false;
  const now = (_a = options.now) != null ? _a : Math.floor(Date.now() / 1e3);
  if (Math.abs(now - timestamp) > ((_b = options.toleranceSeconds) != null ? _b : 300)) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body));
  const given = Buffer.from(parts.v1);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
function hmac(secret, timestamp, body) {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

const REDACTED = "[redacted]";
function secret(schema) {
  return schema.meta({ writeOnly: true, "x-secret": true });
}
function isSecret(schema) {
  var _a;
  return ((_a = z.globalRegistry.get(schema)) == null ? void 0 : _a["x-secret"]) === true;
}
function redactSecrets(schema, value) {
  var _a;
  if (!schema || value === void 0 || value === null) return value;
  if (isSecret(schema)) return REDACTED;
  const def = schema._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
    case "success":
      return redactSecrets(def.innerType, value);
    case "pipe":
      return redactSecrets(def.in, value);
    case "lazy":
      return redactSecrets(def.getter(), value);
    case "union":
      return ((_a = def.options) != null ? _a : []).reduce((v, option) => redactSecrets(option, v), value);
    case "intersection":
      return redactSecrets(def.right, redactSecrets(def.left, value));
    case "array":
      return Array.isArray(value) ? value.map((v) => redactSecrets(def.element, v)) : value;
    case "record":
      return _plain(value) ? _mapValues(value, () => def.valueType) : value;
    case "object":
      return _plain(value) ? _mapValues(value, (k) => {
        var _a2, _b;
        return (_b = (_a2 = def.shape) == null ? void 0 : _a2[k]) != null ? _b : def.catchall;
      }) : value;
    default:
      return value;
  }
}
function _plain(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function _mapValues(value, schemaOf) {
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactSecrets(schemaOf(k), v);
  return out;
}

const WORKSPACE_RECORDS = ["contact", "template", "campaign", "rule", "flow"];
const META = "x-resource";
const ID_CHARS = /^[A-Za-z0-9_+-]+$/;
const MAX_ID_LENGTH = 128;
function resourceId(kind) {
  return z.string().min(1, "must not be empty").max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`).regex(ID_CHARS, "must be letters, digits, _, + or -").meta({ [META]: kind });
}
function resourceKindOf(schema) {
  var _a;
  return (_a = z.globalRegistry.get(schema)) == null ? void 0 : _a[META];
}
const defOf = (s) => s._zod.def;
function collectRefs(schema, value, prefix = "") {
  const out = /* @__PURE__ */ new Map();
  if (schema) walk(schema, value, prefix, out, 0);
  return [...out.values()];
}
function walk(schema, value, field, out, depth) {
  if (value === void 0 || value === null || depth > 64) return;
  const kind = resourceKindOf(schema);
  if (kind && typeof value === "string") {
    out.set(`${kind}\0${field}\0${value}`, { kind, id: value, field });
    return;
  }
  const def = defOf(schema);
  const inner = (key) => walk(def[key], value, field, out, depth + 1);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return inner("innerType");
    case "pipe":
      inner("in");
      return inner("out");
    case "lazy":
      return walk(def.getter(), value, field, out, depth + 1);
    case "intersection":
      inner("left");
      return inner("right");
    case "union":
      for (const option of def.options) walk(option, value, field, out, depth + 1);
      return;
    case "array":
      if (Array.isArray(value)) value.forEach((v, i) => walk(def.element, v, join(field, String(i)), out, depth + 1));
      return;
    case "object":
      if (typeof value !== "object") return;
      for (const [key, s] of Object.entries(def.shape)) walk(s, value[key], join(field, key), out, depth + 1);
      return;
    case "record":
      if (typeof value !== "object") return;
      for (const [key, v] of Object.entries(value)) walk(def.valueType, v, join(field, key), out, depth + 1);
      return;
  }
}
const join = (a, b) => a ? `${a}.${b}` : b;

const webhooks = pgTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    /** Only this profile's events; null: every profile of the workspace. */
    profileId: text("profile_id"),
    url: text("url").notNull(),
    events: jsonb("events").$type().notNull(),
    description: text("description"),
    enabled: boolean("enabled").notNull(),
    secret: text("secret").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull()
  },
  (t) => [index$1("webhooks_workspace").on(t.workspaceId, t.createdAt), index$1("webhooks_profile").on(t.profileId)]
);
const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id").notNull(),
    event: text("event").notNull(),
    profileId: text("profile_id"),
    body: text("body").notNull(),
    attempts: integer("attempts").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    nextAt: bigint("next_at", { mode: "number" }).notNull(),
    status: text("status").$type().notNull(),
    lastError: text("last_error"),
    lastStatus: integer("last_status"),
    deliveredAt: bigint("delivered_at", { mode: "number" }),
    /** The node attempting it now and until when; another node may take it over afterwards. */
    claimedBy: text("claimed_by"),
    claimedUntil: bigint("claimed_until", { mode: "number" })
  },
  (t) => [
    index$1("webhook_deliveries_due").on(t.nextAt).where(sql`status = 'pending'`),
    index$1("webhook_deliveries_webhook").on(t.webhookId, t.status, t.createdAt),
    index$1("webhook_deliveries_finished").on(t.status, t.createdAt).where(sql`status <> 'pending'`)
  ]
);

var __defProp$P = Object.defineProperty;
var __defNormalProp$P = (obj, key, value) => key in obj ? __defProp$P(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$P = (obj, key, value) => __defNormalProp$P(obj, typeof key !== "symbol" ? key + "" : key, value);
const WebhookEventFilter = z.array(z.string().min(1)).min(1).default(["*"]);
const CreateWebhookSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  /** Event names (`message.received`), prefixes (`message.*`) or `*`. */
  events: WebhookEventFilter,
  /** Only this profile's events; otherwise every profile of the workspace. */
  profileId: resourceId("profile").optional(),
  workspaceId: resourceId("workspace").default("default"),
  description: z.string().max(500).optional(),
  /** Signing secret; generated when omitted. */
  secret: secret(z.string().min(16).max(200)).optional(),
  enabled: z.boolean().default(true)
});
const UpdateWebhookSchema = CreateWebhookSchema.omit({ workspaceId: true, secret: true }).partial();
const CACHE_MAX_AGE_MS = 5e3;
class WebhookStore {
  constructor(database, onChange = () => {
  }) {
    __publicField$P(this, "database", database);
    __publicField$P(this, "onChange", onChange);
    __publicField$P(this, "cache");
    __publicField$P(this, "loadedAt", 0);
  }
  /** Returns the webhook and, this once, its secret. */
  async create(input) {
    var _a;
    const now = Date.now();
    const stored = { ...clean$1(input), id: `wh_${randomBytes(6).toString("hex")}`, secret: (_a = input.secret) != null ? _a : `whsec_${randomBytes(24).toString("base64url")}`, createdAt: now, updatedAt: now };
    await this.database.db.insert(webhooks).values(toRow(stored));
    this.changed();
    return { webhook: publicView$1(stored), secret: stored.secret };
  }
  async get(id) {
    return publicView$1(await this.stored(id));
  }
  async update(id, patch) {
    const next = { ...await this.stored(id), ...clean$1(patch), updatedAt: Date.now() };
    await this.database.db.update(webhooks).set(toRow(next)).where(eq(webhooks.id, id));
    this.changed();
    return publicView$1(next);
  }
  async remove(id) {
    const removed = await this.database.db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
    if (!removed.length) throw notFound$1(id);
    this.changed();
  }
  async list(filter = {}) {
    const where = and(
      filter.workspaceId ? eq(webhooks.workspaceId, filter.workspaceId) : void 0,
      filter.profileId ? eq(webhooks.profileId, filter.profileId) : void 0
    );
    const rows = await this.database.db.select().from(webhooks).where(where).orderBy(asc(webhooks.createdAt), asc(webhooks.id));
    return rows.map((row) => publicView$1(fromRow(row)));
  }
  /** Subscriptions with their secrets, for the dispatcher only (cached, see the class). */
  async subscriptions() {
    return [...(await this.all()).values()];
  }
  /** One subscription as stored now (not cached): the API answers for writes made on any node. */
  async stored(id) {
    const [row] = await this.database.db.select().from(webhooks).where(eq(webhooks.id, id));
    if (!row) throw notFound$1(id);
    return fromRow(row);
  }
  /** A subscription from the cache, for deliveries: gone once its deletion reached this node. */
  async cached(id) {
    return (await this.all()).get(id);
  }
  /** Drops the cache: a subscription changed on another node. */
  invalidate() {
    this.cache = void 0;
  }
  // --- Internal helpers ---
  all() {
    if (this.cache && Date.now() - this.loadedAt < CACHE_MAX_AGE_MS) return this.cache;
    this.loadedAt = Date.now();
    const load = this.database.db.select().from(webhooks).then((rows) => new Map(rows.map((r) => [r.id, fromRow(r)])));
    this.cache = load;
    load.catch(() => this.cache === load && (this.cache = void 0));
    return load;
  }
  changed() {
    this.invalidate();
    this.onChange();
  }
}
function matchesEvent(filters, event) {
  return filters.some((f) => f === "*" || f === event || f.endsWith(".*") && event.startsWith(f.slice(0, -1)));
}
function publicView$1({ secret: _secret, ...webhook }) {
  return webhook;
}
function clean$1(value) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== void 0));
}
function notFound$1(id) {
  return new MultiWAError("NOT_FOUND", `No webhook with id "${id}"`, { details: { field: "webhookId", value: id } });
}
function toRow(w) {
  var _a, _b;
  return {
    id: w.id,
    workspaceId: w.workspaceId,
    profileId: (_a = w.profileId) != null ? _a : null,
    url: w.url,
    events: w.events,
    description: (_b = w.description) != null ? _b : null,
    enabled: w.enabled,
    secret: w.secret,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt
  };
}
function fromRow(row) {
  const { profileId, description, ...rest } = row;
  return { ...rest, ...profileId ? { profileId } : {}, ...description ? { description } : {} };
}

var __defProp$O = Object.defineProperty;
var __defNormalProp$O = (obj, key, value) => key in obj ? __defProp$O(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$O = (obj, key, value) => __defNormalProp$O(obj, typeof key !== "symbol" ? key + "" : key, value);
class WebhookDispatcher {
  constructor(database, batch, store, options) {
    __publicField$O(this, "database", database);
    __publicField$O(this, "batch", batch);
    __publicField$O(this, "store", store);
    __publicField$O(this, "options", options);
    __publicField$O(this, "queue");
    __publicField$O(this, "poller");
    __publicField$O(this, "wake");
    __publicField$O(this, "polling");
    __publicField$O(this, "stopped", false);
    var _a;
    this.queue = new PQueue({ concurrency: (_a = options.concurrency) != null ? _a : 16 });
  }
  /** Records deliveries for every subscription matching the event, claimed by this node, and sends them. */
  async enqueue(event, payload, onlyWebhookId) {
    const hooks = await this.matching(event, payload, onlyWebhookId);
    if (!hooks.length) return [];
    const now = Date.now();
    const rows = hooks.map((hook) => {
      var _a;
      const id = randomUUID$1();
      const body = JSON.stringify({ id, event, timestamp: now, profileId: payload.profileId, data: payload });
      return {
        id,
        webhookId: hook.id,
        event,
        profileId: (_a = payload.profileId) != null ? _a : null,
        body,
        attempts: 0,
        createdAt: now,
        nextAt: now,
        status: "pending",
        lastError: null,
        lastStatus: null,
        deliveredAt: null,
        claimedBy: this.options.nodeId,
        claimedUntil: now + this.claimMs()
      };
    });
    await this.batch.run((tx) => tx.insert(webhookDeliveries).values(rows));
    for (const row of rows) this.send(row);
    return rows.map(toDelivery);
  }
  /** Starts polling for due deliveries; resolves with how many were pending. */
  async restore() {
    var _a, _b, _c;
    if (!this.options.shared) {
      await this.database.db.update(webhookDeliveries).set({ claimedBy: null, claimedUntil: null }).where(eq(webhookDeliveries.status, "pending"));
    }
    const [{ pending } = { pending: 0 }] = await this.database.db.select({ pending: sql`count(*)::int` }).from(webhookDeliveries).where(eq(webhookDeliveries.status, "pending"));
    if (!this.poller && !this.stopped) {
      this.poller = setInterval(() => void this.poll(), (_a = this.options.pollMs) != null ? _a : 1e3);
      (_c = (_b = this.poller).unref) == null ? void 0 : _c.call(_b);
      void this.poll();
    }
    return pending;
  }
  async deliveries(webhookId) {
    var _a;
    await this.store.stored(webhookId);
    const { db } = this.database;
    const of = (status) => and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.status, status));
    const [pending, delivered, dead] = await Promise.all([
      db.select().from(webhookDeliveries).where(of("pending")).orderBy(asc(webhookDeliveries.createdAt)).limit(1e3),
      db.select().from(webhookDeliveries).where(of("delivered")).orderBy(desc(webhookDeliveries.deliveredAt)).limit((_a = this.options.logSize) != null ? _a : 200),
      db.select().from(webhookDeliveries).where(of("dead")).orderBy(asc(webhookDeliveries.createdAt)).limit(1e3)
    ]);
    return { pending: pending.map(toDelivery), delivered: delivered.map(toDelivery), dead: dead.map(toDelivery) };
  }
  /** Sends a dead (or delivered) delivery again, under the same id, with a fresh retry budget. */
  async replay(webhookId, deliveryId) {
    const now = Date.now();
    const [row] = await this.database.db.update(webhookDeliveries).set({ status: "pending", attempts: 0, nextAt: now, lastError: null, claimedBy: this.options.nodeId, claimedUntil: now + this.claimMs() }).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.webhookId, webhookId), ne(webhookDeliveries.status, "pending"))).returning();
    if (!row) throw new MultiWAError("NOT_FOUND", `No dead or delivered delivery "${deliveryId}" on webhook "${webhookId}"`, { details: { field: "deliveryId" } });
    this.send(row);
    return toDelivery(row);
  }
  /** Deletes delivered and dead deliveries created before `before`, `limit` at a time; resolves with how many. */
  async prune(before, limit = 1e3) {
    const old = this.database.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(and(ne(webhookDeliveries.status, "pending"), lt(webhookDeliveries.createdAt, before))).limit(limit);
    const removed = await this.database.db.delete(webhookDeliveries).where(inArray(webhookDeliveries.id, old)).returning({ id: webhookDeliveries.id });
    return removed.length;
  }
  async stop() {
    var _a, _b;
    this.stopped = true;
    clearInterval(this.poller);
    clearTimeout((_a = this.wake) == null ? void 0 : _a.timer);
    this.queue.clear();
    await this.queue.onIdle();
    await ((_b = this.polling) == null ? void 0 : _b.catch(() => 0));
    await this.batch.flush();
    await this.database.db.update(webhookDeliveries).set({ claimedBy: null, claimedUntil: null }).where(and(eq(webhookDeliveries.claimedBy, this.options.nodeId), eq(webhookDeliveries.status, "pending"))).catch((e) => this.options.logger.warn(`webhook claims not released: ${e.message}`));
  }
  // --- Internal helpers ---
  async matching(event, payload, only) {
    const all = await this.store.subscriptions();
    if (only) return all.filter((h) => h.id === only);
    const candidates = all.filter((h) => h.enabled && matchesEvent(h.events, event) && (!h.profileId || h.profileId === payload.profileId));
    if (!candidates.length) return [];
    const workspace = payload.profileId ? await this.options.workspaceOf(payload.profileId) : void 0;
    return candidates.filter((h) => h.profileId || workspace === void 0 || h.workspaceId === workspace);
  }
  /** Claims due deliveries no live node holds, oldest due first, as many as there are free slots. */
  poll() {
    var _a, _b;
    if (this.stopped || this.polling) return (_a = this.polling) != null ? _a : Promise.resolve(0);
    const free = ((_b = this.options.concurrency) != null ? _b : 16) * 2 - this.queue.size - this.queue.pending;
    if (free <= 0) return Promise.resolve(0);
    const now = Date.now();
    const d = webhookDeliveries;
    const due = this.database.db.select({ id: d.id }).from(d).where(and(eq(d.status, "pending"), sql`${d.nextAt} <= ${now}`, or(sql`${d.claimedUntil} is null`, lt(d.claimedUntil, now)))).orderBy(asc(d.nextAt)).limit(free).for("update", { skipLocked: true });
    const run = this.database.transaction(
      (tx) => tx.update(d).set({ claimedBy: this.options.nodeId, claimedUntil: now + this.claimMs() }).where(inArray(d.id, due)).returning()
    ).then((rows) => {
      for (const row of rows) this.send(row);
      return rows.length;
    }, (error) => {
      this.options.logger.warn(`webhook poll failed: ${error.message}`);
      return 0;
    }).finally(() => this.polling = void 0);
    this.polling = run;
    return run;
  }
  send(row) {
    if (this.stopped) return;
    void this.queue.add(() => this.attempt(row)).catch((e) => this.options.logger.warn(`webhook delivery ${row.id} failed: ${e.message}`));
  }
  async attempt(row) {
    var _a, _b, _c, _d;
    if (this.stopped) return;
    const hook = (_a = await this.store.cached(row.webhookId)) != null ? _a : await this.store.stored(row.webhookId).catch(() => void 0);
    const mine = and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.claimedBy, this.options.nodeId));
    if (!hook) return void await this.batch.run((tx) => tx.delete(webhookDeliveries).where(eq(webhookDeliveries.id, row.id)));
    const attempts = row.attempts + 1;
    let lastStatus = null;
    try {
      const response = await this.options.client.request(hook.url, {
        method: "POST",
        timeoutMs: (_b = this.options.timeoutMs) != null ? _b : 1e4,
        maxBytes: 16 * 1024,
        truncate: true,
        headers: {
          "content-type": "application/json",
          "user-agent": "MultiWA-Webhooks/1",
          "x-multiwa-event": row.event,
          "x-multiwa-delivery": row.id,
          [SIGNATURE_HEADER]: signPayload(hook.secret, row.body)
        },
        body: row.body
      });
      lastStatus = response.status;
      if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
      const done = { status: "delivered", attempts, lastStatus, lastError: null, deliveredAt: Date.now(), claimedBy: null, claimedUntil: null };
      await this.batch.run((tx) => tx.update(webhookDeliveries).set(done).where(mine));
    } catch (error) {
      const lastError = error.message;
      const dead = attempts >= ((_c = this.options.maxAttempts) != null ? _c : 8);
      const nextAt = Date.now() + Math.min(36e5, ((_d = this.options.retryBaseMs) != null ? _d : 1e3) * 2 ** (attempts - 1));
      const failed = dead ? { status: "dead", attempts, lastStatus, lastError, claimedBy: null, claimedUntil: null } : { attempts, lastStatus, lastError, nextAt, claimedBy: null, claimedUntil: null };
      await this.batch.run((tx) => tx.update(webhookDeliveries).set(failed).where(mine));
      if (dead) this.options.logger.warn(`webhook delivery ${row.id} is dead after ${attempts} attempts: ${lastError}`);
      else this.wakeAt(nextAt);
    }
  }
  /** Polls early for a retry due before the next regular poll. */
  wakeAt(at) {
    var _a, _b;
    if (this.stopped || this.wake && this.wake.at <= at) return;
    clearTimeout((_a = this.wake) == null ? void 0 : _a.timer);
    const timer = setTimeout(() => (this.wake = void 0, void this.poll()), Math.max(0, at - Date.now()));
    (_b = timer.unref) == null ? void 0 : _b.call(timer);
    this.wake = { at, timer };
  }
  claimMs() {
    var _a;
    return ((_a = this.options.timeoutMs) != null ? _a : 1e4) + 5e3;
  }
}
function toDelivery(row) {
  return {
    id: row.id,
    webhookId: row.webhookId,
    event: row.event,
    body: row.body,
    attempts: row.attempts,
    createdAt: row.createdAt,
    nextAt: row.nextAt,
    status: row.status,
    ...row.profileId ? { profileId: row.profileId } : {},
    ...row.lastError ? { lastError: row.lastError } : {},
    ...row.lastStatus !== null ? { lastStatus: row.lastStatus } : {},
    ...row.deliveredAt !== null ? { deliveredAt: row.deliveredAt } : {}
  };
}

var __defProp$N = Object.defineProperty;
var __defNormalProp$N = (obj, key, value) => key in obj ? __defProp$N(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$N = (obj, key, value) => __defNormalProp$N(obj, typeof key !== "symbol" ? key + "" : key, value);
class Webhooks {
  constructor(deps, options) {
    __publicField$N(this, "options", options);
    __publicField$N(this, "store");
    __publicField$N(this, "dispatcher");
    this.store = new WebhookStore(deps.database, deps.onChange);
    this.dispatcher = new WebhookDispatcher(deps.database, deps.batch, this.store, options);
  }
  async create(input) {
    const parsed = parseInput(CreateWebhookSchema, input, "webhook");
    await assertSavableTarget(parsed.url, this.options.client.policy);
    return this.store.create(parsed);
  }
  get(id) {
    return this.store.get(id);
  }
  async update(id, input) {
    const parsed = parseInput(UpdateWebhookSchema, input, "webhook");
    if (parsed.url !== void 0) await assertSavableTarget(parsed.url, this.options.client.policy);
    return this.store.update(id, parsed);
  }
  remove(id) {
    return this.store.remove(id);
  }
  list(filter = {}) {
    return this.store.list(filter);
  }
  deliveries(webhookId) {
    return this.dispatcher.deliveries(webhookId);
  }
  replay(webhookId, deliveryId) {
    return this.dispatcher.replay(webhookId, deliveryId);
  }
  /** Sends a `webhook.test` event to one subscription, whatever its filters. */
  async test(webhookId) {
    const hook = await this.store.get(webhookId);
    return this.dispatcher.enqueue("webhook.test", { ...hook.profileId ? { profileId: hook.profileId } : {} }, webhookId);
  }
  dispatch(event, payload) {
    return this.dispatcher.enqueue(event, payload);
  }
  /** Another node changed a subscription: re-read them before the next event. */
  invalidate() {
    this.store.invalidate();
  }
  /** Deletes finished (delivered or dead) deliveries created before `before`, in batches of `limit`. */
  prune(before, limit) {
    return this.dispatcher.prune(before, limit);
  }
  restore() {
    return this.dispatcher.restore();
  }
  stop() {
    return this.dispatcher.stop();
  }
}

const PERMISSIONS = [
  "profiles.read",
  "profiles.manage",
  "messages.read",
  "messages.send",
  /** Lets an AI agent (MCP) send without the prepare/confirm step. */
  "messages.send.direct",
  "groups.read",
  "groups.manage",
  "contacts.read",
  "contacts.manage",
  "templates.manage",
  "broadcast.manage",
  "rules.manage",
  "flows.manage",
  "webhooks.manage",
  "keys.manage",
  "users.manage",
  "audit.read",
  "analytics.read",
  "org.manage"
];
const READ = PERMISSIONS.filter((p) => p.endsWith(".read"));
const BUILT_IN_ROLES = [
  { id: "owner", name: "Owner", permissions: ["*"], builtIn: true },
  { id: "admin", name: "Admin", permissions: PERMISSIONS.filter((p) => p !== "org.manage"), builtIn: true },
  { id: "agent", name: "Agent", permissions: ["profiles.read", "messages.read", "messages.send", "groups.read", "contacts.read", "contacts.manage", "analytics.read"], builtIn: true },
  { id: "viewer", name: "Viewer", permissions: [...READ], builtIn: true }
];
function grants(permissions, permission) {
  return permissions.some((p) => p === "*" || p === permission || p.endsWith(".*") && permission.startsWith(p.slice(0, -1)));
}
function isKnownPermission(permission) {
  return permission === "*" || PERMISSIONS.includes(permission) || permission.endsWith(".*") && PERMISSIONS.some((p) => p.startsWith(permission.slice(0, -1)));
}

function can(principal, permission, workspace) {
  var _a, _b;
  if (workspace) {
    if (principal.workspaceId && principal.workspaceId !== workspace.id) return false;
    if (principal.organizationId && workspace.organizationId && principal.organizationId !== workspace.organizationId) return false;
    return grants([...(_a = principal.permissions["*"]) != null ? _a : [], ...(_b = principal.permissions[workspace.id]) != null ? _b : []], permission);
  }
  return Object.values(principal.permissions).some((list) => grants(list, permission));
}

var __defProp$M = Object.defineProperty;
var __defNormalProp$M = (obj, key, value) => key in obj ? __defProp$M(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$M = (obj, key, value) => __defNormalProp$M(obj, key + "" , value);
const ORDER = ["organization", "workspace", "profile", "webhook", "key", "user", "role", ...WORKSPACE_RECORDS];
const NOT_FOUND_CODE = { profile: "PROFILE_NOT_FOUND" };
class Access {
  constructor(ports) {
    __publicField$M(this, "ports", ports);
  }
  async authorize(principal, permission, refs, options = {}) {
    var _a;
    const resolution = {};
    const sorted = [...refs].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    let fellBack = false;
    for (const ref of sorted) {
      if (WORKSPACE_RECORDS.includes(ref.kind) && !resolution.workspace && !fellBack) {
        fellBack = true;
        const fallback = (_a = principal.workspaceId) != null ? _a : options.fallbackWorkspace;
        if (fallback) resolution.workspace = await this.workspaceIn(principal, permission, fallback, { kind: "workspace", id: fallback, field: "workspaceId" });
      }
      await this.one(principal, permission, ref, resolution);
    }
    return resolution;
  }
  /** A workspace the principal may act in with `permission`. */
  async workspaceIn(principal, permission, id, ref = { kind: "workspace", id, field: "workspaceId" }) {
    const ws = await this.ports.workspace(id);
    if (!ws || !inScope(principal, ws)) throw missing(ref);
    if (permission && !can(principal, permission, ws)) throw forbidden(`You lack the \`${permission}\` permission in workspace "${ws.id}"`, ref.field);
    return ws;
  }
  async one(principal, permission, ref, r) {
    var _a, _b;
    const p = this.ports;
    const actIn = async (workspaceId) => {
      var _a2;
      if (!workspaceId) throw missing(ref);
      const ws = await this.workspaceIn(principal, permission, workspaceId, ref).catch((e) => {
        throw e.code === "NOT_FOUND" ? missing(ref) : e;
      });
      (_a2 = r.workspace) != null ? _a2 : r.workspace = ws;
    };
    switch (ref.kind) {
      case "organization": {
        if (principal.organizationId && principal.organizationId !== ref.id || !await p.organizationExists(ref.id)) throw missing(ref);
        if (permission && !orgWide(principal, permission)) throw forbidden(`You lack the organization-wide \`${permission}\` permission`, ref.field);
        r.organizationId = ref.id;
        return;
      }
      case "workspace":
        return actIn(ref.id);
      case "profile":
        return actIn(await p.profileWorkspace(ref.id));
      case "webhook":
        return actIn(await p.webhookWorkspace(ref.id));
      case "key": {
        const key = await p.key(ref.id);
        if (!key) throw missing(ref);
        if (key.workspaceId) return actIn(key.workspaceId);
        if (principal.workspaceId || principal.organizationId && key.organizationId !== principal.organizationId) throw missing(ref);
        if (permission && !orgWide(principal, permission)) throw missing(ref);
        return;
      }
      case "user": {
        const org = (_a = r.organizationId) != null ? _a : principal.organizationId;
        if (!org || !await p.isMember(org, ref.id)) throw missing(ref);
        return;
      }
      case "role": {
        const org = (_b = r.organizationId) != null ? _b : principal.organizationId;
        if (!org || !await p.roleExists(org, ref.id)) throw missing(ref);
        return;
      }
      default: {
        const ws = r.workspace;
        if (!ws || !await p.recordExists(ref.kind, ws.id, ref.id)) throw missing(ref);
      }
    }
  }
}
function inScope(principal, ws) {
  return (!principal.workspaceId || principal.workspaceId === ws.id) && (!principal.organizationId || principal.organizationId === ws.organizationId);
}
function orgWide(principal, permission) {
  var _a;
  return !principal.workspaceId && grants((_a = principal.permissions["*"]) != null ? _a : [], permission);
}
function missing(ref) {
  var _a;
  const noun = ref.kind === "key" ? "API key" : ref.kind;
  return new MultiWAError((_a = NOT_FOUND_CODE[ref.kind]) != null ? _a : "NOT_FOUND", `${noun[0].toUpperCase()}${noun.slice(1)} "${ref.id}" does not exist`, { details: { field: ref.field } });
}
function forbidden(message, field) {
  return new MultiWAError("FORBIDDEN", message, { details: { field } });
}

const found = (p) => p.then((v) => !!v, () => false);
function accessPorts(wa) {
  const records = {
    contact: (ws, id) => wa.contacts.find(ws, id),
    template: (ws, id) => wa.templates.get(ws, id),
    campaign: (ws, id) => wa.campaigns.get(ws, id),
    rule: (ws, id) => wa.automation.rules.get(ws, id),
    flow: (ws, id) => wa.automation.flows.get(ws, id)
  };
  return {
    workspace: (id) => wa.tenancy.organizations.workspace(id).catch(() => void 0),
    organizationExists: (id) => found(wa.tenancy.organizations.organization(id)),
    profileWorkspace: async (id) => {
      var _a;
      return (_a = await wa.profiles.find(id)) == null ? void 0 : _a.workspaceId;
    },
    webhookWorkspace: (id) => wa.webhooks.get(id).then((h) => h.workspaceId, () => void 0),
    key: (id) => wa.apiKeys.get(id),
    isMember: (org, userId) => found(wa.tenancy.members.membership(org, userId)),
    roleExists: (org, roleId) => found(wa.tenancy.members.role(org, roleId)),
    recordExists: (kind, ws, id) => found(records[kind](ws, id))
  };
}

var __defProp$L = Object.defineProperty;
var __defNormalProp$L = (obj, key, value) => key in obj ? __defProp$L(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$L = (obj, key, value) => __defNormalProp$L(obj, key + "" , value);
const RoleAssignmentSchema = z.record(z.string().min(1).max(128), resourceId("role")).refine((r) => Object.keys(r).length > 0, "must assign at least one role");
const CreateRoleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "must be lowercase letters, digits, _ or -"),
  name: z.string().min(1).max(80),
  permissions: z.array(z.string().refine(isKnownPermission, "is not a known permission")).min(1)
});
const InviteSchema = z.object({ email: z.email(), roles: RoleAssignmentSchema });
const INVITE_TTL_MS = 7 * 24 * 36e5;
class Members {
  constructor(storage) {
    __publicField$L(this, "storage", storage);
  }
  async roles(organizationId) {
    const ids = stripBase(await this.storage.getKeys(`roles:${organizationId}`), `roles:${organizationId}`);
    const custom = await Promise.all(ids.map((id) => this.storage.getItem(`roles:${organizationId}:${id}`)));
    return [...BUILT_IN_ROLES, ...custom.filter((r) => !!r)];
  }
  async role(organizationId, roleId) {
    var _a;
    const role = (_a = BUILT_IN_ROLES.find((r) => r.id === roleId)) != null ? _a : await this.storage.getItem(`roles:${organizationId}:${roleId}`);
    if (!role) throw new MultiWAError("VALIDATION_FAILED", `Unknown role "${roleId}"`, { details: { field: "roles", value: roleId } });
    return role;
  }
  async createRole(organizationId, input) {
    const parsed = parseInput(CreateRoleSchema, input, "role");
    if ((await this.roles(organizationId)).some((r) => r.id === parsed.id)) {
      throw new MultiWAError("ALREADY_EXISTS", `Role "${parsed.id}" already exists`, { details: { field: "id" } });
    }
    const role = { ...parsed, builtIn: false, organizationId };
    await this.storage.setItem(`roles:${organizationId}:${role.id}`, role);
    return role;
  }
  async add(organizationId, userId, roles) {
    const checked = parseInput(RoleAssignmentSchema, roles, "roles");
    for (const roleId of Object.values(checked)) await this.role(organizationId, roleId);
    const membership = { userId, organizationId, roles: checked, joinedAt: Date.now() };
    await this.storage.setItem(`members:${organizationId}:${userId}`, membership);
    await this.storage.setItem(`memberof:${userId}:${organizationId}`, true);
    return membership;
  }
  async membership(organizationId, userId) {
    return this.storage.getItem(`members:${organizationId}:${userId}`);
  }
  async list(organizationId) {
    const ids = stripBase(await this.storage.getKeys(`members:${organizationId}`), `members:${organizationId}`);
    return (await Promise.all(ids.map((id) => this.membership(organizationId, id)))).filter((m) => !!m);
  }
  async organizationsOf(userId) {
    return stripBase(await this.storage.getKeys(`memberof:${userId}`), `memberof:${userId}`);
  }
  async remove(organizationId, userId) {
    await this.storage.removeItem(`members:${organizationId}:${userId}`);
    await this.storage.removeItem(`memberof:${userId}:${organizationId}`);
  }
  /** Returns the invitation token (shown once) for a link the invitee opens. */
  async invite(organizationId, input, invitedBy) {
    const parsed = parseInput(InviteSchema, input, "invitation");
    for (const roleId of Object.values(parsed.roles)) await this.role(organizationId, roleId);
    const token = `mwi_${randomBytes(24).toString("base64url")}`;
    const invitation = { organizationId, email: parsed.email.toLowerCase(), roles: parsed.roles, invitedBy, expiresAt: Date.now() + INVITE_TTL_MS };
    await this.storage.setItem(inviteKey(token), invitation);
    return { token, invitation };
  }
  /** Reads an invitation without using it up; fails the same way for unknown, used and expired tokens. */
  async peekInvitation(token) {
    const invitation = await this.storage.getItem(inviteKey(token));
    if (!invitation || invitation.expiresAt <= Date.now()) throw new MultiWAError("UNAUTHENTICATED", "This invitation is invalid or has expired");
    return invitation;
  }
  /** Consumes an invitation; fails the same way for unknown, used and expired tokens. */
  async takeInvitation(token) {
    const invitation = await this.storage.getItem(inviteKey(token));
    await this.storage.removeItem(inviteKey(token));
    if (!invitation || invitation.expiresAt <= Date.now()) throw new MultiWAError("UNAUTHENTICATED", "This invitation is invalid or has expired");
    return invitation;
  }
}
function inviteKey(token) {
  return `invites:${createHash("sha256").update(token).digest("hex")}`;
}

var __defProp$K = Object.defineProperty;
var __defNormalProp$K = (obj, key, value) => key in obj ? __defProp$K(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$K = (obj, key, value) => __defNormalProp$K(obj, typeof key !== "symbol" ? key + "" : key, value);
const DEFAULT_ORGANIZATION = "default";
const DEFAULT_WORKSPACE = "default";
const Slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be 1-64 lowercase letters, digits, _ or -");
const CreateOrganizationSchema = z.object({ id: Slug.optional(), name: z.string().min(1).max(120) });
const CreateWorkspaceSchema = z.object({ id: Slug.optional(), name: z.string().min(1).max(120) });
class Organizations {
  constructor(storage) {
    __publicField$K(this, "storage", storage);
    __publicField$K(this, "workspaceCache", /* @__PURE__ */ new Map());
  }
  /** The default organization and workspace that single-tenant installs use; created once. */
  async ensureDefaults() {
    if (!await this.storage.hasItem(`orgs:${DEFAULT_ORGANIZATION}`)) {
      await this.storage.setItem(`orgs:${DEFAULT_ORGANIZATION}`, { id: DEFAULT_ORGANIZATION, name: "Default organization", createdAt: Date.now() });
    }
    if (!await this.storage.hasItem(`workspaces:${DEFAULT_WORKSPACE}`)) {
      await this.storage.setItem(`workspaces:${DEFAULT_WORKSPACE}`, { id: DEFAULT_WORKSPACE, organizationId: DEFAULT_ORGANIZATION, name: "Default workspace", createdAt: Date.now() });
    }
  }
  async createOrganization(input) {
    var _a;
    const parsed = parseInput(CreateOrganizationSchema, input, "organization");
    const org = { id: (_a = parsed.id) != null ? _a : `org_${randomBytes(5).toString("hex")}`, name: parsed.name, createdAt: Date.now() };
    if (await this.storage.hasItem(`orgs:${org.id}`)) throw exists("Organization", org.id);
    await this.storage.setItem(`orgs:${org.id}`, org);
    return org;
  }
  async organization(id) {
    const org = await this.storage.getItem(`orgs:${id}`);
    if (!org) throw new MultiWAError("NOT_FOUND", `Organization "${id}" does not exist`, { details: { field: "organizationId", value: id } });
    return org;
  }
  async organizations() {
    const ids = stripBase(await this.storage.getKeys("orgs"), "orgs");
    return (await Promise.all(ids.map((id) => this.storage.getItem(`orgs:${id}`)))).filter((o) => !!o).sort((a, b) => a.createdAt - b.createdAt);
  }
  async createWorkspace(organizationId, input) {
    var _a;
    await this.organization(organizationId);
    const parsed = parseInput(CreateWorkspaceSchema, input, "workspace");
    const ws = { id: (_a = parsed.id) != null ? _a : `ws_${randomBytes(5).toString("hex")}`, organizationId, name: parsed.name, createdAt: Date.now() };
    if (await this.storage.hasItem(`workspaces:${ws.id}`)) throw exists("Workspace", ws.id);
    await this.storage.setItem(`workspaces:${ws.id}`, ws);
    this.workspaceCache.set(ws.id, ws);
    return ws;
  }
  /** Workspaces never move between organizations, so lookups are cached for good. */
  async workspace(id) {
    const cached = this.workspaceCache.get(id);
    if (cached) return cached;
    const ws = await this.storage.getItem(`workspaces:${id}`);
    if (!ws) throw new MultiWAError("NOT_FOUND", `Workspace "${id}" does not exist`, { details: { field: "workspaceId", value: id } });
    this.workspaceCache.set(id, ws);
    return ws;
  }
  async workspaces(organizationId) {
    const ids = stripBase(await this.storage.getKeys("workspaces"), "workspaces");
    const all = (await Promise.all(ids.map((id) => this.workspace(id).catch(() => null)))).filter((w) => !!w);
    return all.filter((w) => !organizationId || w.organizationId === organizationId).sort((a, b) => a.createdAt - b.createdAt);
  }
}
function exists(what, id) {
  return new MultiWAError("ALREADY_EXISTS", `${what} "${id}" already exists`, { details: { field: "id", value: id } });
}

var __defProp$J = Object.defineProperty;
var __defNormalProp$J = (obj, key, value) => key in obj ? __defProp$J(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$J = (obj, key, value) => __defNormalProp$J(obj, key + "" , value);
const scrypt = (password, salt, keylen, options) => new Promise((resolve, reject) => scrypt$1(password, salt, keylen, options, (err, key) => err ? reject(err) : resolve(key)));
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 };
const SESSION_TTL_MS = 7 * 24 * 36e5;
const PasswordSchema = secret(z.string().min(10, "must have at least 10 characters").max(200));
const LocaleSchema = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "must be a language tag such as en, id or pt-BR").max(35);
const UpdateUserSchema = z.object({ locale: LocaleSchema.nullable().optional() });
const CreateUserSchema = z.object({ email: z.email().transform((e) => e.toLowerCase()), name: z.string().min(1).max(120), password: PasswordSchema });
class Users {
  constructor(storage) {
    __publicField$J(this, "storage", storage);
  }
  async create(input) {
    const parsed = parseInput(CreateUserSchema, input, "user");
    if (await this.storage.hasItem(emailKey(parsed.email))) {
      throw new MultiWAError("ALREADY_EXISTS", `A user with email ${parsed.email} already exists`, { details: { field: "email" } });
    }
    const user = { id: `u_${randomBytes(6).toString("hex")}`, email: parsed.email, name: parsed.name, createdAt: Date.now(), passwordHash: await hashPassword(parsed.password) };
    await this.storage.setItem(`users:${user.id}`, user);
    await this.storage.setItem(emailKey(user.email), user.id);
    return publicView(user);
  }
  async get(id) {
    const user = await this.storage.getItem(`users:${id}`);
    if (!user) throw new MultiWAError("NOT_FOUND", `User "${id}" does not exist`, { details: { field: "userId" } });
    return publicView(user);
  }
  async findByEmail(email) {
    const id = await this.storage.getItem(emailKey(email.toLowerCase()));
    return id ? this.get(id).catch(() => null) : null;
  }
  async list(ids) {
    const all = ids != null ? ids : stripBase(await this.storage.getKeys("users"), "users");
    return (await Promise.all(all.map((id) => this.get(id).catch(() => null)))).filter((u) => !!u);
  }
  async setPassword(id, password) {
    const user = await this.storage.getItem(`users:${id}`);
    if (!user) throw new MultiWAError("NOT_FOUND", `User "${id}" does not exist`);
    user.passwordHash = await hashPassword(parseInput(PasswordSchema, password, "password"));
    await this.storage.setItem(`users:${id}`, user);
  }
  /** Changes the user's own preferences; `locale: null` forgets the language (back to the browser's). */
  async update(id, input) {
    const parsed = parseInput(UpdateUserSchema, input, "user");
    const user = await this.storage.getItem(`users:${id}`);
    if (!user) throw new MultiWAError("NOT_FOUND", `User "${id}" does not exist`, { details: { field: "userId" } });
    if (parsed.locale === null) delete user.locale;
    else if (parsed.locale !== void 0) user.locale = parsed.locale;
    await this.storage.setItem(`users:${id}`, user);
    return publicView(user);
  }
  /** Checks email and password; returns a session token (shown once) or fails with one message for every cause. */
  async login(email, password) {
    var _a;
    const id = await this.storage.getItem(emailKey(String(email).toLowerCase()));
    const user = id ? await this.storage.getItem(`users:${id}`) : null;
    const ok = await verifyPassword(String(password), (_a = user == null ? void 0 : user.passwordHash) != null ? _a : DUMMY_HASH);
    if (!user || !ok || user.disabled) throw new MultiWAError("UNAUTHENTICATED", "Wrong email or password");
    const token = `mws_${randomBytes(32).toString("base64url")}`;
    const expiresAt = Date.now() + SESSION_TTL_MS;
    await this.storage.setItem(sessionKey(token), { userId: user.id, expiresAt });
    return { user: publicView(user), token, expiresAt };
  }
  async session(token) {
    if (!token.startsWith("mws_")) return null;
    const session = await this.storage.getItem(sessionKey(token));
    if (!session || session.expiresAt <= Date.now()) return null;
    const user = await this.get(session.userId).catch(() => null);
    return user && !user.disabled ? user : null;
  }
  async logout(token) {
    await this.storage.removeItem(sessionKey(token));
  }
}
async function hashPassword(password) {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}
async function verifyPassword(password, stored) {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(expected, actual);
}
const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(16).toString("base64")}$${Buffer.alloc(64).toString("base64")}`;
function emailKey(email) {
  return `useremail:${createHash("sha256").update(email).digest("hex").slice(0, 40)}`;
}
function sessionKey(token) {
  return `usersessions:${createHash("sha256").update(token).digest("hex")}`;
}
function publicView({ passwordHash: _hash, ...user }) {
  return user;
}

var __defProp$I = Object.defineProperty;
var __defNormalProp$I = (obj, key, value) => key in obj ? __defProp$I(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$I = (obj, key, value) => __defNormalProp$I(obj, typeof key !== "symbol" ? key + "" : key, value);
class Tenancy {
  constructor(storage) {
    __publicField$I(this, "organizations");
    __publicField$I(this, "users");
    __publicField$I(this, "members");
    this.organizations = new Organizations(storage);
    this.users = new Users(storage);
    this.members = new Members(storage);
  }
  /** A user's rights in one organization (the only one, when they belong to just one). */
  async principalForUser(user, organizationId) {
    const orgs = await this.members.organizationsOf(user.id);
    const orgId = organizationId != null ? organizationId : orgs.length === 1 ? orgs[0] : void 0;
    if (!orgId || !orgs.includes(orgId)) {
      throw new MultiWAError("FORBIDDEN", orgs.length ? "Choose an organization (x-organization header)" : "You do not belong to any organization", { details: { organizations: orgs } });
    }
    const membership = await this.members.membership(orgId, user.id);
    const permissions = {};
    for (const [workspace, roleId] of Object.entries(membership.roles)) {
      permissions[workspace] = (await this.members.role(orgId, roleId)).permissions;
    }
    return { kind: "user", id: user.id, name: user.name, organizationId: orgId, permissions };
  }
  principalForKey(key) {
    var _a;
    return {
      kind: "key",
      id: key.id,
      name: key.name,
      ...key.organizationId ? { organizationId: key.organizationId } : {},
      ...key.workspaceId ? { workspaceId: key.workspaceId } : {},
      permissions: { [(_a = key.workspaceId) != null ? _a : "*"]: key.permissions }
    };
  }
  /**
   * Joins an invitation's organization. A new email becomes a new user (name and password required);
   * an existing account joins only when `caller` is that account, logged in: an invitation alone
   * never changes what another organization's user belongs to.
   */
  async acceptInvitation(token, input, caller) {
    const invitation = await this.members.peekInvitation(token);
    const existing = await this.users.findByEmail(invitation.email);
    if (existing && (caller == null ? void 0 : caller.id) !== existing.id) {
      throw new MultiWAError("UNAUTHENTICATED", "This invitation is for an existing account: log in as that account, then accept it", { details: { field: "token" } });
    }
    if (!existing && (!input.name || !input.password)) {
      throw new MultiWAError("VALIDATION_FAILED", "A new account needs `name` and `password`", { details: { field: input.name ? "password" : "name" } });
    }
    await this.members.takeInvitation(token);
    const user = existing != null ? existing : await this.users.create({ email: invitation.email, name: input.name, password: input.password });
    await this.members.add(invitation.organizationId, user.id, invitation.roles);
    return user;
  }
}

const SECRET_NAME = /pass(word|phrase)?$|secret|token|api[-_]?key|authorization|cookie|credential|private[-_]?key|base64/i;
const MAX_DEPTH = 4;
const MAX_STRING = 200;
const MAX_ITEMS = 20;
function auditSummary(value, depth = 0) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return { value: _clip(value, depth) };
  return _object(value, depth);
}
function _object(value, depth) {
  const out = {};
  for (const [k, v] of Object.entries(value).slice(0, 50)) out[k.slice(0, 100)] = SECRET_NAME.test(k) && v !== void 0 && v !== null ? REDACTED : _clip(v, depth + 1);
  return out;
}
function _clip(v, depth) {
  if (typeof v === "string") return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}\u2026` : v;
  if (v === null || typeof v !== "object") return v;
  if (depth >= MAX_DEPTH) return "[\u2026]";
  if (Array.isArray(v)) return v.length > MAX_ITEMS ? [...v.slice(0, MAX_ITEMS).map((x) => _clip(x, depth + 1)), `\u2026${v.length - MAX_ITEMS} more`] : v.map((x) => _clip(x, depth + 1));
  return _object(v, depth);
}

const auditEntries = pgTable(
  "audit_entries",
  {
    id: text("id").primaryKey(),
    at: bigint("at", { mode: "number" }).notNull(),
    /** "" for calls outside any organization (gateway admins). */
    organizationId: text("organization_id").notNull(),
    workspaceId: text("workspace_id"),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    target: text("target"),
    ip: text("ip"),
    status: integer("status").notNull(),
    summary: jsonb("summary").$type()
  },
  (t) => [
    index$1("audit_entries_org_id").on(t.organizationId, t.id),
    index$1("audit_entries_actor_id").on(t.actorId, t.id),
    index$1("audit_entries_workspace_id").on(t.workspaceId, t.id)
  ]
);

var __defProp$H = Object.defineProperty;
var __defNormalProp$H = (obj, key, value) => key in obj ? __defProp$H(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$H = (obj, key, value) => __defNormalProp$H(obj, typeof key !== "symbol" ? key + "" : key, value);
class AuditLog {
  constructor(db, options = {}) {
    __publicField$H(this, "db", db);
    __publicField$H(this, "options", options);
    __publicField$H(this, "now");
    var _a;
    this.now = (_a = options.now) != null ? _a : Date.now;
  }
  async record(entry) {
    var _a, _b, _c, _d, _e, _f;
    const at = (_a = entry.at) != null ? _a : this.now();
    const id = `${idTime(at)}-${randomBytes(5).toString("hex")}`;
    const summary = entry.summary ? auditSummary(entry.summary) : void 0;
    await this.db.insert(auditEntries).values({
      id,
      at,
      organizationId: (_b = entry.organizationId) != null ? _b : "",
      workspaceId: (_c = entry.workspaceId) != null ? _c : null,
      actorKind: entry.actor.kind,
      actorId: entry.actor.id,
      actorName: (_d = entry.actor.name) != null ? _d : null,
      action: entry.action,
      target: (_e = entry.target) != null ? _e : null,
      ip: (_f = entry.ip) != null ? _f : null,
      status: entry.status,
      summary: summary != null ? summary : null
    });
    return { ...entry, id, at, ...summary ? { summary } : {} };
  }
  /** Newest first. Without `organizationId`, every organization's entries (gateway admins only). */
  async query(query = {}) {
    var _a;
    const where = [];
    if (query.organizationId !== void 0) where.push(eq(auditEntries.organizationId, query.organizationId));
    if (query.workspaceId !== void 0) where.push(eq(auditEntries.workspaceId, query.workspaceId));
    if (query.actorId !== void 0) where.push(eq(auditEntries.actorId, query.actorId));
    if (query.action) where.push(sql`strpos(${auditEntries.action}, ${query.action}) > 0`);
    if (query.from !== void 0) where.push(gte(auditEntries.id, idTime(query.from)));
    if (query.to !== void 0) where.push(lte(auditEntries.id, `${idTime(query.to)}-~`));
    if (query.before !== void 0) where.push(lt(auditEntries.id, query.before));
    const rows = await this.db.select().from(auditEntries).where(and(...where)).orderBy(desc(auditEntries.id)).limit((_a = query.limit) != null ? _a : 500);
    return rows.map(toEntry);
  }
  /** Deletes up to `limit` entries older than `before` (ms); resolves with how many (see `Retention`). */
  async prune(before, limit) {
    const batch = this.db.select({ id: auditEntries.id }).from(auditEntries).where(lt(auditEntries.id, idTime(before))).limit(limit);
    const deleted = await this.db.delete(auditEntries).where(sql`${auditEntries.id} in ${batch}`).returning({ id: auditEntries.id });
    return deleted.length;
  }
}
function auditToCsv(entries) {
  const quote = (v) => {
    const s = v === void 0 || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = "at,organization,workspace,actor_kind,actor_id,actor_name,action,target,status,ip,summary";
  const rows = entries.map((e) => [new Date(e.at).toISOString(), e.organizationId, e.workspaceId, e.actor.kind, e.actor.id, e.actor.name, e.action, e.target, e.status, e.ip, e.summary].map(quote).join(","));
  return [header, ...rows].join("\r\n") + "\r\n";
}
function idTime(at) {
  return String(Math.max(0, Math.floor(at))).padStart(15, "0");
}
function toEntry(row) {
  return {
    id: row.id,
    at: row.at,
    ...row.organizationId ? { organizationId: row.organizationId } : {},
    ...row.workspaceId ? { workspaceId: row.workspaceId } : {},
    actor: { kind: row.actorKind, id: row.actorId, ...row.actorName ? { name: row.actorName } : {} },
    action: row.action,
    ...row.target ? { target: row.target } : {},
    ...row.ip ? { ip: row.ip } : {},
    status: row.status,
    // Redacted on read too: entries written before a field was known to be secret.
    ...row.summary ? { summary: auditSummary(row.summary) } : {}
  };
}

var __defProp$G = Object.defineProperty;
var __defNormalProp$G = (obj, key, value) => key in obj ? __defProp$G(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$G = (obj, key, value) => __defNormalProp$G(obj, typeof key !== "symbol" ? key + "" : key, value);
const BASE$6 = "stats";
const FLUSH_MS = 1e3;
class Analytics {
  constructor(storage, now = Date.now) {
    __publicField$G(this, "storage", storage);
    __publicField$G(this, "now", now);
    __publicField$G(this, "pending", /* @__PURE__ */ new Map());
    __publicField$G(this, "contactsSeen", /* @__PURE__ */ new Map());
    __publicField$G(this, "awaitingReply", /* @__PURE__ */ new Map());
    __publicField$G(this, "timer");
  }
  count(profileId, counter, by = 1) {
    this.bucket(profileId)[counter] += by;
    this.schedule();
  }
  /** An inbound message: counts it, its contact once a day, and starts a response timer for the chat. */
  received(profileId, chatId, sender) {
    var _a;
    this.count(profileId, "received");
    const day = dayOf(this.now());
    const seenKey = `${profileId}:${day}`;
    const seen = (_a = this.contactsSeen.get(seenKey)) != null ? _a : /* @__PURE__ */ new Set();
    if (!this.contactsSeen.has(seenKey)) this.contactsSeen.clear(), this.contactsSeen.set(seenKey, seen);
    if (!seen.has(sender)) seen.add(sender), this.count(profileId, "activeContacts");
    if (!this.awaitingReply.has(`${profileId}|${chatId}`)) this.awaitingReply.set(`${profileId}|${chatId}`, this.now());
  }
  /** An outbound message: counts it and, if it answers a waiting chat, the response time. */
  sent(profileId, chatId) {
    this.count(profileId, "sent");
    const since = this.awaitingReply.get(`${profileId}|${chatId}`);
    if (since === void 0) return;
    this.awaitingReply.delete(`${profileId}|${chatId}`);
    const ms = this.now() - since;
    const bucket = this.bucket(profileId);
    bucket.responses++;
    bucket.responseMsTotal += ms;
    bucket.responseMsMax = Math.max(bucket.responseMsMax, ms);
  }
  /** Days from `from` to `to` (YYYY-MM-DD, inclusive) for the given profiles, plus totals. */
  async summary(profileIds, range = {}) {
    await this.flush();
    const days = [];
    for (const profileId of profileIds) {
      const base = `${BASE$6}:${profileId}`;
      const keys = stripBase(await this.storage.getKeys(base), base).filter((d) => (!range.from || d >= range.from) && (!range.to || d <= range.to)).sort();
      for (const day of keys) {
        const stats = await this.storage.getItem(`${base}:${day}`);
        if (stats) days.push({ ...stats, profileId });
      }
    }
    const totals = days.reduce((t, d) => merge(t, d), empty("total"));
    return { days, totals };
  }
  async flush() {
    var _a;
    clearTimeout(this.timer);
    this.timer = void 0;
    const batch = [...this.pending.entries()];
    this.pending.clear();
    for (const [key, delta] of batch) {
      const stored = (_a = await this.storage.getItem(key)) != null ? _a : empty(delta.day);
      await this.storage.setItem(key, merge(stored, delta));
    }
  }
  // --- Internal helpers ---
  bucket(profileId) {
    const day = dayOf(this.now());
    const key = `${BASE$6}:${profileId}:${day}`;
    let bucket = this.pending.get(key);
    if (!bucket) this.pending.set(key, bucket = empty(day));
    return bucket;
  }
  schedule() {
    var _a, _b;
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
    (_b = (_a = this.timer).unref) == null ? void 0 : _b.call(_a);
  }
}
function dayOf(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}
function empty(day) {
  return { day, sent: 0, received: 0, delivered: 0, read: 0, failed: 0, activeContacts: 0, responses: 0, responseMsTotal: 0, responseMsMax: 0 };
}
function merge(a, b) {
  return {
    day: a.day,
    sent: a.sent + b.sent,
    received: a.received + b.received,
    delivered: a.delivered + b.delivered,
    read: a.read + b.read,
    failed: a.failed + b.failed,
    activeContacts: a.activeContacts + b.activeContacts,
    responses: a.responses + b.responses,
    responseMsTotal: a.responseMsTotal + b.responseMsTotal,
    responseMsMax: Math.max(a.responseMsMax, b.responseMsMax)
  };
}

const BackoffSchema = z.object({
  /** First retry delay. @default 1000 */
  baseMs: z.number().int().min(0).default(1e3),
  /** Longest delay between attempts. @default 60000 */
  maxMs: z.number().int().min(0).default(6e4),
  /** @default 2 */
  factor: z.number().min(1).default(2),
  /** Share of each delay that is randomised, so many sessions do not reconnect in lockstep. @default 0.3 */
  jitter: z.number().min(0).max(1).default(0.3),
  /** Give up (status `failed`) after this many failed attempts in a row; 0 retries forever. @default 0 */
  maxAttempts: z.number().int().min(0).default(0)
});
function backoffDelay(attempt, backoff, random = Math.random) {
  const raw = Math.min(backoff.maxMs, backoff.baseMs * backoff.factor ** Math.max(0, attempt - 1));
  return Math.round(raw * (1 - backoff.jitter * random()));
}

async function* pushStream(subscribe, initial = () => [], signal) {
  const pending = initial();
  let wake;
  const push = (value) => {
    pending.push(value);
    wake == null ? void 0 : wake();
  };
  const unsubscribe = subscribe(push);
  const onAbort = () => push(void 0);
  signal == null ? void 0 : signal.addEventListener("abort", onAbort, { once: true });
  try {
    for (; ; ) {
      if (!pending.length) await new Promise((resolve) => wake = resolve);
      const next = pending.shift();
      if (next === void 0) return;
      yield next;
    }
  } finally {
    unsubscribe();
    signal == null ? void 0 : signal.removeEventListener("abort", onAbort);
  }
}

var __defProp$F = Object.defineProperty;
var __defNormalProp$F = (obj, key, value) => key in obj ? __defProp$F(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$F = (obj, key, value) => __defNormalProp$F(obj, typeof key !== "symbol" ? key + "" : key, value);
class QrFeed {
  constructor() {
    __publicField$F(this, "current");
    __publicField$F(this, "readers", /* @__PURE__ */ new Set());
  }
  get latest() {
    return this.current;
  }
  push(qr) {
    this.current = qr;
    for (const reader of this.readers) reader(qr);
  }
  /** The QR is no longer valid (logged in or stopping); readers keep waiting for the next one. */
  clear() {
    this.current = void 0;
  }
  /** Ends every stream (the session stopped). */
  end() {
    this.current = void 0;
    for (const reader of this.readers) reader(void 0);
  }
  stream(signal) {
    return pushStream((push) => {
      this.readers.add(push);
      return () => this.readers.delete(push);
    }, () => this.current ? [this.current] : [], signal);
  }
}

var __defProp$E = Object.defineProperty;
var __defNormalProp$E = (obj, key, value) => key in obj ? __defProp$E(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$E = (obj, key, value) => __defNormalProp$E(obj, typeof key !== "symbol" ? key + "" : key, value);
class SessionRuntime {
  constructor(options) {
    __publicField$E(this, "options", options);
    __publicField$E(this, "status", "stopped");
    __publicField$E(this, "me");
    __publicField$E(this, "session");
    __publicField$E(this, "qr", new QrFeed());
    __publicField$E(this, "generation", 0);
    __publicField$E(this, "epoch", 0);
    __publicField$E(this, "attempts", 0);
    __publicField$E(this, "wanted", false);
    __publicField$E(this, "retryTimer");
    __publicField$E(this, "leaseTimer");
    __publicField$E(this, "openWaiters", /* @__PURE__ */ new Set());
  }
  get engine() {
    return this.options.engine;
  }
  /** Grows each time this node acquires the profile; undefined while it does not hold it. */
  get leaseEpoch() {
    return this.wanted ? this.epoch : void 0;
  }
  async start() {
    var _a, _b;
    if (this.wanted) return;
    const { leases, profileId, nodeId, leaseTtlMs } = this.options;
    if (!await leases.acquire(leaseKey$1(profileId), nodeId, leaseTtlMs)) {
      throw new MultiWAError("SESSION_NOT_OWNED", `Profile "${profileId}" is running on another node`, { details: { profileId } });
    }
    this.wanted = true;
    this.epoch++;
    this.attempts = 0;
    this.leaseTimer = setInterval(() => void this.renewLease(), Math.max(100, leaseTtlMs / 3));
    (_b = (_a = this.leaseTimer).unref) == null ? void 0 : _b.call(_a);
    await this.connect();
  }
  async stop(status = "stopped") {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    clearInterval(this.leaseTimer);
    const session = this.session;
    this.session = void 0;
    this.generation++;
    await (session == null ? void 0 : session.disconnect().catch((error) => this.options.logger.warn("disconnect failed", error)));
    this.qr.end();
    await this.setStatus(status);
    await this.options.leases.release(leaseKey$1(this.options.profileId), this.options.nodeId);
  }
  /** Logs out on the engine when it can, and always forgets the credentials. */
  async logout() {
    const session = this.session;
    if ((session == null ? void 0 : session.logout) && this.status === "open") await session.logout().catch((e) => this.options.logger.warn("logout failed", e));
    await clearPrefix(this.options.authStorage);
    await this.stop("logged_out");
  }
  requireSession() {
    if (!this.session || this.status !== "open") {
      throw new MultiWAError("ENGINE_NOT_CONNECTED", `Profile "${this.options.profileId}" is not connected (status: ${this.status})`, {
        details: { profileId: this.options.profileId, status: this.status }
      });
    }
    return this.session;
  }
  /** Resolves once the session is open; rejects if `signal` aborts first. */
  waitUntilOpen(signal) {
    if (this.status === "open") return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (signal == null ? void 0 : signal.aborted) return reject(signal.reason);
      const done = () => (signal == null ? void 0 : signal.removeEventListener("abort", onAbort), resolve());
      const onAbort = () => (this.openWaiters.delete(done), reject(signal == null ? void 0 : signal.reason));
      this.openWaiters.add(done);
      signal == null ? void 0 : signal.addEventListener("abort", onAbort, { once: true });
    });
  }
  // --- Internal helpers ---
  async connect() {
    var _a, _b;
    const generation = ++this.generation;
    await this.setStatus(this.attempts > 0 ? "reconnecting" : "connecting");
    const settings = await ((_b = (_a = this.options).settings) == null ? void 0 : _b.call(_a));
    if (generation !== this.generation) return;
    const session = this.options.engine.createSession({
      ...settings ? { settings } : {},
      profileId: this.options.profileId,
      storage: this.options.authStorage,
      logger: this.options.logger,
      emit: (event, payload) => this.onEngineEvent(generation, event, payload)
    });
    this.session = session;
    try {
      await session.connect();
    } catch (error) {
      this.options.logger.warn("connect failed", error);
      this.onEngineEvent(generation, "connection.update", { state: "close", reason: "connection_lost", message: String(error) });
    }
  }
  onEngineEvent(generation, event, payload) {
    if (generation !== this.generation) return;
    if (event === "connection.update") void this.onConnection(payload);
    if (event === "qr") {
      this.qr.push(payload.qr);
      void this.setStatus("qr");
    }
    this.options.emit(event, { ...payload, profileId: this.options.profileId });
  }
  async onConnection(update) {
    if (update.state === "open") {
      this.attempts = 0;
      this.me = update.me;
      await this.setStatus("open");
      for (const waiter of [...this.openWaiters]) waiter();
      this.openWaiters.clear();
      return;
    }
    if (update.state === "close") await this.onClose(update.reason);
  }
  async onClose(reason) {
    this.session = void 0;
    if (!this.wanted || reason === "closed") return;
    if (reason === "logged_out") {
      await clearPrefix(this.options.authStorage);
      return this.stop("logged_out");
    }
    if (reason === "conflict") return this.stop("conflict");
    if (reason === "restart_required") return void this.connect();
    this.attempts++;
    const { maxAttempts } = this.options.backoff;
    if (maxAttempts > 0 && this.attempts > maxAttempts) return this.stop("failed");
    await this.setStatus("reconnecting");
    const delay = backoffDelay(this.attempts, this.options.backoff);
    this.options.logger.info(`reconnecting in ${delay} ms`, { attempt: this.attempts, reason });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }
  async renewLease() {
    const { leases, profileId, nodeId, leaseTtlMs } = this.options;
    if (await leases.renew(leaseKey$1(profileId), nodeId, leaseTtlMs).catch(() => true)) return;
    this.options.logger.warn("lease lost; stopping here", { profileId });
    await this.stop("stopped");
  }
  async setStatus(status) {
    if (status === this.status) return;
    const previous = this.status;
    this.status = status;
    if (status === "connecting" || status === "reconnecting") this.qr.clear();
    else if (status !== "qr") this.qr.end();
    await this.options.onStatus(status, status === "open" ? this.me : void 0);
    this.options.emit("session.status", { profileId: this.options.profileId, status, previous });
  }
}
function leaseKey$1(profileId) {
  return `session:${profileId}`;
}

var __defProp$D = Object.defineProperty;
var __defNormalProp$D = (obj, key, value) => key in obj ? __defProp$D(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$D = (obj, key, value) => __defNormalProp$D(obj, typeof key !== "symbol" ? key + "" : key, value);
const AWAITING_QR = /* @__PURE__ */ new Set(["qr", "connecting", "reconnecting"]);
class RemoteSessionView {
  constructor(wa) {
    __publicField$D(this, "wa", wa);
    __publicField$D(this, "qrs", /* @__PURE__ */ new Map());
    wa.clusterEvents.on("qr", (e) => this.qrs.set(e.profileId, e.qr));
    wa.clusterEvents.on("session.status", (e) => e.status !== "qr" && this.qrs.delete(e.profileId));
  }
  async status(id) {
    const profile = await this.wa.profiles.get(id);
    const qr = this.qrs.get(id);
    return { profileId: id, status: profile.status, queued: 0, ...profile.me ? { me: profile.me } : {}, ...qr ? { qr } : {} };
  }
  /** The owner's QR codes as they rotate, until its session opens or stops. */
  qr(id, signal) {
    const events = this.wa.clusterEvents;
    const subscribe = (push) => {
      const onQr = (e) => e.profileId === id && push(e.qr);
      const onStatus = (e) => e.profileId === id && !AWAITING_QR.has(e.status) && push(void 0);
      events.on("qr", onQr);
      events.on("session.status", onStatus);
      return () => {
        events.off("qr", onQr);
        events.off("session.status", onStatus);
      };
    };
    return pushStream(subscribe, () => [this.qrs.get(id)].filter((qr) => !!qr), signal);
  }
}

function toWire(value) {
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === "object" && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}
function fromWire(value) {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value && typeof value === "object") {
    const bytes = value.$bytes;
    if (typeof bytes === "string" && Object.keys(value).length === 1) return new Uint8Array(Buffer.from(bytes, "base64"));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v)]));
  }
  return value;
}

var __defProp$C = Object.defineProperty;
var __defNormalProp$C = (obj, key, value) => key in obj ? __defProp$C(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$C = (obj, key, value) => __defNormalProp$C(obj, typeof key !== "symbol" ? key + "" : key, value);
const OWNER_ONLY = [
  "start",
  "stop",
  "restart",
  "logout",
  "requestPairingCode",
  "markRead",
  "sendPresence",
  "downloadMedia",
  "createGroup",
  "groupInfo",
  "updateGroupParticipants",
  "groupInviteCode",
  "leaveGroup",
  "ingest"
];
class OwnerCalls {
  constructor(wa, options) {
    __publicField$C(this, "wa", wa);
    __publicField$C(this, "options", options);
    /** The unforwarded methods: what this node does itself (takeover and rebalance use them). */
    __publicField$C(this, "local", {});
    __publicField$C(this, "pending", /* @__PURE__ */ new Map());
    __publicField$C(this, "view");
    this.view = new RemoteSessionView(wa);
    for (const method of OWNER_ONLY) this.local[method] = wa[method].bind(wa);
  }
  /** Replaces the owner-only methods on `wa` with forwarding ones; status and QR come from the shared view. */
  install() {
    const { wa, view } = this;
    const status = wa.status.bind(wa);
    const qr = wa.qr.bind(wa);
    const remoteOwner = (id) => this.remoteOwner(id);
    wa.status = async (id) => await remoteOwner(id) ? view.status(id) : status(id);
    wa.qr = async function* (id, signal) {
      yield* await remoteOwner(id) ? view.qr(id, signal) : qr(id, signal);
    };
    for (const method of OWNER_ONLY) {
      const local = this.local[method];
      this.wa[method] = async (id, ...rest) => {
        const owner = await this.remoteOwner(id);
        return owner ? this.call(owner, id, method, [id, ...rest]) : local(id, ...rest);
      };
    }
  }
  /** The other node that holds the profile's lease, or undefined when it runs here or nowhere. */
  async remoteOwner(profileId) {
    var _a, _b;
    if (this.wa.isRunningHere(profileId)) return void 0;
    const holder = await ((_b = (_a = this.options.leases).holder) == null ? void 0 : _b.call(_a, leaseKey$1(profileId)));
    return holder && holder !== this.options.nodeId ? holder : void 0;
  }
  /** Runs `method` on node `owner` and resolves with its answer. */
  call(owner, profileId, method, args) {
    var _a;
    const id = randomUUID$1();
    const timeoutMs = (_a = this.options.timeoutMs) != null ? _a : 15e3;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new MultiWAError("SESSION_NOT_OWNED", `Node "${owner}" runs profile "${profileId}" but did not answer ${method} within ${timeoutMs} ms; retry once its lease has moved`, {
          details: { profileId, owner, method, timeoutMs }
        }));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.options.bus.publish({ kind: "call", from: this.options.nodeId, id, profileId, method, args: toWire(args) }, owner).catch((error) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new MultiWAError("STORAGE_FAILED", `Could not reach node "${owner}" through the bus`, { cause: error, details: { profileId, owner } }));
      });
    });
  }
  /** Calls addressed to this node and replies to its own calls. */
  onMessage(message) {
    var _a;
    if (message.kind === "call") return void this.answer(message);
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.ok) waiting.resolve(fromWire(message.value));
    else waiting.reject(new MultiWAError(toCode(message.error.code), message.error.message.replace(/^\[multiwa\] /, ""), { details: (_a = message.error.details) != null ? _a : {} }));
  }
  /** Rejects calls still waiting (the node is closing). */
  close() {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new MultiWAError("SESSION_NOT_OWNED", "The gateway is shutting down"));
      this.pending.delete(id);
    }
  }
  // --- Internal helpers ---
  async answer(call) {
    const local = this.local[call.method];
    const from = this.options.nodeId;
    let reply;
    try {
      if (!local) throw new MultiWAError("VALIDATION_FAILED", `"${call.method}" cannot be called on another node`);
      reply = { kind: "reply", from, id: call.id, ok: true, value: toWire(await local(...fromWire(call.args))) };
    } catch (error) {
      reply = { kind: "reply", from, id: call.id, ok: false, error: wireError(error) };
    }
    await this.options.bus.publish(reply, call.from).catch((e) => this.options.logger.warn("could not answer a forwarded call", e));
  }
}
function wireError(error) {
  var _a;
  if (isMultiWAError(error)) return error.toJSON();
  return { code: "SEND_FAILED", message: String((_a = error == null ? void 0 : error.message) != null ? _a : error) };
}
function toCode(code) {
  return MultiWAErrorCodes.includes(code) ? code : "SEND_FAILED";
}

function parseCsv(text, delimiter = ",") {
  const records = [];
  let fields = [];
  let field = "";
  let line = 1;
  let start = 1;
  let quoted = false;
  let wasQuoted = false;
  let i = text.charCodeAt(0) === 65279 ? 1 : 0;
  const endField = () => {
    fields.push(field);
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (fields.length > 1 || fields[0] !== "") records.push({ line: start, fields });
    fields = [];
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') field += '"', i++;
        else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') {
      if (field !== "" || wasQuoted) throw malformed(line, "a quote may only open a field");
      quoted = wasQuoted = true;
    } else if (c === delimiter) {
      endField();
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      start = ++line;
    } else {
      if (wasQuoted) throw malformed(line, "text after a closing quote");
      field += c;
    }
  }
  if (quoted) throw malformed(start, "a quoted field is never closed");
  endRecord();
  return records;
}
function toCsv(rows) {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
function csvField(value) {
  const text = value === void 0 || value === null ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d[\d\s]*$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
function malformed(line, reason) {
  return new MultiWAError("VALIDATION_FAILED", `Malformed CSV at line ${line}: ${reason}`, { scope: "csv", details: { rows: 0, badLines: 1, errors: [{ line, message: reason }], issues: [{ field: `line ${line}`, message: reason, line }] } });
}

const TagSchema = z.string().trim().regex(/^[\p{L}\p{N}_.:-]{1,64}$/u, "must be 1-64 letters, digits, _ . : or -");
const FieldKeySchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must be an identifier (letters, digits, _)");
const ContactInputSchema = z.object({
  /** Phone number in international format, or a user JID. */
  phone: z.string().min(1, "is required"),
  name: z.string().trim().max(200).optional(),
  tags: z.array(TagSchema).max(100).default([]),
  /** Free-form fields templates read as `{{custom.<key>}}`. */
  fields: z.record(FieldKeySchema, z.string().max(2e3)).default({}),
  /** Opted out of broadcasts: campaigns skip this contact. */
  optOut: z.boolean().default(false)
});
const ContactPatchSchema = z.object({
  name: z.string().trim().max(200),
  tags: z.array(TagSchema).max(100),
  fields: z.record(FieldKeySchema, z.string().max(2e3)),
  optOut: z.boolean()
}).partial();
const ContactQuerySchema = z.object({
  /** Substring of name or phone, case-insensitive. */
  q: z.string().max(200).optional(),
  /** Contacts carrying every one of these tags. */
  tags: z.array(TagSchema).optional(),
  /** Contacts carrying at least one of these tags. */
  anyTags: z.array(TagSchema).optional(),
  optOut: z.boolean().optional(),
  limit: z.number().int().min(1).max(1e4).default(100),
  offset: z.number().int().min(0).default(0),
  /** Keyset cursor: the `nextCursor` of the previous page. */
  after: z.string().max(200).optional()
});
const BulkTagSchema = z.object({
  /** Contact ids (phone digits); or `filter` to pick contacts by query. */
  ids: z.array(z.string().min(1)).max(1e5).optional(),
  filter: ContactQuerySchema.omit({ limit: true, offset: true, after: true }).optional(),
  add: z.array(TagSchema).default([]),
  remove: z.array(TagSchema).default([])
});

const ColumnTargetSchema = z.union([z.enum(["phone", "name", "tags", "optOut", "ignore"]), z.string().regex(/^custom\.[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must be phone, name, tags, optOut, ignore or custom.<key>")]);
const CsvImportOptionsSchema = z.object({
  /** Header → target; unmapped headers are guessed (phone/number/mobile, name, tags, opt_out; others become custom fields). */
  mapping: z.record(z.string(), ColumnTargetSchema).optional(),
  /** Tags added to every imported contact. */
  tags: z.array(TagSchema).max(20).default([]),
  /** Validate and report without writing anything. */
  dryRun: z.boolean().default(false)
});
const MAX_ERRORS = 200;
const GUESSES = {
  phone: "phone",
  phonenumber: "phone",
  number: "phone",
  mobile: "phone",
  whatsapp: "phone",
  msisdn: "phone",
  jid: "phone",
  name: "name",
  fullname: "name",
  displayname: "name",
  tags: "tags",
  labels: "tags",
  optout: "optOut",
  optedout: "optOut",
  unsubscribed: "optOut",
  id: "ignore",
  firstseen: "ignore",
  lastseen: "ignore",
  createdat: "ignore",
  updatedat: "ignore"
};
function contactsFromCsv(text, options) {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) throw report([{ line: 1, message: "the file is empty; expected a header row such as `phone,name,tags`" }], 0);
  const targets = header.fields.map((h) => target(h, options.mapping));
  const errors = [];
  targets.forEach((t, i) => t instanceof Error && errors.push({ line: header.line, column: header.fields[i], message: t.message }));
  if (!targets.includes("phone")) errors.push({ line: header.line, message: "no column maps to `phone`; name it phone or pass a mapping" });
  if (errors.length) throw report(errors, records.length);
  const seen = /* @__PURE__ */ new Map();
  const contacts = [];
  for (const { line, fields } of records) {
    if (fields.length !== targets.length) {
      errors.push({ line, message: `expected ${targets.length} fields as in the header, got ${fields.length}` });
      continue;
    }
    const rowErrors = [];
    const contact = { jid: "", tags: [...options.tags], fields: {}, optOut: false };
    fields.forEach((raw, i) => {
      const t = targets[i];
      const value = raw.trim();
      const fail = (message) => rowErrors.push({ line, column: header.fields[i], message });
      if (t === "phone") {
        const jid = phoneJid(value);
        if (typeof jid === "string") contact.jid = jid, contact.phone = jid.split("@")[0];
        else fail(jid.message);
      } else if (t === "name") {
        if (value.length > 200) fail("name is longer than 200 characters");
        else if (value) contact.name = value;
      } else if (t === "tags") {
        for (const tag of value.split(/[;|]/).map((s) => s.trim()).filter(Boolean)) {
          if (TagSchema.safeParse(tag).success) contact.tags.push(tag);
          else fail(`tag ${JSON.stringify(tag)} must be 1-64 letters, digits, _ . : or -`);
        }
      } else if (t === "optOut") {
        const flag = parseFlag(value);
        if (flag === void 0) fail(`expected true/false, yes/no or 1/0, got ${JSON.stringify(value)}`);
        else contact.optOut = flag;
      } else if (t.startsWith("custom.")) {
        if (value.length > 2e3) fail("value is longer than 2000 characters");
        else if (value) contact.fields[t.slice(7)] = value;
      }
    });
    if (!rowErrors.length && contact.jid) {
      const first = seen.get(contact.jid);
      if (first) rowErrors.push({ line, message: `duplicate of line ${first} (same phone)` });
      else seen.set(contact.jid, line);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else contacts.push({ ...contact, tags: [...new Set(contact.tags)] });
  }
  if (errors.length) throw report(errors, records.length);
  return contacts;
}
function contactsToCsv(contacts) {
  const keys = [...new Set(contacts.flatMap((c) => Object.keys(c.fields)))].sort();
  const iso = (t) => t ? new Date(t).toISOString() : "";
  return toCsv([
    ["phone", "name", "tags", "opt_out", "first_seen", "last_seen", ...keys.map((k) => `custom.${k}`)],
    ...contacts.map((c) => {
      var _a;
      return [(_a = c.phone) != null ? _a : c.jid, c.name, c.tags.join(";"), c.optOut, iso(c.firstSeenAt), iso(c.lastSeenAt), ...keys.map((k) => c.fields[k])];
    })
  ]);
}
function target(header, mapping) {
  var _a;
  const explicit = (_a = mapping == null ? void 0 : mapping[header]) != null ? _a : mapping == null ? void 0 : mapping[header.trim()];
  if (explicit) return explicit;
  const name = header.trim();
  if (/^custom\./i.test(name)) {
    const key2 = name.slice(7);
    return FieldKeySchema.safeParse(key2).success ? `custom.${key2}` : new Error(`custom field name ${JSON.stringify(key2)} must be an identifier`);
  }
  const guess = GUESSES[name.toLowerCase().replace(/[\s_.-]/g, "")];
  if (guess) return guess;
  const key = name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (FieldKeySchema.safeParse(key).success) return `custom.${key}`;
  return new Error(`cannot use column ${JSON.stringify(header)} as a field; map it with \`mapping\``);
}
function phoneJid(value) {
  if (!value) return new Error("phone is empty");
  try {
    const jid = normalizeUserJid(toJid(value, "phone"));
    return jid.endsWith("@s.whatsapp.net") ? jid : new Error(`${JSON.stringify(value)} is not a person's phone number`);
  } catch (error) {
    return new Error(isMultiWAError(error) ? error.message.replace(/^\[multiwa\] (\[[^\]]+\] )?/, "") : String(error));
  }
}
function parseFlag(value) {
  const v = value.toLowerCase();
  if (["", "false", "no", "0", "n"].includes(v)) return false;
  if (["true", "yes", "1", "y"].includes(v)) return true;
  return void 0;
}
function report(errors, rows) {
  const lines = [...new Set(errors.map((e) => e.line))];
  const summary = errors.slice(0, 3).map((e) => `line ${e.line}${e.column ? ` (${e.column})` : ""}: ${e.message}`).join("; ");
  return new MultiWAError("VALIDATION_FAILED", `CSV rejected, nothing imported: ${lines.length} bad line(s) of ${rows}. ${summary}`, {
    scope: "csv",
    details: { rows, badLines: lines.length, errors: errors.slice(0, MAX_ERRORS), issues: errors.slice(0, MAX_ERRORS).map((e) => ({ field: `line ${e.line}`, message: e.message, line: e.line })) }
  });
}

const contacts = pgTable(
  "contacts",
  {
    workspaceId: text("workspace_id").notNull(),
    /** Phone digits, or `lid-<id>` for hidden numbers. */
    id: text("id").notNull(),
    jid: text("jid").notNull(),
    phone: text("phone"),
    name: text("name"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    fields: jsonb("fields").$type().notNull().default({}),
    optOut: boolean("opt_out").notNull().default(false),
    firstSeenAt: bigint("first_seen_at", { mode: "number" }),
    lastSeenAt: bigint("last_seen_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull()
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index$1("contacts_workspace_created").on(t.workspaceId, t.createdAt, t.id),
    index$1("contacts_tags").using("gin", t.tags)
  ]
);

var __defProp$B = Object.defineProperty;
var __defNormalProp$B = (obj, key, value) => key in obj ? __defProp$B(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$B = (obj, key, value) => __defNormalProp$B(obj, key + "" , value);
const CHUNK$1 = 500;
class ContactStore {
  constructor(db) {
    __publicField$B(this, "db", db);
  }
  async get(workspaceId, idOrPhone) {
    const contact = await this.find(workspaceId, idOrPhone);
    if (!contact) throw new MultiWAError("NOT_FOUND", `No contact "${idOrPhone}" in this workspace`, { details: { field: "contactId", value: idOrPhone } });
    return contact;
  }
  async find(workspaceId, idOrPhone) {
    var _a;
    const ids = [...new Set([idOrPhone, tryContactId(idOrPhone)].filter((v) => !!v))];
    const rows = await this.db.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, ids)));
    const row = (_a = rows.find((r) => r.id === idOrPhone)) != null ? _a : rows[0];
    return row && toContact(row);
  }
  /** Creates the contact, or replaces the given fields of the existing one with the same phone. */
  async upsert(workspaceId, input) {
    var _a, _b;
    const parsed = parseInput(ContactInputSchema, input, "contact");
    const jid = userJid$1(parsed.phone);
    const now = Date.now();
    const values = { workspaceId, id: contactIdOf(jid), jid, phone: (_a = jidToPhone(jid)) != null ? _a : null, name: (_b = parsed.name) != null ? _b : null, tags: unique(parsed.tags), fields: parsed.fields, optOut: parsed.optOut, createdAt: now, updatedAt: now };
    const set = { tags: values.tags, fields: values.fields, optOut: values.optOut, updatedAt: now, ...parsed.name !== void 0 ? { name: parsed.name } : {} };
    const [row] = await this.db.insert(contacts).values(values).onConflictDoUpdate({ target: [contacts.workspaceId, contacts.id], set }).returning();
    return toContact(row);
  }
  async update(workspaceId, id, patch) {
    const parsed = parseInput(ContactPatchSchema, patch, "contact");
    const current = await this.get(workspaceId, id);
    const set = { ...clean(parsed), ...parsed.tags ? { tags: unique(parsed.tags) } : {}, updatedAt: Date.now() };
    const [row] = await this.db.update(contacts).set(set).where(this.key(workspaceId, current.id)).returning();
    if (!row) throw notFound(id);
    return toContact(row);
  }
  async remove(workspaceId, id) {
    const current = await this.get(workspaceId, id);
    await this.db.delete(contacts).where(this.key(workspaceId, current.id));
  }
  /**
   * One page, oldest first. `after` (the previous page's `nextCursor`) reads the next page by keyset,
   * as fast at the millionth contact as at the first; `offset` still works for small jumps.
   */
  async list(workspaceId, query = {}) {
    var _a;
    const q = parseInput(ContactQuerySchema, query, "query");
    const where = this.filter(workspaceId, q);
    const cursor = q.after ? decodeCursor(q.after) : void 0;
    const page = and(where, cursor ? sql`(${contacts.createdAt}, ${contacts.id}) > (${cursor.createdAt}, ${cursor.id})` : void 0);
    const [rows, [total]] = await Promise.all([
      this.db.select().from(contacts).where(page).orderBy(asc(contacts.createdAt), asc(contacts.id)).limit(q.limit).offset(q.offset),
      this.db.select({ n: count() }).from(contacts).where(where)
    ]);
    const last = rows.length === q.limit ? rows.at(-1) : void 0;
    return { items: rows.map(toContact), total: (_a = total == null ? void 0 : total.n) != null ? _a : 0, ...last ? { nextCursor: encodeCursor(last) } : {} };
  }
  /** Every contact matching a filter, unpaged (campaign audiences, exports, bulk edits). */
  async matching(workspaceId, q) {
    const rows = await this.db.select().from(contacts).where(this.filter(workspaceId, q)).orderBy(asc(contacts.createdAt), asc(contacts.id));
    return rows.map(toContact);
  }
  /** Adds and removes tags on many contacts in one statement; returns how many changed. */
  async bulkTag(workspaceId, input) {
    const { ids, filter, add, remove } = parseInput(BulkTagSchema, input, "bulk tag");
    if (!ids && !filter) throw new MultiWAError("VALIDATION_FAILED", "Pass `ids` or `filter` to choose the contacts", { details: { field: "ids" } });
    const chosen = ids ? and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, [...new Set(ids.flatMap((id) => {
      var _a;
      return [id, (_a = tryContactId(id)) != null ? _a : id];
    }))])) : this.filter(workspaceId, filter);
    const next = sql`array(select t from unnest(${contacts.tags} || ${toArray(add)}) with ordinality u(t, n)
      where not (t = any(${toArray(remove)})) group by t order by min(n))`;
    const changed = await this.db.update(contacts).set({ tags: next, updatedAt: Date.now() }).where(and(chosen, sql`${contacts.tags} is distinct from ${next}`)).returning({ id: contacts.id });
    return changed.length;
  }
  /** Records an inbound message: creates the contact on first contact, then moves `lastSeenAt`. */
  async touch(workspaceId, jid, seenAt, pushName) {
    var _a;
    if (isGroupJid(jid) || !/@(s\.whatsapp\.net|lid)$/.test(jid)) return void 0;
    const normal = normalizeUserJid(jid);
    const now = Date.now();
    const [row] = await this.db.insert(contacts).values({ workspaceId, id: contactIdOf(normal), jid: normal, phone: (_a = jidToPhone(normal)) != null ? _a : null, name: pushName != null ? pushName : null, firstSeenAt: seenAt, lastSeenAt: seenAt, createdAt: now, updatedAt: now }).onConflictDoUpdate({
      target: [contacts.workspaceId, contacts.id],
      set: {
        name: sql`coalesce(${contacts.name}, excluded.name)`,
        firstSeenAt: sql`coalesce(${contacts.firstSeenAt}, excluded.first_seen_at)`,
        lastSeenAt: sql`greatest(coalesce(${contacts.lastSeenAt}, 0), excluded.last_seen_at)`,
        updatedAt: now
      }
    }).returning();
    return row && toContact(row);
  }
  /** Writes many validated contacts (an import) in one transaction; existing ones are merged field by field. */
  async putMany(workspaceId, list) {
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < list.length; i += CHUNK$1) {
        const values = list.slice(i, i + CHUNK$1).map((c) => {
          var _a, _b, _c, _d;
          return {
            workspaceId,
            id: contactIdOf(c.jid),
            jid: c.jid,
            phone: (_a = c.phone) != null ? _a : null,
            name: (_b = c.name) != null ? _b : null,
            tags: unique(c.tags),
            fields: c.fields,
            optOut: c.optOut,
            firstSeenAt: (_c = c.firstSeenAt) != null ? _c : null,
            lastSeenAt: (_d = c.lastSeenAt) != null ? _d : null,
            createdAt: now,
            updatedAt: now
          };
        });
        await tx.insert(contacts).values(values).onConflictDoUpdate({
          target: [contacts.workspaceId, contacts.id],
          set: {
            name: sql`coalesce(excluded.name, ${contacts.name})`,
            tags: sql`array(select t from unnest(${contacts.tags} || excluded.tags) with ordinality u(t, n) group by t order by min(n))`,
            fields: sql`${contacts.fields} || excluded.fields`,
            optOut: sql`${contacts.optOut} or excluded.opt_out`,
            firstSeenAt: sql`coalesce(excluded.first_seen_at, ${contacts.firstSeenAt})`,
            lastSeenAt: sql`coalesce(excluded.last_seen_at, ${contacts.lastSeenAt})`,
            updatedAt: now
          }
        });
      }
    });
    return list.length;
  }
  /** All-or-nothing CSV import: a file with any bad row is rejected with a line-numbered report and writes nothing. */
  async importCsv(workspaceId, csv, options = {}) {
    var _a;
    const parsed = parseInput(CsvImportOptionsSchema, options, "import options");
    const list = contactsFromCsv(csv, parsed);
    let updated = 0;
    for (let i = 0; i < list.length; i += CHUNK$1) {
      const ids = list.slice(i, i + CHUNK$1).map((c) => contactIdOf(c.jid));
      const [found] = await this.db.select({ n: count() }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, ids)));
      updated += (_a = found == null ? void 0 : found.n) != null ? _a : 0;
    }
    if (!parsed.dryRun) await this.putMany(workspaceId, list);
    return { rows: list.length, created: list.length - updated, updated, dryRun: parsed.dryRun };
  }
  async exportCsv(workspaceId, { limit, ...filter } = {}) {
    const list = await this.matching(workspaceId, filter);
    return contactsToCsv(limit ? list.slice(0, limit) : list);
  }
  /** Deletes every contact of the workspace; resolves with how many. */
  async removeWorkspace(workspaceId) {
    const deleted = await this.db.delete(contacts).where(eq(contacts.workspaceId, workspaceId)).returning({ id: contacts.id });
    return deleted.length;
  }
  // --- Internal helpers ---
  key(workspaceId, id) {
    return and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id));
  }
  filter(workspaceId, q) {
    var _a, _b;
    const where = [eq(contacts.workspaceId, workspaceId)];
    if (q.optOut !== void 0) where.push(eq(contacts.optOut, q.optOut));
    if ((_a = q.tags) == null ? void 0 : _a.length) where.push(arrayContains(contacts.tags, q.tags));
    if ((_b = q.anyTags) == null ? void 0 : _b.length) where.push(arrayOverlaps(contacts.tags, q.anyTags));
    if (q.q) {
      const pattern = `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(or(like(contacts.id, pattern), ilike(contacts.name, pattern)));
    }
    return and(...where);
  }
}
function contactIdOf(jid) {
  const normal = normalizeUserJid(jid);
  const user = normal.slice(0, normal.indexOf("@"));
  return isLidJid(normal) ? `lid-${user}` : user;
}
function segment(workspaceId) {
  return /^[A-Za-z0-9_-]{1,64}$/.test(workspaceId) ? workspaceId : safeKey(workspaceId);
}
function toContact(row) {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    jid: row.jid,
    ...row.phone ? { phone: row.phone } : {},
    ...row.name ? { name: row.name } : {},
    tags: row.tags,
    fields: row.fields,
    optOut: row.optOut,
    ...row.firstSeenAt !== null ? { firstSeenAt: row.firstSeenAt } : {},
    ...row.lastSeenAt !== null ? { lastSeenAt: row.lastSeenAt } : {},
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  };
}
function encodeCursor(row) {
  return Buffer.from(`${row.createdAt}:${row.id}`).toString("base64url");
}
function decodeCursor(cursor) {
  const [at, ...id] = Buffer.from(cursor, "base64url").toString().split(":");
  const createdAt = Number(at);
  if (!Number.isSafeInteger(createdAt) || !id.length) {
    throw new MultiWAError("VALIDATION_FAILED", "`after` is not a cursor this list returned", { details: { field: "after", value: cursor } });
  }
  return { createdAt, id: id.join(":") };
}
function toArray(values) {
  return sql`${`{${values.map((v) => JSON.stringify(v)).join(",")}}`}::text[]`;
}
function userJid$1(phone) {
  const jid = normalizeUserJid(toJid(phone, "phone"));
  if (!/@(s\.whatsapp\.net|lid)$/.test(jid)) throw new MultiWAError("INVALID_JID", "`phone` must be a person's number, not a group", { details: { field: "phone", value: phone } });
  return jid;
}
function tryContactId(value) {
  try {
    return contactIdOf(userJid$1(value));
  } catch {
    return void 0;
  }
}
function notFound(id) {
  return new MultiWAError("NOT_FOUND", `No contact "${id}" in this workspace`, { details: { field: "contactId", value: id } });
}
function unique(tags) {
  return [...new Set(tags)];
}
function clean(value) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== void 0));
}

function localLeases(now = Date.now) {
  const held = /* @__PURE__ */ new Map();
  const free = (key, owner) => {
    const lease = held.get(key);
    return !lease || lease.owner === owner || lease.until <= now();
  };
  return {
    async acquire(key, owner, ttlMs) {
      if (!free(key, owner)) return false;
      held.set(key, { owner, until: now() + ttlMs });
      return true;
    },
    async renew(key, owner, ttlMs) {
      const lease = held.get(key);
      if (!lease || lease.owner !== owner) return false;
      lease.until = now() + ttlMs;
      return true;
    },
    async release(key, owner) {
      var _a;
      if (((_a = held.get(key)) == null ? void 0 : _a.owner) === owner) held.delete(key);
    },
    async holder(key) {
      const lease = held.get(key);
      return lease && lease.until > now() ? lease.owner : void 0;
    }
  };
}

var __defProp$A = Object.defineProperty;
var __defNormalProp$A = (obj, key, value) => key in obj ? __defProp$A(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$A = (obj, key, value) => __defNormalProp$A(obj, key + "" , value);
class KeyedSerial {
  constructor() {
    __publicField$A(this, "tails", /* @__PURE__ */ new Map());
  }
  run(key, task) {
    var _a;
    const next = ((_a = this.tails.get(key)) != null ? _a : Promise.resolve()).then(task, task);
    this.tails.set(key, next);
    const cleanup = () => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    };
    next.then(cleanup, cleanup);
    return next;
  }
}

var __defProp$z = Object.defineProperty;
var __defNormalProp$z = (obj, key, value) => key in obj ? __defProp$z(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$z = (obj, key, value) => __defNormalProp$z(obj, typeof key !== "symbol" ? key + "" : key, value);
const CHUNK = 1e3;
const BASE$5 = "campaignrcpt";
async function resolveAudience(contacts, workspaceId, audience) {
  var _a, _b;
  const out = /* @__PURE__ */ new Map();
  const add = (r) => void (out.has(r.key) || out.set(r.key, r));
  if ((_a = audience.tags) == null ? void 0 : _a.length) {
    const tagged = await contacts.matching(workspaceId, { anyTags: audience.tags });
    for (const c of tagged.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))) add(fromContact(c));
  }
  if ((_b = audience.contactIds) == null ? void 0 : _b.length) {
    const unknown = [];
    for (const id of audience.contactIds) {
      const c = await contacts.find(workspaceId, id);
      if (c) add(fromContact(c));
      else unknown.push(id);
    }
    if (unknown.length) {
      throw new MultiWAError("VALIDATION_FAILED", `Unknown contact(s) in \`audience.contactIds\`: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? "\u2026" : ""}`, { details: { field: "audience.contactIds", unknown: unknown.slice(0, 100) } });
    }
  }
  if (audience.csv) {
    for (const row of contactsFromCsv(audience.csv, { tags: []})) {
      add({ key: contactIdOf(row.jid), jid: row.jid, fields: row.fields, ...row.name ? { name: row.name } : {}, ...row.phone ? { phone: row.phone } : {} });
    }
  }
  return [...out.values()];
}
class RecipientList {
  constructor(storage, workspaceId, campaignId, run) {
    __publicField$z(this, "storage", storage);
    __publicField$z(this, "workspaceId", workspaceId);
    __publicField$z(this, "campaignId", campaignId);
    __publicField$z(this, "run", run);
    __publicField$z(this, "cached");
  }
  async save(recipients) {
    for (let i = 0; i * CHUNK < recipients.length; i++) await this.storage.setItem(this.key(i), recipients.slice(i * CHUNK, (i + 1) * CHUNK));
  }
  async get(index) {
    var _a, _b;
    const chunk = Math.floor(index / CHUNK);
    if (((_a = this.cached) == null ? void 0 : _a.chunk) !== chunk) this.cached = { chunk, items: (_b = await this.storage.getItem(this.key(chunk))) != null ? _b : [] };
    const recipient = this.cached.items[index % CHUNK];
    if (!recipient) throw new MultiWAError("STORAGE_FAILED", `Recipient ${index} of campaign ${this.campaignId} is missing from storage`);
    return recipient;
  }
  key(chunk) {
    return `${BASE$5}:${segment(this.workspaceId)}:${this.campaignId}:${this.run}:${String(chunk).padStart(5, "0")}`;
  }
}
function removeRecipientLists(storage, workspaceId, campaignId) {
  return clearPrefix(storage, `${BASE$5}:${segment(workspaceId)}:${campaignId}`);
}
function fromContact(c) {
  return { key: c.id, jid: c.jid, fields: c.fields, ...c.name ? { name: c.name } : {}, ...c.phone ? { phone: c.phone } : {} };
}

var __defProp$y = Object.defineProperty;
var __defNormalProp$y = (obj, key, value) => key in obj ? __defProp$y(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$y = (obj, key, value) => __defNormalProp$y(obj, typeof key !== "symbol" ? key + "" : key, value);
class DailyCounter {
  constructor(storage) {
    __publicField$y(this, "storage", storage);
    __publicField$y(this, "counts", /* @__PURE__ */ new Map());
  }
  async count(profileId, day) {
    var _a;
    const k = `campaignday:${profileId}:${day}`;
    let n = this.counts.get(k);
    if (n === void 0) this.counts.set(k, n = (_a = await this.storage.getItem(k)) != null ? _a : 0);
    return n;
  }
  async add(profileId, day) {
    const k = `campaignday:${profileId}:${day}`;
    const n = await this.count(profileId, day) + 1;
    this.counts.set(k, n);
    await this.storage.setItem(k, n);
  }
}

const BUILTIN_VARIABLES = ["name", "firstName", "phone"];
const SLOT$1 = /\{\{([^{}]*)\}\}/g;
const PATH = /^(name|firstName|phone|custom\.[A-Za-z_][A-Za-z0-9_]{0,63})$/;
function isVariablePath(path) {
  return PATH.test(path);
}
function compileTemplate(body, field = "body") {
  const segments = [];
  const problems = [];
  let last = 0;
  for (const match of body.matchAll(SLOT$1)) {
    if (match.index > last) segments.push(body.slice(last, match.index));
    const [rawPath, ...rest] = match[1].split("|");
    const path = rawPath.trim();
    if (!isVariablePath(path)) {
      const message = `unknown variable {{${path}}}; use ${BUILTIN_VARIABLES.map((v) => `{{${v}}}`).join(", ")} or {{custom.<field>}}`;
      problems.push({ message, code: "unknown_variable", variable: path });
    }
    segments.push(rest.length ? { path, fallback: rest.join("|").trim() } : { path });
    last = match.index + match[0].length;
  }
  const tail = body.slice(last);
  if (tail) segments.push(tail);
  for (const s of segments) if (typeof s === "string" && /\{\{|\}\}/.test(s)) problems.push({ message: "unbalanced `{{` or `}}`", code: "unbalanced_braces" });
  if (problems.length) {
    const summary = problems.map((p) => p.message).join("; ");
    throw new MultiWAError("VALIDATION_FAILED", `Invalid template ${field}: ${summary}`, { details: { field, issues: problems.map((p) => ({ field, ...p })) } });
  }
  return segments;
}
function templateVariables(segments) {
  return [...new Set(segments.flatMap((s) => typeof s === "string" ? [] : [s.path]))];
}
function renderSegments(segments, data, defaults = {}) {
  let text = "";
  const missing = [];
  for (const s of segments) {
    if (typeof s === "string") {
      text += s;
      continue;
    }
    const value = lookup(s.path, data) || s.fallback || defaults[s.path];
    if (value) text += value;
    else missing.push(s.path);
  }
  return { text, missing };
}
function lookup(path, data) {
  var _a, _b;
  if (path === "name") return data.name;
  if (path === "firstName") return (_a = data.name) == null ? void 0 : _a.trim().split(/\s+/)[0];
  if (path === "phone") return data.phone;
  return (_b = data.fields) == null ? void 0 : _b[path.slice(7)];
}

const MediaSourceSchema = z.union([
  z.object({ url: z.url({ protocol: /^https?$/ }).describe("HTTP(S) address the gateway downloads") }),
  z.object({ base64: z.base64().min(1).describe("File content, base64 encoded") })
]);
const mediaFields = {
  media: MediaSourceSchema,
  mimetype: z.string().regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/, "must look like type/subtype").optional(),
  caption: z.string().max(4096).optional()
};
const TextContentSchema = z.object({
  type: z.literal("text"),
  text: z.string().min(1, "must not be empty").max(65536)
});
const ImageContentSchema = z.object({ type: z.literal("image"), ...mediaFields });
const VideoContentSchema = z.object({ type: z.literal("video"), ...mediaFields, gif: z.boolean().optional() });
const AudioContentSchema = z.object({
  type: z.literal("audio"),
  media: MediaSourceSchema,
  mimetype: mediaFields.mimetype,
  /** Send as a voice note (push-to-talk) rather than an audio file. */
  ptt: z.boolean().optional()
});
const DocumentContentSchema = z.object({
  type: z.literal("document"),
  ...mediaFields,
  fileName: z.string().min(1).max(255).optional()
});
const StickerContentSchema = z.object({ type: z.literal("sticker"), media: MediaSourceSchema, mimetype: mediaFields.mimetype });
const LocationContentSchema = z.object({
  type: z.literal("location"),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().max(1e3).optional(),
  address: z.string().max(1e3).optional()
});
const ContactCardSchema = z.object({
  name: z.string().min(1),
  phone: z.string().regex(/^\+?[\d\s\-()]{6,20}$/, "must be a phone number"),
  organization: z.string().optional()
});
const ContactContentSchema = z.object({
  type: z.literal("contact"),
  contacts: z.array(ContactCardSchema).min(1).max(50)
});
const MessageRefSchema = z.object({
  id: z.string().min(1),
  /** Whether the target was sent by this profile; edits and deletes default to true. */
  fromMe: z.boolean().optional(),
  /** In groups, who sent the target message. */
  participant: z.string().optional()
});
const ReactionContentSchema = z.object({
  type: z.literal("reaction"),
  target: MessageRefSchema,
  /** An empty string removes the reaction. */
  emoji: z.string().max(16)
});
const PollContentSchema = z.object({
  type: z.literal("poll"),
  name: z.string().min(1).max(255),
  options: z.array(z.string().min(1).max(100)).min(2).max(12),
  selectableCount: z.number().int().min(0).max(12).default(1)
});
const EditContentSchema = z.object({ type: z.literal("edit"), target: MessageRefSchema, text: z.string().min(1).max(65536) });
const DeleteContentSchema = z.object({ type: z.literal("delete"), target: MessageRefSchema });
const ReplyButtonSchema = z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) });
const ListRowSchema = z.object({ id: z.string().min(1).max(200), title: z.string().min(1).max(24), description: z.string().max(72).optional() });
const InteractiveContentSchema = z.object({
  type: z.literal("interactive"),
  body: z.string().min(1).max(1024),
  header: z.string().max(60).optional(),
  footer: z.string().max(60).optional(),
  buttons: z.array(ReplyButtonSchema).min(1).max(3).optional(),
  list: z.object({
    button: z.string().min(1).max(20),
    sections: z.array(z.object({ title: z.string().max(24).optional(), rows: z.array(ListRowSchema).min(1).max(10) })).min(1).max(10)
  }).optional()
}).refine((c) => Boolean(c.buttons) !== Boolean(c.list), { message: "needs exactly one of `buttons` or `list`", path: ["buttons"] });
const TemplateContentSchema = z.object({
  type: z.literal("template"),
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15).default("en_US"),
  /** Values for the body's {{1}}, {{2}}… in order. */
  parameters: z.array(z.string().max(1024)).max(100).optional(),
  /** Values for the header's {{1}}, when it has one. */
  headerParameters: z.array(z.string().max(60)).max(1).optional()
});
const MessageContentSchema = z.discriminatedUnion("type", [
  TextContentSchema,
  ImageContentSchema,
  VideoContentSchema,
  AudioContentSchema,
  DocumentContentSchema,
  StickerContentSchema,
  LocationContentSchema,
  ContactContentSchema,
  ReactionContentSchema,
  PollContentSchema,
  EditContentSchema,
  DeleteContentSchema,
  InteractiveContentSchema,
  TemplateContentSchema
]);
const SendOptionsSchema = z.object({
  /** Quote (reply to) this message id in the same chat. */
  quotedId: z.string().min(1).optional(),
  /** The same key never sends twice for one profile; retries return the first result. */
  idempotencyKey: z.string().min(1).max(200).optional(),
  /** Show "typing…" before sending, for a human-looking pace. Defaults to the profile's pacing setting. */
  typing: z.boolean().optional(),
  /** JIDs mentioned in the text. */
  mentions: z.array(z.string()).max(256).optional()
});
const SendRequestSchema = z.object({
  to: z.string().min(1, "is required"),
  content: MessageContentSchema,
  options: SendOptionsSchema.optional()
});
MessageContentSchema.options.map((o) => o.shape.type.value);

var __defProp$x = Object.defineProperty;
var __defNormalProp$x = (obj, key2, value) => key2 in obj ? __defProp$x(obj, key2, { enumerable: true, configurable: true, writable: true, value }) : obj[key2] = value;
var __publicField$x = (obj, key2, value) => __defNormalProp$x(obj, typeof key2 !== "symbol" ? key2 + "" : key2, value);
const TemplateMediaSchema = z.object({
  type: z.enum(["image", "video", "document", "audio"]),
  media: MediaSourceSchema,
  mimetype: z.string().optional(),
  fileName: z.string().max(255).optional()
});
const templateFields = {
  name: z.string().trim().min(1).max(120),
  category: z.string().trim().min(1).max(64).default("general"),
  /** Text (or the media caption) with `{{variables}}`. */
  body: z.string().min(1, "must not be empty").max(4096),
  /** Sent with the body as caption. */
  media: TemplateMediaSchema.optional(),
  /** Value of a variable when the contact has none, e.g. `{ "name": "there" }`. */
  defaults: z.record(z.string(), z.string().max(1e3)).default({})
};
const checkTemplate = (t, ctx) => {
  var _a, _b;
  if (t.body !== void 0) {
    try {
      compileTemplate(t.body);
    } catch (error) {
      for (const issue of (_a = error.details.issues) != null ? _a : []) ctx.addIssue({ code: "custom", path: ["body"], message: issue.message });
    }
  }
  for (const k of Object.keys((_b = t.defaults) != null ? _b : {})) if (!isVariablePath(k)) ctx.addIssue({ code: "custom", path: ["defaults", k], message: `unknown variable "${k}"` });
};
const CreateTemplateSchema = z.object(templateFields).superRefine(checkTemplate);
const UpdateTemplateSchema = z.object({ ...templateFields, category: z.string().trim().min(1).max(64), defaults: z.record(z.string(), z.string().max(1e3)) }).partial().superRefine(checkTemplate);
const BASE$4 = "templates";
class TemplateStore {
  constructor(storage) {
    __publicField$x(this, "storage", storage);
    __publicField$x(this, "writes", new KeyedSerial());
  }
  async create(workspaceId, input) {
    const parsed = parseInput(CreateTemplateSchema, input, "template");
    const now = Date.now();
    const template = { ...parsed, id: `tpl_${randomBytes(6).toString("hex")}`, workspaceId, variables: templateVariables(compileTemplate(parsed.body)), usage: { timesUsed: 0 }, createdAt: now, updatedAt: now };
    await this.storage.setItem(key$6(workspaceId, template.id), template);
    return template;
  }
  async get(workspaceId, id) {
    const template = /^[\w-]+$/.test(id) ? await this.storage.getItem(key$6(workspaceId, id)) : null;
    if (!template) throw new MultiWAError("NOT_FOUND", `No template "${id}" in this workspace`, { details: { field: "templateId", value: id } });
    return template;
  }
  async list(workspaceId, filter = {}) {
    const base = `${BASE$4}:${segment(workspaceId)}`;
    const ids = stripBase(await this.storage.getKeys(base), base);
    const all = await Promise.all(ids.map((id) => this.storage.getItem(`${base}:${id}`)));
    return all.filter((t) => !!t && (!filter.category || t.category === filter.category)).sort((a, b) => a.createdAt - b.createdAt);
  }
  async update(workspaceId, id, patch) {
    const parsed = parseInput(UpdateTemplateSchema, patch, "template");
    return this.change(workspaceId, id, (t) => {
      const next = { ...t, ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== void 0)) };
      return { ...next, variables: templateVariables(compileTemplate(next.body)) };
    });
  }
  async remove(workspaceId, id) {
    await this.get(workspaceId, id);
    await this.storage.removeItem(key$6(workspaceId, id));
  }
  /** Renders a saved template for one contact: the message content plus variables that stayed empty. */
  render(template, data) {
    const { text, missing } = renderSegments(compileTemplate(template.body), data, template.defaults);
    return { content: toContent(text, template.media), missing };
  }
  /** Counts `count` more sends of a template. */
  async recordUse(workspaceId, id, count = 1, at = Date.now()) {
    await this.change(workspaceId, id, (t) => ({ ...t, usage: { timesUsed: t.usage.timesUsed + count, lastUsedAt: at } }), false).catch(() => void 0);
  }
  async removeWorkspace(workspaceId) {
    await clearPrefix(this.storage, `${BASE$4}:${segment(workspaceId)}`);
  }
  // --- Internal helpers ---
  change(workspaceId, id, next, touch = true) {
    return this.writes.run(key$6(workspaceId, id), async () => {
      const updated = next(await this.get(workspaceId, id));
      if (touch) updated.updatedAt = Date.now();
      await this.storage.setItem(key$6(workspaceId, id), updated);
      return updated;
    });
  }
}
function toContent(text, media) {
  if (!media) return { type: "text", text };
  const base = { media: media.media, ...media.mimetype ? { mimetype: media.mimetype } : {} };
  if (media.type === "audio") return { type: "audio", ...base };
  if (media.type === "document") return { type: "document", ...base, ...text ? { caption: text } : {}, ...media.fileName ? { fileName: media.fileName } : {} };
  return { type: media.type, ...base, ...text ? { caption: text } : {} };
}
function key$6(workspaceId, id) {
  return `${BASE$4}:${segment(workspaceId)}:${id}`;
}

var __defProp$w = Object.defineProperty;
var __defNormalProp$w = (obj, key, value) => key in obj ? __defProp$w(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$w = (obj, key, value) => __defNormalProp$w(obj, typeof key !== "symbol" ? key + "" : key, value);
class CampaignPacer {
  constructor(pacing, profiles, random = Math.random) {
    __publicField$w(this, "pacing", pacing);
    __publicField$w(this, "profiles", profiles);
    __publicField$w(this, "random", random);
    __publicField$w(this, "start", 0);
    __publicField$w(this, "k", 0);
  }
  update(pacing) {
    this.pacing = pacing;
    this.restart();
  }
  /** Milliseconds between two sends of the campaign; 0 when unpaced. */
  get interval() {
    return this.pacing.perMinute > 0 ? 6e4 / (this.pacing.perMinute * this.profiles) : 0;
  }
  /** Resolves when the next send is due. */
  async wait(signal) {
    const interval = this.interval;
    if (!interval) return;
    const now = Date.now();
    if (!this.start || now > this.start + (this.k + 1) * interval + this.pacing.jitterMs) this.restartAt(now);
    const jitter = Math.min(this.pacing.jitterMs, interval * 0.9) * (this.random() - 0.5);
    const due = this.start + this.k * interval + (this.k === 0 ? 0 : jitter);
    this.k++;
    if (due > now) await sleep(due - now, signal);
  }
  /** Call after a stall so the next send is not counted against the old timeline. */
  restart() {
    this.start = 0;
  }
  restartAt(now) {
    this.start = now;
    this.k = 0;
  }
}

function g(s,e,t,n=0,r=0,a=0,i=0){let o=s>=0&&s<100,u=Date.UTC(o?s+400:s,e,t,n,r,a,i);return o?u-126227808e5:u}function D(s){return g(s.y,s.m-1,s.d,s.h,s.i,s.s)}function w(s,e){return s.y===e.y&&s.m===e.m&&s.d===e.d&&s.h===e.h&&s.i===e.i&&s.s===e.s}function O(s){let e=s.substring(9);return e.includes("Z")||e.includes("+")||e.includes("-")}function Z(s,e){let t=new Date(Date.parse(s));if(isNaN(t))throw new Error("Invalid ISO8601 passed to timezone parser.");return O(s)?{tp:T(t.getUTCFullYear(),t.getUTCMonth()+1,t.getUTCDate(),t.getUTCHours(),t.getUTCMinutes(),t.getUTCSeconds(),"Etc/UTC"),ms:t.getUTCMilliseconds()}:{tp:T(t.getFullYear(),t.getMonth()+1,t.getDate(),t.getHours(),t.getMinutes(),t.getSeconds(),e),ms:t.getMilliseconds()}}function v(s,e,t){let{tp:n,ms:r}=Z(s,e);return new Date(N(n,t).getTime()+r)}function N(s,e){let t=_(s);if(t.kind==="single")return t.date;if(t.kind==="ambiguous")return t.earlier;if(e)throw new Error("Invalid date passed to fromTZ()");return t.after}function _(s){let e=D(s),t=i=>R(new Date(i),s.tz),n=e-t(e),r=y(new Date(n),s.tz);if(w(r,s)){let i=D(r)-n,o=n-(t(n-E)-i);if(o<n&&w(y(new Date(o),s.tz),s))return {kind:"ambiguous",earlier:new Date(o),later:new Date(n)};let u=n+(i-t(n+E));return u>n&&w(y(new Date(u),s.tz),s)?{kind:"ambiguous",earlier:new Date(n),later:new Date(u)}:{kind:"single",date:new Date(n)}}let a=e-(D(r)-n);return w(y(new Date(a),s.tz),s)?{kind:"single",date:new Date(a)}:{kind:"gap",before:new Date(Math.min(n,a)),after:new Date(Math.max(n,a))}}var E=3*36e5;function R(s,e){return D(y(s,e))-(s.getTime()-s.getUTCMilliseconds())}function k(s,e,t){let n=R(new Date(s),t);for(;e-s>1e3;){let r=s+Math.floor((e-s)/2e3)*1e3;R(new Date(r),t)===n?s=r:e=r;}return e}function U(s,e){let t=_(y(new Date(s),e));if(t.kind==="ambiguous")return s<t.later.getTime()?"earlier":"later"}var H=g(1,0,1),S=864e5,W=new Map;function y(s,e){if(e===void 0)return T(s.getFullYear(),s.getMonth()+1,s.getDate(),s.getHours(),s.getMinutes(),s.getSeconds());let t=W.get(e),n;try{t||(t=new Intl.DateTimeFormat("en-US",{timeZone:e,year:"numeric",month:"numeric",day:"numeric",hour:"numeric",minute:"numeric",second:"numeric",hour12:!1}),W.set(e,t)),n=t.formatToParts(s);}catch(i){let o=i instanceof Error?i.message:String(i);throw new RangeError(`toTZ: Invalid timezone '${e}' or date. Please provide a valid IANA timezone (e.g., 'America/New_York', 'Europe/Stockholm'). Original error: ${o}`)}let r={year:0,month:0,day:0,hour:0,minute:0,second:0};for(let i of n)(i.type==="year"||i.type==="month"||i.type==="day"||i.type==="hour"||i.type==="minute"||i.type==="second")&&(r[i.type]=parseInt(i.value,10));if(isNaN(r.year)||isNaN(r.month)||isNaN(r.day)||isNaN(r.hour)||isNaN(r.minute)||isNaN(r.second))throw new Error(`toTZ: Failed to parse all date components from timezone '${e}'. This may indicate an invalid date or timezone configuration. Parsed components: ${JSON.stringify(r)}`);let a=s.getTime()-H;return (a<-S||a<S&&r.month===12)&&(r.year=1-r.year),r.hour===24&&(r.hour=0),{y:r.year,m:r.month,d:r.day,h:r.hour,i:r.minute,s:r.second,tz:e}}function T(s,e,t,n,r,a,i){return {y:s,m:e,d:t,h:n,i:r,s:a,tz:i}}var x=[1,2,4,8,16],C=class s{pattern;timezone;mode;alternativeWeekdays;sloppyRanges;fixedTimeRule;second;minute;hour;day;month;dayOfWeek;year;lastDayOfMonth;lastWeekday;nearestWeekdays;starDOM;starDOW;starYear;useAndLogic;isFixedTime;constructor(e,t,n){this.pattern=e,this.timezone=t,this.mode=n?.mode??"auto",this.alternativeWeekdays=n?.alternativeWeekdays??false,this.sloppyRanges=n?.sloppyRanges??false,this.fixedTimeRule=n?.fixedTimeRule??"single-value",this.second=Array(60).fill(0),this.minute=Array(60).fill(0),this.hour=Array(24).fill(0),this.day=Array(31).fill(0),this.month=Array(12).fill(0),this.dayOfWeek=Array(7).fill(0),this.year=[],this.lastDayOfMonth=false,this.lastWeekday=false,this.nearestWeekdays=Array(31).fill(0),this.starDOM=false,this.starDOW=false,this.starYear=false,this.useAndLogic=false,this.isFixedTime=false,this.parse();}parse(){if(!(typeof this.pattern=="string"||this.pattern instanceof String))throw new TypeError("CronPattern: Pattern has to be of type string.");this.pattern.indexOf("@")>=0&&(this.pattern=this.handleNicknames(this.pattern).trim());let e=this.pattern.match(/\S+/g)||[""],t=e.length;if(e.length<5||e.length>7)throw new TypeError("CronPattern: invalid configuration format ('"+this.pattern+"'), exactly five, six, or seven space separated parts are required.");if(this.mode!=="auto"){let i;switch(this.mode){case "5-part":i=5;break;case "6-part":i=6;break;case "7-part":i=7;break;case "5-or-6-parts":i=[5,6];break;case "6-or-7-parts":i=[6,7];break;default:i=0;}if(!(Array.isArray(i)?i.includes(t):t===i)){let u=Array.isArray(i)?i.join(" or "):i.toString();throw new TypeError(`CronPattern: mode '${this.mode}' requires exactly ${u} parts, but pattern '${this.pattern}' has ${t} parts.`)}}if(e.length===5&&e.unshift("0"),e.length===6&&e.push("*"),this.pattern.indexOf("?")>=0)for(let i=0;i<e.length;i++)e[i]=e[i].replace(/\?/g,"*");if(e[3].toUpperCase()==="LW")this.lastWeekday=true,e[3]="";else if(e[3].toUpperCase().indexOf("L")>=0){let i=e[3].split(",");if(i.length>1&&i.some(o=>o.toUpperCase()==="LW"))throw new TypeError(`CronPattern: Syntax error, LW can not be in a list in day-of-month ('${e[3]}').`);if(i.some(o=>o===""||o.toUpperCase()!=="L"&&/l/i.test(o)))throw new TypeError("CronPattern: Syntax error, L has to be a value of its own in day-of-month ('"+e[3]+"').");e[3]=i.filter(o=>o.toUpperCase()!=="L").join(","),this.lastDayOfMonth=true;}if(e[3]=="*"&&(this.starDOM=true),e[6]=="*"&&(this.starYear=true),e[4].length>=3&&(e[4]=this.replaceAlpha(e[4],s.MONTH_NAMES)),e[5].length>=3&&(e[5]=this.alternativeWeekdays?this.replaceAlpha(e[5],s.DAY_NAMES_QUARTZ):this.replaceAlpha(e[5],s.DAY_NAMES)),e[5].startsWith("+")&&(this.useAndLogic=true,e[5]=e[5].substring(1),e[5]===""))throw new TypeError("CronPattern: Day-of-week field cannot be empty after '+' modifier.");switch(e[5]=="*"&&(this.starDOW=true),this.mode){case "5-part":e[0]="0",e[6]="*";break;case "6-part":e[6]="*";break;case "5-or-6-parts":e[6]="*";break;}this.throwAtIllegalCharacters(e),this.partToArray("second",e[0],0,1),this.partToArray("minute",e[1],0,1),this.partToArray("hour",e[2],0,1),this.partToArray("day",e[3],-1,1),this.partToArray("month",e[4],-1,1);let n=this.alternativeWeekdays?-1:0;this.partToArray("dayOfWeek",e[5],n,63),e[6]==="*"?this.year=Array(1e4).fill(1):(this.year=Array(1e4).fill(0),this.partToArray("year",e[6],0,1)),!this.alternativeWeekdays&&this.dayOfWeek[7]&&(this.dayOfWeek[0]=this.dayOfWeek[7]);let r=this.fixedTimeRule==="single-value",a=(i,o)=>!i.includes("*")&&!i.includes("/")&&(!r||o.filter(u=>u).length===1);this.isFixedTime=a(e[0],this.second)&&a(e[1],this.minute)&&a(e[2],this.hour);}partToArray(e,t,n,r){let a=this[e];if(t===""&&!(e==="day"&&(this.lastDayOfMonth||this.lastWeekday)))throw new TypeError("CronPattern: configuration entry "+e+" ("+t+") is empty, check for trailing spaces.");if(t==="*")return a.fill(r);let i=t.split(",");if(i.length>1)for(let o of i)this.partToArray(e,o,n,r);else t.includes("-")&&t.includes("/")?this.handleRangeWithStepping(t,e,n,r):t.includes("-")?this.handleRange(t,e,n,r):t.includes("/")?this.handleStepping(t,e,n,r):t!==""&&this.handleNumber(t,e,n,r);}throwAtIllegalCharacters(e){for(let t=0;t<e.length;t++)if((t===3?/[^/*0-9,\-WwLl]+/:t===5?/[^/*0-9,\-#Ll]+/:/[^/*0-9,\-]+/).test(e[t]))throw new TypeError("CronPattern: configuration entry "+t+" ("+e[t]+") contains illegal characters.")}handleNumber(e,t,n,r){let a=this.extractNth(e,t),i=e.toUpperCase().includes("W");if(t!=="day"&&i)throw new TypeError("CronPattern: Nearest weekday modifier (W) only allowed in day-of-month.");i&&(t="nearestWeekdays");let o=i?a[0].replace(/W$/i,""):a[0],u=s.toNumber(o)+n;if(isNaN(u))throw new TypeError("CronPattern: "+t+" is not a number: '"+e+"'");this.setPart(t,u,a[1]||r);}setPart(e,t,n){if(!Object.prototype.hasOwnProperty.call(this,e))throw new TypeError("CronPattern: Invalid part specified: "+e);if(e==="dayOfWeek"){if(t===7&&(t=0),t<0||t>6)throw new RangeError("CronPattern: Invalid value for dayOfWeek: "+t);this.setNthWeekdayOfMonth(t,n);return}if(e==="second"||e==="minute"){if(t<0||t>=60)throw new RangeError("CronPattern: Invalid value for "+e+": "+t)}else if(e==="hour"){if(t<0||t>=24)throw new RangeError("CronPattern: Invalid value for "+e+": "+t)}else if(e==="day"||e==="nearestWeekdays"){if(t<0||t>=31)throw new RangeError("CronPattern: Invalid value for "+e+": "+t)}else if(e==="month"){if(t<0||t>=12)throw new RangeError("CronPattern: Invalid value for "+e+": "+t)}else if(e==="year"&&(t<1||t>=1e4))throw new RangeError("CronPattern: Invalid value for "+e+": "+t+" (supported range: 1-9999)");this[e][t]=n;}static toNumber(e){return /^\d+$/.test(e)?parseInt(e,10):NaN}validateNotNaN(e,t){if(isNaN(e))throw new TypeError(t)}validateRange(e,t,n,r,a){if(e>t)throw new TypeError("CronPattern: From value is larger than to value: '"+a+"'");if(n!==void 0){if(n===0)throw new TypeError("CronPattern: Syntax error, illegal stepping: 0");if(n>this[r].length)throw new TypeError("CronPattern: Syntax error, steps cannot be greater than maximum value of part ("+this[r].length+")")}}handleRangeWithStepping(e,t,n,r){if(e.toUpperCase().includes("W"))throw new TypeError("CronPattern: Syntax error, W is not allowed in ranges with stepping.");let a=this.extractNth(e,t),i=a[0].match(/^(\d+)-(\d+)\/(\d+)$/);if(i===null)throw new TypeError("CronPattern: Syntax error, illegal range with stepping: '"+e+"'");let[,o,u,l]=i,h=parseInt(o,10)+n,m=parseInt(u,10)+n,d=parseInt(l,10);this.validateNotNaN(h,"CronPattern: Syntax error, illegal lower range (NaN)"),this.validateNotNaN(m,"CronPattern: Syntax error, illegal upper range (NaN)"),this.validateNotNaN(d,"CronPattern: Syntax error, illegal stepping: (NaN)"),this.validateRange(h,m,d,t,e);for(let p=h;p<=m;p+=d)this.setPart(t,p,a[1]||r);}extractNth(e,t){let n=e,r;if(n.includes("#")){if(t!=="dayOfWeek")throw new Error("CronPattern: nth (#) only allowed in day-of-week field");let a=n.split("#");if(a.length!==2||a[1]==="")throw new TypeError("CronPattern: Syntax error, illegal nth weekday: '"+e+"'");n=a[0],r=a[1];}else if(n.toUpperCase().endsWith("L")){if(t!=="dayOfWeek")throw new Error("CronPattern: L modifier only allowed in day-of-week field (use L alone for day-of-month)");r="L",n=n.slice(0,-1);}return [n,r]}handleRange(e,t,n,r){if(e.toUpperCase().includes("W"))throw new TypeError("CronPattern: Syntax error, W is not allowed in a range.");let a=this.extractNth(e,t),i=a[0].split("-");if(i.length!==2)throw new TypeError("CronPattern: Syntax error, illegal range: '"+e+"'");let o=s.toNumber(i[0])+n,u=s.toNumber(i[1])+n;this.validateNotNaN(o,"CronPattern: Syntax error, illegal lower range (NaN)"),this.validateNotNaN(u,"CronPattern: Syntax error, illegal upper range (NaN)"),this.validateRange(o,u,void 0,t,e);for(let l=o;l<=u;l++)this.setPart(t,l,a[1]||r);}handleStepping(e,t,n,r){if(e.toUpperCase().includes("W"))throw new TypeError("CronPattern: Syntax error, W is not allowed in parts with stepping.");let a=this.extractNth(e,t),i=a[0].split("/");if(i.length!==2)throw new TypeError("CronPattern: Syntax error, illegal stepping: '"+e+"'");if(this.sloppyRanges)i[0]===""&&(i[0]="*");else {if(i[0]==="")throw new TypeError("CronPattern: Syntax error, stepping with missing prefix ('"+e+"') is not allowed. Use wildcard (*/step) or range (min-max/step) instead.");if(i[0]!=="*")throw new TypeError("CronPattern: Syntax error, stepping with numeric prefix ('"+e+"') is not allowed. Use wildcard (*/step) or range (min-max/step) instead.")}let o=0;i[0]!=="*"&&(o=s.toNumber(i[0])+n,this.validateNotNaN(o,"CronPattern: Syntax error, illegal stepping start (NaN)"));let u=s.toNumber(i[1]);this.validateNotNaN(u,"CronPattern: Syntax error, illegal stepping: (NaN)"),this.validateRange(0,this[t].length-1,u,t,e);for(let l=o;l<this[t].length;l+=u)t==="year"&&l===0||this.setPart(t,l,a[1]||r);}replaceAlpha(e,t){let n=e;for(let[r,a]of Object.entries(t))n=n.replace(new RegExp(r,"gi"),(i,o,u)=>{let l=o+i.length-3,h=u.charAt(l-1),m=u.charAt(l+3);if(/[a-z\d/#]/i.test(h)||/[a-km-z\d]/i.test(m))throw new TypeError(`CronPattern: Syntax error, a month or day name has to stand alone ('${e}').`);return a});return n}static DAY_NAMES={"-sun":"-7",sun:"0",mon:"1",tue:"2",wed:"3",thu:"4",fri:"5",sat:"6"};static DAY_NAMES_QUARTZ={sun:"1",mon:"2",tue:"3",wed:"4",thu:"5",fri:"6",sat:"7"};static MONTH_NAMES={jan:"1",feb:"2",mar:"3",apr:"4",may:"5",jun:"6",jul:"7",aug:"8",sep:"9",oct:"10",nov:"11",dec:"12"};static NICKNAME_MAP={"@yearly":"0 0 1 1 *","@annually":"0 0 1 1 *","@monthly":"0 0 1 * *","@weekly":"0 0 * * SUN","@daily":"0 0 * * *","@midnight":"0 0 * * *","@hourly":"0 * * * *"};handleNicknames(e){let t=e.trim().toLowerCase();if(t==="@reboot")throw new TypeError("CronPattern: @reboot is not supported in this environment. This is an event-based trigger that requires system startup detection.");return s.NICKNAME_MAP[t]||e}setNthWeekdayOfMonth(e,t){if(typeof t!="number"&&t.toUpperCase()==="L")this.dayOfWeek[e]=this.dayOfWeek[e]|32;else if(t===63)this.dayOfWeek[e]=63;else if(t<6&&t>0)this.dayOfWeek[e]=this.dayOfWeek[e]|x[t-1];else throw new TypeError(`CronPattern: nth weekday out of range, should be 1-5 or L. Value: ${t}, Type: ${typeof t}`)}};var B=[31,28,31,30,31,30,31,31,30,31,30,31],f=[["month","year",0],["day","month",-1],["hour","day",0],["minute","hour",0],["second","minute",0]],c=class s{tz;instantMs;instantFields;ms;second;minute;hour;day;month;year;constructor(e,t){if(this.tz=t,e&&e instanceof Date)if(!isNaN(e))this.fromDate(e);else throw new TypeError("CronDate: Invalid date passed to CronDate constructor");else if(e==null)this.fromDate(new Date);else if(e&&typeof e=="string")this.fromString(e);else if(e instanceof s)this.fromCronDate(e);else throw new TypeError("CronDate: Invalid type ("+typeof e+") passed to CronDate constructor")}getLastDayOfMonth(e,t){return t!==1?B[t]:new Date(g(e,t+1,0)).getUTCDate()}getLastWeekday(e,t){let n=this.getLastDayOfMonth(e,t),a=new Date(g(e,t,n)).getUTCDay();return a===0?n-2:a===6?n-1:n}getNearestWeekday(e,t,n){let r=this.getLastDayOfMonth(e,t);if(n>r)return  -1;let i=new Date(g(e,t,n)).getUTCDay();return i===0?n===r?n-2:n+1:i===6?n===1?n+2:n-1:n}isNthWeekdayOfMonth(e,t,n,r){let i=new Date(g(e,t,n)).getUTCDay(),o=0;for(let u=1;u<=n;u++)new Date(g(e,t,u)).getUTCDay()===i&&o++;if(r&63&&x[o-1]&r)return  true;if(r&32){let u=this.getLastDayOfMonth(e,t);for(let l=n+1;l<=u;l++)if(new Date(g(e,t,l)).getUTCDay()===i)return  false;return  true}return  false}fromDate(e){if(this.tz!==void 0)if(typeof this.tz=="number")this.ms=e.getUTCMilliseconds(),this.second=e.getUTCSeconds(),this.minute=e.getUTCMinutes()+this.tz,this.hour=e.getUTCHours(),this.day=e.getUTCDate(),this.month=e.getUTCMonth(),this.year=e.getUTCFullYear(),this.apply();else try{let t=y(e,this.tz);this.ms=e.getMilliseconds(),this.second=t.s,this.minute=t.i,this.hour=t.h,this.day=t.d,this.month=t.m-1,this.year=t.y,this.cacheInstant(e.getTime()-this.ms);}catch(t){let n=t instanceof Error?t.message:String(t);throw new TypeError(`CronDate: Failed to convert date to timezone '${this.tz}'. This may happen with invalid timezone names or dates. Original error: ${n}`)}else this.ms=e.getMilliseconds(),this.second=e.getSeconds(),this.minute=e.getMinutes(),this.hour=e.getHours(),this.day=e.getDate(),this.month=e.getMonth(),this.year=e.getFullYear(),this.cacheInstant(e.getTime()-this.ms);}cacheInstant(e){this.instantMs=e;let{year:t,month:n,day:r,hour:a,minute:i,second:o}=this;this.instantFields=[t,n,r,a,i,o,this.tz];}cachedInstant(){let e=this.instantFields;if(!(e===void 0||e[6]!==this.tz)&&!(e[5]!==this.second||e[4]!==this.minute||e[3]!==this.hour)&&!(e[2]!==this.day||e[1]!==this.month||e[0]!==this.year))return this.instantMs}fromCronDate(e){this.tz=e.tz,this.year=e.year,this.month=e.month,this.day=e.day,this.hour=e.hour,this.minute=e.minute,this.second=e.second,this.ms=e.ms,this.instantMs=e.instantMs,this.instantFields=e.instantFields;}apply(){if(this.month>11||this.month<0||this.day>this.getLastDayOfMonth(this.year,this.month)||this.day<1||this.hour>23||this.minute>59||this.second>59||this.hour<0||this.minute<0||this.second<0){let e=new Date(0);return e.setUTCFullYear(this.year,this.month,this.day),e.setUTCHours(this.hour,this.minute,this.second,this.ms),this.ms=e.getUTCMilliseconds(),this.second=e.getUTCSeconds(),this.minute=e.getUTCMinutes(),this.hour=e.getUTCHours(),this.day=e.getUTCDate(),this.month=e.getUTCMonth(),this.year=e.getUTCFullYear(),true}else return  false}fromString(e){if(typeof this.tz=="number"){if(O(e))return this.fromDate(v(e));let t=v(e,"Etc/UTC");this.ms=t.getUTCMilliseconds(),this.second=t.getUTCSeconds(),this.minute=t.getUTCMinutes(),this.hour=t.getUTCHours(),this.day=t.getUTCDate(),this.month=t.getUTCMonth(),this.year=t.getUTCFullYear(),this.apply();}else return this.fromDate(v(e,this.tz))}findNext(e,t,n,r){return this._findMatch(e,t,n,r,1)}_matchDayValue(e,t,n,r){let a=e;if(!a){for(let i=0;i<n.nearestWeekdays.length;i++)if(n.nearestWeekdays[i]){let o=this.getNearestWeekday(this.year,this.month,i+1);if(o!==-1&&o===t){a=1;break}}}if(n.lastWeekday){let i=this.getLastWeekday(this.year,this.month);t===i&&(a=1);}if(n.lastDayOfMonth){let i=this.getLastDayOfMonth(this.year,this.month);t===i&&(a=1);}if(!n.starDOW){let i=new Date(g(this.year,this.month,1,0,0,0,0)).getUTCDay(),o=n.dayOfWeek[(i+(t-1))%7];o&&o&63&&(o=this.isNthWeekdayOfMonth(this.year,this.month,t,o)?1:0),n.useAndLogic?a=a&&o:!r.domAndDow&&!n.starDOM?a=a||o:a=a&&o;}return a}_findMatch(e,t,n,r,a){let i=this[t],o=t==="day"?this.getLastDayOfMonth(this.year,this.month):0,u=this[t]+r,l=a===1?h=>h<n[t].length:h=>h>=0;for(let h=u;l(h);h+=a){let m=n[t][h];if(t==="day"){if(h-r>o)continue;m=this._matchDayValue(m,h-r,n,e);}if(m)return this[t]=h-r,i!==this[t]?2:1}return 3}recurse(e,t,n){let r=this.year,a=n;for(;typeof a=="number";){if(e.starYear&&Math.abs(this.year-r)>400)return null;a=this.recurseStep(e,t,a);}return a}recurseStep(e,t,n){if(n===0&&!e.starYear){if(this.year>=0&&this.year<e.year.length&&e.year[this.year]===0){let a=-1;for(let i=this.year+1;i<e.year.length&&i<1e4;i++)if(e.year[i]===1){a=i;break}if(a===-1)return null;this.year=a,this.month=0,this.day=1,this.hour=0,this.minute=0,this.second=0,this.ms=0;}if(this.year>=1e4)return null}let r=this.findNext(t,f[n][0],e,f[n][2]);if(r>1){let a=n+1;for(;a<f.length;)this[f[a][0]]=-f[a][2],a++;if(r===3){if(this[f[n][1]]++,this[f[n][0]]=-f[n][2],this.apply(),n===0&&!e.starYear){for(;this.year>=0&&this.year<e.year.length&&e.year[this.year]===0&&this.year<1e4;)this.year++;if(this.year>=1e4||this.year>=e.year.length)return null}return 0}else if(this.apply())return n-1}return n+=1,n>=f.length?this:(e.starYear?this.year>=3e3:this.year>=1e4)?null:n}increment(e,t,n){return this.instantMs=void 0,this.instantFields=void 0,this.second+=t.interval!==void 0&&t.interval>1&&n?t.interval:1,this.ms=0,this.apply(),this.recurse(e,t,0)}decrement(e,t,n=true){this.instantMs=void 0,this.instantFields=void 0;let r=t.interval!==void 0&&t.interval>=1;return (this.ms===0||r)&&(this.second-=r&&n?t.interval:1),this.ms=0,this.apply(),this.year<1?null:this.recurseBackward(e,t,0)}recurseBackward(e,t,n){let r=this.year,a=n;for(;typeof a=="number";){if(e.starYear&&Math.abs(this.year-r)>400)return null;a=this.recurseBackwardStep(e,t,a);}return a}recurseBackwardStep(e,t,n){if(n===0&&!e.starYear){if(this.year>=0&&this.year<e.year.length&&e.year[this.year]===0){let a=-1;for(let i=this.year-1;i>=0;i--)if(e.year[i]===1){a=i;break}if(a===-1)return null;this.year=a,this.month=11,this.day=31,this.hour=23,this.minute=59,this.second=59,this.ms=0;}if(this.year<1)return null}let r=this.findPrevious(t,f[n][0],e,f[n][2]);if(r>1){let a=n+1;for(;a<f.length;){let i=f[a][0],o=f[a][2],u=this.getMaxPatternValue(i,e,o);this[i]=u,a++;}if(r===3){if(this[f[n][1]]--,n===0){let u=this.getLastDayOfMonth(this.year,this.month);this.day>u&&(this.day=u);}if(n===1)if(this.day<=0)this.day=1;else {let u=this.year,l=this.month;for(;l<0;)l+=12,u--;for(;l>11;)l-=12,u++;let h=this.getLastDayOfMonth(u,l);this.day>h&&(this.day=h);}this.apply();let i=f[n][0],o=f[n][2];if(this[i]=this.getMaxPatternValue(i,e,o),this.apply(),n===0){let u=f[1][2],l=this.getMaxPatternValue("day",e,u);l!==this.day&&(this.day=l,this.hour=this.getMaxPatternValue("hour",e,f[2][2]),this.minute=this.getMaxPatternValue("minute",e,f[3][2]),this.second=this.getMaxPatternValue("second",e,f[4][2]));}if(n===0&&!e.starYear){for(;this.year>=0&&this.year<e.year.length&&e.year[this.year]===0;)this.year--;if(this.year<1)return null}return 0}else if(this.apply())return n-1}return n+=1,n>=f.length?this:this.year<1?null:n}getMaxPatternValue(e,t,n){let r=t[e].length-1-n;for(let a=t[e].length-1;a>=0;a--)if(t[e][a]){r=a-n;break}if(e==="day"){let a=this.getLastDayOfMonth(this.year,this.month);return t.lastWeekday||t.nearestWeekdays.some(i=>i)||t.lastDayOfMonth||!t.starDOW?a:Math.min(r,a)}return r}findPrevious(e,t,n,r){return this._findMatch(e,t,n,r,-1)}getDate(e){if(!e&&typeof this.tz!="number"){let t=this.cachedInstant();if(t!==void 0)return new Date(t+(this.tz===void 0?this.ms:0))}if(e||this.tz===void 0){if(this.year>=0&&this.year<100){let t=new Date(0);return t.setFullYear(this.year,this.month,this.day),t.setHours(this.hour,this.minute,this.second,this.ms),t}return new Date(this.year,this.month,this.day,this.hour,this.minute,this.second,this.ms)}else return typeof this.tz=="number"?new Date(g(this.year,this.month,this.day,this.hour,this.minute-this.tz,this.second,this.ms)):N(T(this.year,this.month+1,this.day,this.hour,this.minute,this.second,this.tz),false)}getTime(){return this.getDate(false).getTime()}match(e,t){if(!e.starYear&&(this.year<0||this.year>=e.year.length||e.year[this.year]===0))return  false;for(let n=0;n<f.length;n++){let r=f[n][0],a=f[n][2],i=this[r];if(i+a<0||i+a>=e[r].length)return  false;let o=e[r][i+a];if(r==="day"&&(o=this._matchDayValue(o,i,e,t)),!o)return  false}return  true}};function F(s){s===void 0&&(s={}),delete s.name,s.legacyMode!==void 0&&s.domAndDow===void 0?s.domAndDow=!s.legacyMode:s.domAndDow===void 0&&(s.domAndDow=false),s.legacyMode=!s.domAndDow;let e=(n,r)=>n===void 0?r:n;if(s.paused=e(s.paused,false),s.maxRuns=e(s.maxRuns,1/0),s.catch=e(s.catch,false),s.unref=e(s.unref,false),s.mode=e(s.mode,"auto"),s.alternativeWeekdays=e(s.alternativeWeekdays,false),s.sloppyRanges=e(s.sloppyRanges,false),s.fixedTimeRule=e(s.fixedTimeRule,"single-value"),s.allowPast=e(s.allowPast,false),s.interval=s.interval===void 0?0:parseInt(s.interval.toString(),10),s.utcOffset=s.utcOffset===void 0?void 0:parseInt(s.utcOffset.toString(),10),s.dayOffset=s.dayOffset===void 0?0:parseInt(s.dayOffset.toString(),10),!["auto","5-part","6-part","7-part","5-or-6-parts","6-or-7-parts"].includes(s.mode))throw new Error("CronOptions: mode must be one of 'auto', '5-part', '6-part', '7-part', '5-or-6-parts', or '6-or-7-parts'.");if(!["single-value","no-wildcard"].includes(s.fixedTimeRule))throw new Error("CronOptions: fixedTimeRule must be one of 'single-value' or 'no-wildcard'.");s.timezone===""&&(s.timezone=void 0);let t=s.timezone??s.utcOffset;if(s.startAt&&(s.startAt=I(new c(s.startAt,t))),s.stopAt&&(s.stopAt=I(new c(s.stopAt,t))),s.interval!==null){if(isNaN(s.interval))throw new Error("CronOptions: Supplied value for interval is not a number");if(s.interval<0)throw new Error("CronOptions: Supplied value for interval can not be negative")}if(s.utcOffset!==void 0){if(isNaN(s.utcOffset))throw new Error("CronOptions: Invalid value passed for utcOffset, should be number representing minutes offset from UTC.");if(s.utcOffset<-870||s.utcOffset>870)throw new Error("CronOptions: utcOffset out of bounds.");if(s.utcOffset!==void 0&&s.timezone)throw new Error("CronOptions: Combining 'utcOffset' with 'timezone' is not allowed.")}if(s.unref!==true&&s.unref!==false)throw new Error("CronOptions: Unref should be either true, false or undefined(false).");if(s.dayOffset!==void 0&&s.dayOffset!==0&&isNaN(s.dayOffset))throw new Error("CronOptions: Invalid value passed for dayOffset, should be a number representing days to offset.");return s}function I(s){return s.ms?(s.ms=0,new c(new Date(s.getTime()+1e3),s.tz)):s}function b(s){return typeof s=="function"}function L(s){return b(s)}function Y(s){typeof Deno<"u"&&typeof Deno.unrefTimer<"u"?Deno.unrefTimer(s):s&&typeof s.unref<"u"&&s.unref();}var P=1440*60*1e3,$=30*1e3,M=[],j=class{name;options;_states;fn;_startAtRoundingMs=0;getTz(){return this.options.timezone??this.options.utcOffset}applyDayOffset(e){let t=this._offsetMs();return t?new Date(e.getTime()+t):e}_offsetMs(){return (this.options.dayOffset??0)*P}get _startAt(){return this.options.startAt}get _stopAt(){return this.options.stopAt}_nextTarget(e,t){let n=this._offsetMs(),r=this._next(this._shift(e),new Date(t.getTime()-n),{startAt:this._shift(this._startAt),stopAt:this._shift(this._stopAt)});return r?this.applyDayOffset(r.getDate(false)):null}_previousTarget(e,t){let n=this._toMs(e??t)-this._offsetMs(),r=this._previous(new Date(n),{startAt:this._shift(this._startAt),stopAt:this._shift(this._stopAt)});return r?this.applyDayOffset(r.getDate(false)):null}_shift(e){if(e!=null)return new c(new Date(this._toMs(e)-this._offsetMs()),this.getTz())}constructor(e,t,n){let r,a;if(b(t))a=t;else if(typeof t=="object")r=t;else if(t!==void 0)throw new Error("Cron: Invalid argument passed for optionsIn. Should be one of function, or object (options).");if(b(n))a=n;else if(typeof n=="object")r=n;else if(n!==void 0)throw new Error("Cron: Invalid argument passed for funcIn. Should be one of function, or object (options).");this.name=r?.name;let i=r?.startAt;this.options=F(r),i&&this._startAt&&(this._startAtRoundingMs=this._startAt.getTime()-new c(i,this.getTz()).getTime());let o=!!e&&(e instanceof Date||typeof e=="string"&&e.indexOf(":")>0);if(this._states={kill:false,blocking:false,previousRun:void 0,currentRun:void 0,once:void 0,currentTimeout:void 0,maxRuns:r?r.maxRuns:void 0,paused:r?r.paused:false,pattern:o?new C("* * * * *",void 0,{mode:"auto"}):new C(e,this.options.timezone,{mode:this.options.mode,alternativeWeekdays:this.options.alternativeWeekdays,sloppyRanges:this.options.sloppyRanges,fixedTimeRule:this.options.fixedTimeRule})},o&&(this._states.once=new c(e,this.getTz())),this.name){if(M.find(l=>l.name===this.name))throw new Error("Cron: Tried to initialize new named job '"+this.name+"', but name already taken.");M.push(this);}return a!==void 0&&L(a)&&(this.fn=a,this.schedule()),this}nextRun(e){return this._nextTarget(e,new Date)}nextRuns(e,t){this._states.maxRuns!==void 0&&e>this._states.maxRuns&&(e=this._states.maxRuns);let n=t||this._states.currentRun||void 0;return this._enumerateRuns(e,n,"next")}previousRuns(e,t){return this._enumerateRuns(e,t||void 0,"previous")}enumerate(e){return new A(this,e)}_enumerateRuns(e,t,n){let r=[],a=new Date,i=t;for(;e-- >0;){let o=n==="next"?this._nextTarget(i,a):this._previousTarget(i,a);if(!o)break;r.push(o),i=o;}return r}match(e){if(this._states.once){let n=new c(e,this.getTz());n.ms=0;let r=new c(this._states.once,this.getTz());return r.ms=0,n.getTime()===r.getTime()}let t=new c(e,this.getTz());return t.ms=0,t.match(this._states.pattern,this.options)}getPattern(){if(!this._states.once)return this._states.pattern?this._states.pattern.pattern:void 0}getOnce(){return this._states.once?this._states.once.getDate():null}isRunning(){return !this._states.paused&&!this._states.kill&&this.fn!==void 0&&this._nextTarget(this._states.currentRun,new Date)!==null}isStopped(){return this._states.kill}isBusy(){return this._states.blocking}currentRun(){return this._states.currentRun?this._states.currentRun.getDate():null}previousRun(){return this._states.previousRun?this._states.previousRun.getDate():null}msToNext(e){let t=new Date,n=this._nextTarget(e,t);return n?n.getTime()-this._toMs(e??t):null}stop(){this._states.kill=true,this._states.currentTimeout&&clearTimeout(this._states.currentTimeout);let e=M.indexOf(this);e>=0&&M.splice(e,1);}pause(){return this._states.paused=true,!this._states.kill}resume(){return this._states.paused=false,!this._states.kill}schedule(e){return this._schedule(e)}_schedule(e,t){if(e&&this.fn)throw new Error("Cron: It is not allowed to schedule two functions using the same Croner instance.");e&&(this.fn=e);let n=t??new Date,r=this._nextTarget(void 0,n),a=r?r.getTime()-n.getTime():null,i=this._states.currentRun;i&&i.getTime()>n.getTime()&&(i=void 0);let o=this._nextTarget(i,n);return a===null||isNaN(a)||o===null?this:(a>$&&(a=$),a<0&&(a=this._states.paused?1e3:0),this._states.currentTimeout=setTimeout(()=>this._checkTrigger(o),a),this._states.currentTimeout&&this.options.unref&&Y(this._states.currentTimeout),this)}async _trigger(e=new Date){this._states.blocking=true,this._states.currentRun=new c(e,this.getTz());try{if(this.options.catch)try{this.fn!==void 0&&await this.fn(this,this.options.context);}catch(t){if(b(this.options.catch))try{Promise.resolve(this.options.catch(t,this)).catch(()=>{});}catch{}}else this.fn!==void 0&&await this.fn(this,this.options.context);}finally{this._states.previousRun=new c(e,this.getTz()),this._states.blocking=false;}}async trigger(){await this._trigger();}runsLeft(){return this._states.maxRuns}_checkTrigger(e){let t=new Date,n=!this._states.paused&&t.getTime()>=e.getTime(),r=this._states.blocking&&this.options.protect;n&&!r?(this._states.maxRuns!==void 0&&this._states.maxRuns--,this._trigger(t)):n&&r&&b(this.options.protect)&&setTimeout(()=>this.options.protect(this),0),this._schedule(void 0,n?void 0:t);}_next(e,t,n){let r=n?n.startAt:this._startAt,a=n?n.stopAt:this._stopAt,i=!!e,o=!!(e||this._states.currentRun),u=false;!e&&r&&this.options.interval&&(e=this._calculatePreviousRun(r,t),e&&(o=true),u=!e);let l=e??t??new Date,h=this._toMs(l);e=new c(l,this.getTz()),r&&h<r.getTime()&&(e=u?r:new c(new Date(r.getTime()-1e3),this.getTz()),h=e.getTime());let m=this._states.once||new c(e,this.getTz());if(!u&&m!==this._states.once&&(m=this._findOccurrence(e,h,1,o)),this._states.once){let d=this._states.once.getTime(),p=h-d;if(r&&d<r.getTime()-this._startAtRoundingMs||this._states.currentRun&&this.applyDayOffset(this._states.once.getDate()).getTime()<=this._states.currentRun.getTime()||(i?p>=0:p>1e3&&!this.options.allowPast))return null}return m===null||this._states.maxRuns!==void 0&&this._states.maxRuns<=0||this._states.kill||a&&m.getTime()>=a.getTime()?null:m}_previous(e,t){let n=this._toMs(e??new Date);if(t.stopAt&&n>t.stopAt.getTime()&&(n=t.stopAt.getTime()),this._states.once)return this._states.once.getTime()<n?this._states.once:null;let r=this._findOccurrence(new c(new Date(n),this.getTz()),n,-1);return r===null||t.startAt&&r.getTime()<t.startAt.getTime()?null:r}_toMs(e){if(e instanceof Date)return e.getTime();let t=new c(e,this.getTz());return t.getTime()+(typeof t.tz=="string"?t.ms:0)}_findOccurrence(e,t,n,r=false){let a=this.options.interval??0;if(a>1&&(n===-1||r)){t+=(a-1)*1e3*n;let m=new Date(t);if(isNaN(m.getTime())||(e=new c(m,this.getTz()),!(e.year>=1&&e.year<=9999)))return null;r=false;}let i=this._walk(e,t,n,r),o=this.getTz();if(this._states.pattern.isFixedTime&&n===1||typeof o=="number"||U(t,o)!==(n===1?"earlier":"later"))return i;let u=Math.floor(t/1e3)*1e3,l=n===1?k(u,u+P,o):k(u-P,u,o)-1e3;if(i&&(l-i.getTime())*n>0)return i;let h=this._walk(new c(new Date(l),o),l-n,n,false,true);return !i||!h?i??h:(i.getTime()-h.getTime())*n>0?h:i}_walk(e,t,n,r,a=false){let i=this._states.pattern,o=(l,h)=>n===1?l.increment(i,this.options,h):l.decrement(i,this.options,h),u=new c(e,this.getTz());for((!a||!u.match(i,this.options))&&(u=o(u,r));u;){let l=this._runAt(u,t,n);if(l)return new c(l,this.getTz());u=o(u,false);}return null}_runAt(e,t,n){let r=d=>(d.getTime()-t)*n>0,a=e.tz;if(typeof a=="number"){let d=e.getDate();return r(d)?d:null}let i=T(e.year,e.month+1,e.day,e.hour,e.minute,e.second,a),o=_(i),u=this._states.pattern.isFixedTime;if(o.kind==="single")return r(o.date)?o.date:null;if(o.kind==="ambiguous"){let{earlier:d,later:p}=o;return (u?[d]:n===1?[d,p]:[p,d]).find(r)??null}if(!u)return null;let l=new Date(k(o.before.getTime(),o.after.getTime(),a)),h=y(l,a);return h.y===i.y&&h.m===i.m&&h.d===i.d&&r(l)?l:null}_calculatePreviousRun(e,t){let n=new c(t,this.getTz()).getTime();if(e.getTime()>n)return;let r=this.options.interval*1e3,a=e;for(;a.getTime()+r<=n;){let i=this._findOccurrence(a,a.getTime(),1,true);if(i===null)break;a=i;}return a}},A=class{cron;cursor;now;done;initialMaxRuns;remainingRuns;constructor(e,t){this.cron=e,this.initialMaxRuns=e.runsLeft()??1/0,this.reset(t);}next(){if(this.done||this.remainingRuns<=0)return this.done=true,{value:void 0,done:true};let e=this.cron._nextTarget(this.cursor,this.now);return e===null?(this.done=true,{value:void 0,done:true}):(this.cursor=e,this.remainingRuns--,{value:e,done:false})}peek(){return this.done||this.remainingRuns<=0?null:this.cron._nextTarget(this.cursor,this.now)}reset(e){this.cursor=e instanceof Date?new Date(e.getTime()):e??void 0,this.now=new Date,this.done=false,this.remainingRuns=this.initialMaxRuns;}[Symbol.iterator](){return this}};

function nextRunAt(schedule, after = Date.now()) {
  var _a, _b;
  if (schedule.type === "now") return void 0;
  try {
    if (schedule.type === "at") {
      const hasOffset = /(Z|[+-]\d\d:?\d\d)$/.test(schedule.at);
      return hasOffset ? Date.parse(schedule.at) : (_a = new j(schedule.at, { timezone: schedule.timeZone, paused: true }).nextRun(/* @__PURE__ */ new Date(0))) == null ? void 0 : _a.getTime();
    }
    return (_b = new j(schedule.cron, { timezone: schedule.timeZone, paused: true }).nextRun(new Date(after))) == null ? void 0 : _b.getTime();
  } catch (cause) {
    throw new MultiWAError("VALIDATION_FAILED", `Invalid schedule: ${cause.message}`, { cause, details: { field: "schedule" } });
  }
}
function dayIn(timeZone, at = Date.now()) {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
function timerAt(at, fn) {
  let timer;
  const arm = () => {
    var _a;
    const wait = at - Date.now();
    timer = setTimeout(wait > 2 ** 31 - 1 ? arm : fn, Math.max(0, Math.min(wait, 2 ** 31 - 1)));
    (_a = timer.unref) == null ? void 0 : _a.call(timer);
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}

var __defProp$v = Object.defineProperty;
var __defNormalProp$v = (obj, key, value) => key in obj ? __defProp$v(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$v = (obj, key, value) => __defNormalProp$v(obj, typeof key !== "symbol" ? key + "" : key, value);
const CURSOR_EVERY = 50;
const WINDOW = 200;
const FROM_RECORD = { queued: 1 /* Queued */, sending: 1 /* Queued */, sent: 2 /* Sent */, delivered: 3 /* Delivered */, read: 4 /* Read */, failed: 5 /* Failed */ };
class CampaignRunner {
  constructor(deps, campaign, state, recipients, template) {
    __publicField$v(this, "deps", deps);
    __publicField$v(this, "campaign", campaign);
    __publicField$v(this, "state", state);
    __publicField$v(this, "recipients", recipients);
    __publicField$v(this, "template", template);
    __publicField$v(this, "statuses");
    __publicField$v(this, "abort", new AbortController());
    __publicField$v(this, "pacer");
    __publicField$v(this, "segments");
    __publicField$v(this, "inflight", 0);
    __publicField$v(this, "wake");
    __publicField$v(this, "templateUses", 0);
    __publicField$v(this, "done");
    this.statuses = new Uint8Array(state.total);
    this.pacer = new CampaignPacer(campaign.pacing, campaign.profileIds.length);
  }
  get cursor() {
    return this.state.cursor;
  }
  start() {
    this.done = this.loop().catch((error) => {
      if (this.abort.signal.aborted) return "stopped";
      throw error;
    });
  }
  /** Stops sending and saves the cursor; messages already queued still go out. */
  async stop() {
    var _a, _b;
    this.abort.abort();
    (_a = this.wake) == null ? void 0 : _a.call(this);
    await ((_b = this.done) == null ? void 0 : _b.catch(() => void 0));
    await this.deps.saveCursor(this.state.cursor);
  }
  updatePacing(pacing) {
    this.campaign.pacing = pacing;
    this.pacer.update(pacing);
  }
  progress() {
    const c = [0, 0, 0, 0, 0, 0, 0];
    for (const s of this.statuses) c[s]++;
    return { total: this.state.total, pending: c[0 /* Pending */], queued: c[1 /* Queued */], sent: c[2 /* Sent */], delivered: c[3 /* Delivered */], read: c[4 /* Read */], failed: c[5 /* Failed */], skipped: c[6 /* Skipped */] };
  }
  /** Template sends since the last call, for usage statistics. */
  takeTemplateUses() {
    const n = this.templateUses;
    this.templateUses = 0;
    return n;
  }
  // --- Internal helpers ---
  async loop() {
    const signal = this.abort.signal;
    const uncertainUntil = this.state.cursor > 0 ? Math.min(this.state.total, this.state.cursor + CURSOR_EVERY) : 0;
    for (let i = 0; i < this.state.total; i++) {
      if (signal.aborted) return "stopped";
      if (i < uncertainUntil && await this.recover(i)) continue;
      await this.process(i, signal);
      if (signal.aborted) return "stopped";
      this.state.cursor = Math.max(this.state.cursor, i + 1);
      if (this.state.cursor % CURSOR_EVERY === 0) await this.deps.saveCursor(this.state.cursor);
    }
    await this.deps.saveCursor(this.state.cursor);
    while (this.inflight > 0 && !signal.aborted) await new Promise((r) => this.wake = r);
    return signal.aborted ? "stopped" : "completed";
  }
  /** A recipient handled before the restart: take its state from storage. False when it still needs handling. */
  async recover(i) {
    const profileId = this.profileFor(i);
    const recipient = await this.recipients.get(i);
    const record = await this.deps.records.get(profileId, idempotentMessageId(profileId, this.key(recipient)));
    if (!record) return false;
    this.track(i, record);
    return true;
  }
  async process(i, signal) {
    const recipient = await this.recipients.get(i);
    const contact = await this.deps.contacts.find(this.campaign.workspaceId, recipient.key);
    if (contact == null ? void 0 : contact.optOut) return this.set(i, 6 /* Skipped */);
    const profileId = this.profileFor(i);
    await this.underDailyCap(profileId, signal);
    while (this.inflight >= WINDOW && !signal.aborted) {
      await new Promise((r) => this.wake = r);
      this.pacer.restart();
    }
    await this.pacer.wait(signal);
    if (signal.aborted) return;
    try {
      const record = await this.deps.send(profileId, { to: recipient.jid, content: this.render(recipient, contact), options: { idempotencyKey: this.key(recipient) } });
      this.track(i, record);
      if (this.template) this.templateUses++;
      if (this.campaign.pacing.dailyCap) await this.deps.daily.add(profileId, this.day());
    } catch (error) {
      if (!isMultiWAError(error) || !["VALIDATION_FAILED", "INVALID_JID", "CAPABILITY_UNSUPPORTED"].includes(error.code)) throw error;
      this.deps.logger.warn(`campaign ${this.campaign.id}: recipient ${recipient.key} failed`, error.message);
      this.set(i, 5 /* Failed */);
    }
  }
  async underDailyCap(profileId, signal) {
    const cap = this.campaign.pacing.dailyCap;
    while (cap && !signal.aborted && await this.deps.daily.count(profileId, this.day()) >= cap) {
      this.pacer.restart();
      await sleep(6e4, signal).catch(() => void 0);
    }
  }
  render(recipient, contact) {
    var _a, _b, _c, _d, _e, _f, _g, _h;
    const message = this.campaign.message;
    const body = (_b = (_a = this.template) == null ? void 0 : _a.body) != null ? _b : message.text;
    (_c = this.segments) != null ? _c : this.segments = compileTemplate(body);
    const data = { ...((_d = contact == null ? void 0 : contact.name) != null ? _d : recipient.name) ? { name: (_e = contact == null ? void 0 : contact.name) != null ? _e : recipient.name } : {}, ...recipient.phone ? { phone: recipient.phone } : {}, fields: { ...contact == null ? void 0 : contact.fields, ...recipient.fields } };
    const { text } = renderSegments(this.segments, data, (_f = this.template) == null ? void 0 : _f.defaults);
    return toContent(text, (_h = (_g = this.template) == null ? void 0 : _g.media) != null ? _h : message.media);
  }
  track(i, record) {
    this.set(i, FROM_RECORD[record.status]);
    if (record.status === "read" || record.status === "failed") return;
    this.deps.tracker.watch(record.id, (status) => {
      const next = FROM_RECORD[status];
      if (next === 5 /* Failed */ ? this.statuses[i] === 1 /* Queued */ : next > this.statuses[i]) this.set(i, next);
      if (next === 4 /* Read */ || next === 5 /* Failed */) this.deps.tracker.unwatch(record.id);
    });
  }
  set(i, status) {
    const was = this.statuses[i];
    if (was === status) return;
    this.statuses[i] = status;
    if (status === 1 /* Queued */) this.inflight++;
    if (was === 1 /* Queued */) {
      this.inflight--;
      const wake = this.wake;
      this.wake = void 0;
      wake == null ? void 0 : wake();
    }
    this.deps.changed();
  }
  profileFor(i) {
    const ids = this.campaign.profileIds;
    return ids[i % ids.length];
  }
  key(recipient) {
    return `campaign:${this.campaign.id}:${this.state.run}:${recipient.key}`;
  }
  day() {
    const s = this.campaign.schedule;
    return dayIn(s.type === "now" ? "UTC" : s.timeZone);
  }
}

const CampaignPacingSchema = z.object({
  /** Messages per minute per profile; 0 sends as fast as the profile's outbox allows. @default 20 */
  perMinute: z.number().min(0).max(6e3).default(20),
  /** Each send moves by up to this many ms, without changing the average rate. @default 2000 */
  jitterMs: z.number().int().min(0).max(6e5).default(2e3),
  /** At most this many campaign messages per profile per day (in the schedule's time zone); 0 means no cap. */
  dailyCap: z.number().int().min(0).max(1e6).default(0)
});
const TimeZoneSchema = z.string().refine(isTimeZone, "must be an IANA time zone such as Asia/Jakarta");
const CampaignScheduleSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("now") }),
  /** `at`: ISO date-time; without an offset it is read in `timeZone`. */
  z.object({ type: z.literal("at"), at: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?$/, "must be an ISO date-time"), timeZone: TimeZoneSchema.default("UTC") }),
  /** Recurring: a 5-field cron (6 with seconds), read in `timeZone`; each occurrence is a new run. */
  z.object({ type: z.literal("cron"), cron: z.string().min(9).max(120), timeZone: TimeZoneSchema.default("UTC") })
]);
const CampaignAudienceSchema = z.object({
  /** Contacts carrying any of these tags. */
  tags: z.array(TagSchema).max(50).optional(),
  /** Contact ids or phone numbers. */
  contactIds: z.array(z.string().min(1)).max(1e5).optional(),
  /** An uploaded CSV (phone,name,custom columns…); validated like a contact import. */
  csv: z.string().max(2e7).optional()
}).refine((a) => {
  var _a, _b;
  return ((_a = a.tags) == null ? void 0 : _a.length) || ((_b = a.contactIds) == null ? void 0 : _b.length) || a.csv;
}, "name recipients by `tags`, `contactIds` or `csv`");
const CampaignMessageSchema = z.object({
  /** Text with `{{variables}}`; or `templateId`. */
  text: z.string().min(1).max(4096).optional(),
  templateId: resourceId("template").optional(),
  media: TemplateMediaSchema.optional()
}).refine((m) => !!m.text !== !!m.templateId, "give either `text` or `templateId`").superRefine((m, ctx) => {
  if (!m.text) return;
  try {
    compileTemplate(m.text, "text");
  } catch (error) {
    ctx.addIssue({ code: "custom", path: ["text"], message: error.message.replace(/^\[multiwa\] /, "") });
  }
});
const CreateCampaignSchema = z.object({
  name: z.string().trim().min(1).max(120),
  /** Profiles that send; several are used in rotation. */
  profileIds: z.array(resourceId("profile")).min(1).max(20),
  message: CampaignMessageSchema,
  audience: CampaignAudienceSchema,
  schedule: CampaignScheduleSchema.default({ type: "now" }),
  pacing: CampaignPacingSchema.default({ perMinute: 20, jitterMs: 2e3, dailyCap: 0 }),
  /** `false` saves a draft; start it later. @default true */
  start: z.boolean().default(true)
});
const UpdateCampaignSchema = z.object({
  name: CreateCampaignSchema.shape.name,
  pacing: z.object({ perMinute: z.number().min(0).max(6e3), jitterMs: z.number().int().min(0).max(6e5), dailyCap: z.number().int().min(0).max(1e6) }).partial()
}).partial();
const CAMPAIGN_STATUSES = ["draft", "scheduled", "running", "paused", "completed", "cancelled", "failed"];
function emptyProgress(total = 0) {
  return { total, pending: total, queued: 0, sent: 0, delivered: 0, read: 0, failed: 0, skipped: 0 };
}
function isTimeZone(zone) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

var __defProp$u = Object.defineProperty;
var __defNormalProp$u = (obj, key, value) => key in obj ? __defProp$u(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$u = (obj, key, value) => __defNormalProp$u(obj, typeof key !== "symbol" ? key + "" : key, value);
class MessageTracker {
  constructor(earlyLimit = 5e4) {
    __publicField$u(this, "earlyLimit", earlyLimit);
    __publicField$u(this, "listeners", /* @__PURE__ */ new Map());
    __publicField$u(this, "early", /* @__PURE__ */ new Map());
  }
  watch(id, listener) {
    this.listeners.set(id, listener);
    const status = this.early.get(id);
    if (status) this.early.delete(id), listener(status);
  }
  unwatch(id) {
    this.listeners.delete(id);
  }
  update(id, status) {
    const listener = this.listeners.get(id);
    if (listener) return listener(status);
    const previous = this.early.get(id);
    if (previous && rank(previous) >= rank(status)) return;
    this.early.set(id, status);
    if (this.early.size > this.earlyLimit) this.early.delete(this.early.keys().next().value);
  }
}
const RANKS = { queued: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5 };
function rank(status) {
  return RANKS[status];
}

var __defProp$t = Object.defineProperty;
var __defNormalProp$t = (obj, key2, value) => key2 in obj ? __defProp$t(obj, key2, { enumerable: true, configurable: true, writable: true, value }) : obj[key2] = value;
var __publicField$t = (obj, key2, value) => __defNormalProp$t(obj, typeof key2 !== "symbol" ? key2 + "" : key2, value);
const BASE$3 = "campaigns";
const RUNS$1 = "campaignrun";
class Campaigns {
  constructor(o) {
    __publicField$t(this, "o", o);
    __publicField$t(this, "runners", /* @__PURE__ */ new Map());
    /** Finished runs keep counting receipts (delivered, read) that arrive after the last send. */
    __publicField$t(this, "finishedRuns", /* @__PURE__ */ new Map());
    __publicField$t(this, "finishing", /* @__PURE__ */ new Set());
    __publicField$t(this, "launching", /* @__PURE__ */ new Set());
    __publicField$t(this, "timers", /* @__PURE__ */ new Map());
    __publicField$t(this, "flushes", /* @__PURE__ */ new Map());
    __publicField$t(this, "writes", new KeyedSerial());
    __publicField$t(this, "tracker", new MessageTracker());
    __publicField$t(this, "daily");
    __publicField$t(this, "leases");
    __publicField$t(this, "nodeId");
    __publicField$t(this, "ttl");
    __publicField$t(this, "tick");
    __publicField$t(this, "closed", false);
    var _a, _b, _c;
    this.daily = new DailyCounter(o.storage);
    this.leases = (_a = o.leases) != null ? _a : localLeases();
    this.nodeId = (_b = o.nodeId) != null ? _b : `node-${randomBytes(4).toString("hex")}`;
    this.ttl = (_c = o.leaseTtlMs) != null ? _c : 3e4;
    o.events.on("message.sent", (m) => this.tracker.update(m.id, "sent"));
    o.events.on("message.failed", (e) => this.tracker.update(e.id, "failed"));
    o.events.on("message.delivered", (e) => e.ids.forEach((id) => this.tracker.update(id, "delivered")));
    o.events.on("message.read", (e) => e.ids.forEach((id) => this.tracker.update(id, "read")));
  }
  async create(workspaceId, input) {
    const { start, ...parsed } = parseInput(CreateCampaignSchema, input, "campaign");
    for (const id2 of parsed.profileIds) {
      const profile = await this.o.profiles.find(id2);
      if (!profile || profile.workspaceId !== workspaceId) throw new MultiWAError("PROFILE_NOT_FOUND", `Profile "${id2}" does not exist`, { details: { field: "profileIds", value: id2 } });
    }
    if (parsed.message.templateId) await this.o.templates.get(workspaceId, parsed.message.templateId);
    const recipients = await resolveAudience(this.o.contacts, workspaceId, parsed.audience);
    nextRunAt(parsed.schedule);
    const now = Date.now();
    const { csv, ...audience } = parsed.audience;
    const id = `cmp_${randomBytes(6).toString("hex")}`;
    if (csv) await this.o.storage.setItem(csvKey(workspaceId, id), csv);
    const campaign = { ...parsed, audience: { ...audience, ...csv ? { csvRows: recipients.length } : {} }, id, workspaceId, status: "draft", run: 0, progress: emptyProgress(), createdAt: now, updatedAt: now };
    await this.o.storage.setItem(key$5(workspaceId, campaign.id), campaign);
    return start ? this.start(workspaceId, campaign.id) : campaign;
  }
  /** The campaign with live progress. */
  async get(workspaceId, id) {
    const campaign = await this.load(workspaceId, id);
    const runner = this.runners.get(id);
    return runner ? { ...campaign, progress: runner.progress() } : campaign;
  }
  async list(workspaceId, filter = {}) {
    const base = `${BASE$3}:${segment(workspaceId)}`;
    const ids = stripBase(await this.o.storage.getKeys(base), base);
    const all = await Promise.all(ids.map((id) => this.get(workspaceId, id).catch(() => null)));
    return all.filter((c) => !!c && (!filter.status || c.status === filter.status)).sort((a, b) => a.createdAt - b.createdAt);
  }
  async progress(workspaceId, id) {
    return (await this.get(workspaceId, id)).progress;
  }
  /** Renames or re-paces; a running campaign takes the new pacing at once. */
  async update(workspaceId, id, input) {
    var _a;
    const patch = parseInput(UpdateCampaignSchema, input, "campaign");
    const next = await this.mutate(workspaceId, id, (c) => ({ ...c, ...patch.name ? { name: patch.name } : {}, pacing: { ...c.pacing, ...patch.pacing } }));
    if (patch.pacing) (_a = this.runners.get(id)) == null ? void 0 : _a.updatePacing(next.pacing);
    return this.get(workspaceId, next.id);
  }
  /** Starts a draft: at once, or armed for its time. */
  async start(workspaceId, id) {
    const c = await this.load(workspaceId, id);
    if (c.status !== "draft") throw badState(c, "start");
    await this.schedule(c);
    return this.get(workspaceId, id);
  }
  async pause(workspaceId, id) {
    const c = await this.load(workspaceId, id);
    if (c.status !== "running" && c.status !== "scheduled") throw badState(c, "pause");
    await this.halt(id);
    await this.setStatus(workspaceId, id, "paused", { pausedFrom: c.status });
    return this.get(workspaceId, id);
  }
  async resume(workspaceId, id) {
    const c = await this.load(workspaceId, id);
    if (c.status !== "paused") throw badState(c, "resume");
    if (c.pausedFrom === "running") await this.launch(await this.setStatus(workspaceId, id, "running"), true);
    else await this.schedule(c);
    return this.get(workspaceId, id);
  }
  /** Stops for good; messages already handed to a profile still go out. */
  async cancel(workspaceId, id) {
    const c = await this.load(workspaceId, id);
    if (["completed", "cancelled", "failed"].includes(c.status)) throw badState(c, "cancel");
    await this.halt(id);
    await this.setStatus(workspaceId, id, "cancelled", { finishedAt: Date.now() });
    return this.get(workspaceId, id);
  }
  async remove(workspaceId, id) {
    await this.load(workspaceId, id);
    await this.halt(id);
    this.finishedRuns.delete(id);
    await Promise.all([this.o.storage.removeItem(key$5(workspaceId, id)), this.o.storage.removeItem(runKey$1(workspaceId, id)), this.o.storage.removeItem(csvKey(workspaceId, id)), removeRecipientLists(this.o.storage, workspaceId, id)]);
  }
  /**
   * After a restart: resumes running campaigns and re-arms scheduled ones. Then, every third of the
   * lease time, renews this node's campaigns and takes over those whose node is gone.
   */
  async restore() {
    var _a, _b, _c;
    const restored = await this.sweep();
    (_a = this.tick) != null ? _a : this.tick = setInterval(() => void this.sweep().catch((e) => this.o.logger.warn("campaign sweep failed", e)), this.ttl / 3);
    (_c = (_b = this.tick).unref) == null ? void 0 : _c.call(_b);
    return restored;
  }
  /** Stops every run and timer; state stays saved for `restore`. */
  async stop() {
    this.closed = true;
    clearInterval(this.tick);
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    await Promise.all([...this.runners.keys()].map((id) => this.halt(id)));
  }
  // --- Internal helpers ---
  /** Runs what should run here, drops what another node or an API call took away. */
  async sweep() {
    let running = 0;
    for (const k of await this.o.storage.getKeys(BASE$3)) {
      const c = await this.o.storage.getItem(k);
      if (!c || this.closed) continue;
      if (this.runners.has(c.id)) {
        if (c.status !== "running") await this.halt(c.id);
        else if (!await this.leases.renew(leaseKey(c.id), this.nodeId, this.ttl)) await this.halt(c.id, false);
        else running++;
      } else if (c.status === "running") await this.launch(c, true).then((ran) => ran && running++, (e) => this.fail(c, e));
      else if (c.status === "scheduled" && !this.timers.has(c.id)) this.arm(c);
    }
    return running;
  }
  async schedule(c) {
    if (c.schedule.type === "now") return this.begin(c);
    const at = nextRunAt(c.schedule);
    if (at === void 0) throw new MultiWAError("VALIDATION_FAILED", "The schedule never fires", { details: { field: "schedule" } });
    this.arm(await this.setStatus(c.workspaceId, c.id, "scheduled", { nextRunAt: at }));
  }
  arm(c) {
    var _a, _b;
    (_a = this.timers.get(c.id)) == null ? void 0 : _a.cancel();
    this.timers.set(c.id, timerAt((_b = c.nextRunAt) != null ? _b : Date.now(), () => void this.fire(c.workspaceId, c.id)));
  }
  async fire(workspaceId, id) {
    this.timers.delete(id);
    const c = await this.o.storage.getItem(key$5(workspaceId, id));
    if (!c || c.status !== "scheduled" || this.runners.has(id) || this.closed) return;
    if (!await this.leases.acquire(leaseKey(id), this.nodeId, this.ttl)) return;
    await this.begin(c).catch((e) => this.fail(c, e));
  }
  /** A new run: freezes the audience, then sends. */
  async begin(c) {
    const csv = c.audience.csvRows !== void 0 ? await this.o.storage.getItem(csvKey(c.workspaceId, c.id)) : null;
    const recipients = await resolveAudience(this.o.contacts, c.workspaceId, { ...c.audience, ...csv ? { csv } : {} });
    const state = { run: c.run + 1, cursor: 0, total: recipients.length };
    if (c.run > 0) await removeRecipientLists(this.o.storage, c.workspaceId, `${c.id}:${c.run}`);
    await new RecipientList(this.o.storage, c.workspaceId, c.id, state.run).save(recipients);
    await this.o.storage.setItem(runKey$1(c.workspaceId, c.id), state);
    const running = await this.setStatus(c.workspaceId, c.id, "running", { run: state.run, progress: emptyProgress(state.total), startedAt: Date.now(), nextRunAt: void 0, finishedAt: void 0 });
    await this.launch(running, false, state);
  }
  /** Runs (or resumes) the current run here, unless another node holds the campaign. */
  async launch(c, resume, fresh) {
    if (this.runners.has(c.id) || this.finishing.has(c.id) || this.launching.has(c.id) || this.closed) return false;
    this.launching.add(c.id);
    let state;
    let template;
    try {
      if (!await this.leases.acquire(leaseKey(c.id), this.nodeId, this.ttl)) return false;
      state = fresh != null ? fresh : await this.o.storage.getItem(runKey$1(c.workspaceId, c.id));
      if (state && state.run === c.run) template = c.message.templateId ? await this.o.templates.get(c.workspaceId, c.message.templateId) : void 0;
    } finally {
      this.launching.delete(c.id);
    }
    if (!state || state.run !== c.run) return this.begin(c).then(() => true);
    const runner = new CampaignRunner(
      {
        ...this.o,
        tracker: this.tracker,
        daily: this.daily,
        changed: () => this.changed(c),
        saveCursor: (cursor) => this.writes.run(runKey$1(c.workspaceId, c.id), () => this.o.storage.setItem(runKey$1(c.workspaceId, c.id), { ...state, cursor }))
      },
      { ...c },
      { ...state },
      new RecipientList(this.o.storage, c.workspaceId, c.id, state.run),
      template
    );
    this.runners.set(c.id, runner);
    this.finishedRuns.delete(c.id);
    runner.start();
    if (resume) this.o.logger.info(`campaign ${c.id} resumes run ${state.run} at ${state.cursor}/${state.total}`);
    void runner.done.then((outcome) => this.finished(c, runner, outcome)).catch(async (error) => {
      if (this.runners.get(c.id) === runner) this.runners.delete(c.id);
      await this.fail(c, error);
    });
    return true;
  }
  async finished(c, runner, outcome) {
    if (this.runners.get(c.id) !== runner) return;
    this.finishing.add(c.id);
    try {
      this.runners.delete(c.id);
      await this.flush(c, runner);
      if (outcome === "stopped") return;
      this.finishedRuns.set(c.id, runner);
      const next = c.schedule.type === "cron" ? nextRunAt(c.schedule) : void 0;
      if (next !== void 0 && !this.closed) this.arm(await this.setStatus(c.workspaceId, c.id, "scheduled", { nextRunAt: next, finishedAt: Date.now() }));
      else await this.setStatus(c.workspaceId, c.id, "completed", { finishedAt: Date.now() });
      await this.leases.release(leaseKey(c.id), this.nodeId);
    } finally {
      this.finishing.delete(c.id);
    }
  }
  async fail(c, error) {
    var _a;
    this.o.logger.error(`campaign ${c.id} failed`, error);
    const e = isMultiWAError(error) ? error.toJSON() : { code: "SEND_FAILED", message: String((_a = error == null ? void 0 : error.message) != null ? _a : error) };
    await this.setStatus(c.workspaceId, c.id, "failed", { error: { code: e.code, message: e.message }, finishedAt: Date.now() }).catch(() => void 0);
  }
  /** Stops a run here (saving where it is) or a timer, and lets go of the campaign's lease. */
  async halt(id, flush = true) {
    var _a;
    (_a = this.timers.get(id)) == null ? void 0 : _a.cancel();
    this.timers.delete(id);
    const runner = this.runners.get(id);
    if (!runner) return;
    this.runners.delete(id);
    await runner.stop();
    if (flush) await this.flush(runner.campaign, runner);
    await this.leases.release(leaseKey(id), this.nodeId);
  }
  changed(c) {
    var _a;
    if (this.flushes.has(c.id)) return;
    const timer = setTimeout(() => {
      var _a2;
      this.flushes.delete(c.id);
      const runner = (_a2 = this.runners.get(c.id)) != null ? _a2 : this.finishedRuns.get(c.id);
      if (runner) void this.flush(c, runner).catch((e) => this.o.logger.warn("campaign progress write failed", e));
    }, (_a = this.o.progressMs) != null ? _a : 500);
    this.flushes.set(c.id, timer);
  }
  /** Saves and announces a run's progress (and its template use). */
  async flush(c, runner) {
    const progress = runner.progress();
    const uses = runner.takeTemplateUses();
    if (uses && c.message.templateId) await this.o.templates.recordUse(c.workspaceId, c.message.templateId, uses);
    const saved = await this.mutate(c.workspaceId, c.id, (current) => ({ ...current, progress }));
    this.o.emit("campaign.progress", { ...eventBase(saved), run: saved.run, status: saved.status, progress });
  }
  async setStatus(workspaceId, id, status, patch = {}) {
    let previous = status;
    const next = await this.mutate(workspaceId, id, (c) => (previous = c.status, strip$1({ ...c, ...patch, status })));
    if (previous !== status) this.o.emit("campaign.status", { ...eventBase(next), run: next.run, status, previous, ...next.error && status === "failed" ? { error: next.error } : {} });
    return next;
  }
  mutate(workspaceId, id, change) {
    return this.writes.run(key$5(workspaceId, id), async () => {
      const next = { ...change(await this.load(workspaceId, id)), updatedAt: Date.now() };
      await this.o.storage.setItem(key$5(workspaceId, id), next);
      return next;
    });
  }
  async load(workspaceId, id) {
    const c = /^[\w-]+$/.test(id) ? await this.o.storage.getItem(key$5(workspaceId, id)) : null;
    if (!c) throw new MultiWAError("NOT_FOUND", `No campaign "${id}" in this workspace`, { details: { field: "campaignId", value: id } });
    return c;
  }
}
function eventBase(c) {
  return { workspaceId: c.workspaceId, campaignId: c.id, profileId: c.profileIds[0] };
}
function badState(c, action) {
  return new MultiWAError("VALIDATION_FAILED", `Cannot ${action} a campaign that is ${c.status}`, { details: { field: "status", value: c.status } });
}
function strip$1(value) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== void 0));
}
function key$5(workspaceId, id) {
  return `${BASE$3}:${segment(workspaceId)}:${id}`;
}
function leaseKey(id) {
  return `campaign:${id}`;
}
function csvKey(workspaceId, id) {
  return `campaigncsv:${segment(workspaceId)}:${id}`;
}
function runKey$1(workspaceId, id) {
  return `${RUNS$1}:${segment(workspaceId)}:${id}`;
}

const MAX_BODY = 64 * 1024;
async function automationFetch(url, init, o) {
  var _a, _b;
  const headers = { "user-agent": "MultiWA-Automation", ...init.headers };
  if (init.body !== void 0 && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  if (init.secret && init.body !== void 0) headers[SIGNATURE_HEADER] = signPayload(init.secret, init.body);
  const method = (_a = init.method) != null ? _a : "GET";
  const res = await o.client.request(url, { method, headers, ...init.body !== void 0 ? { body: init.body } : {}, timeoutMs: (_b = o.timeoutMs) != null ? _b : 1e4, maxBytes: MAX_BODY, truncate: true });
  const where = new URL(res.url);
  if (res.status < 200 || res.status >= 300) throw new MultiWAError("SEND_FAILED", `${method} ${where.origin}${where.pathname} answered ${res.status}`, { details: { status: res.status } });
  return { status: res.status, text: res.body.toString("utf8") };
}

function toChatMessages(history, systemPrompt) {
  const turns = history.map((m) => {
    const text = m.content.type === "text" ? m.content.text : "caption" in m.content ? m.content.caption : void 0;
    return text ? { role: m.fromMe ? "assistant" : "user", content: text } : void 0;
  }).filter((m) => !!m);
  return systemPrompt ? [{ role: "system", content: systemPrompt }, ...turns] : turns;
}
async function askAi(settings, messages, options) {
  var _a, _b, _c, _d, _e;
  const url = `${settings.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const body = JSON.stringify({ model: (_a = options.model) != null ? _a : settings.model, messages });
  const headers = settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {};
  let text;
  try {
    ({ text } = await automationFetch(url, { method: "POST", headers, body }, { client: options.client, timeoutMs: settings.timeoutMs }));
  } catch (error) {
    const message = settings.apiKey ? error.message.split(settings.apiKey).join("***") : error.message;
    throw new MultiWAError((_b = error.code) != null ? _b : "SEND_FAILED", `AI endpoint: ${message.replace(/^\[multiwa\] /, "")}`, { scope: "automation", details: { field: "ai.baseUrl" } });
  }
  let answer;
  try {
    answer = (_e = (_d = (_c = JSON.parse(text).choices) == null ? void 0 : _c[0]) == null ? void 0 : _d.message) == null ? void 0 : _e.content;
  } catch {
    answer = void 0;
  }
  if (typeof answer !== "string") throw new MultiWAError("SEND_FAILED", "AI endpoint: the answer has no choices[0].message.content", { scope: "automation" });
  return answer.trim();
}

const SLOT = /\{\{\s*([\w.]+)(?:\s*\|([^{}]*))?\s*\}\}/g;
function interpolate(text, scope) {
  return text.replace(SLOT, (_, path, fallback) => {
    var _a;
    return lookupVariable(path, scope) || ((_a = fallback == null ? void 0 : fallback.trim()) != null ? _a : "");
  });
}
function lookupVariable(path, { variables = {}, contact }) {
  var _a, _b, _c, _d, _e, _f, _g;
  if (Object.hasOwn(variables, path)) return variables[path];
  if (path === "name") return (_a = contact == null ? void 0 : contact.name) != null ? _a : "";
  if (path === "firstName") return (_c = (_b = contact == null ? void 0 : contact.name) == null ? void 0 : _b.trim().split(/\s+/)[0]) != null ? _c : "";
  if (path === "phone") return (_d = contact == null ? void 0 : contact.phone) != null ? _d : "";
  if (path === "tags") return (_e = contact == null ? void 0 : contact.tags.join(",")) != null ? _e : "";
  const field = (_f = /^(?:custom|field)\.(\w+)$/.exec(path)) == null ? void 0 : _f[1];
  return field ? (_g = contact == null ? void 0 : contact.fields[field]) != null ? _g : "" : "";
}

async function sendAutomated(ctx, chat, content, key, scope = {}) {
  if (!ctx.guard.takeSend(`${chat.profileId}|${chat.chatId}`)) {
    ctx.logger.warn(`automation: reply limit reached for ${chat.chatId} on ${chat.profileId}; message dropped`);
    return false;
  }
  const resolved = "templateId" in content ? await fromTemplate(ctx, chat, content.templateId) : personalise(content, { ...scope, ...chat.contact ? { contact: chat.contact } : {} });
  await ctx.send(chat.profileId, { to: chat.chatId, content: resolved, options: { idempotencyKey: key } });
  return true;
}
async function aiAnswer(ctx, chat, node, latest) {
  const ai = await ctx.settings.requireAi(chat.workspaceId);
  const { messages } = await ctx.history.messages(chat.profileId, chat.chatId, { limit: ai.contextMessages });
  const turns = latest && !messages.some((m) => m.id === latest.id) ? [...messages, latest].slice(-ai.contextMessages) : messages;
  return askAi(ai, toChatMessages(turns, node.systemPrompt), { ...ctx.http, ...node.model ? { model: node.model } : {} });
}
function personalise(content, scope) {
  if (content.type === "text") return { ...content, text: interpolate(content.text, scope) || content.text };
  if ("caption" in content && content.caption) return { ...content, caption: interpolate(content.caption, scope) };
  return content;
}
async function fromTemplate(ctx, chat, templateId) {
  var _a;
  const template = await ctx.templates.get(chat.workspaceId, templateId);
  const c = chat.contact;
  const { content } = ctx.templates.render(template, { ...(c == null ? void 0 : c.name) ? { name: c.name } : {}, ...(c == null ? void 0 : c.phone) ? { phone: c.phone } : {}, fields: (_a = c == null ? void 0 : c.fields) != null ? _a : {} });
  void ctx.templates.recordUse(chat.workspaceId, templateId);
  return content;
}

async function runActions(ctx, hooks, rule, chat, event, from = 0) {
  var _a, _b, _c, _d;
  for (let i = from; i < rule.actions.length; i++) {
    const action = rule.actions[i];
    const key = `rule:${rule.id}:${event.id}:${i}`;
    switch (action.type) {
      case "reply":
        await sendAutomated(ctx, chat, "templateId" in action ? { templateId: action.templateId } : { type: "text", text: action.text }, key, { variables: { message: event.text } });
        break;
      case "add_tag":
      case "remove_tag":
        if (chat.contact) {
          const op = action.type === "add_tag" ? { add: [action.tag] } : { remove: [action.tag] };
          await ctx.contacts.bulkTag(chat.workspaceId, { ids: [chat.contact.id], ...op });
          chat.contact = (_a = await ctx.contacts.find(chat.workspaceId, chat.contact.id)) != null ? _a : chat.contact;
        }
        break;
      case "set_field":
        if (chat.contact) chat.contact = await ctx.contacts.update(chat.workspaceId, chat.contact.id, { fields: { ...chat.contact.fields, [action.field]: action.value } });
        break;
      case "webhook": {
        const body = JSON.stringify({ event: "automation.rule", ruleId: rule.id, ruleName: rule.name, workspaceId: chat.workspaceId, profileId: chat.profileId, chatId: chat.chatId, message: { id: event.id, text: event.text, type: event.type, from: event.from }, contact: (_b = chat.contact) != null ? _b : null, timestamp: Date.now() });
        await automationFetch(action.url, { method: "POST", body, ...action.secret ? { secret: action.secret } : {} }, ctx.http);
        break;
      }
      case "delay":
        await ctx.timers.add({ id: `rule:${rule.id}:${chat.chatId}:${event.id}:${i}`, dueAt: Date.now() + action.ms, profileId: chat.profileId, kind: "rule_delay", payload: { workspaceId: chat.workspaceId, ruleId: rule.id, chatId: chat.chatId, event, from: i + 1 } });
        return;
      case "forward": {
        const who = ((_c = chat.contact) == null ? void 0 : _c.name) ? `${chat.contact.name} (+${(_d = chat.contact.phone) != null ? _d : chat.chatId.split("@")[0]})` : `+${chat.chatId.split("@")[0]}`;
        const text = event.text ? `${who}: ${event.text}` : `${who} sent a ${event.type}`;
        if (ctx.guard.takeSend(`${chat.profileId}|${toJid(action.to)}`)) await ctx.send(chat.profileId, { to: action.to, content: { type: "text", text }, options: { idempotencyKey: key } });
        break;
      }
      case "start_flow":
        await hooks.startFlow(action.flowId, chat);
        break;
      case "ai_reply": {
        const answer = await aiAnswer(ctx, chat, action, event.message);
        if (answer) await sendAutomated(ctx, chat, { type: "text", text: answer }, key);
        break;
      }
    }
  }
}

function isScheduleRule(rule) {
  return rule.trigger.type === "schedule";
}
function nextFire(rule, after) {
  var _a;
  return (_a = new j(rule.trigger.cron, { timezone: rule.trigger.timezone, paused: true }).nextRun(new Date(after))) == null ? void 0 : _a.getTime();
}
function startClock(tick, everyMs) {
  var _a;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void tick().finally(() => busy = false);
  }, everyMs);
  (_a = timer.unref) == null ? void 0 : _a.call(timer);
  return { stop: () => clearInterval(timer) };
}

function conditionsHold(conditions, contact, now = Date.now()) {
  return conditions.every((c) => holds(c, contact, now));
}
function holds(c, contact, now) {
  var _a, _b, _c;
  switch (c.type) {
    case "has_tag":
      return (_a = contact == null ? void 0 : contact.tags.includes(c.tag)) != null ? _a : false;
    case "not_tag":
      return !((_b = contact == null ? void 0 : contact.tags.includes(c.tag)) != null ? _b : false);
    case "field": {
      const value = contact == null ? void 0 : contact.fields[c.field];
      if (c.op === "exists") return !!value;
      if (c.op === "not_exists") return !value;
      if (value === void 0) return false;
      const a = value.toLowerCase();
      const b = ((_c = c.value) != null ? _c : "").toLowerCase();
      return c.op === "equals" ? a === b : a.includes(b);
    }
    case "time_window":
      return inWindow(c, now);
  }
}
function inWindow(c, now) {
  var _a, _b;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: (_a = c.timezone) != null ? _a : "UTC", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now).map((p) => [p.type, p.value])
  );
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday);
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  const from = toMinutes(c.from);
  const to = toMinutes(c.to);
  const inside = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  const windowDay = from > to && minute < to ? (day + 6) % 7 : day;
  return inside && (!((_b = c.days) == null ? void 0 : _b.length) || c.days.includes(windowDay));
}
function toMinutes(hhmm) {
  const [h, m] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

const MAX_INPUT = 4096;
function compileSafeRegex(pattern, flags = "i", field = "trigger.pattern") {
  let re;
  try {
    re = RE2JS.compile(pattern, flags.includes("i") ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (cause) {
    throw new MultiWAError("VALIDATION_FAILED", `Invalid regular expression: ${cause.message} (RE2 syntax: no back-references or lookarounds)`, { cause, details: { field, value: pattern } });
  }
  return { test: (text) => re.matcher(text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text).find() };
}

function normalizeText(text) {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
function words(normalized) {
  return normalized ? normalized.split(" ") : [];
}
function containsPhrase(text, phrase) {
  if (text === phrase) return true;
  const at = ` ${text} `.indexOf(` ${phrase} `);
  return at !== -1;
}

const Id = z.string().regex(/^[\w-]{1,64}$/, "must be 1-64 letters, digits, _ or -");
const VariableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must be an identifier (letters, digits, _)");
const ProfileIds = z.array(resourceId("profile")).max(100);
const KeywordTriggerSchema = z.object({
  type: z.literal("keyword"),
  keywords: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
  /** `exact`: the whole message; `contains`: a word or phrase inside it. Case and accents never matter. */
  match: z.enum(["exact", "contains"]).default("exact")
});
const INBOUND_TYPES = ["text", "image", "video", "audio", "document", "sticker", "location", "contact", "reaction"];
const RuleTriggerSchema = z.discriminatedUnion("type", [
  KeywordTriggerSchema,
  /** Evaluated by a linear-time engine (RE2 semantics: no back-references or lookarounds). */
  z.object({ type: z.literal("regex"), pattern: z.string().min(1).max(1e3), flags: z.enum(["i", ""]).default("i") }),
  z.object({ type: z.literal("new_contact") }),
  z.object({ type: z.literal("message_type"), messageTypes: z.array(z.enum(INBOUND_TYPES)).min(1) }),
  /** Fires on a cron schedule (5 fields) and sends to `chatIds` from the rule's profiles. */
  z.object({ type: z.literal("schedule"), cron: z.string().min(9).max(120), timezone: z.string().max(64).default("UTC"), chatIds: z.array(z.string().min(1)).min(1).max(1e3) })
]);
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM");
const RuleConditionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("has_tag"), tag: TagSchema }),
  z.object({ type: z.literal("not_tag"), tag: TagSchema }),
  z.object({ type: z.literal("field"), field: FieldKeySchema, op: z.enum(["equals", "contains", "exists", "not_exists"]), value: z.string().max(2e3).optional() }),
  z.object({ type: z.literal("time_window"), days: z.array(z.number().int().min(0).max(6)).optional(), from: HHMM, to: HHMM, timezone: z.string().max(64).default("UTC") })
]);
const RuleActionSchema = z.union([
  z.object({ type: z.literal("reply"), text: z.string().min(1).max(4096) }),
  z.object({ type: z.literal("reply"), templateId: resourceId("template") }),
  z.object({ type: z.enum(["add_tag", "remove_tag"]), tag: TagSchema }),
  z.object({ type: z.literal("set_field"), field: FieldKeySchema, value: z.string().max(2e3) }),
  z.object({ type: z.literal("webhook"), url: z.url({ protocol: /^https?$/ }), secret: secret(z.string().min(8).max(200)).optional() }),
  z.object({ type: z.literal("delay"), ms: z.number().int().min(1).max(30 * 864e5) }),
  z.object({ type: z.literal("forward"), to: z.string().min(3).max(100) }),
  z.object({ type: z.literal("start_flow"), flowId: resourceId("flow") }),
  /** Answers with the workspace's AI endpoint, the chat's recent messages as context. */
  z.object({ type: z.literal("ai_reply"), systemPrompt: z.string().max(8e3).optional(), model: z.string().max(200).optional() })
]);
const ruleFields = {
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  /** Higher runs first. */
  priority: z.number().int().min(-1e3).max(1e3).default(0),
  /** No lower-priority rule runs after this one matched. */
  stopProcessing: z.boolean().default(true),
  /** A rule answers one contact at most once per this many ms. */
  cooldownMs: z.number().int().min(0).max(30 * 864e5).default(6e4),
  /** Empty or absent: every profile of the workspace. */
  profileIds: ProfileIds.optional(),
  trigger: RuleTriggerSchema,
  conditions: z.array(RuleConditionSchema).max(20).default([]),
  actions: z.array(RuleActionSchema).min(1).max(20)
};
const CreateRuleSchema = z.object(ruleFields);
const UpdateRuleSchema = z.object({ ...ruleFields, enabled: z.boolean(), priority: ruleFields.priority.unwrap(), stopProcessing: z.boolean(), cooldownMs: ruleFields.cooldownMs.unwrap(), conditions: z.array(RuleConditionSchema).max(20) }).partial();
const NODE_TYPES = ["start", "send_message", "ask_question", "condition", "set_variable", "http_request", "ai_reply", "handoff", "end"];
const FlowNodeSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(NODE_TYPES),
  position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  /** Checked per type by `validateFlow`, so a draft may hold half-filled nodes. */
  data: z.record(z.string(), z.unknown()).default({})
}).loose();
const FlowEdgeSchema = z.object({
  id: z.string().min(1).max(200),
  source: z.string().min(1).max(100),
  target: z.string().min(1).max(100),
  /** Absent or null: `default`. */
  sourceHandle: z.string().max(100).nullish()
}).loose();
const FlowTriggerSchema = z.discriminatedUnion("type", [KeywordTriggerSchema, z.object({ type: z.literal("new_contact") }), z.object({ type: z.literal("manual") })]);
const flowFields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2e3).optional(),
  status: z.enum(["draft", "active", "paused"]).default("draft"),
  trigger: FlowTriggerSchema.default({ type: "manual" }),
  profileIds: ProfileIds.optional(),
  nodes: z.array(FlowNodeSchema).max(500).default([]),
  edges: z.array(FlowEdgeSchema).max(2e3).default([])
};
const CreateFlowSchema = z.object(flowFields);
const UpdateFlowSchema = z.object({ ...flowFields, status: z.enum(["draft", "active", "paused"]), trigger: FlowTriggerSchema, nodes: z.array(FlowNodeSchema).max(500), edges: z.array(FlowEdgeSchema).max(2e3) }).partial();
const SendData = z.union([z.object({ content: MessageContentSchema }), z.object({ templateId: Id })]);
const NodeDataSchemas = {
  start: z.object({}).loose(),
  send_message: SendData,
  ask_question: z.object({ content: MessageContentSchema, variable: VariableName, timeoutMs: z.number().int().min(100).max(30 * 864e5) }),
  condition: z.object({
    branches: z.array(z.object({
      id: z.string().min(1).max(100).refine((id) => id !== "else", "`else` is reserved"),
      when: z.object({ left: z.string().min(1).max(200), op: z.enum(["equals", "contains", "matches", "gt", "lt", "exists"]), right: z.string().max(1e3).optional() })
    })).min(1).max(20)
  }),
  set_variable: z.object({ name: VariableName, value: z.string().max(4e3) }),
  http_request: z.object({ method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("GET"), url: z.string().min(1).max(2e3), headers: z.record(z.string(), z.string()).optional(), body: z.string().max(65536).optional(), saveAs: VariableName.optional() }),
  ai_reply: z.object({ systemPrompt: z.string().max(8e3).optional(), model: z.string().max(200).optional(), saveAs: VariableName.optional() }),
  handoff: z.object({ note: z.string().max(2e3).optional() }),
  end: z.object({}).loose()
};
const AiSettingsSchema = z.object({
  /** OpenAI-compatible API root, e.g. `https://api.openai.com/v1`; `/chat/completions` is appended. */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** Omit to keep the stored key. Never returned. */
  apiKey: secret(z.string().min(1).max(500)).optional(),
  model: z.string().min(1).max(200),
  /** Messages of the chat sent as context. @default 10 */
  contextMessages: z.number().int().min(1).max(50).default(10),
  /** @default 30000 */
  timeoutMs: z.number().int().min(1e3).max(12e4).default(3e4)
});
const AutomationSettingsSchema = z.object({ ai: AiSettingsSchema.nullish() });

const HANDLES = {
  start: ["default"],
  send_message: ["default"],
  ask_question: ["reply", "timeout"],
  condition: null,
  set_variable: ["default"],
  http_request: ["ok", "error"],
  ai_reply: ["ok", "error"],
  handoff: [],
  end: []
};
function handleOf(edge) {
  return edge.sourceHandle || "default";
}
function handlesOf(node) {
  var _a;
  const fixed = HANDLES[node.type];
  if (fixed) return fixed;
  const branches = (_a = node.data.branches) != null ? _a : [];
  return [...branches.map((b) => String(b.id)), "else"];
}
function validateFlow(graph) {
  const errors = [];
  const nodes = /* @__PURE__ */ new Map();
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) errors.push({ nodeId: node.id, code: "DUPLICATE_ID", message: `Two nodes have the id "${node.id}"` });
    nodes.set(node.id, node);
    const data = NodeDataSchemas[node.type].safeParse(node.data);
    if (!data.success) {
      const issue = data.error.issues[0];
      errors.push({ nodeId: node.id, code: "MISSING_DATA", message: `${node.type} "${node.id}": \`${issue.path.join(".") || "data"}\` ${issue.message}` });
    }
  }
  const starts = graph.nodes.filter((n) => n.type === "start");
  if (!starts.length) errors.push({ code: "NO_START", message: "The flow needs a start node" });
  for (const extra of starts.slice(1)) errors.push({ nodeId: extra.id, code: "MULTIPLE_START", message: "A flow has exactly one start node" });
  const used = /* @__PURE__ */ new Set();
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    if (!source || !nodes.has(edge.target)) {
      errors.push({ edgeId: edge.id, code: "UNKNOWN_NODE", message: `Edge "${edge.id}" connects a node that does not exist (${!source ? edge.source : edge.target})` });
      continue;
    }
    const handle = handleOf(edge);
    if (!handlesOf(source).includes(handle)) {
      errors.push({ edgeId: edge.id, nodeId: source.id, code: "BAD_HANDLE", message: `${source.type} "${source.id}" has no output "${handle}" (it has: ${handlesOf(source).join(", ") || "none"})` });
    } else if (used.has(`${source.id}\0${handle}`)) {
      errors.push({ edgeId: edge.id, nodeId: source.id, code: "DUPLICATE_HANDLE", message: `Output "${handle}" of "${source.id}" is connected twice` });
    }
    used.add(`${source.id}\0${handle}`);
  }
  for (const node of graph.nodes) {
    const needed = node.type === "start" ? ["default"] : node.type === "ask_question" ? ["reply"] : [];
    for (const h of needed) if (!used.has(`${node.id}\0${h}`)) errors.push({ nodeId: node.id, code: "DANGLING", message: `Output "${h}" of ${node.type} "${node.id}" leads nowhere` });
  }
  if (starts.length) errors.push(...reachability(starts[0], nodes, graph.edges));
  return errors;
}
function reachability(start, nodes, edges) {
  var _a, _b, _c;
  const out = /* @__PURE__ */ new Map();
  for (const e of edges) if (nodes.has(e.source) && nodes.has(e.target)) out.set(e.source, [...(_a = out.get(e.source)) != null ? _a : [], e.target]);
  const seen = /* @__PURE__ */ new Set([start.id]);
  const queue = [start.id];
  while (queue.length) for (const next of (_b = out.get(queue.shift())) != null ? _b : []) if (!seen.has(next)) seen.add(next), queue.push(next);
  const errors = [];
  for (const id of nodes.keys()) if (!seen.has(id)) errors.push({ nodeId: id, code: "UNREACHABLE", message: `Node "${id}" cannot be reached from the start` });
  const state = /* @__PURE__ */ new Map();
  const visit = (id) => {
    var _a2, _b2;
    state.set(id, 1);
    for (const next of (_a2 = out.get(id)) != null ? _a2 : []) {
      if (((_b2 = nodes.get(next)) == null ? void 0 : _b2.type) === "ask_question") continue;
      if (state.get(next) === 1) return next;
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    state.set(id, 2);
    return void 0;
  };
  for (const id of seen) {
    if (state.has(id) || ((_c = nodes.get(id)) == null ? void 0 : _c.type) === "ask_question") continue;
    const cycle = visit(id);
    if (cycle) {
      errors.push({ nodeId: cycle, code: "CYCLE_WITHOUT_WAIT", message: `A loop through "${cycle}" never waits for a reply` });
      break;
    }
  }
  return errors;
}

const MAX_STEPS = 200;
async function walkFlow(graph, run, input, fx) {
  var _a, _b;
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const scope = () => ({ variables: run.variables, ...fx.contact ? { contact: fx.contact } : {} });
  let next = run.nodeId;
  if (input.kind === "start") next = (_a = graph.nodes.find((n) => n.type === "start")) == null ? void 0 : _a.id;
  if (input.kind === "reply" || input.kind === "timeout") {
    const asking = nodes.get(run.nodeId);
    if (run.status !== "waiting" || (asking == null ? void 0 : asking.type) !== "ask_question") return run;
    if (input.kind === "reply") run.variables = { ...run.variables, reply: input.text, [String(asking.data.variable)]: input.text };
    delete run.waitingUntil;
    run.status = "running";
    next = follow(graph, asking, input.kind);
    run.step++;
  }
  for (let taken = 0; ; taken++) {
    if (next === void 0) return finish(run, "completed", fx);
    const node = nodes.get(next);
    if (!node) return finish(run, "error", fx, `Node "${next}" does not exist`);
    if (taken >= MAX_STEPS) return finish(run, "error", fx, `More than ${MAX_STEPS} nodes without waiting for a reply`);
    run.nodeId = node.id;
    run.status = "running";
    if (run.path.at(-1) !== node.id || input.kind !== "resume" || taken > 0) run.path = [...run.path, node.id].slice(-200);
    await fx.persist(run);
    const key = `flow:${run.id}:${run.step}`;
    const d = node.data;
    let handle = "default";
    try {
      switch (node.type) {
        case "start":
        case "set_variable":
          if (node.type === "set_variable") run.variables = { ...run.variables, [String(d.name)]: interpolate(String((_b = d.value) != null ? _b : ""), scope()) };
          break;
        case "send_message":
          await fx.send(d.templateId ? { templateId: String(d.templateId) } : d.content, key, scope());
          break;
        case "ask_question":
          await fx.send(d.content, key, scope());
          run.status = "waiting";
          run.waitingUntil = new Date(fx.now() + Number(d.timeoutMs)).toISOString();
          await fx.persist(run);
          await fx.waiting(run);
          return run;
        case "condition":
          handle = branch(d.branches, scope());
          break;
        case "http_request":
        case "ai_reply":
          handle = await callOut(node, run, key, fx, scope());
          break;
        case "handoff":
          return finish(run, "handoff", fx);
        case "end":
          return finish(run, "completed", fx);
      }
    } catch (error) {
      return finish(run, "error", fx, error.message);
    }
    next = follow(graph, node, handle);
    run.step++;
  }
}
function branch(branches, scope) {
  for (const b of branches) if (test(b.when, scope)) return b.id;
  return "else";
}
function test(when, scope) {
  var _a;
  const left = when.left === "reply" ? lookupVariable("reply", scope) : when.left.startsWith("field.") ? lookupVariable(when.left, scope) : interpolate(when.left, scope);
  const right = interpolate((_a = when.right) != null ? _a : "", scope);
  switch (when.op) {
    case "exists":
      return left.trim() !== "";
    case "equals":
      return normalizeText(left) === normalizeText(right);
    case "contains":
      return normalizeText(left).includes(normalizeText(right));
    case "matches":
      return compileSafeRegex(right, "i", "right").test(left);
    case "gt":
    case "lt": {
      const [a, b] = [Number.parseFloat(left), Number.parseFloat(right)];
      return !Number.isNaN(a) && !Number.isNaN(b) && (when.op === "gt" ? a > b : a < b);
    }
    default:
      return false;
  }
}
async function callOut(node, run, key, fx, scope) {
  var _a, _b;
  const d = node.data;
  let result;
  try {
    if (node.type === "http_request") {
      const headers = Object.fromEntries(Object.entries((_a = d.headers) != null ? _a : {}).map(([k, v]) => [k, interpolate(v, scope)]));
      result = await fx.http({ method: String((_b = d.method) != null ? _b : "GET"), url: interpolate(String(d.url), scope), headers, ...typeof d.body === "string" ? { body: interpolate(d.body, scope) } : {} });
    } else {
      result = await fx.ai({ ...d.systemPrompt ? { systemPrompt: interpolate(String(d.systemPrompt), scope) } : {}, ...d.model ? { model: String(d.model) } : {} });
      if (result.trim()) await fx.send({ type: "text", text: result }, key, {});
    }
  } catch (error) {
    run.variables = { ...run.variables, error: error.message.slice(0, 500) };
    return "error";
  }
  if (d.saveAs) run.variables = { ...run.variables, [String(d.saveAs)]: result.slice(0, 1e4) };
  return "ok";
}
function follow(graph, node, handle) {
  var _a;
  return (_a = graph.edges.find((e) => e.source === node.id && handleOf(e) === handle)) == null ? void 0 : _a.target;
}
async function finish(run, status, fx, error) {
  run.status = status;
  delete run.waitingUntil;
  if (error) run.error = error;
  await fx.persist(run);
  return run;
}

var __defProp$s = Object.defineProperty;
var __defNormalProp$s = (obj, key, value) => key in obj ? __defProp$s(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$s = (obj, key, value) => __defNormalProp$s(obj, key + "" , value);
const RUNS = "autorun";
const GRAPHS = "autorungraph";
const ACTIVE = ["running", "waiting", "handoff"];
class FlowRuntime {
  constructor(ctx) {
    __publicField$s(this, "ctx", ctx);
  }
  /** The chat's current (or last) run. */
  current(profileId, chatId) {
    return this.ctx.storage.getItem(runKey(profileId, chatId));
  }
  async list(profileId, chatId) {
    if (chatId) return [await this.current(profileId, chatId)].filter((r) => !!r);
    const base = `${RUNS}:${profileId}`;
    const keys = stripBase(await this.ctx.storage.getKeys(base), base);
    const runs = await Promise.all(keys.map((k) => this.ctx.storage.getItem(`${base}:${k}`)));
    return runs.filter((r) => !!r).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }
  /** Forgets a deleted profile's runs and the graphs they ran on. */
  async removeProfile(profileId) {
    for (const run of await this.list(profileId)) await this.ctx.storage.removeItem(`${GRAPHS}:${run.id}`);
    await clearPrefix(this.ctx.storage, `${RUNS}:${profileId}`);
  }
  /** Starts `flow` in the chat, replacing a finished run; a chat with an active run keeps it. */
  async start(flow, chat, latest) {
    const existing = await this.current(chat.profileId, chat.chatId);
    if (existing && ACTIVE.includes(existing.status)) return void 0;
    if (existing) await this.ctx.storage.removeItem(`${GRAPHS}:${existing.id}`);
    const now = (/* @__PURE__ */ new Date()).toISOString();
    const run = { id: `run_${randomBytes(6).toString("hex")}`, flowId: flow.id, flowVersion: flow.version, workspaceId: chat.workspaceId, profileId: chat.profileId, chatId: chat.chatId, status: "running", nodeId: "", variables: {}, path: [], step: 0, startedAt: now, updatedAt: now };
    const graph = { nodes: flow.nodes, edges: flow.edges };
    await this.ctx.storage.setItem(`${GRAPHS}:${run.id}`, graph);
    return walkFlow(graph, run, { kind: "start" }, this.effects(chat, latest));
  }
  /** A message in a chat with a waiting run answers its question. False when no run waits. */
  async reply(chat, message, text) {
    const run = await this.current(chat.profileId, chat.chatId);
    if ((run == null ? void 0 : run.status) !== "waiting") return false;
    await this.ctx.timers.remove(timerId(run));
    await this.continue(run, { kind: "reply", text }, chat, message);
    return true;
  }
  /** A question's time ran out (a durable timer, possibly fired after a restart). */
  async timeout(timer, chat) {
    const run = await this.current(chat.profileId, chat.chatId);
    if (!run || run.id !== timer.payload.runId || run.step !== timer.payload.step || run.status !== "waiting") return;
    await this.continue(run, { kind: "timeout" }, chat);
  }
  /** Runs cut short by a crash (status `running`) carry on from the node they were at. */
  async recover(chatOf) {
    let resumed = 0;
    for (const key of await this.ctx.storage.getKeys(RUNS)) {
      const run = await this.ctx.storage.getItem(key);
      if ((run == null ? void 0 : run.status) !== "running" || !this.ctx.owns(run.profileId)) continue;
      await this.continue(run, { kind: "resume" }, await chatOf(run));
      resumed++;
    }
    return resumed;
  }
  /** Ends a handoff (or any active run): automation answers the chat again. */
  async resume(profileId, chatId) {
    const run = await this.current(profileId, chatId);
    if (!run || !ACTIVE.includes(run.status)) return false;
    if (run.status === "waiting") await this.ctx.timers.remove(timerId(run));
    await this.save({ ...run, status: run.status === "handoff" ? "completed" : "cancelled" });
    return true;
  }
  // --- Internal helpers ---
  async continue(run, input, chat, latest) {
    const graph = await this.ctx.storage.getItem(`${GRAPHS}:${run.id}`);
    if (!graph) {
      await this.save({ ...run, status: "error", error: "The run's graph is missing" });
      throw new MultiWAError("NOT_FOUND", `Flow run ${run.id} lost its graph`);
    }
    return walkFlow(graph, run, input, this.effects(chat, latest));
  }
  effects(chat, latest) {
    const { ctx } = this;
    return {
      ...chat.contact ? { contact: chat.contact } : {},
      send: async (content, key, scope) => void await sendAutomated(ctx, chat, content, key, scope),
      http: async (request) => (await automationFetch(request.url, request, ctx.http)).text,
      ai: (node) => aiAnswer(ctx, chat, node, latest),
      persist: (run) => this.save(run),
      waiting: (run) => ctx.timers.add({ id: timerId(run), dueAt: Date.parse(run.waitingUntil), profileId: run.profileId, kind: "flow_timeout", payload: { runId: run.id, step: run.step, chatId: run.chatId, workspaceId: run.workspaceId } }),
      now: () => Date.now()
    };
  }
  async save(run) {
    run.updatedAt = (/* @__PURE__ */ new Date()).toISOString();
    await this.ctx.storage.setItem(runKey(run.profileId, run.chatId), run);
  }
}
function runKey(profileId, chatId) {
  return `${RUNS}:${profileId}:${safeKey(chatId)}`;
}
function timerId(run) {
  return `flow:${run.id}:${run.step}`;
}

var __defProp$r = Object.defineProperty;
var __defNormalProp$r = (obj, key, value) => key in obj ? __defProp$r(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$r = (obj, key, value) => __defNormalProp$r(obj, typeof key !== "symbol" ? key + "" : key, value);
class WorkspaceRecords {
  constructor(storage, base, noun, onChange = () => {
  }) {
    __publicField$r(this, "storage", storage);
    __publicField$r(this, "base", base);
    __publicField$r(this, "noun", noun);
    __publicField$r(this, "onChange", onChange);
    __publicField$r(this, "writes", new KeyedSerial());
  }
  async insert(workspaceId, fields) {
    const now = (/* @__PURE__ */ new Date()).toISOString();
    const record = { ...fields, id: `${this.noun}_${randomBytes(6).toString("hex")}`, workspaceId, createdAt: now, updatedAt: now };
    await this.storage.setItem(this.key(workspaceId, record.id), record);
    this.onChange(workspaceId);
    return record;
  }
  async get(workspaceId, id) {
    const record = /^[\w-]+$/.test(id) ? await this.storage.getItem(this.key(workspaceId, id)) : null;
    if (!record) throw new MultiWAError("NOT_FOUND", `No ${this.noun} "${id}" in this workspace`, { details: { field: `${this.noun}Id`, value: id } });
    return record;
  }
  async list(workspaceId) {
    const base = `${this.base}:${segment(workspaceId)}`;
    const ids = stripBase(await this.storage.getKeys(base), base);
    return present(await Promise.all(ids.map((id) => this.storage.getItem(`${base}:${id}`))));
  }
  /** Applies the defined fields of `patch`; `check` may refuse the merged record before it is written. */
  async update(workspaceId, id, patch, check = () => {
  }) {
    const next = await this.serial(id, async () => {
      const current = await this.get(workspaceId, id);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== void 0));
      const merged = { ...current, ...defined, updatedAt: (/* @__PURE__ */ new Date()).toISOString() };
      check(merged);
      await this.storage.setItem(this.key(workspaceId, id), merged);
      return merged;
    });
    this.onChange(workspaceId);
    return next;
  }
  async remove(workspaceId, id) {
    await this.get(workspaceId, id);
    await this.storage.removeItem(this.key(workspaceId, id));
    this.onChange(workspaceId);
  }
  /** Every record of every workspace. */
  async all() {
    return present(await Promise.all((await this.storage.getKeys(this.base)).map((k) => this.storage.getItem(k))));
  }
  /** Runs `fn` in the same queue as this record's updates. */
  serial(id, fn) {
    return this.writes.run(id, fn);
  }
  key(workspaceId, id) {
    return `${this.base}:${segment(workspaceId)}:${id}`;
  }
}
function present(records) {
  return records.filter((r) => r !== null && r !== void 0);
}

async function checkRuleTargets(actions, check) {
  for (const [i, action] of (actions != null ? actions : []).entries()) if (action.type === "webhook") await check(action.url, `actions.${i}.url`);
}
async function checkFlowTargets(nodes, check) {
  for (const [i, node] of (nodes != null ? nodes : []).entries()) {
    const url = node.type === "http_request" ? node.data.url : void 0;
    if (typeof url !== "string" || !/^https?:\/\//i.test(url) || _variableOrigin(url)) continue;
    await check(url, `nodes.${i}.data.url`);
  }
}
function _variableOrigin(url) {
  var _a, _b;
  const origin = (_b = (_a = /^[a-z]+:\/\/[^/?#]*/i.exec(url)) == null ? void 0 : _a[0]) != null ? _b : url;
  return origin.includes("{{");
}

var __defProp$q = Object.defineProperty;
var __defNormalProp$q = (obj, key, value) => key in obj ? __defProp$q(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$q = (obj, key, value) => __defNormalProp$q(obj, typeof key !== "symbol" ? key + "" : key, value);
const VERSIONS = "autoflowver";
class FlowStore {
  constructor(storage, onChange = () => {
  }, checkTarget = async () => {
  }) {
    __publicField$q(this, "storage", storage);
    __publicField$q(this, "checkTarget", checkTarget);
    __publicField$q(this, "records");
    this.records = new WorkspaceRecords(storage, "autoflows", "flow", onChange);
  }
  async create(workspaceId, input) {
    const parsed = parseInput(CreateFlowSchema, input, "flow");
    assertRunnable(parsed);
    await checkFlowTargets(parsed.nodes, this.checkTarget);
    return this.records.insert(workspaceId, { ...parsed, version: 0 });
  }
  get(workspaceId, id) {
    return this.records.get(workspaceId, id);
  }
  async list(workspaceId) {
    return (await this.records.list(workspaceId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async update(workspaceId, id, patch) {
    const parsed = parseInput(UpdateFlowSchema, patch, "flow");
    await checkFlowTargets(parsed.nodes, this.checkTarget);
    return this.records.update(workspaceId, id, parsed, assertRunnable);
  }
  async remove(workspaceId, id) {
    await this.get(workspaceId, id);
    await clearPrefix(this.storage, `${VERSIONS}:${segment(workspaceId)}:${id}`);
    await this.records.remove(workspaceId, id);
  }
  /** Freezes the current graph as the next version. */
  async saveVersion(workspaceId, id) {
    return this.records.serial(id, async () => {
      const flow = await this.get(workspaceId, id);
      const version = { version: flow.version + 1, savedAt: (/* @__PURE__ */ new Date()).toISOString(), trigger: flow.trigger, nodes: flow.nodes, edges: flow.edges };
      await this.storage.setItem(versionKey(workspaceId, id, version.version), version);
      await this.storage.setItem(this.records.key(workspaceId, id), { ...flow, version: version.version, updatedAt: version.savedAt });
      return version;
    });
  }
  async versions(workspaceId, id) {
    const flow = await this.get(workspaceId, id);
    const all = await Promise.all(Array.from({ length: flow.version }, (_, i) => this.storage.getItem(versionKey(workspaceId, id, i + 1))));
    return all.filter((v) => !!v);
  }
}
function assertRunnable(flow) {
  if (flow.status !== "active") return;
  const errors = validateFlow(flow);
  if (errors.length) {
    throw new MultiWAError("VALIDATION_FAILED", `The flow cannot be active: ${errors.slice(0, 3).map((e) => e.message).join("; ")}`, { details: { field: "nodes", errors } });
  }
}
function versionKey(workspaceId, id, version) {
  return `${VERSIONS}:${segment(workspaceId)}:${id}:${String(version).padStart(6, "0")}`;
}

var __defProp$p = Object.defineProperty;
var __defNormalProp$p = (obj, key, value) => key in obj ? __defProp$p(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$p = (obj, key, value) => __defNormalProp$p(obj, typeof key !== "symbol" ? key + "" : key, value);
const STORED_COOLDOWN_MS = 6e4;
const BASE$2 = "autocool";
class LoopGuard {
  constructor(perMinute = 10, storage) {
    __publicField$p(this, "perMinute", perMinute);
    __publicField$p(this, "storage", storage);
    __publicField$p(this, "cooldowns", /* @__PURE__ */ new Map());
    __publicField$p(this, "sends", /* @__PURE__ */ new Map());
  }
  /** True (and the cooldown starts) when the rule may fire for this chat now. */
  async takeCooldown(ruleId, chat, cooldownMs, now = Date.now()) {
    var _a;
    if (cooldownMs <= 0) return true;
    const key = `${ruleId}\0${chat}`;
    const known = this.cooldowns.get(key);
    if (known !== void 0 && known > now) return false;
    this.cooldowns.set(key, now + cooldownMs);
    if (this.cooldowns.size > 5e4) this.prune(now);
    if (!this.storage || cooldownMs < STORED_COOLDOWN_MS) return true;
    const storedKey = `${BASE$2}:${safeKey(key)}`;
    if (known === void 0) {
      const storedUntil = (_a = await this.storage.getItem(storedKey)) != null ? _a : 0;
      if (storedUntil > now) {
        this.cooldowns.set(key, storedUntil);
        return false;
      }
    }
    await this.storage.setItem(storedKey, now + cooldownMs, { ttl: Math.ceil(cooldownMs / 1e3) });
    return true;
  }
  /** True (and counted) when one more automated message may go to this chat. */
  takeSend(chat, now = Date.now()) {
    var _a;
    const recent = ((_a = this.sends.get(chat)) != null ? _a : []).filter((t) => t > now - 6e4);
    if (recent.length >= this.perMinute) return false;
    recent.push(now);
    this.sends.set(chat, recent);
    if (this.sends.size > 5e4) this.prune(now);
    return true;
  }
  prune(now) {
    for (const [k, until] of this.cooldowns) if (until <= now) this.cooldowns.delete(k);
    for (const [k, times] of this.sends) if (!times.some((t) => t > now - 6e4)) this.sends.delete(k);
  }
}

var __defProp$o = Object.defineProperty;
var __defNormalProp$o = (obj, key, value) => key in obj ? __defProp$o(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$o = (obj, key, value) => __defNormalProp$o(obj, typeof key !== "symbol" ? key + "" : key, value);
class RuleIndex {
  constructor() {
    __publicField$o(this, "exact", /* @__PURE__ */ new Map());
    __publicField$o(this, "byWord", /* @__PURE__ */ new Map());
    __publicField$o(this, "byType", /* @__PURE__ */ new Map());
    __publicField$o(this, "newContact", []);
    __publicField$o(this, "regexes", []);
    /** All regexes as one alternation: one linear scan tells whether any of them can match. */
    __publicField$o(this, "anyRegex");
    __publicField$o(this, "seq", 0);
  }
  add(item, trigger, priority = 0) {
    const entry = { item, priority, seq: this.seq++ };
    switch (trigger.type) {
      case "keyword":
        for (const keyword of new Set(trigger.keywords.map(normalizeText))) {
          if (!keyword) continue;
          if (trigger.match === "exact") push(this.exact, keyword, entry);
          else push(this.byWord, words(keyword)[0], { entry, phrase: keyword });
        }
        return;
      case "regex":
        this.regexes.push({ entry, re: compileSafeRegex(trigger.pattern, trigger.flags), source: trigger.flags === "i" ? `(?i:${trigger.pattern})` : `(?:${trigger.pattern})` });
        this.anyRegex = void 0;
        return;
      case "new_contact":
        this.newContact.push(entry);
        return;
      case "message_type":
        for (const type of trigger.messageTypes) push(this.byType, type, entry);
        return;
    }
  }
  /** Items whose trigger matches, highest priority first, each once. */
  match(facts) {
    var _a;
    const found = [];
    const text = facts.text ? normalizeText(facts.text) : "";
    if (text) {
      const exact = this.exact.get(text);
      if (exact) found.push(...exact);
      if (this.byWord.size) {
        for (const word of new Set(words(text))) {
          const candidates = this.byWord.get(word);
          if (candidates) {
            for (const c of candidates) if (containsPhrase(text, c.phrase)) found.push(c.entry);
          }
        }
      }
      if (this.regexes.length) {
        (_a = this.anyRegex) != null ? _a : this.anyRegex = this.regexes.length > 1 ? compileSafeRegex(this.regexes.map((r) => r.source).join("|"), "") : this.regexes[0].re;
        if (this.anyRegex.test(facts.text)) {
          for (const r of this.regexes) if (r.re.test(facts.text)) found.push(r.entry);
        }
      }
    }
    const typed = this.byType.get(facts.type);
    if (typed) found.push(...typed);
    if (facts.isNewContact) found.push(...this.newContact);
    if (found.length < 2) return found.map((e) => e.item);
    const unique = [...new Set(found)].sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    return unique.map((e) => e.item);
  }
}
function push(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

var __defProp$n = Object.defineProperty;
var __defNormalProp$n = (obj, key, value) => key in obj ? __defProp$n(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$n = (obj, key, value) => __defNormalProp$n(obj, typeof key !== "symbol" ? key + "" : key, value);
class RuleStore {
  constructor(storage, onChange = () => {
  }, checkTarget = async () => {
  }) {
    __publicField$n(this, "checkTarget", checkTarget);
    __publicField$n(this, "records");
    this.records = new WorkspaceRecords(storage, "autorules", "rule", onChange);
  }
  async create(workspaceId, input) {
    const parsed = parseInput(CreateRuleSchema, input, "rule");
    checkRule(parsed);
    await checkRuleTargets(parsed.actions, this.checkTarget);
    return this.records.insert(workspaceId, parsed);
  }
  get(workspaceId, id) {
    return this.records.get(workspaceId, id);
  }
  async list(workspaceId) {
    return (await this.records.list(workspaceId)).sort((a, b) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt));
  }
  async update(workspaceId, id, patch) {
    const parsed = parseInput(UpdateRuleSchema, patch, "rule");
    await checkRuleTargets(parsed.actions, this.checkTarget);
    return this.records.update(workspaceId, id, parsed, checkRule);
  }
  remove(workspaceId, id) {
    return this.records.remove(workspaceId, id);
  }
  /** Every rule of every workspace (for the schedule clock). */
  all() {
    return this.records.all();
  }
}
function checkRule(rule) {
  const t = rule.trigger;
  if (t.type === "regex") compileSafeRegex(t.pattern, t.flags);
  if (t.type === "schedule") {
    try {
      new j(t.cron, { timezone: t.timezone, paused: true });
    } catch (cause) {
      throw new MultiWAError("VALIDATION_FAILED", `Invalid cron pattern: ${cause.message}`, { cause, details: { field: "trigger.cron", value: t.cron } });
    }
  }
}

var __defProp$m = Object.defineProperty;
var __defNormalProp$m = (obj, key2, value) => key2 in obj ? __defProp$m(obj, key2, { enumerable: true, configurable: true, writable: true, value }) : obj[key2] = value;
var __publicField$m = (obj, key2, value) => __defNormalProp$m(obj, typeof key2 !== "symbol" ? key2 + "" : key2, value);
const BASE$1 = "autosettings";
class AutomationSettingsStore {
  constructor(storage, checkTarget = async () => {
  }) {
    __publicField$m(this, "storage", storage);
    __publicField$m(this, "checkTarget", checkTarget);
  }
  async get(workspaceId) {
    var _a;
    return (_a = await this.storage.getItem(key$4(workspaceId))) != null ? _a : {};
  }
  async view(workspaceId) {
    return toView(await this.get(workspaceId));
  }
  /** `ai: null` removes the endpoint; an `ai` without `apiKey` keeps the stored key. */
  async put(workspaceId, input) {
    var _a, _b;
    const parsed = parseInput(AutomationSettingsSchema, input, "settings");
    if (parsed.ai) await this.checkTarget(parsed.ai.baseUrl, "ai.baseUrl");
    const current = await this.get(workspaceId);
    const next = {};
    if (parsed.ai) {
      const apiKey = (_b = parsed.ai.apiKey) != null ? _b : ((_a = current.ai) == null ? void 0 : _a.baseUrl) === parsed.ai.baseUrl ? current.ai.apiKey : void 0;
      next.ai = { ...parsed.ai, ...apiKey ? { apiKey } : {} };
    } else if (parsed.ai === void 0 && current.ai) next.ai = current.ai;
    await this.storage.setItem(key$4(workspaceId), next);
    return toView(next);
  }
  async requireAi(workspaceId) {
    const { ai } = await this.get(workspaceId);
    if (!ai) throw new MultiWAError("VALIDATION_FAILED", "No AI endpoint is configured for this workspace (PUT /api/automation/settings)", { details: { field: "ai" } });
    return ai;
  }
}
function toView(settings) {
  if (!settings.ai) return {};
  const { apiKey, ...ai } = settings.ai;
  return { ai: { ...ai, hasApiKey: !!apiKey } };
}
function key$4(workspaceId) {
  return `${BASE$1}:${segment(workspaceId)}`;
}

async function testRunFlow(flow, replies, options = {}) {
  const transcript = [];
  const now = (/* @__PURE__ */ new Date()).toISOString();
  let run = { id: "test", flowId: flow.id, flowVersion: 0, workspaceId: flow.workspaceId, profileId: "test", chatId: "test", status: "running", nodeId: "", variables: { ...options.variables }, path: [], step: 0, startedAt: now, updatedAt: now };
  let clock = Date.now();
  const fx = {
    ...options.contact ? { contact: options.contact } : {},
    send: async (content, _key, scope) => {
      transcript.push({ from: "bot", text: "templateId" in content ? `[template ${content.templateId}]` : describe$1(content, scope) });
    },
    http: async () => "",
    ai: async () => "",
    persist: async () => {
    },
    waiting: async () => {
    },
    now: () => clock
  };
  run = await walkFlow(flow, run, { kind: "start" }, fx);
  for (const reply of replies) {
    if (run.status !== "waiting") break;
    if (reply !== null) transcript.push({ from: "user", text: reply });
    clock = Date.parse(run.waitingUntil) + 1;
    run = await walkFlow(flow, run, reply === null ? { kind: "timeout" } : { kind: "reply", text: reply }, fx);
  }
  return { transcript, path: run.path, variables: run.variables, status: run.status, ...run.error ? { error: run.error } : {} };
}
function describe$1(content, scope) {
  if (content.type === "text") return interpolate(content.text, scope);
  if ("caption" in content && content.caption) return `[${content.type}] ${interpolate(content.caption, scope)}`;
  return `[${content.type}]`;
}

var __defProp$l = Object.defineProperty;
var __defNormalProp$l = (obj, key2, value) => key2 in obj ? __defProp$l(obj, key2, { enumerable: true, configurable: true, writable: true, value }) : obj[key2] = value;
var __publicField$l = (obj, key2, value) => __defNormalProp$l(obj, typeof key2 !== "symbol" ? key2 + "" : key2, value);
const BASE = "autotimer";
class DurableTimers {
  constructor(o) {
    __publicField$l(this, "o", o);
    __publicField$l(this, "pending", []);
    __publicField$l(this, "timer");
    __publicField$l(this, "sweep");
    __publicField$l(this, "firing", /* @__PURE__ */ new Set());
    /** Changes made while a reload reads storage, applied on top of what it read. */
    __publicField$l(this, "changes");
    __publicField$l(this, "stopped", false);
  }
  async add(timer) {
    var _a, _b;
    await this.o.storage.setItem(key$3(timer.id), timer);
    (_a = this.changes) == null ? void 0 : _a.added.push(timer);
    (_b = this.changes) == null ? void 0 : _b.removed.delete(timer.id);
    this.pending = [...this.pending.filter((t) => t.id !== timer.id), timer].sort((a, b) => a.dueAt - b.dueAt);
    this.arm();
  }
  async remove(id) {
    var _a;
    this.pending = this.pending.filter((t) => t.id !== id);
    (_a = this.changes) == null ? void 0 : _a.removed.add(id);
    await this.o.storage.removeItem(key$3(id));
  }
  /** Drops every timer of a deleted profile. */
  async removeProfile(profileId) {
    const ids = stripBase(await this.o.storage.getKeys(BASE), BASE);
    const timers = await Promise.all(ids.map((id) => this.o.storage.getItem(`${BASE}:${id}`)));
    for (const timer of timers) if ((timer == null ? void 0 : timer.profileId) === profileId) await this.remove(timer.id);
    for (const timer of this.pending) if (timer.profileId === profileId) await this.remove(timer.id);
  }
  async restore() {
    var _a, _b, _c, _d;
    this.stopped = false;
    await this.reload();
    (_b = this.sweep) != null ? _b : this.sweep = setInterval(() => void this.reload().catch((e) => this.o.logger.warn("automation timers reload failed", e)), (_a = this.o.sweepMs) != null ? _a : 1e4);
    (_d = (_c = this.sweep).unref) == null ? void 0 : _d.call(_c);
    return this.pending.length;
  }
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.sweep);
    this.sweep = void 0;
  }
  // --- Internal helpers ---
  async reload() {
    const changes = this.changes = { added: [], removed: /* @__PURE__ */ new Set() };
    try {
      const ids = stripBase(await this.o.storage.getKeys(BASE), BASE);
      const loaded = (await Promise.all(ids.map((id) => this.o.storage.getItem(`${BASE}:${id}`)))).filter((t) => !!t);
      const byId = new Map([...loaded, ...changes.added].map((t) => [t.id, t]));
      for (const id of changes.removed) byId.delete(id);
      this.pending = [...byId.values()].sort((a, b) => a.dueAt - b.dueAt);
    } finally {
      if (this.changes === changes) this.changes = void 0;
    }
    this.arm();
  }
  arm() {
    var _a, _b;
    clearTimeout(this.timer);
    if (this.stopped) return;
    const now = Date.now();
    for (const t of this.pending) if (t.dueAt <= now && !this.firing.has(t.id) && this.o.owns(t.profileId)) void this.run(t);
    const next = this.pending.find((t) => t.dueAt > now);
    if (next) {
      this.timer = setTimeout(() => this.arm(), Math.min(next.dueAt - now, 2 ** 31 - 1));
      (_b = (_a = this.timer).unref) == null ? void 0 : _b.call(_a);
    }
  }
  async run(t) {
    this.firing.add(t.id);
    try {
      await this.o.fire(t);
      await this.remove(t.id);
    } catch (error) {
      this.o.logger.warn(`automation timer ${t.id} failed; retrying`, error);
    } finally {
      this.firing.delete(t.id);
    }
  }
}
function key$3(id) {
  return `${BASE}:${safeKey(id)}`;
}

var __defProp$k = Object.defineProperty;
var __defNormalProp$k = (obj, key, value) => key in obj ? __defProp$k(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$k = (obj, key, value) => __defNormalProp$k(obj, typeof key !== "symbol" ? key + "" : key, value);
const CRON = "autocron";
class Automation {
  constructor(o) {
    __publicField$k(this, "o", o);
    __publicField$k(this, "rules");
    __publicField$k(this, "flows");
    __publicField$k(this, "settings");
    __publicField$k(this, "runtime");
    __publicField$k(this, "ctx");
    __publicField$k(this, "indexes", /* @__PURE__ */ new Map());
    __publicField$k(this, "chats", new KeyedSerial());
    __publicField$k(this, "clock");
    var _a;
    const changed = (workspaceId) => this.indexes.delete(workspaceId);
    const check = (url, field) => assertSavableTarget(url, o.http.client.policy, field);
    this.rules = new RuleStore(o.storage, changed, check);
    this.flows = new FlowStore(o.storage, changed, check);
    this.settings = new AutomationSettingsStore(o.storage, check);
    const timers = new DurableTimers({ storage: o.storage, logger: o.logger, owns: o.owns, fire: (t) => this.fire(t) });
    this.ctx = { ...o, settings: this.settings, guard: new LoopGuard((_a = o.repliesPerMinute) != null ? _a : 10, o.storage), timers };
    this.runtime = new FlowRuntime(this.ctx);
  }
  /**
   * Handles one inbound message; messages of one chat are handled one after another. `sender` is the
   * profile's workspace and the contact as the gateway already recorded it; without it, both are looked
   * up and the contact touched here.
   */
  onMessage(m, sender) {
    if (m.fromMe || isGroupJid(m.chatId) || !m.chatId.includes("@") || m.chatId.endsWith("@broadcast")) return Promise.resolve();
    return this.chats.run(`${m.profileId}|${m.chatId}`, () => this.handle(m, sender)).catch((e) => this.o.logger.warn(`automation failed for a message to ${m.profileId}`, e));
  }
  /** Starts a flow in a chat by hand (or from a rule); a chat already in a flow keeps it. */
  async startFlow(workspaceId, flowId, profileId, chatId) {
    const flow = await this.flows.get(workspaceId, flowId);
    const jid = toJid(chatId, "chatId");
    const chat = await this.chatRef(workspaceId, profileId, jid);
    return this.chats.run(`${profileId}|${jid}`, () => this.runtime.start(flow, chat));
  }
  /** Ends a handoff: rules and flows answer the chat again. */
  resumeChat(profileId, chatId) {
    const jid = toJid(chatId, "chatId");
    return this.chats.run(`${profileId}|${jid}`, () => this.runtime.resume(profileId, jid));
  }
  async testRun(workspaceId, flowId, replies, variables) {
    return testRunFlow(await this.flows.get(workspaceId, flowId), replies, variables ? { variables } : {});
  }
  /** After a restart: timers, runs cut short by the crash, and the schedule clock. */
  async restore() {
    var _a, _b;
    await this.ctx.timers.restore();
    await this.runtime.recover((run) => this.chatRef(run.workspaceId, run.profileId, run.chatId)).catch((e) => this.o.logger.warn("flow recovery failed", e));
    (_b = this.clock) != null ? _b : this.clock = startClock(() => this.tickSchedules().catch((e) => this.o.logger.warn("automation schedule failed", e)), (_a = this.o.clockMs) != null ? _a : 2e4);
  }
  /** Forgets a deleted profile's flow runs and timers (rules and flows belong to the workspace). */
  async removeProfile(profileId) {
    await this.ctx.timers.removeProfile(profileId);
    await this.runtime.removeProfile(profileId);
  }
  stop() {
    var _a;
    this.ctx.timers.stop();
    (_a = this.clock) == null ? void 0 : _a.stop();
    this.clock = void 0;
  }
  // --- Internal helpers ---
  async handle(m, known) {
    var _a, _b;
    const sender = known != null ? known : await this.touchSender(m);
    if (!sender) return;
    const { workspaceId, contact } = sender;
    const chat = { workspaceId, profileId: m.profileId, chatId: m.chatId, ...contact ? { contact } : {} };
    const text = m.content.type === "text" ? m.content.text : "caption" in m.content ? (_a = m.content.caption) != null ? _a : "" : "";
    const run = await this.runtime.current(m.profileId, m.chatId);
    if ((run == null ? void 0 : run.status) === "handoff") return;
    if ((run == null ? void 0 : run.status) === "waiting") return void await this.runtime.reply(chat, m, text);
    const index = await this.index(workspaceId);
    const event = { id: m.id, text, type: m.content.type, from: (_b = m.senderPhone) != null ? _b : m.sender, message: m };
    for (const hit of index.match({ text, type: m.content.type, isNewContact: (contact == null ? void 0 : contact.firstSeenAt) === m.timestamp })) {
      if (hit.kind === "flow") {
        if (!forProfile(hit.flow.profileIds, m.profileId)) continue;
        await this.runtime.start(hit.flow, chat, m);
        return;
      }
      const rule = hit.rule;
      if (!forProfile(rule.profileIds, m.profileId) || !conditionsHold(rule.conditions, chat.contact)) continue;
      if (!await this.ctx.guard.takeCooldown(rule.id, m.chatId, rule.cooldownMs)) continue;
      await runActions(this.ctx, this.hooks(), rule, chat, event).catch((e) => this.o.logger.warn(`rule ${rule.id} (${rule.name}) failed`, e));
      if (rule.stopProcessing) return;
    }
  }
  hooks() {
    return {
      startFlow: async (flowId, chat) => void await this.runtime.start(await this.flows.get(chat.workspaceId, flowId), chat)
    };
  }
  /** A workspace's index, rebuilt after an edit here and at most every `indexTtlMs` for edits elsewhere. */
  index(workspaceId) {
    var _a, _b;
    const cached = this.indexes.get(workspaceId);
    if (cached && Date.now() - cached.at < ((_a = this.o.indexTtlMs) != null ? _a : 1e4)) return cached.index;
    const fresh = this.build(workspaceId);
    this.indexes.set(workspaceId, { index: cached ? fresh.catch(() => cached.index) : fresh, at: Date.now() });
    if (!cached) fresh.catch(() => this.indexes.delete(workspaceId));
    return (_b = cached == null ? void 0 : cached.index) != null ? _b : fresh;
  }
  async build(workspaceId) {
    const index = new RuleIndex();
    for (const flow of await this.flows.list(workspaceId)) {
      if (flow.status === "active" && flow.trigger.type !== "manual") index.add({ kind: "flow", flow }, flow.trigger, 0);
    }
    for (const rule of await this.rules.list(workspaceId)) {
      if (!rule.enabled) continue;
      try {
        index.add({ kind: "rule", rule }, rule.trigger, rule.priority);
      } catch (error) {
        this.o.logger.warn(`rule ${rule.id} skipped`, error);
      }
    }
    return index;
  }
  async touchSender(m) {
    var _a;
    const profile = await this.o.profile(m.profileId);
    if (!profile) return void 0;
    const contact = await this.o.contacts.touch(profile.workspaceId, (_a = m.senderPhone) != null ? _a : m.sender, m.timestamp, m.pushName);
    return { workspaceId: profile.workspaceId, ...contact ? { contact } : {} };
  }
  async chatRef(workspaceId, profileId, chatId) {
    const contact = await this.o.contacts.find(workspaceId, chatId).catch(() => void 0);
    return { workspaceId, profileId, chatId, ...contact ? { contact } : {} };
  }
  async fire(timer) {
    const p = timer.payload;
    const chat = await this.chatRef(p.workspaceId, timer.profileId, p.chatId);
    await this.chats.run(`${timer.profileId}|${p.chatId}`, async () => {
      if (timer.kind === "flow_timeout") return this.runtime.timeout(timer, chat);
      const rule = await this.rules.get(p.workspaceId, p.ruleId).catch(() => void 0);
      if (rule == null ? void 0 : rule.enabled) await runActions(this.ctx, this.hooks(), rule, chat, p.event, p.from);
    });
  }
  /** Fires schedule rules that came due, once per (rule, profile, due time), on the profile's node. */
  async tickSchedules(now = Date.now()) {
    var _a, _b;
    const rules = (await this.rules.all()).filter(isScheduleRule).filter((r) => r.enabled);
    if (!rules.length) return;
    const profiles = await this.o.profiles();
    for (const rule of rules) {
      for (const profile of profiles.filter((p) => p.workspaceId === rule.workspaceId && forProfile(rule.profileIds, p.id) && this.o.owns(p.id))) {
        const key = `${CRON}:${rule.id}:${profile.id}`;
        const due = await this.o.storage.getItem(key);
        if (due === null) {
          await this.o.storage.setItem(key, (_a = nextFire(rule, now)) != null ? _a : Number.MAX_SAFE_INTEGER);
          continue;
        }
        if (due > now) continue;
        await this.o.storage.setItem(key, (_b = nextFire(rule, now)) != null ? _b : Number.MAX_SAFE_INTEGER);
        for (const chatId of rule.trigger.chatIds) {
          const chat = await this.chatRef(rule.workspaceId, profile.id, toJid(chatId, "chatId"));
          if (!conditionsHold(rule.conditions, chat.contact, now)) continue;
          await runActions(this.ctx, this.hooks(), rule, chat, { id: `cron-${due}`, text: "", type: "schedule" }).catch((e) => this.o.logger.warn(`schedule rule ${rule.id} failed`, e));
        }
      }
    }
  }
}
function forProfile(profileIds, profileId) {
  return !(profileIds == null ? void 0 : profileIds.length) || profileIds.includes(profileId);
}

function createAutomation(wa, options) {
  var _a;
  return new Automation({
    ...options.automation,
    storage: wa.storage,
    contacts: wa.contacts,
    templates: wa.templates,
    history: wa.history,
    logger: (_a = options.logger) != null ? _a : { debug() {
    }, info() {
    }, warn() {
    }, error() {
    } },
    send: (profileId, request) => wa.send(profileId, request),
    owns: (profileId) => wa.isRunningHere(profileId),
    http: { client: wa.outbound },
    profile: (profileId) => wa.profiles.find(profileId),
    profiles: () => wa.profiles.list()
  });
}

var __defProp$j = Object.defineProperty;
var __defNormalProp$j = (obj, key, value) => key in obj ? __defProp$j(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$j = (obj, key, value) => __defNormalProp$j(obj, typeof key !== "symbol" ? key + "" : key, value);
const REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
class OutboundClient {
  constructor(policy = {}) {
    __publicField$j(this, "policy", policy);
    __publicField$j(this, "agents", { http: new Agent$1({ keepAlive: true, maxSockets: 64 }), https: new Agent({ keepAlive: true, maxSockets: 64 }) });
  }
  async request(url, init = {}) {
    var _a, _b, _c;
    const field = (_a = init.field) != null ? _a : "url";
    const deadline = Date.now() + ((_b = init.timeoutMs) != null ? _b : 1e4);
    let target = parseTarget(url, field);
    let method = ((_c = init.method) != null ? _c : "GET").toUpperCase();
    let body = init.body;
    let headers = { ...init.headers };
    for (let hop = 0; ; hop++) {
      const addresses = await resolveTarget(target, this.policy, field);
      const response = await this.once(target, addresses[0], { method, headers, body }, deadline, init);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || !location || !init.maxRedirects) return response;
      if (hop >= init.maxRedirects) throw new MultiWAError("SEND_FAILED", `${describe(method, target)} redirected more than ${init.maxRedirects} times`, { details: { field } });
      const next = parseTarget(new URL(location, target).href, field);
      if (response.status === 303 || (response.status === 301 || response.status === 302) && method === "POST") {
        method = "GET";
        body = void 0;
        headers = _without(headers, ["content-type", "content-length"]);
      }
      if (next.origin !== target.origin) headers = _without(headers, ["authorization", "cookie", "x-multiwa-signature"]);
      target = next;
    }
  }
  close() {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
  // --- Internal helpers ---
  once(target, address, req, deadline, init) {
    var _a, _b;
    const maxBytes = (_a = init.maxBytes) != null ? _a : 1024 * 1024;
    const field = (_b = init.field) != null ? _b : "url";
    const what = describe(req.method, target);
    const family = familyOf(address);
    const lookup = (_host, options, callback) => {
      if (options.all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const https = target.protocol === "https:";
    return new Promise((resolve, reject) => {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return reject(new MultiWAError("TIMEOUT", `${what} timed out`, { details: { field } }));
      const send = https ? request : request$1;
      const request$2 = send(target, { method: req.method, headers: req.headers, agent: https ? this.agents.https : this.agents.http, lookup });
      const timer = setTimeout(() => request$2.destroy(new MultiWAError("TIMEOUT", `${what} timed out`, { details: { field } })), remaining);
      const fail = (error) => {
        clearTimeout(timer);
        reject(error instanceof MultiWAError ? error : new MultiWAError("SEND_FAILED", `${what} failed: ${error.message}`, { cause: error, details: { field } }));
      };
      request$2.on("error", fail);
      request$2.on("response", (res) => {
        var _a2;
        const declared = Number((_a2 = res.headers["content-length"]) != null ? _a2 : 0);
        if (!init.truncate && declared > maxBytes) return res.destroy(), fail(tooLarge(what, maxBytes, field));
        const chunks = [];
        let size = 0;
        const done = (truncated) => {
          var _a3;
          clearTimeout(timer);
          const bytes = Buffer.concat(chunks);
          resolve({ status: (_a3 = res.statusCode) != null ? _a3 : 0, headers: res.headers, body: truncated ? bytes.subarray(0, maxBytes) : bytes, url: target.href, truncated });
        };
        res.on("data", (chunk) => {
          size += chunk.byteLength;
          chunks.push(chunk);
          if (size <= maxBytes) return;
          res.destroy();
          if (init.truncate) done(true);
          else fail(tooLarge(what, maxBytes, field));
        });
        res.on("end", () => done(false));
        res.on("error", fail);
      });
      request$2.end(req.body);
    });
  }
}
function describe(method, url) {
  return `${method} ${url.origin}${url.pathname}`;
}
function tooLarge(what, maxBytes, field) {
  return new MultiWAError("VALIDATION_FAILED", `${what} answered more than ${maxBytes} bytes`, { details: { field, limit: maxBytes } });
}
function _without(headers, names) {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}

const MAX_KEY_LENGTH = 1024;
const MAX_SEGMENT = 200;
const KEYED = /* @__PURE__ */ new Set(["hasItem", "getItem", "getItemRaw", "setItem", "setItemRaw", "removeItem", "getMeta", "setMeta", "removeMeta", "has", "get", "set", "del", "remove"]);
const BASED = /* @__PURE__ */ new Set(["getKeys", "keys", "clear"]);
const BATCH$1 = /* @__PURE__ */ new Set(["getItems", "setItems"]);
function guardStorageKeys(storage) {
  let guarded = _guards.get(storage);
  if (!guarded) _guards.set(storage, guarded = _guard(storage));
  return guarded;
}
const _guards = /* @__PURE__ */ new WeakMap();
function _guard(storage) {
  return new Proxy(storage, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || typeof value !== "function") return value;
      const method = value;
      const checked = (keys, args) => {
        const problem = keys.map(_refusal).find(Boolean);
        return problem ? Promise.reject(problem) : method.apply(target, args);
      };
      if (KEYED.has(prop) || BASED.has(prop)) return (...args) => checked([args[0]], args);
      if (BATCH$1.has(prop)) {
        return (...args) => checked((Array.isArray(args[0]) ? args[0] : []).map((i) => typeof i === "string" ? i : i == null ? void 0 : i.key), args);
      }
      return method.bind(target);
    }
  });
}
function _refusal(key) {
  const why = typeof key === "string" && key ? _problem(key) : void 0;
  return why ? new MultiWAError("INVALID_ID", `An id cannot be stored: it ${why}`, { details: { field: "id" } }) : void 0;
}
function _problem(key) {
  if (key.length > MAX_KEY_LENGTH) return `is longer than ${MAX_KEY_LENGTH} characters`;
  if (/[\u0000-\u001f\u007f]/.test(key)) return "contains a NUL or control character";
  for (const segment of key.split(/[:/\\]/)) {
    if (segment.endsWith("..") || segment === ".") return "holds a `.` or `..` path segment";
    if (Buffer.byteLength(segment) > MAX_SEGMENT) return `has a part longer than ${MAX_SEGMENT} bytes`;
  }
  return void 0;
}

var __defProp$i = Object.defineProperty;
var __defNormalProp$i = (obj, key2, value) => key2 in obj ? __defProp$i(obj, key2, { enumerable: true, configurable: true, writable: true, value }) : obj[key2] = value;
var __publicField$i = (obj, key2, value) => __defNormalProp$i(obj, key2 + "" , value);
const ProfileSettingsSchema = z.record(z.string(), z.unknown()).meta({ secret: true, description: "Engine settings (secret, never listed back)" });
class ProfileSettingsStore {
  constructor(storage) {
    __publicField$i(this, "storage", storage);
  }
  async get(profileId) {
    var _a;
    return (_a = await this.storage.getItem(key$2(profileId))) != null ? _a : {};
  }
  async has(profileId) {
    return this.storage.hasItem(key$2(profileId));
  }
  async put(profileId, settings) {
    await this.storage.setItem(key$2(profileId), settings);
  }
  async remove(profileId) {
    await this.storage.removeItem(key$2(profileId));
  }
}
function key$2(profileId) {
  return `${NS.settings}:${profileId}`;
}

var __defProp$h = Object.defineProperty;
var __defNormalProp$h = (obj, key2, value) => key2 in obj ? __defProp$h(obj, key2, { enumerable: true, configurable: true, writable: true, value }) : obj[key2] = value;
var __publicField$h = (obj, key2, value) => __defNormalProp$h(obj, typeof key2 !== "symbol" ? key2 + "" : key2, value);
const ProfileIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "must be 1-64 letters, digits, _ or -, starting with a letter or digit");
const CreateProfileSchema = z.object({
  id: ProfileIdSchema.optional(),
  name: z.string().min(1).max(120),
  engine: z.string().min(1).optional(),
  workspaceId: z.string().min(1).max(64).default("default"),
  pacing: PacingSchema.partial().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** What the engine needs to connect (the Cloud API's ids and tokens); validated by the engine, never listed back. */
  settings: ProfileSettingsSchema.optional()
});
const UpdateProfileSchema = CreateProfileSchema.pick({ name: true, pacing: true, metadata: true, settings: true }).partial();
class ProfileStore {
  constructor(storage, cacheMs = 2e3) {
    __publicField$h(this, "storage", storage);
    __publicField$h(this, "cacheMs", cacheMs);
    /** Updates of one profile run one after another, so concurrent status changes never lose a field. */
    __publicField$h(this, "writes", new KeyedSerial());
    /** Profiles are read on every API call; writes go through this cache, reads trust it briefly (other nodes may write). */
    __publicField$h(this, "cache", /* @__PURE__ */ new Map());
  }
  async create(input) {
    var _a;
    const id = (_a = input.id) != null ? _a : `p_${randomBytes(6).toString("hex")}`;
    if (await this.storage.hasItem(key$1(id))) {
      throw new MultiWAError("PROFILE_EXISTS", `Profile "${id}" already exists`, { details: { field: "id", value: id } });
    }
    const now = Date.now();
    const profile = {
      id,
      name: input.name,
      engine: input.engine,
      workspaceId: input.workspaceId,
      desired: "stopped",
      status: "stopped",
      createdAt: now,
      updatedAt: now,
      ...input.pacing ? { pacing: input.pacing } : {},
      ...input.metadata ? { metadata: input.metadata } : {}
    };
    await this.storage.setItem(key$1(id), profile);
    this.remember(profile);
    return profile;
  }
  async find(id) {
    const cached = this.cache.get(id);
    if (cached && cached.until > Date.now()) return cached.profile;
    if (!ProfileIdSchema.safeParse(id).success) return null;
    const profile = await this.storage.getItem(key$1(id));
    if (profile) this.remember(profile);
    else this.cache.delete(id);
    return profile;
  }
  async get(id) {
    const profile = await this.find(id);
    if (!profile) throw new MultiWAError("PROFILE_NOT_FOUND", `Profile "${id}" does not exist`, { details: { profileId: id } });
    return profile;
  }
  async list(filter = {}) {
    const ids = stripBase(await this.storage.getKeys(NS.profiles), NS.profiles);
    const profiles = await Promise.all(ids.map((id) => this.find(id)));
    return profiles.filter((p) => p !== null && (!filter.workspaceId || p.workspaceId === filter.workspaceId)).sort((a, b) => a.createdAt - b.createdAt);
  }
  update(id, patch) {
    const run = async () => {
      const stored = await this.storage.getItem(key$1(id));
      if (!stored) throw new MultiWAError("PROFILE_NOT_FOUND", `Profile "${id}" does not exist`, { details: { profileId: id } });
      const next = { ...stored, ...patch, updatedAt: Date.now() };
      await this.storage.setItem(key$1(id), next);
      this.remember(next);
      return next;
    };
    return this.writes.run(id, run);
  }
  async remove(id) {
    await this.storage.removeItem(key$1(id));
    this.cache.delete(id);
  }
  remember(profile) {
    this.cache.set(profile.id, { profile, until: Date.now() + this.cacheMs });
  }
}
function key$1(id) {
  return `${NS.profiles}:${id}`;
}

async function createFsStorage(dataDir = ".multiwa-data") {
  const { atomicFsDriver } = await import('../_/fs-atomic.mjs');
  return createStorage({ driver: atomicFsDriver({ base: resolve$1(dataDir) }) });
}
async function createStorageFromUrl(url, options = {}) {
  var _a, _b;
  if (url === "memory:" || url === "memory") return createStorage();
  if (url.startsWith("redis://") || url.startsWith("rediss://")) {
    const { default: redisDriver } = await importOptional(() => import('../_/redis.mjs'), "ioredis");
    const { batchRedisDriver } = await import('../_/redis-batch.mjs');
    const base = (_a = options.prefix) != null ? _a : "multiwa";
    const driver = redisDriver({ url, base });
    return createStorage({ driver: options.batch === false ? driver : batchRedisDriver(driver, base) });
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const [{ createDatabase }, { default: postgresql }, { default: db0Driver }] = await importOptional(
      () => Promise.all([Promise.resolve().then(function () { return index; }), import('../_/postgresql.mjs'), import('../_/db0.mjs')]),
      "db0 and pg"
    );
    const database = createDatabase(postgresql({ connectionString: url }));
    return createStorage({ driver: db0Driver({ database, tableName: (_b = options.table) != null ? _b : "multiwa_storage" }) });
  }
  if (url.startsWith("fs:")) return createFsStorage(url.slice(3) || void 0);
  if (!url.includes("://")) return createFsStorage(url);
  throw new MultiWAError("VALIDATION_FAILED", `Unsupported storage URL ${JSON.stringify(url)}; use memory:, fs:<dir>, redis://\u2026 or postgres://\u2026`, {
    details: { field: "storage", value: url }
  });
}
async function importOptional(load, pkg) {
  try {
    return await load();
  } catch (cause) {
    throw new MultiWAError("STORAGE_FAILED", `This storage needs the \`${pkg}\` package; install it next to @multiwa/core`, { cause });
  }
}

async function openDatabase(url, options = {}) {
  var _a;
  const target = url != null ? url : `pglite:${join$1((_a = options.dataDir) != null ? _a : ".multiwa-data", "database")}`;
  if (target === "memory:" || target === "memory") {
    const { openMemory } = await import('../_/pglite-memory.mjs');
    return openMemory(options);
  }
  if (target.startsWith("pglite:")) {
    const dir = target.slice("pglite:".length);
    if (!dir) throw invalidUrl(target, "pglite: needs a folder, e.g. pglite:.multiwa-data/database");
    const { openPglite } = await import('../_/pglite.mjs');
    return openPglite(resolve$1(dir), options);
  }
  if (target.startsWith("postgres://") || target.startsWith("postgresql://")) {
    const { openPostgres } = await import('../_/postgres.mjs');
    return openPostgres(target, options);
  }
  throw invalidUrl(target, "use pglite:<dir>, memory: or postgres://\u2026");
}
function invalidUrl(url, hint) {
  return new MultiWAError("VALIDATION_FAILED", `Unsupported database URL ${JSON.stringify(url)}; ${hint}`, {
    details: { field: "database", value: url }
  });
}

const _byStorage = /* @__PURE__ */ new WeakMap();
async function resolveDatabase(options, storage) {
  if (typeof options.database === "object") return { database: options.database, owned: false };
  if (options.database !== void 0) return { database: await openDatabase(options.database, dataDir(options)), owned: true };
  if (options.storage && options.dataDir === void 0) {
    let shared = _byStorage.get(storage);
    if (!shared) {
      shared = openDatabase("memory:");
      shared.catch(() => _byStorage.delete(storage));
      _byStorage.set(storage, shared);
    }
    return { database: await shared, owned: false };
  }
  return { database: await openDatabase(void 0, dataDir(options)), owned: true };
}
function dataDir(options) {
  return options.dataDir === void 0 ? {} : { dataDir: options.dataDir };
}

var __defProp$g = Object.defineProperty;
var __defNormalProp$g = (obj, key, value) => key in obj ? __defProp$g(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$g = (obj, key, value) => __defNormalProp$g(obj, typeof key !== "symbol" ? key + "" : key, value);
class TickBatch {
  constructor(database) {
    __publicField$g(this, "database", database);
    __publicField$g(this, "queue", []);
    __publicField$g(this, "scheduled", false);
    __publicField$g(this, "running");
  }
  /** Queues `work` for this tick's transaction; resolves with its result once committed. */
  run(work) {
    return new Promise((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      this.schedule();
    });
  }
  /** Resolves once everything queued so far is committed (or failed). */
  async flush() {
    var _a;
    while (this.queue.length > 0 || this.running) await ((_a = this.running) != null ? _a : new Promise((r) => setImmediate(r)));
  }
  // --- Internal helpers ---
  schedule() {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.drain().finally(() => {
        this.running = void 0;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }
  async drain() {
    const batch = this.queue;
    this.queue = [];
    const results = [];
    try {
      await this.database.transaction(async (tx) => {
        results.length = 0;
        for (const item of batch) results.push(await item.work(tx));
      });
      batch.forEach((item, i) => item.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const item of batch) await this.alone(item);
    }
  }
  async alone(item) {
    try {
      item.resolve(await this.database.transaction((tx) => item.work(tx)));
    } catch (error) {
      item.reject(error);
    }
  }
}

var __defProp$f = Object.defineProperty;
var __defNormalProp$f = (obj, key, value) => key in obj ? __defProp$f(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$f = (obj, key, value) => __defNormalProp$f(obj, typeof key !== "symbol" ? key + "" : key, value);
const DAY = 864e5;
const BATCH = 1e3;
class Retention {
  constructor(kinds, logger, intervalMs = 6e5, now = Date.now) {
    __publicField$f(this, "kinds", kinds);
    __publicField$f(this, "logger", logger);
    __publicField$f(this, "intervalMs", intervalMs);
    __publicField$f(this, "now", now);
    __publicField$f(this, "timer");
    __publicField$f(this, "running");
    __publicField$f(this, "stopped", false);
  }
  start() {
    var _a, _b;
    if (this.timer || !this.kinds.some((k) => k.days !== false)) return;
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    (_b = (_a = this.timer).unref) == null ? void 0 : _b.call(_a);
  }
  /** Prunes every kind once; resolves with how many records were deleted. */
  run() {
    var _a;
    (_a = this.running) != null ? _a : this.running = this.prune().finally(() => this.running = void 0);
    return this.running;
  }
  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = void 0;
    await this.running;
  }
  // --- Internal helpers ---
  async prune() {
    let total = 0;
    for (const { name, days, store } of this.kinds) {
      if (days === false) continue;
      const before = this.now() - days * DAY;
      try {
        for (; ; ) {
          const removed = await store.prune(before, BATCH);
          total += removed;
          if (removed < BATCH || this.stopped) break;
          await new Promise((r) => setImmediate(r));
        }
      } catch (error) {
        this.logger.warn(`retention: pruning ${name} failed`, error);
      }
    }
    return total;
  }
}
function resolveRetention(options = {}) {
  var _a;
  const days = (field, fallback) => {
    var _a2;
    const value = (_a2 = options[field]) != null ? _a2 : fallback;
    if (value !== false && (typeof value !== "number" || !(value > 0))) {
      throw new MultiWAError("VALIDATION_FAILED", `Expected \`retention.${field}\` to be a positive number of days or false, got \`${String(value)}\` (${typeof value})`, {
        details: { field: `retention.${field}`, value }
      });
    }
    return value;
  };
  return {
    messages: days("messages", 30),
    history: days("history", false),
    webhookDeliveries: days("webhookDeliveries", 7),
    audit: days("audit", 180),
    intervalMs: (_a = options.intervalMs) != null ? _a : 6e5
  };
}

var __defProp$e = Object.defineProperty;
var __defNormalProp$e = (obj, key, value) => key in obj ? __defProp$e(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$e = (obj, key, value) => __defNormalProp$e(obj, typeof key !== "symbol" ? key + "" : key, value);
const silentLogger = { debug() {
}, info() {
}, warn() {
}, error() {
} };
async function createMultiWA(options) {
  var _a, _b, _c;
  if (!(options == null ? void 0 : options.engines) || Object.keys(options.engines).length === 0) {
    throw new MultiWAError("VALIDATION_FAILED", "Expected `engines` to name at least one engine, e.g. `{ mock: mockEngine() }`", { details: { field: "engines" } });
  }
  const storage = guardStorageKeys((_a = options.storage) != null ? _a : await createFsStorage(options.dataDir));
  const { database, owned } = await resolveDatabase(options, storage);
  const wa = new MultiWA(options, storage, database, owned);
  await ((_b = options.bus) == null ? void 0 : _b.subscribe((message) => wa.onBusMessage(message), wa.nodeId));
  await wa.tenancy.organizations.ensureDefaults();
  await wa.webhooks.restore();
  if (options.restore !== false) await wa.restore();
  if (options.restore !== false) await wa.campaigns.restore();
  if (options.restore !== false) await wa.automation.restore();
  (_c = wa.cluster) == null ? void 0 : _c.install();
  wa.retention.start();
  return wa;
}
class MultiWA extends EventEmitter$1 {
  constructor(options, storage, database, ownsDatabase = false) {
    var _a, _b, _c, _d;
    super();
    __publicField$e(this, "storage");
    /** The records database (SQL); `storage` keeps what is key-value by nature. */
    __publicField$e(this, "database");
    __publicField$e(this, "engines");
    __publicField$e(this, "profiles");
    /** Engine settings per profile (secrets): read by the engine and the ingress check, never by listings. */
    __publicField$e(this, "settings");
    __publicField$e(this, "records");
    __publicField$e(this, "history");
    __publicField$e(this, "apiKeys");
    __publicField$e(this, "webhooks");
    /** The one client every outbound call goes through (webhooks, media URLs, AI, flow HTTP). */
    __publicField$e(this, "outbound");
    __publicField$e(this, "tenancy");
    __publicField$e(this, "audit");
    __publicField$e(this, "analytics");
    /**
     * Every event of the cluster: this node's and, with a `bus`, the other nodes'. Live streams
     * (SSE, WebSocket) listen here; history, analytics and webhooks listen to this node's own events only.
     */
    __publicField$e(this, "clusterEvents", new EventEmitter$1());
    __publicField$e(this, "contacts");
    __publicField$e(this, "templates");
    __publicField$e(this, "campaigns");
    __publicField$e(this, "automation");
    __publicField$e(this, "nodeId");
    __publicField$e(this, "accessInstance");
    /** With a `bus`: sends owner-only calls to the node running the profile. */
    __publicField$e(this, "cluster");
    __publicField$e(this, "runtimes", /* @__PURE__ */ new Map());
    __publicField$e(this, "outboxes", /* @__PURE__ */ new Map());
    __publicField$e(this, "mediaFetcher");
    /** The hot path's writer: one transaction per event-loop tick for every message of that tick. */
    __publicField$e(this, "batch");
    /** Deletes expired records in the background (see `MultiWAOptions.retention`); `run()` prunes now. */
    __publicField$e(this, "retention");
    __publicField$e(this, "options");
    __publicField$e(this, "leases");
    __publicField$e(this, "logger");
    __publicField$e(this, "ownsDatabase");
    // --- Internal helpers ---
    __publicField$e(this, "emitEvent", (event, payload) => {
      var _a;
      this.emit(event, payload);
      this.emit("*", event, payload);
      this.emitClusterEvent(event, payload);
      void ((_a = this.options.bus) == null ? void 0 : _a.publish({ kind: "event", from: this.nodeId, event, payload }).catch(() => void 0));
    });
    this.options = options;
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.logger = (_a = options.logger) != null ? _a : silentLogger;
    this.storage = storage;
    this.engines = options.engines;
    if (options.defaultEngine && !options.engines[options.defaultEngine]) throw engineNotFound(options.defaultEngine);
    this.profiles = new ProfileStore(storage);
    this.settings = new ProfileSettingsStore(storage);
    this.batch = new TickBatch(database);
    this.records = new MessageRecords(database, this.batch);
    this.history = new MessageHistory(database, this.batch);
    this.apiKeys = new ApiKeys(storage);
    this.tenancy = new Tenancy(storage);
    this.audit = new AuditLog(database.db);
    this.analytics = new Analytics(storage);
    this.leases = (_b = options.leases) != null ? _b : localLeases();
    this.nodeId = (_c = options.nodeId) != null ? _c : `node-${randomBytes(4).toString("hex")}`;
    this.outbound = new OutboundClient(options.outbound);
    const invalidate = () => {
      var _a2;
      return void ((_a2 = options.bus) == null ? void 0 : _a2.publish({ kind: "invalidate", from: this.nodeId, what: "webhooks" }).catch(() => void 0));
    };
    this.webhooks = new Webhooks({ database, batch: this.batch, onChange: invalidate }, {
      ...options.webhooks,
      client: this.outbound,
      logger: this.logger,
      workspaceOf: async (profileId) => {
        var _a2;
        return (_a2 = await this.profiles.find(profileId)) == null ? void 0 : _a2.workspaceId;
      },
      nodeId: this.nodeId,
      // Shared leases mean other nodes share this database: their claims on deliveries stand.
      shared: options.leases !== void 0
    });
    const keep = resolveRetention(options.retention);
    this.retention = new Retention([
      { name: "message records", days: keep.messages, store: this.records },
      { name: "history", days: keep.history, store: this.history },
      { name: "webhook deliveries", days: keep.webhookDeliveries, store: this.webhooks },
      { name: "audit", days: keep.audit, store: this.audit }
    ], this.logger, keep.intervalMs);
    this.contacts = new ContactStore(database.db);
    this.templates = new TemplateStore(storage);
    if (options.bus) this.cluster = new OwnerCalls(this, { bus: options.bus, leases: this.leases, nodeId: this.nodeId, logger: this.logger, ...options.forwardTimeoutMs ? { timeoutMs: options.forwardTimeoutMs } : {} });
    this.campaigns = new Campaigns({
      storage,
      contacts: this.contacts,
      templates: this.templates,
      profiles: this.profiles,
      records: this.records,
      logger: this.logger,
      send: (id, request) => this.send(id, request),
      emit: this.emitEvent,
      events: this.clusterEvents,
      leases: this.leases,
      nodeId: this.nodeId,
      leaseTtlMs: (_d = options.leaseTtlMs) != null ? _d : 3e4
    });
    this.automation = createAutomation(this, options);
    wireBookkeeping(this, { logger: this.logger });
  }
  /** Authorizes the ids a caller names against its principal; the server's request pipeline uses it too. */
  get access() {
    var _a;
    return (_a = this.accessInstance) != null ? _a : this.accessInstance = new Access(accessPorts(this));
  }
  capabilities() {
    return capabilityMatrix(this.engines);
  }
  // --- Profiles ---
  async createProfile(input) {
    var _a, _b;
    const parsed = parseInput(CreateProfileSchema, input, "profile");
    const engine = (_b = (_a = parsed.engine) != null ? _a : this.options.defaultEngine) != null ? _b : Object.keys(this.engines)[0];
    if (!this.engines[engine]) throw engineNotFound(engine);
    const { settings, ...fields } = parsed;
    const checked = settings ? this.checkSettings(engine, settings) : void 0;
    const profile = await this.profiles.create({ ...fields, engine });
    if (!checked) return profile;
    await this.settings.put(profile.id, checked);
    return this.profiles.update(profile.id, { settingsKeys: Object.keys(checked).sort() });
  }
  async updateProfile(id, input) {
    var _a;
    const { settings, ...patch } = parseInput(UpdateProfileSchema, input, "profile");
    const current = await this.profiles.get(id);
    if (settings) {
      const merged = Object.fromEntries(Object.entries({ ...await this.settings.get(id), ...settings }).filter(([, v]) => v !== null));
      const checked = this.checkSettings(current.engine, merged);
      await this.settings.put(id, checked);
      patch.settingsKeys = Object.keys(checked).sort();
    }
    const profile = await this.profiles.update(id, patch);
    (_a = this.outboxes.get(id)) == null ? void 0 : _a.updatePacing(resolvePacing(this.options.pacing, profile.pacing));
    return profile;
  }
  /** Stops the session and deletes the profile with its credentials, queue and message records. */
  async deleteProfile(id) {
    await this.profiles.get(id);
    await this.stop(id);
    await Promise.all([
      clearPrefix(profileAuthStorage(this.storage, id)),
      this.settings.remove(id),
      this.records.removeProfile(id),
      this.history.removeProfile(id),
      this.automation.removeProfile(id)
    ]);
    await this.profiles.remove(id);
  }
  // --- Sessions ---
  async start(id) {
    const runtime = await this.runtime(id);
    await this.profiles.update(id, { desired: "running" });
    await runtime.start();
    const restored = await this.outbox(id).then((o) => o.restore());
    if (restored) this.logger.info(`restored ${restored} queued messages`, { profileId: id });
    return this.status(id);
  }
  async stop(id) {
    await this.profiles.update(id, { desired: "stopped" });
    await this.release(id);
    return this.status(id);
  }
  async restart(id) {
    await this.stop(id);
    return this.start(id);
  }
  /**
   * Hands the profile to another node: stops its session here but leaves it wanted, so a node with
   * fewer profiles takes it over (rebalancing). Queued messages stay in storage for the next owner.
   */
  async release(id) {
    var _a;
    await this.dropOutbox(id);
    await ((_a = this.runtimes.get(id)) == null ? void 0 : _a.stop());
  }
  /**
   * Picks up messages another node queued for a profile running here whose wake-up never arrived
   * (that node died right after storing them). Resolves with how many were found.
   */
  async resumeQueued(id) {
    var _a, _b;
    return this.isRunningHere(id) ? (_b = await ((_a = this.outboxes.get(id)) == null ? void 0 : _a.restore())) != null ? _b : 0 : 0;
  }
  /** Logs the account out: credentials are erased and the next start shows a new QR. */
  async logout(id) {
    const runtime = await this.runtime(id);
    await this.dropOutbox(id);
    await runtime.logout();
    await this.profiles.update(id, { desired: "stopped" });
    return this.status(id);
  }
  /** Whether this process holds the profile's session (its lease). */
  isRunningHere(id) {
    var _a;
    const status = (_a = this.runtimes.get(id)) == null ? void 0 : _a.status;
    return status !== void 0 && status !== "stopped" && status !== "logged_out" && status !== "conflict" && status !== "failed";
  }
  async status(id) {
    var _a, _b, _c, _d, _e;
    const profile = await this.profiles.get(id);
    const runtime = this.runtimes.get(id);
    const qr = runtime == null ? void 0 : runtime.qr.latest;
    return {
      profileId: id,
      status: (_a = runtime == null ? void 0 : runtime.status) != null ? _a : profile.status,
      queued: (_c = (_b = this.outboxes.get(id)) == null ? void 0 : _b.size) != null ? _c : 0,
      ...((_d = runtime == null ? void 0 : runtime.me) != null ? _d : profile.me) ? { me: (_e = runtime == null ? void 0 : runtime.me) != null ? _e : profile.me } : {},
      ...qr ? { qr } : {}
    };
  }
  /** QR codes as they rotate; ends when the session opens or stops. */
  async *qr(id, signal) {
    const runtime = await this.runtime(id);
    yield* runtime.qr.stream(signal);
  }
  /** Logs in by phone number instead of QR; the user types the code into WhatsApp on that phone. */
  async requestPairingCode(id, phone) {
    const runtime = await this.runtime(id);
    assertCapability(runtime.engine, "login.pairingCode");
    if (runtime.status === "stopped" || runtime.status === "logged_out") await this.start(id);
    const session = runtime.session;
    if (!session) throw new MultiWAError("ENGINE_NOT_CONNECTED", `Profile "${id}" has no connection to pair`, { details: { profileId: id } });
    const request = capabilityMethod(runtime.engine, session, "login.pairingCode");
    return request(toJid(phone, "phone").split("@")[0]);
  }
  /** Reconnects every profile that should be running (after a restart, or a move to this node). */
  async restore() {
    const wanted = (await this.profiles.list()).filter((p) => p.desired === "running");
    const started = [];
    for (const profile of wanted) {
      try {
        await this.start(profile.id);
        started.push(profile.id);
      } catch (error) {
        if (error.code === "SESSION_NOT_OWNED") this.logger.info(`${profile.id} runs on another node`);
        else this.logger.warn(`could not restore ${profile.id}`, error);
      }
    }
    return started;
  }
  // --- Messaging ---
  /** Validates, persists and queues a message; resolves with its record once it is safe on disk. */
  async send(id, request) {
    var _a, _b, _c;
    const { to, content, options = {} } = parseInput(SendRequestSchema, request, "message");
    const jid = toJid(to);
    const runtime = await this.runtime(id);
    assertCapability(runtime.engine, sendCapability(content.type));
    if (options.quotedId) assertCapability(runtime.engine, "send.reply");
    await ((_b = (_a = runtime.engine).preflight) == null ? void 0 : _b.call(_a, { profileId: id, storage: profileAuthStorage(this.storage, id), settings: await this.settings.get(id), to: jid, content }));
    const record = await (await this.outbox(id)).enqueue(jid, content, options);
    this.emitEvent("message.queued", { ...record, profileId: id });
    if (!this.isRunningHere(id)) void ((_c = this.options.bus) == null ? void 0 : _c.publish({ kind: "outbox", from: this.nodeId, profileId: id }).catch(() => void 0));
    return record;
  }
  /** `send`, then waits until the engine has taken the message (or it failed). */
  async sendAndWait(id, request, timeoutMs = 6e4) {
    const record = await this.send(id, request);
    return this.waitForMessage(id, record.id, timeoutMs);
  }
  async waitForMessage(id, messageId, timeoutMs = 6e4) {
    const deadline = Date.now() + timeoutMs;
    for (; ; ) {
      const current = await this.getMessage(id, messageId);
      if (current.status !== "queued" && current.status !== "sending") return current;
      if (Date.now() > deadline) throw new MultiWAError("TIMEOUT", `Message ${messageId} still ${current.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  async getMessage(id, messageId) {
    const record = await this.records.get(id, messageId);
    if (!record) throw new MultiWAError("MESSAGE_NOT_FOUND", `No message ${messageId} on profile "${id}"`, { details: { profileId: id, messageId } });
    return record;
  }
  async markRead(id, chatId, ids, sender) {
    const { engine, session } = await this.connected(id);
    const jid = toJid(chatId, "chatId");
    await capabilityMethod(engine, session, "receipts.read")(jid, ids, sender && toJid(sender, "sender"));
    await this.history.markRead(id, jid);
  }
  /** Conversations of a profile, most recent first. */
  async chats(id, options = {}) {
    await this.profiles.get(id);
    return this.history.chats(id, options);
  }
  /** A page of one chat's messages, oldest first; pass `next` as `before` for older ones. */
  async chatMessages(id, chatId, options = {}) {
    await this.profiles.get(id);
    return this.history.messages(id, toJid(chatId, "chatId"), options);
  }
  async sendPresence(id, state, to) {
    const { engine, session } = await this.connected(id);
    await capabilityMethod(engine, session, "presence")(state, to && toJid(to));
  }
  async downloadMedia(id, message) {
    const { engine, session } = await this.connected(id);
    return capabilityMethod(engine, session, "media.download")(message);
  }
  /**
   * Hands a payload the platform pushed (a verified webhook of an official API) to the profile's
   * live session; in a cluster it runs on the node holding the profile.
   */
  async ingest(id, payload) {
    const runtime = await this.runtime(id);
    const session = runtime.session;
    if (!(session == null ? void 0 : session.ingest)) {
      throw new MultiWAError("ENGINE_NOT_CONNECTED", `Profile "${id}" has no running session that takes pushed payloads`, { details: { profileId: id, status: runtime.status } });
    }
    await session.ingest(payload);
  }
  // --- Groups ---
  async createGroup(id, subject, participants) {
    const { engine, session } = await this.connected(id);
    return capabilityMethod(engine, session, "groups.create")(subject, participants.map((p) => toJid(p, "participants")));
  }
  async groupInfo(id, groupId) {
    const { engine, session } = await this.connected(id);
    return capabilityMethod(engine, session, "groups.info")(toJid(groupId, "groupId"));
  }
  async updateGroupParticipants(id, groupId, action, participants) {
    const { engine, session } = await this.connected(id);
    const update = capabilityMethod(engine, session, "groups.participants");
    return update(toJid(groupId, "groupId"), action, participants.map((p) => toJid(p, "participants")));
  }
  async groupInviteCode(id, groupId) {
    const { engine, session } = await this.connected(id);
    return capabilityMethod(engine, session, "groups.invite")(toJid(groupId, "groupId"));
  }
  async leaveGroup(id, groupId) {
    const { engine, session } = await this.connected(id);
    await capabilityMethod(engine, session, "groups.leave")(toJid(groupId, "groupId"));
  }
  /** Disconnects every session (credentials and queues stay) and releases leases. */
  async close() {
    var _a, _b;
    await this.campaigns.stop();
    this.automation.stop();
    await Promise.all([...this.outboxes.keys()].map((id) => this.dropOutbox(id)));
    await Promise.all([...this.runtimes.values()].map((r) => r.stop()));
    await this.retention.stop();
    await this.webhooks.stop();
    this.outbound.close();
    await this.analytics.flush();
    await this.batch.flush();
    (_a = this.cluster) == null ? void 0 : _a.close();
    await ((_b = this.options.bus) == null ? void 0 : _b.close());
    this.removeAllListeners();
    this.clusterEvents.removeAllListeners();
    if (this.ownsDatabase) await this.database.close();
  }
  emitClusterEvent(event, payload) {
    this.clusterEvents.emit(event, payload);
    this.clusterEvents.emit("*", event, payload);
  }
  /** @internal Messages from other nodes. */
  onBusMessage(message) {
    var _a;
    if (message.from === this.nodeId) return;
    if (message.kind === "event") return this.emitClusterEvent(message.event, message.payload);
    if (message.kind === "call" || message.kind === "reply") return (_a = this.cluster) == null ? void 0 : _a.onMessage(message);
    if (message.kind === "invalidate") return this.webhooks.invalidate();
    if (message.kind === "outbox") void this.resumeQueued(message.profileId);
  }
  async runtime(id) {
    var _a, _b;
    const existing = this.runtimes.get(id);
    if (existing) return existing;
    const profile = await this.profiles.get(id);
    const engine = this.engines[profile.engine];
    if (!engine) throw engineNotFound(profile.engine);
    const runtime = new SessionRuntime({
      profileId: id,
      engine,
      authStorage: profileAuthStorage(this.storage, id),
      backoff: parseInput(BackoffSchema, (_a = this.options.reconnect) != null ? _a : {}, "reconnect"),
      leases: this.leases,
      nodeId: this.nodeId,
      leaseTtlMs: (_b = this.options.leaseTtlMs) != null ? _b : 3e4,
      logger: this.logger,
      emit: this.emitEvent,
      settings: () => this.settings.get(id),
      onStatus: async (status, me) => {
        if (!await this.profiles.find(id)) return;
        await this.profiles.update(id, { status, ...me ? { me } : {} });
      }
    });
    this.runtimes.set(id, runtime);
    return runtime;
  }
  /** The engine's settings schema applied to a profile's settings; engines without one take none. */
  checkSettings(engineName, settings) {
    var _a;
    const schema = (_a = this.engines[engineName]) == null ? void 0 : _a.settingsSchema;
    if (schema) return parseInput(schema, settings, "settings");
    if (!Object.keys(settings).length) return settings;
    throw new MultiWAError("VALIDATION_FAILED", `Engine "${engineName}" takes no settings`, { details: { field: "settings" } });
  }
  async outbox(id) {
    const existing = this.outboxes.get(id);
    if (existing) return existing;
    const [profile, runtime] = await Promise.all([this.profiles.get(id), this.runtime(id)]);
    const outbox = new Outbox({
      database: this.database,
      batch: this.batch,
      records: this.records,
      profileId: id,
      pacing: resolvePacing(this.options.pacing, profile.pacing),
      waitUntilOpen: (signal) => runtime.waitUntilOpen(signal),
      leaseEpoch: () => runtime.leaseEpoch,
      deliver: (item, pacer) => this.deliver(runtime, item, pacer),
      onFailed: (item, error) => this.emitEvent("message.failed", { profileId: id, id: item.id, to: item.to, error: error.toJSON() })
    });
    this.outboxes.set(id, outbox);
    return outbox;
  }
  async dropOutbox(id) {
    const outbox = this.outboxes.get(id);
    this.outboxes.delete(id);
    await (outbox == null ? void 0 : outbox.stop());
  }
  deliver(runtime, item, pacer) {
    var _a, _b;
    return deliverItem(runtime, item, pacer, {
      fetchMedia: (_b = this.options.fetchMedia) != null ? _b : (_a = this.mediaFetcher) != null ? _a : this.mediaFetcher = guardedMediaFetcher(this.outbound),
      records: this.records,
      onSent: (sent) => {
        this.emitEvent("message.sent", { ...sent, profileId: item.profileId });
      }
    });
  }
  async connected(id) {
    const runtime = await this.runtime(id);
    return { engine: runtime.engine, session: runtime.requireSession() };
  }
}
function engineNotFound(name) {
  return new MultiWAError("ENGINE_NOT_FOUND", `No engine named "${name}" is configured`, { details: { field: "engine", value: name } });
}

const ACQUIRE = `
local current = redis.call("GET", KEYS[1])
if current == false or current == ARGV[1] then
  redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
  if current == false then return redis.call("INCR", KEYS[2]) end
  return tonumber(redis.call("GET", KEYS[2]) or "0")
end
return 0`;
const RENEW = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`;
const HOLDER = `return redis.call("GET", KEYS[1])`;
function redisLeases(redis, options = {}) {
  var _a;
  const prefix = (_a = options.prefix) != null ? _a : "multiwa:lease";
  const tokens = /* @__PURE__ */ new Map();
  return {
    async acquire(key, owner, ttlMs) {
      const token = Number(await redis.eval(ACQUIRE, 2, `${prefix}:${key}`, `${prefix}:${key}:fence`, owner, ttlMs));
      if (token > 0) tokens.set(key, token);
      return token > 0;
    },
    async renew(key, owner, ttlMs) {
      return Number(await redis.eval(RENEW, 1, `${prefix}:${key}`, owner, ttlMs)) === 1;
    },
    async release(key, owner) {
      await redis.eval(RELEASE, 1, `${prefix}:${key}`, owner);
      tokens.delete(key);
    },
    async holder(key) {
      var _a2;
      return (_a2 = await redis.eval(HOLDER, 1, `${prefix}:${key}`)) != null ? _a2 : void 0;
    },
    token: (key) => tokens.get(key)
  };
}

const PARALLEL_STARTS = 8;
function startTakeoverLoop(wa, options = {}) {
  var _a, _b, _c, _d, _e;
  const orphanMs = (_a = options.orphanMs) != null ? _a : 3e4;
  const freeSince = /* @__PURE__ */ new Map();
  let seen = [];
  const startHere = (_c = (_b = wa.cluster) == null ? void 0 : _b.local.start) != null ? _c : ((id) => wa.start(id));
  let running = false;
  const pass = async () => {
    var _a2, _b2, _c2, _d2;
    const now = Date.now();
    const wanted = (await wa.profiles.list()).filter((p) => p.desired === "running").map((p) => p.id).sort();
    const nodes = await ((_a2 = options.membership) == null ? void 0 : _a2.beat());
    if (nodes && seen.some((n) => !nodes.includes(n))) {
      for (const id of wanted.filter((p) => wa.isRunningHere(p))) {
        const found = await wa.resumeQueued(id).catch(() => 0);
        if (found) (_b2 = options.logger) == null ? void 0 : _b2.info(`picked up ${found} messages a departed node queued for ${id}`);
      }
    }
    seen = nodes != null ? nodes : [];
    const share = nodes ? Math.ceil(wanted.length / Math.max(1, nodes.length)) : Infinity;
    const here = wanted.filter((id) => wa.isRunningHere(id));
    const open = here.length > share ? await filterAsync(here, async (id) => (await wa.status(id)).status === "open") : [];
    for (const id of open.slice(Math.max(0, open.length - (here.length - share)))) {
      (_c2 = options.logger) == null ? void 0 : _c2.info(`handing off profile ${id} (${here.length} here, fair share ${share} of ${wanted.length} on ${nodes == null ? void 0 : nodes.length} nodes)`);
      await wa.release(id).catch((error) => {
        var _a3;
        return (_a3 = options.logger) == null ? void 0 : _a3.warn(`could not hand off ${id}`, error);
      });
    }
    const mine = wanted.filter((id) => wa.isRunningHere(id)).length;
    const candidates = [];
    const owned = await Promise.all(wanted.map(async (id) => {
      var _a3;
      return wa.isRunningHere(id) || !!await ((_a3 = wa.cluster) == null ? void 0 : _a3.remoteOwner(id));
    }));
    for (const [i, id] of wanted.entries()) {
      if (owned[i]) {
        freeSince.delete(id);
        continue;
      }
      const since = (_d2 = freeSince.get(id)) != null ? _d2 : now;
      freeSince.set(id, since);
      if (now - since >= orphanMs || mine + candidates.length < share) candidates.push(id);
    }
    const taken = [];
    await inParallel(candidates, PARALLEL_STARTS, async (id) => {
      var _a3, _b3;
      try {
        await startHere(id);
        taken.push(id);
        freeSince.delete(id);
        (_a3 = options.logger) == null ? void 0 : _a3.info(`took over profile ${id}`);
      } catch (error) {
        if (error.code !== "SESSION_NOT_OWNED") (_b3 = options.logger) == null ? void 0 : _b3.warn(`could not take over ${id}`, error);
      }
    });
    return taken.sort();
  };
  const runOnce = async () => {
    if (running) return [];
    running = true;
    try {
      return await pass();
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void runOnce().catch((e) => {
    var _a2;
    return (_a2 = options.logger) == null ? void 0 : _a2.warn("takeover pass failed", e);
  }), (_d = options.intervalMs) != null ? _d : 5e3);
  (_e = timer.unref) == null ? void 0 : _e.call(timer);
  return {
    stop: () => clearInterval(timer),
    runOnce
  };
}
async function inParallel(items, limit, run) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++]);
  }));
}
async function filterAsync(items, keep) {
  const verdicts = await Promise.all(items.map(keep));
  return items.filter((_, i) => verdicts[i]);
}

const BEAT = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call("ZADD", KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now)
return redis.call("ZRANGE", KEYS[1], 0, -1)`;
const LEAVE = `return redis.call("ZREM", KEYS[1], ARGV[1])`;
function redisMembership(redis, options) {
  var _a;
  const key = `${(_a = options.prefix) != null ? _a : "multiwa"}:nodes`;
  return {
    beat: async () => await redis.eval(BEAT, 1, key, options.nodeId, options.ttlMs),
    leave: async () => void await redis.eval(LEAVE, 1, key, options.nodeId)
  };
}

function redisBus(publisher, subscriber, channel = "multiwa:bus") {
  const direct = (node) => `${channel}:node:${node}`;
  let batch;
  let sent;
  const flush = async (messages) => {
    await Promise.all([...messages].map(([to, list]) => publisher.publish(to, JSON.stringify(list.length === 1 ? list[0] : list))));
  };
  return {
    publish(message, to) {
      if (!batch) {
        const current = batch = /* @__PURE__ */ new Map();
        sent = new Promise((resolve) => setImmediate(resolve)).then(() => (batch = void 0, flush(current)));
      }
      const target = to ? direct(to) : channel;
      const list = batch.get(target);
      if (list) list.push(message);
      else batch.set(target, [message]);
      return sent;
    },
    async subscribe(handler, nodeId) {
      const mine = /* @__PURE__ */ new Set([channel, ...nodeId ? [direct(nodeId)] : []]);
      subscriber.on("message", (from, raw) => {
        if (!mine.has(from)) return;
        let parsed;
        try {
          parsed = JSON.parse(raw);
        } catch {
          return;
        }
        for (const message of Array.isArray(parsed) ? parsed : [parsed]) handler(message);
      });
      if (subscriber.status && subscriber.status !== "ready" && subscriber.once) {
        await new Promise((resolve) => subscriber.once("ready", resolve));
      }
      await subscriber.subscribe(...mine);
    },
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    }
  };
}

const STATUS = {
  VALIDATION_FAILED: 422,
  INVALID_ID: 400,
  INVALID_JID: 422,
  PROFILE_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  PROFILE_EXISTS: 409,
  ALREADY_EXISTS: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ENGINE_NOT_FOUND: 422,
  ENGINE_NOT_CONNECTED: 409,
  CAPABILITY_UNSUPPORTED: 422,
  SESSION_LOGGED_OUT: 409,
  SESSION_NOT_OWNED: 503,
  SEND_FAILED: 502,
  WINDOW_CLOSED: 409,
  TIMEOUT: 504,
  STORAGE_FAILED: 503
};
function apiError(statusCode, body, cause) {
  const safe = boundedBody(body);
  return createError$1({ statusCode, statusMessage: safe.code, message: safe.message, data: safe, ...cause !== void 0 ? { cause } : {} });
}
function toHttpError(error) {
  var _a, _b, _c, _d;
  if (isMultiWAError(error)) {
    const issues = error.details.issues;
    const field = (_b = error.details.field) != null ? _b : (_a = issues == null ? void 0 : issues[0]) == null ? void 0 : _a.field;
    const status = (_c = STATUS[error.code]) != null ? _c : 500;
    return apiError(status, {
      code: error.code,
      message: error.message.replace(/^\[multiwa\] (\[[^\]]+\] )?/, ""),
      ...field ? { field } : {},
      ...Object.keys(error.details).length ? { details: error.details } : {}
    }, status >= 500 ? error : void 0);
  }
  const h3 = error;
  if (h3 && typeof h3.statusCode === "number" && h3.statusCode < 500) {
    return apiError(h3.statusCode, (_d = h3.data) != null ? _d : { code: codeFor(h3.statusCode), message: h3.statusMessage || h3.message });
  }
  return apiError(500, { code: "INTERNAL", message: "Internal error; see the gateway log" }, error);
}
const MAX_MESSAGE = 500;
const MAX_FIELD = 200;
const MAX_ISSUES = 20;
function boundedBody(body) {
  var _a;
  const out = { ...body, code: clip(String(body.code), 64), message: clip(String((_a = body.message) != null ? _a : ""), MAX_MESSAGE) };
  if (body.field !== void 0) out.field = clip(String(body.field), MAX_FIELD);
  if (body.details) out.details = boundedDetails(body.details);
  return out;
}
function boundedDetails(details) {
  var _a;
  let clipped;
  try {
    clipped = JSON.parse((_a = JSON.stringify(details, (_k, v) => typeof v === "string" ? clip(v, MAX_FIELD) : v)) != null ? _a : "{}");
  } catch {
    return { truncated: true };
  }
  if (Array.isArray(clipped.issues) && clipped.issues.length > MAX_ISSUES) {
    clipped.moreIssues = clipped.issues.length - MAX_ISSUES;
    clipped.issues = clipped.issues.slice(0, MAX_ISSUES);
  }
  return JSON.stringify(clipped).length > 8192 ? { truncated: true, ...clipped.issues ? { issues: clipped.issues.slice(0, 5) } : {} } : clipped;
}
function clip(text, max) {
  return text.length > max ? `${text.slice(0, max)}\u2026` : text;
}
function codeFor(status) {
  return status === 404 ? "NOT_FOUND" : status === 405 ? "METHOD_NOT_ALLOWED" : status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST";
}

const errorHandler$2 = (error, event) => {
  var _a, _b;
  const http = toHttpError((_a = error.cause) != null ? _a : error);
  const status = error.statusCode && error.statusCode !== 500 ? error.statusCode : http.statusCode;
  if (status >= 500) console.error(`[multiwa] unhandled error on ${event.method} ${event.path.split("?")[0]}:`, (_b = error.cause) != null ? _b : error);
  const body = error.data && typeof error.data === "object" && "code" in error.data ? error.data : http.data;
  event.node.res.statusCode = status;
  event.node.res.setHeader("content-type", "application/json");
  event.node.res.end(JSON.stringify(body != null ? body : { code: "INTERNAL", message: "Internal error" }));
};

function defineNitroErrorHandler(handler) {
  return handler;
}

const errorHandler$1 = defineNitroErrorHandler(
  function defaultNitroErrorHandler(error, event) {
    const res = defaultHandler(error, event);
    setResponseHeaders(event, res.headers);
    setResponseStatus(event, res.status, res.statusText);
    return send(event, JSON.stringify(res.body, null, 2));
  }
);
function defaultHandler(error, event, opts) {
  const isSensitive = error.unhandled || error.fatal;
  const statusCode = error.statusCode || 500;
  const statusMessage = error.statusMessage || "Server Error";
  const url = getRequestURL(event, { xForwardedHost: true, xForwardedProto: true });
  if (statusCode === 404) {
    const baseURL = "/";
    if (/^\/[^/]/.test(baseURL) && !url.pathname.startsWith(baseURL)) {
      const redirectTo = `${baseURL}${url.pathname.slice(1)}${url.search}`;
      return {
        status: 302,
        statusText: "Found",
        headers: { location: redirectTo },
        body: `Redirecting...`
      };
    }
  }
  if (isSensitive && !opts?.silent) {
    const tags = [error.unhandled && "[unhandled]", error.fatal && "[fatal]"].filter(Boolean).join(" ");
    console.error(`[request error] ${tags} [${event.method}] ${url}
`, error);
  }
  const headers = {
    "content-type": "application/json",
    // Prevent browser from guessing the MIME types of resources.
    "x-content-type-options": "nosniff",
    // Prevent error page from being embedded in an iframe
    "x-frame-options": "DENY",
    // Prevent browsers from sending the Referer header
    "referrer-policy": "no-referrer",
    // Disable the execution of any js
    "content-security-policy": "script-src 'none'; frame-ancestors 'none';"
  };
  setResponseStatus(event, statusCode, statusMessage);
  if (statusCode === 404 || !getResponseHeader(event, "cache-control")) {
    headers["cache-control"] = "no-cache";
  }
  const body = {
    error: true,
    url: url.href,
    statusCode,
    statusMessage,
    message: isSensitive ? "Server Error" : error.message,
    data: isSensitive ? void 0 : error.data
  };
  return {
    status: statusCode,
    statusText: statusMessage,
    headers,
    body
  };
}

const errorHandlers = [errorHandler$2, errorHandler$1];

async function errorHandler(error, event) {
  for (const handler of errorHandlers) {
    try {
      await handler(error, event, { defaultHandler });
      if (event.handled) {
        return; // Response handled
      }
    } catch(error) {
      // Handler itself thrown, log and continue
      console.error(error);
    }
  }
  // H3 will handle fallback
}

const _Ill7Gtx2IivKkoZze55dmAZ4qDQlORAIwFxa_acETCM = defineNitroPlugin(() => {
  const listen = Server.prototype.listen;
  Server.prototype.listen = function patchedListen(...args) {
    const http = this instanceof Server$1 || this instanceof Server$2;
    if (http && !this.listeners("clientError").includes(answerClientError)) this.on("clientError", answerClientError);
    return listen.apply(this, args);
  };
});
function answerClientError(error, socket) {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify(tooLarge ? { code: "HEADERS_TOO_LARGE", message: "The request headers are too large" } : { code: "BAD_REQUEST", message: "The request could not be parsed as HTTP" });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r
content-type: application/json\r
content-length: ${Buffer.byteLength(body)}\r
connection: close\r
\r
${body}`);
}

function demoEnabled(env = process.env) {
  return env.MULTIWA_DEMO === "1" || env.MULTIWA_DEMO === "true";
}
function demoRefusal(env = process.env) {
  if (!demoEnabled(env) || env.NODE_ENV !== "production") return void 0;
  if (env.MULTIWA_DEMO_FORCE === "1") return void 0;
  return "[multiwa] MULTIWA_DEMO=1 is refused with NODE_ENV=production: demo mode runs a simulated WhatsApp network and an open webhook receiver. Unset MULTIWA_DEMO, or set MULTIWA_DEMO_FORCE=1 to run the demo anyway.";
}
function selfUrl(env = process.env) {
  var _a, _b;
  const port = (_b = (_a = env.PORT) != null ? _a : env.NITRO_PORT) != null ? _b : "3000";
  return `http://127.0.0.1:${port}`;
}

const _MRTnVpItkMKiYPiSaDL6kiUbLktgTZVBQFShIAU7T84 = defineNitroPlugin(() => {
  const refusal = demoRefusal();
  if (!refusal) return;
  console.error(refusal);
  process.exit(1);
});

var __defProp$d = Object.defineProperty;
var __defNormalProp$d = (obj, key, value) => key in obj ? __defProp$d(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$d = (obj, key, value) => __defNormalProp$d(obj, typeof key !== "symbol" ? key + "" : key, value);
class EventJournal {
  constructor(wa, perProfile = 500) {
    __publicField$d(this, "perProfile", perProfile);
    __publicField$d(this, "epoch", Date.now().toString(36));
    __publicField$d(this, "seq", 0);
    __publicField$d(this, "recent", /* @__PURE__ */ new Map());
    __publicField$d(this, "listeners", /* @__PURE__ */ new Set());
    wa.clusterEvents.on("*", ((event, payload) => {
      if (typeof (payload == null ? void 0 : payload.profileId) === "string") this.append(event, payload);
    }));
  }
  /** Entries of `profileId` after `lastId`; `complete` is false when some may be gone (too old or another process). */
  since(profileId, lastId) {
    var _a;
    const entries = (_a = this.recent.get(profileId)) != null ? _a : [];
    const [epoch, seqText] = lastId.split("-");
    const seq = Number(seqText);
    if (epoch !== this.epoch || !Number.isInteger(seq)) return { entries, complete: false };
    const after = entries.filter((e) => Number(e.id.split("-")[1]) > seq);
    const complete = entries.length < this.perProfile || Number(entries[0].id.split("-")[1]) <= seq + 1;
    return { entries: after, complete };
  }
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  append(event, payload) {
    var _a;
    const entry = { id: `${this.epoch}-${++this.seq}`, event, payload };
    const list = (_a = this.recent.get(payload.profileId)) != null ? _a : [];
    list.push(entry);
    if (list.length > this.perProfile) list.shift();
    this.recent.set(payload.profileId, list);
    for (const listener of this.listeners) listener(entry);
  }
}
let journal;
function useEventJournal(wa) {
  journal != null ? journal : journal = new EventJournal(wa);
  return journal;
}

async function bootstrapAccess(wa) {
  const fromEnv = process.env.MULTIWA_API_KEY;
  if (fromEnv && !await wa.apiKeys.verify(fromEnv)) {
    await wa.apiKeys.create({ name: "admin (MULTIWA_API_KEY)" }, fromEnv);
  } else if (!fromEnv && await wa.apiKeys.count() === 0) {
    const token = `mwa_admin_${randomBytes(24).toString("base64url")}`;
    await wa.apiKeys.create({ name: "bootstrap admin" }, token);
    console.info(`
[multiwa] First start: your admin API key (shown once, stored hashed):

    ${token}

[multiwa] Send it as the X-API-Key header. Set MULTIWA_API_KEY to choose your own.
`);
  }
  const email = process.env.MULTIWA_ADMIN_EMAIL;
  const password = process.env.MULTIWA_ADMIN_PASSWORD;
  if (email && password && !await wa.tenancy.users.findByEmail(email)) {
    const user = await wa.tenancy.users.create({ email, password, name: "Administrator" });
    await wa.tenancy.members.add("default", user.id, { "*": "owner" });
    console.info(`[multiwa] created owner ${email} in the default organization`);
  }
}

const SESSION_COOKIE = "multiwa_session";
const CSRF_COOKIE = "multiwa_csrf";
function readCredential(source) {
  var _a;
  const header = (_a = source.header("x-api-key")) == null ? void 0 : _a.trim();
  if (header) return { token: header, via: "header" };
  const auth = source.header("authorization");
  if ((auth == null ? void 0 : auth.toLowerCase().startsWith("bearer ")) && auth.slice(7).trim()) return { token: auth.slice(7).trim(), via: "bearer" };
  const cookie = source.cookie(SESSION_COOKIE);
  if (cookie) return { token: cookie, via: "cookie" };
  const query = source.query("apiKey");
  return query ? { token: query, via: "query" } : void 0;
}
function cookieFrom(header, name) {
  var _a;
  for (const part of (_a = header == null ? void 0 : header.split(";")) != null ? _a : []) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return void 0;
}
function csrfTokenFor(sessionToken) {
  return createHash("sha256").update(`csrf:${sessionToken}`).digest("base64url");
}

const SAFE = /* @__PURE__ */ new Set(["GET", "HEAD", "OPTIONS"]);
function checkCsrf(method, credential, source) {
  var _a;
  if (!credential || credential.via !== "cookie" || SAFE.has(method.toUpperCase())) return;
  const site = source.header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw refused(`a ${site} request`);
  const origin = source.header("origin");
  if (origin && origin !== "null") {
    let host;
    try {
      host = new URL(origin).host;
    } catch {
      host = void 0;
    }
    if (!host || host !== source.host) throw refused(`Origin ${origin.slice(0, 100)}`);
  } else if (origin === "null") throw refused("an opaque Origin");
  const sent = (_a = source.header("x-csrf-token")) != null ? _a : "";
  const expected = csrfTokenFor(credential.token);
  if (sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) {
    throw new MultiWAError("FORBIDDEN", "Cookie-authenticated writes need the X-CSRF-Token header (the multiwa_csrf cookie's value)", { details: { field: "x-csrf-token", reason: "CSRF" } });
  }
}
function refused(what) {
  return new MultiWAError("FORBIDDEN", `Refused ${what} authenticated by cookie (cross-site request forgery defence)`, { details: { reason: "CSRF" } });
}

const buckets = /* @__PURE__ */ new Map();
function limit() {
  var _a;
  const value = Number((_a = process.env.MULTIWA_RATE_LIMIT) != null ? _a : 100);
  return Number.isFinite(value) && value > 0 ? value : 100;
}
function takeToken(keyId, now = Date.now()) {
  var _a;
  const rate = limit();
  const burst = rate * 2;
  const bucket = (_a = buckets.get(keyId)) != null ? _a : { tokens: burst, at: now };
  bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / 1e3 * rate);
  bucket.at = now;
  buckets.set(keyId, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.ceil((1 - bucket.tokens) / rate * 1e3);
}

const AUTHENTICATED = "authenticated";
function credentialSource(event) {
  var _a;
  return {
    header: (name) => getHeader(event, name),
    cookie: (name) => getCookie(event, name),
    query: (name) => {
      const v = getQuery(event)[name];
      return typeof v === "string" ? v : void 0;
    },
    host: (_a = getHeader(event, "x-forwarded-host")) != null ? _a : getHeader(event, "host")
  };
}
function requestCredential(event, options = {}) {
  const credential = readCredential(credentialSource(event));
  if ((credential == null ? void 0 : credential.via) === "query" && !(options.queryAllowed && (event.method === "GET" || options.queryWrites))) {
    throw apiError(401, { code: "UNAUTHENTICATED", message: "?apiKey= is accepted only on GET event streams and WebSocket; send the X-API-Key header", field: "apiKey" });
  }
  return credential;
}
async function authenticate(event, wa, permission, options = {}) {
  const credential = requestCredential(event, options);
  if (!credential) throw apiError(401, { code: "UNAUTHENTICATED", message: "Send an API key in the X-API-Key header, or log in" });
  checkCsrf(event.method, credential, credentialSource(event));
  const principal = await resolvePrincipal(wa, credential.token, getHeader(event, "x-organization"));
  if (!principal) throw apiError(401, { code: "UNAUTHENTICATED", message: "The API key or session is unknown, revoked or expired" });
  const requestPrincipal = { ...principal, required: permission };
  event.context.credential = credential;
  event.context.principal = requestPrincipal;
  if (permission !== AUTHENTICATED && !can(principal, permission)) throw apiError(403, { code: "FORBIDDEN", message: `You lack the \`${permission}\` permission` });
  const wait = takeToken(`${principal.kind}:${principal.id}`);
  if (wait > 0) {
    event.node.res.setHeader("retry-after", String(Math.ceil(wait / 1e3)));
    throw apiError(429, { code: "RATE_LIMITED", message: `Too many requests; retry in ${Math.ceil(wait / 1e3)} s` });
  }
  return requestPrincipal;
}
async function resolvePrincipal(wa, token, organizationId) {
  if (token.startsWith("mws_")) {
    const user = await wa.tenancy.users.session(token);
    return user ? wa.tenancy.principalForUser(user, organizationId || void 0) : null;
  }
  const key = await wa.apiKeys.verify(token);
  return key ? wa.tenancy.principalForKey(key) : null;
}
async function credentialIsLive(wa, token) {
  if (token.startsWith("mws_")) return !!await wa.tenancy.users.session(token).catch(() => null);
  return wa.apiKeys.isLive(token).catch(() => false);
}
async function authorizeProfile(wa, principal, profileId) {
  await wa.access.authorize(principal, principal.required === AUTHENTICATED ? void 0 : principal.required, [{ kind: "profile", id: profileId, field: "id" }]);
  return await wa.profiles.find(profileId);
}
async function visibleWorkspaceIds(wa, principal) {
  if (!principal.organizationId && !principal.workspaceId) return void 0;
  const candidates = principal.workspaceId ? [await wa.tenancy.organizations.workspace(principal.workspaceId).catch(() => void 0)] : await wa.tenancy.organizations.workspaces(principal.organizationId);
  return candidates.filter((w) => !!w && can(principal, principal.required, w)).map((w) => w.id);
}
const ANONYMOUS = { kind: "key", id: "anonymous", name: "anonymous", permissions: {}, required: "" };

const WorkspaceQuery = z.object({ workspaceId: resourceId("workspace").optional().describe("For gateway-wide keys; a workspace key always acts in its own workspace") });
async function workspaceFor(wa, principal, requested) {
  var _a, _b;
  const permission = principal.required === AUTHENTICATED ? void 0 : principal.required;
  return (await wa.access.workspaceIn(principal, permission, (_b = (_a = principal.workspaceId) != null ? _a : requested) != null ? _b : "default")).id;
}
function fileAsText(field) {
  return (form) => {
    const { media, mimetype: _m, fileName: _f, ...rest } = form;
    return media ? { ...rest, [field]: Buffer.from(media.base64, "base64").toString("utf8") } : rest;
  };
}

var __defProp$c = Object.defineProperty;
var __typeError$b = (msg) => {
  throw TypeError(msg);
};
var __defNormalProp$c = (obj, key, value) => key in obj ? __defProp$c(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$c = (obj, key, value) => __defNormalProp$c(obj, key + "" , value);
var __accessCheck$b = (obj, member, msg) => member.has(obj) || __typeError$b("Cannot " + msg);
var __privateGet$b = (obj, member, getter) => (__accessCheck$b(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd$b = (obj, member, value) => member.has(obj) ? __typeError$b("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateMethod$5 = (obj, member, method) => (__accessCheck$b(obj, member, "access private method"), method);
var _byToken, _tokens, _DemoInspector_instances, sink_fn;
const KEEP = 200;
class DemoInspector {
  constructor(baseUrl) {
    __publicField$c(this, "baseUrl", baseUrl);
    __privateAdd$b(this, _DemoInspector_instances);
    __privateAdd$b(this, _byToken, /* @__PURE__ */ new Map());
    __privateAdd$b(this, _tokens, /* @__PURE__ */ new Map());
  }
  /** URL prefix the dispatcher may deliver to although it is loopback. */
  get prefix() {
    return `${this.baseUrl}/api/demo/hooks/`;
  }
  url(workspaceId) {
    let token = __privateGet$b(this, _tokens).get(workspaceId);
    if (!token) {
      token = randomBytes(12).toString("hex");
      __privateGet$b(this, _tokens).set(workspaceId, token);
      __privateGet$b(this, _byToken).set(token, { workspaceId, failNext: 0, records: [] });
    }
    return `${this.prefix}${token}`;
  }
  /** The signing secret of the demo webhook pointing here (known from when the demo created it). */
  setSecret(workspaceId, secret) {
    __privateMethod$5(this, _DemoInspector_instances, sink_fn).call(this, workspaceId).secret = secret;
  }
  /** Records one request; undefined when the token is unknown (the route answers 404). */
  receive(token, headers, body) {
    var _a, _b, _c;
    const sink = __privateGet$b(this, _byToken).get(token);
    if (!sink) return void 0;
    const deliveryId = (_a = headers["x-multiwa-delivery"]) != null ? _a : "";
    const header = (_b = headers["x-multiwa-signature"]) != null ? _b : "";
    const valid = !!sink.secret && verifySignature(header, body, sink.secret);
    const reason = valid ? void 0 : !header ? "no x-multiwa-signature header" : !sink.secret ? "this workspace's demo webhook secret is unknown" : "does not match the body and the webhook secret";
    const answered = sink.failNext > 0 ? 500 : 200;
    if (answered === 500) sink.failNext--;
    const record = {
      deliveryId,
      event: (_c = headers["x-multiwa-event"]) != null ? _c : "",
      attempt: sink.records.filter((r) => deliveryId && r.deliveryId === deliveryId).length + 1,
      receivedAt: Date.now(),
      headers,
      body,
      signature: { header, valid, ...reason ? { reason } : {} },
      answered
    };
    sink.records.push(record);
    if (sink.records.length > KEEP) sink.records.shift();
    return record;
  }
  /** Newest first. */
  list(workspaceId) {
    const sink = __privateMethod$5(this, _DemoInspector_instances, sink_fn).call(this, workspaceId);
    return { records: [...sink.records].reverse(), failNext: sink.failNext };
  }
  /** The next `count` deliveries are answered 500, so the dispatcher's retries show up. */
  failNext(workspaceId, count) {
    __privateMethod$5(this, _DemoInspector_instances, sink_fn).call(this, workspaceId).failNext = count;
  }
  clear(workspaceId) {
    const sink = __privateMethod$5(this, _DemoInspector_instances, sink_fn).call(this, workspaceId);
    sink.records = [];
    sink.failNext = 0;
  }
}
_byToken = new WeakMap();
_tokens = new WeakMap();
_DemoInspector_instances = new WeakSet();
// --- Internal helpers ---
sink_fn = function(workspaceId) {
  const token = new URL(this.url(workspaceId)).pathname.split("/").pop();
  return __privateGet$b(this, _byToken).get(token);
};

const DEMO_ORGANIZATION = "demo";
const DEMO_WORKSPACE = "demo";
const DEMO_EMAIL = "demo@multiwa.local";
const DEMO_WEBHOOK_DESCRIPTION = "MultiWA demo: webhook inspector";
function demoProfileId(workspaceId) {
  return workspaceId === DEMO_WORKSPACE ? "demo-line" : `demo-line-${workspaceId}`;
}
async function seedDemo(wa, demo, port) {
  var _a;
  const orgs = wa.tenancy.organizations;
  if (!await orgs.organization(DEMO_ORGANIZATION).catch(() => void 0)) await orgs.createOrganization({ id: DEMO_ORGANIZATION, name: "Demo organization" });
  if (!await orgs.workspace(DEMO_WORKSPACE).catch(() => void 0)) await orgs.createWorkspace(DEMO_ORGANIZATION, { id: DEMO_WORKSPACE, name: "Demo workspace" });
  const password = (_a = process.env.MULTIWA_DEMO_PASSWORD) != null ? _a : `demo-${randomBytes(6).toString("base64url")}`;
  const existing = await wa.tenancy.users.findByEmail(DEMO_EMAIL);
  const user = existing != null ? existing : await wa.tenancy.users.create({ email: DEMO_EMAIL, password, name: "Demo owner" });
  if (existing) await wa.tenancy.users.setPassword(user.id, password);
  if (!await wa.tenancy.members.membership(DEMO_ORGANIZATION, user.id)) await wa.tenancy.members.add(DEMO_ORGANIZATION, user.id, { "*": "owner" });
  await seedWorkspace(wa, demo, DEMO_WORKSPACE);
  console.info([
    "",
    "[multiwa] Demo mode: a simulated WhatsApp network runs inside this process (nothing reaches WhatsApp).",
    `[multiwa]   Open http://localhost:${port}/ and sign in with`,
    `[multiwa]     email     ${DEMO_EMAIL}`,
    `[multiwa]     password  ${password}`,
    '[multiwa]   Then Profiles \u2192 "demo-line" \u2192 Start \u2192 "Link a demo phone".',
    ""
  ].join("\n"));
}
async function seedWorkspace(wa, demo, workspaceId) {
  const id = demoProfileId(workspaceId);
  if (!await wa.profiles.find(id)) {
    const engine = wa.engines.baileys ? "baileys" : void 0;
    await wa.createProfile({ id, name: "Demo line", workspaceId, ...engine ? { engine } : {}, pacing: { minDelayMs: 300, jitterMs: 300 } });
  }
  const url = demo.inspector.url(workspaceId);
  const hooks = (await wa.webhooks.list({ workspaceId })).filter((h) => h.description === DEMO_WEBHOOK_DESCRIPTION);
  for (const stale of hooks.filter((h) => h.url !== url)) await wa.webhooks.remove(stale.id);
  if (hooks.some((h) => h.url === url)) return;
  const { secret } = await wa.webhooks.create({ url, events: ["message.*"], workspaceId, description: DEMO_WEBHOOK_DESCRIPTION });
  demo.inspector.setSecret(workspaceId, secret);
}
async function resetWorkspace(wa, demo, workspaceId) {
  for (const profile of await wa.profiles.list({ workspaceId })) {
    if ((await wa.status(profile.id)).status === "open") await wa.logout(profile.id).catch(() => void 0);
    await wa.deleteProfile(profile.id);
    demo.world.forget(profile.id);
  }
  for (const hook of await wa.webhooks.list({ workspaceId })) await wa.webhooks.remove(hook.id);
  await wa.contacts.removeWorkspace(workspaceId);
  demo.inspector.clear(workspaceId);
  await seedWorkspace(wa, demo, workspaceId);
}

var __defProp$b = Object.defineProperty;
var __typeError$a = (msg) => {
  throw TypeError(msg);
};
var __defNormalProp$b = (obj, key, value) => key in obj ? __defProp$b(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$b = (obj, key, value) => __defNormalProp$b(obj, typeof key !== "symbol" ? key + "" : key, value);
var __accessCheck$a = (obj, member, msg) => member.has(obj) || __typeError$a("Cannot " + msg);
var __privateGet$a = (obj, member, getter) => (__accessCheck$a(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd$a = (obj, member, value) => member.has(obj) ? __typeError$a("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet$a = (obj, member, value, setter) => (__accessCheck$a(obj, member, "write to private field"), member.set(obj, value), value);
var __privateMethod$4 = (obj, member, method) => (__accessCheck$a(obj, member, "access private method"), method);
var __privateWrapper$5 = (obj, member, setter, getter) => ({
  set _(value) {
    __privateSet$a(obj, member, value);
  },
  get _() {
    return __privateGet$a(obj, member, getter);
  }
});
var _preKeys$1, _nextPreKeyId, _sessions, _senderKeys, _store, _SignalDevice_instances, address_fn, senderName_fn;
const withPrefix = (pub) => Buffer.concat([Buffer.from([5]), pub]);
const signalPair = (k) => ({ privKey: Buffer.from(k.private), pubKey: withPrefix(k.public) });
class SignalDevice {
  constructor() {
    __privateAdd$a(this, _SignalDevice_instances);
    __publicField$b(this, "identity", Curve.generateKeyPair());
    __publicField$b(this, "registrationId", 1 + Math.floor(Math.random() * 16e3));
    __publicField$b(this, "signedPreKey", signedKeyPair(this.identity, 1));
    __privateAdd$a(this, _preKeys$1, /* @__PURE__ */ new Map());
    __privateAdd$a(this, _nextPreKeyId, 1);
    __privateAdd$a(this, _sessions, /* @__PURE__ */ new Map());
    __privateAdd$a(this, _senderKeys, /* @__PURE__ */ new Map());
    __privateAdd$a(this, _store, {
      isTrustedIdentity: () => true,
      loadSession: async (id) => __privateGet$a(this, _sessions).get(id),
      storeSession: async (id, rec) => void __privateGet$a(this, _sessions).set(id, rec),
      loadPreKey: async (id) => {
        const k = __privateGet$a(this, _preKeys$1).get(Number(id));
        return k && signalPair(k);
      },
      removePreKey: (id) => void __privateGet$a(this, _preKeys$1).delete(Number(id)),
      loadSignedPreKey: () => signalPair(this.signedPreKey.keyPair),
      getOurRegistrationId: () => this.registrationId,
      getOurIdentity: () => signalPair(this.identity),
      loadSenderKey: async (name) => {
        var _a;
        return (_a = __privateGet$a(this, _senderKeys).get(name.toString())) != null ? _a : new SenderKeyRecord();
      },
      storeSenderKey: async (name, record) => void __privateGet$a(this, _senderKeys).set(name.toString(), record)
    });
  }
  /** A bundle for `<iq xmlns=encrypt><key>`; each call spends a fresh one-time prekey. */
  bundle() {
    const keyId = __privateWrapper$5(this, _nextPreKeyId)._++;
    const preKey = Curve.generateKeyPair();
    __privateGet$a(this, _preKeys$1).set(keyId, preKey);
    return {
      registrationId: this.registrationId,
      identityKey: withPrefix(this.identity.public),
      signedPreKey: {
        keyId: this.signedPreKey.keyId,
        publicKey: withPrefix(this.signedPreKey.keyPair.public),
        signature: Buffer.from(this.signedPreKey.signature)
      },
      preKey: { keyId, publicKey: withPrefix(preKey.public) }
    };
  }
  /** Forget the session with `remote` (the next encrypt starts a new one). */
  resetSession(remote) {
    __privateGet$a(this, _sessions).delete(__privateMethod$4(this, _SignalDevice_instances, address_fn).call(this, remote).toString());
  }
  hasSession(remote) {
    var _a, _b;
    return (_b = (_a = __privateGet$a(this, _sessions).get(__privateMethod$4(this, _SignalDevice_instances, address_fn).call(this, remote).toString())) == null ? void 0 : _a.haveOpenSession()) != null ? _b : false;
  }
  async decrypt(remote, type, ciphertext) {
    const cipher = new SessionCipher(__privateGet$a(this, _store), __privateMethod$4(this, _SignalDevice_instances, address_fn).call(this, remote));
    const padded = type === "pkmsg" ? await cipher.decryptPreKeyWhisperMessage(ciphertext) : await cipher.decryptWhisperMessage(ciphertext);
    return proto.Message.decode(unpadRandomMax16(padded));
  }
  /** Encrypts for a remote device, building the session from `bundle` the first time. */
  async encrypt(remote, bundle, message) {
    const addr = __privateMethod$4(this, _SignalDevice_instances, address_fn).call(this, remote);
    if (!this.hasSession(remote)) await new SessionBuilder(__privateGet$a(this, _store), addr).initOutgoing(bundle());
    const { type, body } = await new SessionCipher(__privateGet$a(this, _store), addr).encrypt(writeRandomPadMax16(proto.Message.encode(message).finish()));
    return { type: type === 3 ? "pkmsg" : "msg", ciphertext: Buffer.from(body, "binary") };
  }
  /** Processes a sender-key distribution message received from `sender` for `group`. */
  async processSenderKey(group, sender, skdm) {
    const msg = new SenderKeyDistributionMessage(null, null, null, null, skdm);
    await new GroupSessionBuilder(__privateGet$a(this, _store)).process(__privateMethod$4(this, _SignalDevice_instances, senderName_fn).call(this, group, sender), msg);
  }
  async decryptGroup(group, sender, ciphertext) {
    const padded = await new GroupCipher(__privateGet$a(this, _store), __privateMethod$4(this, _SignalDevice_instances, senderName_fn).call(this, group, sender)).decrypt(ciphertext);
    return proto.Message.decode(unpadRandomMax16(padded));
  }
  /** Our own sender key for `group`: ciphertext plus the distribution message peers need. */
  async encryptGroup(group, self, message) {
    const name = __privateMethod$4(this, _SignalDevice_instances, senderName_fn).call(this, group, self);
    const skdm = await new GroupSessionBuilder(__privateGet$a(this, _store)).create(name);
    const ciphertext = await new GroupCipher(__privateGet$a(this, _store), name).encrypt(writeRandomPadMax16(proto.Message.encode(message).finish()));
    return { ciphertext: Buffer.from(ciphertext), skdm: Buffer.from(skdm.serialize()) };
  }
}
_preKeys$1 = new WeakMap();
_nextPreKeyId = new WeakMap();
_sessions = new WeakMap();
_senderKeys = new WeakMap();
_store = new WeakMap();
_SignalDevice_instances = new WeakSet();
// --- Internal helpers ---
address_fn = function(remote) {
  return new ProtocolAddress(remote.replace(/[^\w@:-]/g, "_"), 0);
};
senderName_fn = function(group, sender) {
  return new SenderKeyName(group, { id: sender, deviceId: 0, toString: () => `${sender}.0` });
};

const unixTime = () => Math.floor(Date.now() / 1e3).toString();
let counter = 0;
const serverId = (prefix = "sim") => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
const messageId = () => `3EB0${Buffer.from(crypto.getRandomValues(new Uint8Array(9))).toString("hex").toUpperCase()}`;
const node = (tag, attrs = {}, content) => {
  const clean = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== void 0) clean[k] = v;
  return content === void 0 ? { tag, attrs: clean } : { tag, attrs: clean, content };
};
const iqResult = (iq, content) => {
  var _a;
  return node("iq", { from: (_a = iq.attrs.to) != null ? _a : S_WHATSAPP_NET, type: "result", id: iq.attrs.id }, content);
};
const iqError = (iq, code, text) => {
  var _a;
  return node("iq", { from: (_a = iq.attrs.to) != null ? _a : S_WHATSAPP_NET, type: "error", id: iq.attrs.id }, [node("error", { code: String(code), text })]);
};
const childBytes = (parent, tag) => {
  var _a;
  const c = (_a = getBinaryNodeChild(parent, tag)) == null ? void 0 : _a.content;
  return c instanceof Uint8Array ? Buffer.from(c) : typeof c === "string" ? Buffer.from(c) : void 0;
};
const children = (n) => Array.isArray(n == null ? void 0 : n.content) ? n.content : [];

const DEFAULT_MIME = {
  image: "image/jpeg",
  video: "video/mp4",
  audio: "audio/ogg; codecs=opus",
  document: "application/octet-stream",
  sticker: "image/webp"
};
const textContent = (text, opts = {}) => opts.quoted ? { extendedTextMessage: { text, contextInfo: quoteContext(opts.quoted) } } : { conversation: text };
const quoteContext = (q) => {
  var _a;
  return {
    stanzaId: q.id,
    participant: q.participant,
    quotedMessage: (_a = q.message) != null ? _a : { conversation: "" }
  };
};
const mediaContent = async (media, kind, input) => {
  var _a, _b, _c;
  const hosted = await media.host(input.data, kind);
  const base = {
    url: hosted.url,
    mimetype: (_a = input.mimetype) != null ? _a : DEFAULT_MIME[kind],
    fileSha256: hosted.fileSha256,
    fileEncSha256: hosted.fileEncSha256,
    fileLength: hosted.fileLength,
    mediaKey: hosted.mediaKey,
    mediaKeyTimestamp: Math.floor(Date.now() / 1e3)
  };
  switch (kind) {
    case "image":
      return { imageMessage: { ...base, caption: input.caption } };
    case "video":
      return { videoMessage: { ...base, caption: input.caption, seconds: input.seconds } };
    case "audio":
      return { audioMessage: { ...base, ptt: (_b = input.ptt) != null ? _b : false, seconds: input.seconds } };
    case "document":
      return { documentMessage: { ...base, fileName: (_c = input.fileName) != null ? _c : "file", caption: input.caption } };
    case "sticker":
      return { stickerMessage: base };
  }
};
const reactionContent = (key, emoji) => ({
  reactionMessage: { key, text: emoji, senderTimestampMs: Date.now() }
});
const pollContent = (name, options, selectableCount = 1) => ({
  // Poll votes are encrypted with this secret, so real clients always send one.
  messageContextInfo: { messageSecret: randomBytes(32) },
  pollCreationMessage: { name, options: options.map((optionName) => ({ optionName })), selectableOptionsCount: selectableCount }
});
const locationContent = (loc) => ({
  locationMessage: { degreesLatitude: loc.latitude, degreesLongitude: loc.longitude, name: loc.name, address: loc.address }
});
const contactContent = (displayName, vcard) => ({
  contactMessage: { displayName, vcard }
});
const pollVoteContent = (poll, creator, voter, selected) => {
  const plain = proto.Message.PollVoteMessage.encode({ selectedOptions: selected.map((o) => createHash("sha256").update(o).digest()) }).finish();
  const sign = Buffer.concat([Buffer.from(poll.id), Buffer.from(creator), Buffer.from(voter), Buffer.from("Poll Vote"), Buffer.from([1])]);
  const key = hmacSign(sign, hmacSign(Buffer.from(poll.secret), Buffer.alloc(32)));
  const encIv = randomBytes(12);
  const encPayload = aesEncryptGCM(plain, key, encIv, Buffer.from(`${poll.id}\0${voter}`));
  return {
    pollUpdateMessage: {
      pollCreationMessageKey: { remoteJid: poll.chat, fromMe: false, id: poll.id },
      vote: { encPayload, encIv },
      senderTimestampMs: Date.now()
    }
  };
};
const editContent = (key, text) => ({
  protocolMessage: { key, type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT, editedMessage: { conversation: text }, timestampMs: Date.now() }
});
const revokeContent = (key) => ({
  protocolMessage: { key, type: proto.Message.ProtocolMessage.Type.REVOKE }
});
const stanzaType = (m) => {
  if (m.reactionMessage) return "reaction";
  if (m.pollCreationMessage || m.pollCreationMessageV3 || m.pollUpdateMessage) return "poll";
  if (m.imageMessage || m.videoMessage || m.audioMessage || m.documentMessage || m.stickerMessage || m.locationMessage || m.contactMessage) return "media";
  return "text";
};
const mediaTypeAttr = (m) => {
  if (m.imageMessage) return "image";
  if (m.videoMessage) return m.videoMessage.gifPlayback ? "gif" : "video";
  if (m.audioMessage) return m.audioMessage.ptt ? "ptt" : "audio";
  if (m.documentMessage) return "document";
  if (m.stickerMessage) return "sticker";
  if (m.locationMessage) return "location";
  if (m.contactMessage) return "vcard";
  return void 0;
};

var __defProp$a = Object.defineProperty;
var __typeError$9 = (msg) => {
  throw TypeError(msg);
};
var __defNormalProp$a = (obj, key, value) => key in obj ? __defProp$a(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$a = (obj, key, value) => __defNormalProp$a(obj, typeof key !== "symbol" ? key + "" : key, value);
var __accessCheck$9 = (obj, member, msg) => member.has(obj) || __typeError$9("Cannot " + msg);
var __privateGet$9 = (obj, member, getter) => (__accessCheck$9(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd$9 = (obj, member, value) => member.has(obj) ? __typeError$9("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet$9 = (obj, member, value, setter) => (__accessCheck$9(obj, member, "write to private field"), member.set(obj, value), value);
var _queue$1, _waiters$1;
class Inbox {
  constructor(limit = 1e4) {
    __publicField$a(this, "limit", limit);
    /** Everything received, oldest first (the oldest are dropped beyond `limit`). */
    __publicField$a(this, "all", []);
    __privateAdd$9(this, _queue$1, []);
    __privateAdd$9(this, _waiters$1, []);
  }
  push(item) {
    this.all.push(item);
    if (this.all.length > this.limit) this.all.shift();
    const i = __privateGet$9(this, _waiters$1).findIndex((w) => w.filter(item));
    if (i >= 0) __privateGet$9(this, _waiters$1).splice(i, 1)[0].resolve(item);
    else __privateGet$9(this, _queue$1).push(item);
  }
  /** Next queued (or future) item matching `filter`; rejects after `timeoutMs`. */
  next(filter = () => true, timeoutMs = 1e4, what = "item") {
    const i = __privateGet$9(this, _queue$1).findIndex(filter);
    if (i >= 0) return Promise.resolve(__privateGet$9(this, _queue$1).splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const waiter = {
        filter,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        }
      };
      const timer = setTimeout(() => {
        __privateSet$9(this, _waiters$1, __privateGet$9(this, _waiters$1).filter((w) => w !== waiter));
        reject(new Error(`[multiwa-simulator] timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      __privateGet$9(this, _waiters$1).push(waiter);
    });
  }
}
_queue$1 = new WeakMap();
_waiters$1 = new WeakMap();

var __defProp$9 = Object.defineProperty;
var __typeError$8 = (msg) => {
  throw TypeError(msg);
};
var __defNormalProp$9 = (obj, key, value) => key in obj ? __defProp$9(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$9 = (obj, key, value) => __defNormalProp$9(obj, typeof key !== "symbol" ? key + "" : key, value);
var __accessCheck$8 = (obj, member, msg) => member.has(obj) || __typeError$8("Cannot " + msg);
var __privateGet$8 = (obj, member, getter) => (__accessCheck$8(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd$8 = (obj, member, value) => member.has(obj) ? __typeError$8("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet$8 = (obj, member, value, setter) => (__accessCheck$8(obj, member, "write to private field"), member.set(obj, value), value);
var __privateWrapper$4 = (obj, member, setter, getter) => ({
  set _(value) {
    __privateSet$8(obj, member, value);
  },
  get _() {
    return __privateGet$8(obj, member, getter);
  }
});
var _nextDevice, _host$1;
class SimPhone extends EventEmitter {
  constructor(host, opts) {
    var _a, _b, _c, _d;
    super();
    __publicField$9(this, "pn");
    __publicField$9(this, "lid");
    __publicField$9(this, "name");
    __publicField$9(this, "receipts");
    /** Delay before each automatic receipt, in ms. */
    __publicField$9(this, "receiptDelayMs");
    /** 1:1 addressing used towards clients. */
    __publicField$9(this, "addressing");
    /** Primary device keys and sessions. */
    __publicField$9(this, "signal", new SignalDevice());
    /** Companion (client) devices by device id. */
    __publicField$9(this, "companions", /* @__PURE__ */ new Map());
    __publicField$9(this, "inbox", new Inbox());
    __publicField$9(this, "clientReceipts", new Inbox());
    __publicField$9(this, "presences", new Inbox());
    /** @internal Automatic delivery receipts in flight, by message id (read receipts wait for them). */
    __publicField$9(this, "pendingDeliveries", /* @__PURE__ */ new Map());
    __privateAdd$8(this, _nextDevice, 1);
    __privateAdd$8(this, _host$1);
    __privateSet$8(this, _host$1, host);
    this.pn = opts.phone;
    this.lid = opts.lid;
    this.name = (_a = opts.name) != null ? _a : `Phone ${opts.phone}`;
    this.receipts = (_b = opts.receipts) != null ? _b : "read";
    this.receiptDelayMs = (_c = opts.receiptDelayMs) != null ? _c : 150;
    this.addressing = (_d = opts.addressing) != null ? _d : "pn";
  }
  get jid() {
    return `${this.pn}@s.whatsapp.net`;
  }
  get lidJid() {
    return `${this.lid}@lid`;
  }
  allocateDevice() {
    return __privateWrapper$4(this, _nextDevice)._++;
  }
  // ---- Pairing ----
  /** Scan a QR string emitted by a Baileys client; resolves once the client is linked. */
  scanQr(qr) {
    return __privateGet$8(this, _host$1).pairByQr(this, qr);
  }
  /** Type the 8-character code from `sock.requestPairingCode(thisPhone.pn)` into this phone. */
  enterPairingCode(code) {
    return __privateGet$8(this, _host$1).pairByCode(this, code);
  }
  /** Unlink a client as the real server would: 401 logout, 440 conflict or 515 restart. */
  kick(device, reason) {
    __privateGet$8(this, _host$1).unlink(this, typeof device === "number" ? device : device.device, reason);
  }
  // ---- Sending to clients ----
  async sendMessage(to, message, opts = {}) {
    var _a;
    const id = (_a = opts.id) != null ? _a : messageId();
    const chat = typeof to === "string" ? to : to.jid;
    await __privateGet$8(this, _host$1).deliver(this, chat, message, id);
    return { id, chat, message };
  }
  sendText(to, text, opts) {
    return this.sendMessage(to, textContent(text, opts), opts);
  }
  /** Reply to a message with text (shorthand for `sendText(..., { quoted })`). */
  reply(to, quoted, text) {
    return this.sendText(to, text, { quoted });
  }
  async sendMedia(to, kind, input, opts) {
    return this.sendMessage(to, await mediaContent(__privateGet$8(this, _host$1).media, kind, input), opts);
  }
  sendReaction(to, key, emoji) {
    return this.sendMessage(to, reactionContent(key, emoji));
  }
  /** Edits a message this phone sent earlier (`key.id` = its id; `fromMe: true` from the phone's view). */
  editMessage(to, id, text) {
    return this.sendMessage(to, editContent({ id, fromMe: true, remoteJid: typeof to === "string" ? to : to.jid }, text));
  }
  /** Deletes for everyone a message this phone sent earlier. */
  deleteMessage(to, id) {
    return this.sendMessage(to, revokeContent({ id, fromMe: true, remoteJid: typeof to === "string" ? to : to.jid }));
  }
  sendPoll(to, name, options, selectableCount = 1) {
    return this.sendMessage(to, pollContent(name, options, selectableCount));
  }
  /**
   * Votes on a poll a client sent to this phone (as received by `nextMessage()`). The vote key
   * is bound to user JIDs without device: the client's account and this phone, both as phone
   * numbers (or both as LIDs when this phone uses `addressing: "lid"`).
   */
  votePoll(poll, selected) {
    var _a;
    const secret = (_a = poll.message.messageContextInfo) == null ? void 0 : _a.messageSecret;
    if (!secret) throw new Error("[multiwa-simulator] poll has no messageSecret");
    const [user, server] = [poll.sender.split("@")[0].split(":")[0], poll.sender.split("@")[1]];
    const lid = this.addressing === "lid";
    const creatorPhone = __privateGet$8(this, _host$1).phoneOf(poll.sender);
    const creator = lid && creatorPhone ? creatorPhone.lidJid : `${user}@${server}`;
    const chat = poll.chat === this.jid ? lid && creatorPhone ? creatorPhone.lidJid : `${user}@${server}` : poll.chat;
    return this.sendMessage(chat, pollVoteContent({ id: poll.id, chat, secret }, creator, lid ? this.lidJid : this.jid, selected));
  }
  sendLocation(to, loc) {
    return this.sendMessage(to, locationContent(loc));
  }
  sendContact(to, displayName, vcard) {
    return this.sendMessage(to, contactContent(displayName, vcard));
  }
  /**
   * Receipts for messages a client sent to this phone (automatic unless `receipts: "none"`).
   * Like a real phone, it never goes out before the automatic delivery receipt nor sooner
   * than `receiptDelayMs` after the message arrived; resolves once sent.
   */
  sendReceipt(to, ids, type, participant) {
    return __privateGet$8(this, _host$1).receipt(this, to, ids, type, participant);
  }
  sendPresence(type, to) {
    __privateGet$8(this, _host$1).presence(this, type, typeof to === "object" ? to.jid : to);
  }
  sendChatState(to, state) {
    __privateGet$8(this, _host$1).chatState(this, typeof to === "string" ? to : to.jid, state);
  }
  // ---- Observing clients ----
  /** The next message a client sent to this phone (in arrival order). */
  nextMessage(opts = {}) {
    return this.inbox.next(opts.filter, opts.timeoutMs, `a message to ${this.pn}`);
  }
  nextReceipt(opts = {}) {
    return this.clientReceipts.next(opts.filter, opts.timeoutMs, `a receipt to ${this.pn}`);
  }
  nextPresence(opts = {}) {
    return this.presences.next(opts.filter, opts.timeoutMs, `a presence to ${this.pn}`);
  }
  /** Decrypts media a client sent (image/video/audio/document/sticker message). */
  downloadMedia(message) {
    const m = message;
    const [ref, type] = m.imageMessage ? [m.imageMessage, "image"] : m.videoMessage ? [m.videoMessage, "video"] : m.audioMessage ? [m.audioMessage, "audio"] : m.documentMessage ? [m.documentMessage, "document"] : [m.stickerMessage, "sticker"];
    if (!ref) throw new Error("[multiwa-simulator] not a media message");
    return __privateGet$8(this, _host$1).media.decrypt(ref, type);
  }
}
_nextDevice = new WeakMap();
_host$1 = new WeakMap();

const makeCertChain = (serverStaticPublic) => {
  const root = Curve.generateKeyPair();
  const intermediate = Curve.generateKeyPair();
  const Details = proto.CertChain.NoiseCertificate.Details;
  const notAfter = 4102444800;
  const interDetails = Details.encode({ serial: 1, issuerSerial: 0, key: intermediate.public, notBefore: 0, notAfter }).finish();
  const leafDetails = Details.encode({ serial: 2, issuerSerial: 1, key: serverStaticPublic, notBefore: 0, notAfter }).finish();
  return proto.CertChain.encode({
    intermediate: { details: interDetails, signature: Curve.sign(root.private, interDetails) },
    leaf: { details: leafDetails, signature: Curve.sign(intermediate.private, leafDetails) }
  }).finish();
};

const SIMULATOR_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBvjCCAWSgAwIBAgIUALEP5qGjUUmRHBpnF0DoX/jAyyswCgYIKoZIzj0EAwIw
HDEaMBgGA1UEAwwRbXVsdGl3YS1zaW11bGF0b3IwIBcNMjYxMTI0MTcwNTQyWhgP
MjEyNjEwMzExNzA1NDJaMBwxGjAYBgNVBAMMEW11bHRpd2Etc2ltdWxhdG9yMFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAExdmuJC1FoEdgaexNdJ8RjrWcCsQjy4Fq
ECsbV1FLguvipzEKQoDSvf3W+PnKdSk4b82wOaGqEWhBrIadSLN0GaOBgTB/MB0G
A1UdDgQWBBTKgLvhMFjtxmxx71C+l+9z5zV8wjAfBgNVHSMEGDAWgBTKgLvhMFjt
xmxx71C+l+9z5zV8wjAPBgNVHRMBAf8EBTADAQH/MCwGA1UdEQQlMCOHBH8AAAGH
EAAAAAAAAAAAAAAAAAAAAAGCCWxvY2FsaG9zdDAKBggqhkjOPQQDAgNIADBFAiBR
MaqmXr5PXkaj0i6Gaze++HzGN70ZEhi8mTUOivuDaQIhALtYApAoby10B3x0vpBK
HuNqCktkdDMBI3iTSiPAcco1
-----END CERTIFICATE-----
`;
const SIMULATOR_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgh1YYp2by9auO2un1
1KMer+xM49cjUSKMXytWDOpuXMChRANCAATF2a4kLUWgR2Bp7E10nxGOtZwKxCPL
gWoQKxtXUUuC6+KnMQpCgNK9/db4+cp1KThvzbA5oaoRaEGshp1Is3QZ
-----END PRIVATE KEY-----
`;

var __defProp$8 = Object.defineProperty;
var __defNormalProp$8 = (obj, key, value) => key in obj ? __defProp$8(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$8 = (obj, key, value) => __defNormalProp$8(obj, key + "" , value);
const str = (b, key) => {
  const v = b[key];
  if (typeof v !== "string" || !v) throw new HttpError(400, `Missing string field \`${key}\``);
  return v;
};
class HttpError extends Error {
  constructor(status, message) {
    super(message);
    __publicField$8(this, "status", status);
  }
}
const phoneOf$1 = (sim, id) => {
  const p = sim.phone(id);
  if (!p) throw new HttpError(404, `Unknown phone \`${id}\``);
  return p;
};
const describePhone = (p) => ({
  phone: p.pn,
  lid: p.lid,
  jid: p.jid,
  name: p.name,
  devices: [...p.companions.values()].map((c) => ({ jid: c.jid, device: c.device, online: c.online, removed: c.removed }))
});
const routes = {
  "GET /admin": (sim) => ({ url: sim.url, phones: sim.phones.map(describePhone), groups: sim.groups.all.map((g) => ({ jid: g.jid, subject: g.subject, members: g.members().map((m) => m.jid) })) }),
  "GET /admin/cert": () => ({ cert: SIMULATOR_TLS_CERT }),
  "POST /admin/phones": (sim, b) => describePhone(sim.createPhone({ phone: b.phone, name: b.name, lid: b.lid })),
  "POST /admin/scan": (sim, b) => {
    var _a;
    return ((_a = sim.phone(str(b, "phone"))) != null ? _a : sim.createPhone({ phone: str(b, "phone") })).scanQr(str(b, "qr"));
  },
  "POST /admin/pairing-code": (sim, b) => {
    var _a;
    return ((_a = sim.phone(str(b, "phone"))) != null ? _a : sim.createPhone({ phone: str(b, "phone") })).enterPairingCode(str(b, "code"));
  },
  "POST /admin/kick": (sim, b) => {
    var _a, _b;
    phoneOf$1(sim, str(b, "phone")).kick(Number((_a = b.device) != null ? _a : 1), (_b = b.reason) != null ? _b : "logout");
    return { ok: true };
  },
  "POST /admin/groups": (sim, b) => {
    var _a;
    const owner = phoneOf$1(sim, str(b, "owner"));
    const members = ((_a = b.members) != null ? _a : []).map((m) => sim.resolvePhone(m.includes("@") ? m : `${m}@s.whatsapp.net`));
    const g = sim.groups.create(owner, str(b, "subject"), members);
    return { jid: g.jid, subject: g.subject };
  },
  "POST /admin/send": async (sim, b) => {
    var _a, _b;
    const from = phoneOf$1(sim, str(b, "from"));
    const to = str(b, "to");
    const target = to.includes("@") ? to : `${to}@s.whatsapp.net`;
    const type = (_a = b.type) != null ? _a : "text";
    const sent = type === "text" ? await from.sendText(target, str(b, "text")) : type === "location" ? await from.sendLocation(target, { latitude: Number(b.latitude), longitude: Number(b.longitude), name: b.name }) : type === "contact" ? await from.sendContact(target, str(b, "displayName"), str(b, "vcard")) : type === "reaction" ? await from.sendReaction(target, { id: str(b, "messageId"), remoteJid: from.jid, fromMe: false }, str(b, "emoji")) : type === "poll" ? await from.sendPoll(target, str(b, "name"), (_b = b.options) != null ? _b : []) : await from.sendMedia(target, type, {
      data: Buffer.from(str(b, "data"), "base64"),
      mimetype: b.mimetype,
      caption: b.caption,
      fileName: b.fileName
    });
    return { id: sent.id, chat: sent.chat };
  },
  "GET /admin/messages": async (sim, _b, q) => {
    var _a, _b2;
    const phone = phoneOf$1(sim, (_a = q.get("phone")) != null ? _a : "");
    const m = await phone.nextMessage({ timeoutMs: Number((_b2 = q.get("timeoutMs")) != null ? _b2 : 1e4) }).catch(() => void 0);
    return m ? { ...m, message: proto.Message.toObject(proto.Message.fromObject(m.message), { bytes: String, longs: Number, defaults: false }) } : null;
  }
};
const handleAdmin = (sim, req, res) => {
  var _a;
  const url = new URL((_a = req.url) != null ? _a : "/", "http://simulator");
  if (!url.pathname.startsWith("/admin")) return false;
  const route = routes[`${req.method} ${url.pathname.replace(/\/$/, "")}`];
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    try {
      if (!route) throw new HttpError(404, `No route ${req.method} ${url.pathname}`);
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
      const result = await route(sim, body, url.searchParams);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(result != null ? result : null));
    } catch (err) {
      const status = err instanceof HttpError ? err.status : err instanceof SyntaxError ? 400 : 500;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: err.message }));
    }
  });
  return true;
};

var __typeError$7 = (msg) => {
  throw TypeError(msg);
};
var __accessCheck$7 = (obj, member, msg) => member.has(obj) || __typeError$7("Cannot " + msg);
var __privateGet$7 = (obj, member, getter) => (__accessCheck$7(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd$7 = (obj, member, value) => member.has(obj) ? __typeError$7("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet$7 = (obj, member, value, setter) => (__accessCheck$7(obj, member, "write to private field"), member.set(obj, value), value);
var _buf, _sawIntro;
const encodeFrame = (payload) => {
  const frame = Buffer.allocUnsafe(payload.length + 3);
  frame[0] = payload.length >>> 16 & 255;
  frame.writeUInt16BE(payload.length & 65535, 1);
  frame.set(payload, 3);
  return frame;
};
class FrameReader {
  constructor() {
    __privateAdd$7(this, _buf, Buffer.alloc(0));
    __privateAdd$7(this, _sawIntro, false);
  }
  push(data) {
    __privateSet$7(this, _buf, __privateGet$7(this, _buf).length ? Buffer.concat([__privateGet$7(this, _buf), data]) : data);
    if (!__privateGet$7(this, _sawIntro)) {
      if (__privateGet$7(this, _buf).length < 4) return [];
      if (!__privateGet$7(this, _buf).subarray(0, 4).equals(NOISE_WA_HEADER)) throw new Error("bad WA intro header");
      __privateSet$7(this, _buf, __privateGet$7(this, _buf).subarray(4));
      __privateSet$7(this, _sawIntro, true);
    }
    const frames = [];
    while (__privateGet$7(this, _buf).length >= 3) {
      const size = __privateGet$7(this, _buf)[0] << 16 | __privateGet$7(this, _buf).readUInt16BE(1);
      if (__privateGet$7(this, _buf).length < size + 3) break;
      frames.push(__privateGet$7(this, _buf).subarray(3, size + 3));
      __privateSet$7(this, _buf, __privateGet$7(this, _buf).subarray(size + 3));
    }
    return frames;
  }
}
_buf = new WeakMap();
_sawIntro = new WeakMap();

var __typeError$6 = (msg) => {
  throw TypeError(msg);
};
var __accessCheck$6 = (obj, member, msg) => member.has(obj) || __typeError$6("Cannot " + msg);
var __privateGet$6 = (obj, member, getter) => (__accessCheck$6(obj, member, "read from private field"), member.get(obj));
var __privateAdd$6 = (obj, member, value) => member.has(obj) ? __typeError$6("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet$6 = (obj, member, value, setter) => (__accessCheck$6(obj, member, "write to private field"), member.set(obj, value), value);
var __privateWrapper$3 = (obj, member, setter, getter) => ({
  set _(value) {
    __privateSet$6(obj, member, value);
  },
  get _() {
    return __privateGet$6(obj, member);
  }
});
var _hash, _salt, _key, _counter, _transport;
const EMPTY = Buffer.alloc(0);
const iv = (counter) => {
  const b = Buffer.alloc(12);
  b.writeUInt32BE(counter, 8);
  return b;
};
class NoiseResponder {
  constructor() {
    __privateAdd$6(this, _hash, Buffer.from(NOISE_MODE));
    __privateAdd$6(this, _salt, __privateGet$6(this, _hash));
    __privateAdd$6(this, _key, __privateGet$6(this, _hash));
    __privateAdd$6(this, _counter, 0);
    __privateAdd$6(this, _transport);
  }
  authenticate(data) {
    if (!__privateGet$6(this, _transport)) __privateSet$6(this, _hash, sha256$1(Buffer.concat([__privateGet$6(this, _hash), data])));
  }
  /** Handshake-phase encryption (AAD = running hash). */
  encrypt(plaintext) {
    const ct = aesEncryptGCM(plaintext, __privateGet$6(this, _key), iv(__privateWrapper$3(this, _counter)._++), __privateGet$6(this, _hash));
    this.authenticate(ct);
    return ct;
  }
  decrypt(ciphertext) {
    const pt = aesDecryptGCM(Buffer.from(ciphertext), __privateGet$6(this, _key), iv(__privateWrapper$3(this, _counter)._++), __privateGet$6(this, _hash));
    this.authenticate(ciphertext);
    return pt;
  }
  mixIntoKey(dh) {
    const out = Buffer.from(hkdf(Buffer.from(dh), 64, { salt: __privateGet$6(this, _salt), info: "" }));
    __privateSet$6(this, _salt, out.subarray(0, 32));
    __privateSet$6(this, _key, out.subarray(32));
    __privateSet$6(this, _counter, 0);
  }
  /** Split into transport keys; the initiator's write key is our read key. */
  finish() {
    const out = Buffer.from(hkdf(EMPTY, 64, { salt: __privateGet$6(this, _salt), info: "" }));
    __privateSet$6(this, _transport, { dec: out.subarray(0, 32), enc: out.subarray(32), read: 0, write: 0 });
  }
  get ready() {
    return !!__privateGet$6(this, _transport);
  }
  seal(plaintext) {
    const t = __privateGet$6(this, _transport);
    return aesEncryptGCM(plaintext, t.enc, iv(t.write++), EMPTY);
  }
  open(ciphertext) {
    const t = __privateGet$6(this, _transport);
    return aesDecryptGCM(Buffer.from(ciphertext), t.dec, iv(t.read++), EMPTY);
  }
}
_hash = new WeakMap();
_salt = new WeakMap();
_key = new WeakMap();
_counter = new WeakMap();
_transport = new WeakMap();

var __defProp$7 = Object.defineProperty;
var __typeError$5 = (msg) => {
  throw TypeError(msg);
};
var __defNormalProp$7 = (obj, key, value) => key in obj ? __defProp$7(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$7 = (obj, key, value) => __defNormalProp$7(obj, typeof key !== "symbol" ? key + "" : key, value);
var __accessCheck$5 = (obj, member, msg) => member.has(obj) || __typeError$5("Cannot " + msg);
var __privateGet$5 = (obj, member, getter) => (__accessCheck$5(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd$5 = (obj, member, value) => member.has(obj) ? __typeError$5("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet$5 = (obj, member, value, setter) => (__accessCheck$5(obj, member, "write to private field"), member.set(obj, value), value);
var __privateMethod$3 = (obj, member, method) => (__accessCheck$5(obj, member, "access private method"), method);
var _ws, _host, _reader, _noise, _state, _closing, _ephemeral, _queue, _waiters, _ackWaiters, _Connection_instances, onData_fn, serverHello_fn, clientFinish_fn;
class Connection {
  constructor(ws, host) {
    __privateAdd$5(this, _Connection_instances);
    __privateAdd$5(this, _ws);
    __privateAdd$5(this, _host);
    __privateAdd$5(this, _reader, new FrameReader());
    __privateAdd$5(this, _noise, new NoiseResponder());
    __privateAdd$5(this, _state, "hello");
    /** We initiated a close: stop writing, but keep reading what the client already sent. */
    __privateAdd$5(this, _closing, false);
    __privateAdd$5(this, _ephemeral);
    __privateAdd$5(this, _queue, Promise.resolve());
    __privateAdd$5(this, _waiters, /* @__PURE__ */ new Map());
    __privateAdd$5(this, _ackWaiters, /* @__PURE__ */ new Map());
    /** Set once the client logged in (or finished pairing) as a companion device. */
    __publicField$7(this, "companion");
    /** Registration data from a not-yet-paired client (QR / pairing-code flow). */
    __publicField$7(this, "registration");
    __privateSet$5(this, _ws, ws);
    __privateSet$5(this, _host, host);
    ws.on("message", (data) => {
      __privateSet$5(this, _queue, __privateGet$5(this, _queue).then(() => __privateMethod$3(this, _Connection_instances, onData_fn).call(this, data)).catch((err) => {
        __privateGet$5(this, _host).onError(this, err);
        this.terminate();
      }));
    });
    ws.on("close", () => {
      __privateSet$5(this, _state, "closed");
      __privateGet$5(this, _host).onClose(this);
    });
    ws.on("error", () => {
    });
  }
  get isOpen() {
    return __privateGet$5(this, _state) === "open" && !__privateGet$5(this, _closing);
  }
  send(stanza) {
    if (!this.isOpen) return;
    __privateGet$5(this, _ws).send(encodeFrame(__privateGet$5(this, _noise).seal(encodeBinaryNode(stanza))));
  }
  /** Sends an iq and resolves with the client's reply (matched by id). */
  query(stanza, timeoutMs = 1e4) {
    const id = stanza.attrs.id;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        __privateGet$5(this, _waiters).delete(id);
        reject(new Error(`[multiwa-simulator] client did not answer iq ${id}`));
      }, timeoutMs);
      __privateGet$5(this, _waiters).set(id, (n) => {
        clearTimeout(timer);
        resolve(n);
      });
      this.send(stanza);
    });
  }
  /** Resolves when the client acks a stanza we sent (`<ack class id>`), or after `timeoutMs`. */
  waitAck(cls, id, timeoutMs = 5e3) {
    return new Promise((resolve) => {
      const key = `${cls}:${id}`;
      const timer = setTimeout(() => {
        __privateGet$5(this, _ackWaiters).delete(key);
        resolve();
      }, timeoutMs);
      __privateGet$5(this, _ackWaiters).set(key, () => {
        clearTimeout(timer);
        __privateGet$5(this, _ackWaiters).delete(key);
        resolve();
      });
    });
  }
  /** `<stream:error>` then close, as the real server does for 515/440/401. */
  streamError(attrs, reason) {
    this.send(node("stream:error", attrs, reason ? [reason] : void 0));
    this.close();
  }
  close() {
    if (__privateGet$5(this, _state) === "closed" || __privateGet$5(this, _closing)) return;
    __privateSet$5(this, _closing, true);
    setTimeout(() => __privateGet$5(this, _ws).close(), 20).unref();
  }
  terminate() {
    __privateSet$5(this, _state, "closed");
    __privateGet$5(this, _ws).terminate();
  }
}
_ws = new WeakMap();
_host = new WeakMap();
_reader = new WeakMap();
_noise = new WeakMap();
_state = new WeakMap();
_closing = new WeakMap();
_ephemeral = new WeakMap();
_queue = new WeakMap();
_waiters = new WeakMap();
_ackWaiters = new WeakMap();
_Connection_instances = new WeakSet();
onData_fn = async function(data) {
  var _a;
  for (const frame of __privateGet$5(this, _reader).push(data)) {
    if (__privateGet$5(this, _state) === "closed") return;
    if (__privateGet$5(this, _state) === "open") {
      const stanza = await decodeBinaryNode(__privateGet$5(this, _noise).open(frame));
      const waiter = stanza.tag === "iq" && stanza.attrs.id ? __privateGet$5(this, _waiters).get(stanza.attrs.id) : void 0;
      if (stanza.tag === "ack") (_a = __privateGet$5(this, _ackWaiters).get(`${stanza.attrs.class}:${stanza.attrs.id}`)) == null ? void 0 : _a();
      if (waiter && (stanza.attrs.type === "result" || stanza.attrs.type === "error")) {
        __privateGet$5(this, _waiters).delete(stanza.attrs.id);
        waiter(stanza);
      } else {
        await __privateGet$5(this, _host).onNode(this, stanza);
      }
    } else if (__privateGet$5(this, _state) === "hello") {
      __privateMethod$3(this, _Connection_instances, serverHello_fn).call(this, frame);
    } else {
      await __privateMethod$3(this, _Connection_instances, clientFinish_fn).call(this, frame);
    }
  }
};
serverHello_fn = function(frame) {
  const { clientHello } = proto.HandshakeMessage.decode(frame);
  if (!(clientHello == null ? void 0 : clientHello.ephemeral)) throw new Error("expected clientHello");
  const n = __privateGet$5(this, _noise);
  const eph = __privateSet$5(this, _ephemeral, Curve.generateKeyPair());
  n.authenticate(NOISE_WA_HEADER);
  n.authenticate(clientHello.ephemeral);
  n.authenticate(eph.public);
  n.mixIntoKey(Curve.sharedKey(eph.private, clientHello.ephemeral));
  const staticCt = n.encrypt(__privateGet$5(this, _host).staticKey.public);
  n.mixIntoKey(Curve.sharedKey(__privateGet$5(this, _host).staticKey.private, clientHello.ephemeral));
  const payload = n.encrypt(__privateGet$5(this, _host).certChain);
  const hello = proto.HandshakeMessage.encode({ serverHello: { ephemeral: eph.public, static: staticCt, payload } }).finish();
  __privateGet$5(this, _ws).send(encodeFrame(hello));
  __privateSet$5(this, _state, "finish");
};
clientFinish_fn = async function(frame) {
  const { clientFinish } = proto.HandshakeMessage.decode(frame);
  if (!(clientFinish == null ? void 0 : clientFinish.static) || !clientFinish.payload) throw new Error("expected clientFinish");
  const n = __privateGet$5(this, _noise);
  const clientStatic = n.decrypt(clientFinish.static);
  n.mixIntoKey(Curve.sharedKey(__privateGet$5(this, _ephemeral).private, clientStatic));
  const payload = proto.ClientPayload.decode(n.decrypt(clientFinish.payload));
  n.finish();
  __privateSet$5(this, _state, "open");
  await __privateGet$5(this, _host).onPayload(this, payload);
};

const sent = /* @__PURE__ */ new WeakMap();
const MEMORY = 2e3;
const remember = (sim, id, entry) => {
  var _a;
  const map = (_a = sent.get(sim)) != null ? _a : sent.set(sim, /* @__PURE__ */ new Map()).get(sim);
  map.set(id, entry);
  if (map.size > MEMORY) map.delete(map.keys().next().value);
};
const onRetryReceipt = async (sim, client, receipt, bundle) => {
  var _a, _b, _c, _d, _e;
  const entry = (_b = sent.get(sim)) == null ? void 0 : _b.get((_a = receipt.attrs.id) != null ? _a : "");
  if (!entry || sim.phone((_c = receipt.attrs.to) != null ? _c : "") !== entry.from) return false;
  const count = (_e = (_d = children(receipt).find((c) => c.tag === "retry")) == null ? void 0 : _d.attrs.count) != null ? _e : "1";
  entry.from.signal.resetSession(client.jid);
  const { type, ciphertext } = await entry.from.signal.encrypt(client.jid, () => bundle != null ? bundle : client.takeBundle(), entry.message);
  const enc = node("enc", { v: "2", type, count, mediatype: mediaTypeAttr(entry.message) }, ciphertext);
  client.send(node("message", { id: receipt.attrs.id, t: unixTime(), type: stanzaType(entry.message), ...entry.attrs }, [enc]));
  return true;
};

const encryptFor = async (sender, to, message) => {
  const { type, ciphertext } = await sender.signal.encrypt(to.jid, () => to.takeBundle(), message);
  return node("enc", { v: "2", type, mediatype: mediaTypeAttr(message) }, ciphertext);
};
const deliverToCompanion = async (_sim, sender, to, message, attrs, id = messageId()) => {
  const enc = await encryptFor(sender, to, message);
  to.send(node("message", { id, t: unixTime(), type: stanzaType(message), ...attrs }, [enc]));
};
const deliverFromPhone = async (sim, from, chat, message, id) => {
  const group = sim.groups.get(chat);
  if (group) return sim.groups.deliver(group, from, message, id);
  const to = sim.resolvePhone(chat);
  if (!to) throw new Error(`[multiwa-simulator] unknown recipient ${chat}`);
  const attrs = from.addressing === "lid" ? { from: from.lidJid, sender_pn: from.jid, notify: from.name } : { from: from.jid, sender_lid: from.lidJid, notify: from.name };
  remember(sim, id, { from, message, attrs });
  const jobs = [...to.companions.values()].filter((c) => !c.removed).map((c) => deliverToCompanion(sim, from, c, message, attrs, id));
  const dsm = { deviceSentMessage: { destinationJid: to.jid, message } };
  for (const c of from.companions.values()) {
    if (c.removed || to === from) continue;
    jobs.push(deliverToCompanion(sim, from, c, dsm, { from: from.jid, recipient: to.jid, recipient_lid: to.lidJid }, id));
  }
  await Promise.all(jobs);
};
const onClientMessage = async (sim, sender, stanza) => {
  var _a, _b, _c, _d, _e, _f;
  const { id = "", to: chat = "" } = stanza.attrs;
  const content = Array.isArray(stanza.content) ? stanza.content : [];
  sender.send(node("ack", { class: "message", id, from: chat, t: unixTime() }));
  const group = sim.groups.get(chat);
  const forwards = /* @__PURE__ */ new Map();
  const decrypted = [];
  const targets = [];
  for (const part of content) {
    if (part.tag === "participants" && Array.isArray(part.content)) {
      for (const to of part.content) {
        const enc = Array.isArray(to.content) ? to.content.find((c) => c.tag === "enc") : void 0;
        if (enc) targets.push([(_a = to.attrs.jid) != null ? _a : "", enc]);
      }
    } else if (part.tag === "enc" && part.attrs.type !== "skmsg") {
      targets.push([chat, part]);
    }
  }
  for (const [jid, enc] of targets) {
    const target = sim.device(jid);
    if (!target) continue;
    if (target.device === 0) {
      const type = enc.attrs.type === "pkmsg" ? "pkmsg" : "msg";
      try {
        const message = await target.phone.signal.decrypt(sender.jid, type, enc.content);
        decrypted.push({ phone: target.phone, message, encType: type });
      } catch (err) {
        sim.reportError(err);
      }
    } else if (target.companion && target.companion !== sender) {
      forwards.set(target.companion, [...(_b = forwards.get(target.companion)) != null ? _b : [], enc]);
    }
  }
  if (group) return sim.groups.onClientMessage(group, sender, stanza, decrypted, forwards);
  if (stanza.attrs.category === "peer") return;
  const self = sim.phone(sender.pn);
  for (const { phone, message, encType } of decrypted) {
    const deviceSent = !!message.deviceSentMessage && phone === self;
    const inner = (_d = (_c = message.deviceSentMessage) == null ? void 0 : _c.message) != null ? _d : message;
    const recipient = deviceSent ? (_f = (_e = message.deviceSentMessage) == null ? void 0 : _e.destinationJid) != null ? _f : chat : phone.jid;
    const received = { id, sender: sender.jid, chat: deviceSent ? recipient : phone.jid, recipient: phone.jid, message: inner, encType, deviceSent, timestamp: Date.now() };
    void (deviceSent ? Promise.resolve() : autoReceipts(phone, sender, [id])).then(() => {
      phone.inbox.push(received);
      phone.emit("message", received);
      sim.stats.deliveredToPhones++;
    });
  }
  for (const [companion, encs] of forwards) {
    const recipient = companion.pn === sender.pn ? chat : void 0;
    companion.send(node("message", { from: sender.jid, sender_lid: sender.lidJid, id, t: unixTime(), type: stanza.attrs.type, recipient, notify: self == null ? void 0 : self.name }, encs));
  }
};
const autoReceipts = (phone, to, ids, group, participant = phone.jid) => {
  if (phone.receipts === "none") return Promise.resolve();
  const attrs = group ? { from: group, participant } : { from: phone.jid };
  const later = (fn) => setTimeout(fn, phone.receiptDelayMs).unref();
  const delivered = new Promise((resolve) => later(() => {
    var _a;
    const acked = ((_a = to.conn) == null ? void 0 : _a.isOpen) ? to.conn.waitAck("receipt", ids[0]) : Promise.resolve();
    to.send(node("receipt", { ...attrs, id: ids[0], t: unixTime() }, listNode(ids)));
    void acked.then(() => resolve());
  }));
  for (const id of ids) phone.pendingDeliveries.set(id, delivered);
  void delivered.then(() => {
    for (const id of ids) if (phone.pendingDeliveries.get(id) === delivered) phone.pendingDeliveries.delete(id);
    if (phone.receipts === "read") later(() => to.send(node("receipt", { ...attrs, id: ids[0], t: unixTime(), type: "read" }, listNode(ids))));
  });
  return delivered;
};
const listNode = (ids) => ids.length > 1 ? [node("list", {}, ids.slice(1).map((id) => node("item", { id })))] : void 0;

var __defProp$6 = Object.defineProperty;
var __typeError$4 = (msg) => {
  throw TypeError(msg);
};
var __defNormalProp$6 = (obj, key, value) => key in obj ? __defProp$6(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$6 = (obj, key, value) => __defNormalProp$6(obj, typeof key !== "symbol" ? key + "" : key, value);
var __accessCheck$4 = (obj, member, msg) => member.has(obj) || __typeError$4("Cannot " + msg);
var __privateGet$4 = (obj, member, getter) => (__accessCheck$4(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd$4 = (obj, member, value) => member.has(obj) ? __typeError$4("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet$4 = (obj, member, value, setter) => (__accessCheck$4(obj, member, "write to private field"), member.set(obj, value), value);
var __privateMethod$2 = (obj, member, method) => (__accessCheck$4(obj, member, "access private method"), method);
var __privateWrapper$2 = (obj, member, setter, getter) => ({
  set _(value) {
    __privateSet$4(obj, member, value);
  },
  get _() {
    return __privateGet$4(obj, member, getter);
  }
});
var _groups, _seq$1, _GroupStore_instances, globalIq_fn, senderAttrs_fn, clients_fn, notify_fn;
class SimGroup {
  constructor(id, subject, creator, addressing = "pn") {
    __publicField$6(this, "id", id);
    __publicField$6(this, "subject", subject);
    __publicField$6(this, "creator", creator);
    __publicField$6(this, "addressing", addressing);
    __publicField$6(this, "participants", /* @__PURE__ */ new Map());
    __publicField$6(this, "creation", Math.floor(Date.now() / 1e3));
    __publicField$6(this, "inviteCode", randomBytes(16).toString("base64url"));
    __publicField$6(this, "description");
    /** Which (sender → client device) pairs already got the sender's key. */
    __publicField$6(this, "senderKeysSent", /* @__PURE__ */ new Set());
  }
  /** How a member appears in this group: its PN JID, or its LID JID in LID-addressed groups. */
  address(p) {
    return this.addressing === "lid" ? { jid: p.lidJid, alt: p.jid } : { jid: p.jid, alt: p.lidJid };
  }
  /** `<participant>` for metadata and notifications, with the other address alongside. */
  participantNode(p, role) {
    const { jid, alt } = this.address(p);
    return node("participant", this.addressing === "lid" ? { jid, phone_number: alt, type: role != null ? role : void 0 } : { jid, lid: alt, type: role != null ? role : void 0 });
  }
  get jid() {
    return `${this.id}@g.us`;
  }
  members() {
    return [...this.participants.keys()];
  }
}
class GroupStore {
  constructor(sim) {
    __publicField$6(this, "sim", sim);
    __privateAdd$4(this, _GroupStore_instances);
    __privateAdd$4(this, _groups, /* @__PURE__ */ new Map());
    __privateAdd$4(this, _seq$1, 0);
  }
  get(jid) {
    return jid.endsWith("@g.us") ? __privateGet$4(this, _groups).get(jid) : void 0;
  }
  get all() {
    return [...__privateGet$4(this, _groups).values()];
  }
  /** Creates a group owned by `creator` and tells every member's clients. */
  create(creator, subject, members, opts = {}) {
    var _a;
    const id = `1203630${Date.now().toString().slice(-8)}${(__privateWrapper$2(this, _seq$1)._++).toString().padStart(3, "0")}`;
    const group = new SimGroup(id, subject, creator, (_a = opts.addressing) != null ? _a : this.sim.options.groupAddressing);
    const actor = opts.origin;
    __privateGet$4(this, _groups).set(group.jid, group);
    group.participants.set(creator, "superadmin");
    for (const m of members) if (m !== creator) group.participants.set(m, null);
    __privateMethod$2(this, _GroupStore_instances, notify_fn).call(this, group, creator, node("create", {}, [this.toNode(group)]), actor);
    return group;
  }
  /** Applies a participant change made by `actor` (a phone) and notifies clients. */
  update(group, actor, action, phones, origin) {
    for (const p of phones) {
      if (action === "add") group.participants.set(p, null);
      else if (action === "remove") group.participants.delete(p);
      else if (group.participants.has(p)) group.participants.set(p, action === "promote" ? "admin" : null);
    }
    const list = phones.map((p) => group.participantNode(p));
    __privateMethod$2(this, _GroupStore_instances, notify_fn).call(this, group, actor, node(action, {}, list), origin, action === "remove" ? phones : []);
  }
  setSubject(group, actor, subject, origin) {
    group.subject = subject;
    __privateMethod$2(this, _GroupStore_instances, notify_fn).call(this, group, actor, node("subject", { subject, s_o: actor.jid, s_t: unixTime() }), origin);
  }
  toNode(g) {
    const parts = [...g.participants].map(([p, role]) => g.participantNode(p, role));
    if (g.description) parts.push(node("description", { id: "1", t: unixTime() }, [node("body", {}, Buffer.from(g.description))]));
    return node("group", {
      id: g.id,
      creator: g.address(g.creator).jid,
      creator_pn: g.creator.jid,
      creation: String(g.creation),
      subject: g.subject,
      s_t: String(g.creation),
      s_o: g.address(g.creator).jid,
      size: String(g.participants.size),
      addressing_mode: g.addressing
    }, parts);
  }
  // ---- Client iqs ----
  onIq(conn, iq) {
    var _a, _b, _c, _d;
    const me = conn.companion && this.sim.phone(conn.companion.pn);
    const first = children(iq)[0];
    if (!me || !first) return iqResult(iq);
    if (iq.attrs.to === "@g.us") return __privateMethod$2(this, _GroupStore_instances, globalIq_fn).call(this, conn, me, iq, first);
    const group = this.get((_a = iq.attrs.to) != null ? _a : "");
    if (!group) return iqError(iq, 404, "item-not-found");
    switch (first.tag) {
      case "query":
        return iqResult(iq, [this.toNode(group)]);
      case "add":
      case "remove":
      case "promote":
      case "demote": {
        const phones = children(first).flatMap((p) => {
          var _a2, _b2;
          return (_b2 = this.sim.resolvePhone((_a2 = p.attrs.jid) != null ? _a2 : "")) != null ? _b2 : [];
        });
        this.update(group, me, first.tag, phones, conn.companion);
        return iqResult(iq, [node(first.tag, {}, phones.map((p) => node("participant", { jid: group.address(p).jid })))]);
      }
      case "invite":
        if (iq.attrs.type === "set") group.inviteCode = randomBytes(16).toString("base64url");
        return iqResult(iq, [node("invite", { code: group.inviteCode })]);
      case "subject":
        this.setSubject(group, me, Buffer.from((_b = first.content) != null ? _b : []).toString(), conn.companion);
        return iqResult(iq);
      case "description":
        group.description = (_d = (_c = getBinaryNodeChild(first, "body")) == null ? void 0 : _c.content) == null ? void 0 : _d.toString();
        return iqResult(iq);
      default:
        return iqResult(iq);
    }
  }
  // ---- Messages ----
  /** Phone → group: one sender-key ciphertext, plus the key itself for clients that lack it. */
  async deliver(group, from, message, id) {
    const { ciphertext, skdm } = await from.signal.encryptGroup(group.jid, from.jid, message);
    const attrs = { from: group.jid, ...__privateMethod$2(this, _GroupStore_instances, senderAttrs_fn).call(this, group, from.jid, from.lidJid), notify: from.name, id, t: unixTime(), type: stanzaType(message) };
    await Promise.all(__privateMethod$2(this, _GroupStore_instances, clients_fn).call(this, group).map(async (c) => {
      const key = `${from.pn}>${c.jid}`;
      const encs = [];
      if (!group.senderKeysSent.has(key)) {
        encs.push(await encryptFor(from, c, { senderKeyDistributionMessage: { groupId: group.jid, axolotlSenderKeyDistributionMessage: skdm } }));
        group.senderKeysSent.add(key);
      }
      encs.push(node("enc", { v: "2", type: "skmsg" }, ciphertext));
      c.send(node("message", attrs, encs));
    }));
  }
  /** Client → group: simulated members decrypt; other clients get the stanza forwarded. */
  async onClientMessage(group, sender, stanza, pairwise, forwards) {
    var _a, _b;
    const { id = "" } = stanza.attrs;
    for (const { phone, message } of pairwise) {
      const skdm = (_a = message.senderKeyDistributionMessage) == null ? void 0 : _a.axolotlSenderKeyDistributionMessage;
      if (skdm) await phone.signal.processSenderKey(group.jid, sender.jid, skdm);
    }
    const skmsg = children(stanza).find((c) => c.tag === "enc" && c.attrs.type === "skmsg");
    if (!skmsg) return;
    for (const phone of group.members()) {
      try {
        const message = await phone.signal.decryptGroup(group.jid, sender.jid, skmsg.content);
        const own = phone.pn === sender.pn;
        const received = { id, sender: sender.jid, chat: group.jid, recipient: phone.jid, message, encType: "skmsg", deviceSent: own, timestamp: Date.now() };
        void (own ? Promise.resolve() : autoReceipts(phone, sender, [id], group.jid, group.address(phone).jid)).then(() => {
          phone.inbox.push(received);
          phone.emit("message", received);
        });
      } catch (err) {
        this.sim.reportError(err);
      }
    }
    const self = this.sim.phone(sender.pn);
    for (const c of __privateMethod$2(this, _GroupStore_instances, clients_fn).call(this, group)) {
      if (c === sender) continue;
      c.send(node(
        "message",
        { from: group.jid, ...__privateMethod$2(this, _GroupStore_instances, senderAttrs_fn).call(this, group, sender.jid, sender.lidJid), notify: self == null ? void 0 : self.name, id, t: unixTime(), type: stanza.attrs.type },
        [...(_b = forwards.get(c)) != null ? _b : [], skmsg]
      ));
    }
  }
}
_groups = new WeakMap();
_seq$1 = new WeakMap();
_GroupStore_instances = new WeakSet();
globalIq_fn = function(conn, me, iq, first) {
  var _a;
  switch (first.tag) {
    case "create": {
      const members = children(first).filter((c) => c.tag === "participant").flatMap((p) => {
        var _a2, _b;
        return (_b = this.sim.resolvePhone((_a2 = p.attrs.jid) != null ? _a2 : "")) != null ? _b : [];
      });
      const group = this.create(me, (_a = first.attrs.subject) != null ? _a : "", members, { origin: conn.companion });
      return iqResult(iq, [this.toNode(group)]);
    }
    case "participating":
      return iqResult(iq, [node("groups", {}, this.all.filter((g) => g.participants.has(me)).map((g) => this.toNode(g)))]);
    case "leave":
      for (const g of children(first)) {
        const group = this.get(`${g.attrs.id}`.includes("@") ? g.attrs.id : `${g.attrs.id}@g.us`);
        if (group) this.update(group, me, "remove", [me], conn.companion);
      }
      return iqResult(iq, [node("leave", {}, children(first))]);
    case "invite": {
      const group = this.all.find((g) => g.inviteCode === first.attrs.code);
      if (!group) return iqError(iq, 404, "item-not-found");
      if (iq.attrs.type === "get") return iqResult(iq, [this.toNode(group)]);
      this.update(group, me, "add", [me], conn.companion);
      return iqResult(iq, [node("group", { jid: group.jid })]);
    }
    default:
      return iqResult(iq);
  }
};
// --- Internal helpers ---
/** Who sent a group message, in the group's addressing mode (device JIDs for clients). */
senderAttrs_fn = function(group, pn, lid) {
  return group.addressing === "lid" ? { participant: lid, participant_pn: pn, addressing_mode: "lid" } : { participant: pn, participant_lid: lid, addressing_mode: "pn" };
};
clients_fn = function(group, extra = []) {
  return [...group.members(), ...extra].flatMap((p) => [...p.companions.values()]).filter((c) => !c.removed);
};
/** `<notification type=w:gp2>` to every member client (and removed ones, so they learn). */
notify_fn = function(group, actor, change, origin, alsoTo = []) {
  const stanza = node("notification", { from: group.jid, type: "w:gp2", id: serverId("gp2"), t: unixTime(), participant: group.address(actor).jid, participant_pn: actor.jid }, [change]);
  for (const c of __privateMethod$2(this, _GroupStore_instances, clients_fn).call(this, group, alsoTo)) if (c !== origin) c.send(stanza);
};

const be = (n, len) => {
  const b = Buffer.alloc(len);
  b.writeUIntBE(n, 0, len);
  return b;
};
const strip = (k) => k.length === 33 ? k.subarray(1) : k;
const leaf = (tag, content) => ({ tag, attrs: {}, content });
const bundleToNode = (jid, b) => {
  const content = [
    leaf("registration", be(b.registrationId, 4)),
    leaf("type", Buffer.from([5])),
    leaf("identity", strip(b.identityKey)),
    {
      tag: "skey",
      attrs: {},
      content: [leaf("id", be(b.signedPreKey.keyId, 3)), leaf("value", strip(b.signedPreKey.publicKey)), leaf("signature", b.signedPreKey.signature)]
    }
  ];
  if (b.preKey) content.push({ tag: "key", attrs: {}, content: [leaf("id", be(b.preKey.keyId, 3)), leaf("value", strip(b.preKey.publicKey))] });
  return { tag: "user", attrs: { jid }, content };
};
const bytes = (node, tag) => {
  var _a;
  const c = (_a = getBinaryNodeChild(node, tag)) == null ? void 0 : _a.content;
  if (!(c instanceof Uint8Array)) throw new Error(`missing <${tag}> in key upload`);
  return Buffer.from(c);
};
const prefixed = (k) => Buffer.concat([Buffer.from([5]), k]);
const parsePreKeyUpload = (iq) => {
  const skey = getBinaryNodeChild(iq, "skey");
  const preKeys = getBinaryNodeChildren(getBinaryNodeChild(iq, "list"), "key").map((k) => ({
    keyId: bytes(k, "id").readUIntBE(0, 3),
    publicKey: prefixed(bytes(k, "value"))
  }));
  return {
    bundle: {
      registrationId: bytes(iq, "registration").readUInt32BE(0),
      identityKey: prefixed(bytes(iq, "identity")),
      signedPreKey: { keyId: bytes(skey, "id").readUIntBE(0, 3), publicKey: prefixed(bytes(skey, "value")), signature: bytes(skey, "signature") }
    },
    preKeys
  };
};
const parseRetryKeys = (receipt) => {
  const keys = getBinaryNodeChild(receipt, "keys");
  if (!keys) return void 0;
  const skey = getBinaryNodeChild(keys, "skey");
  const key = getBinaryNodeChild(keys, "key");
  return {
    registrationId: bytes(receipt, "registration").readUInt32BE(0),
    identityKey: prefixed(bytes(keys, "identity")),
    signedPreKey: { keyId: bytes(skey, "id").readUIntBE(0, 3), publicKey: prefixed(bytes(skey, "value")), signature: bytes(skey, "signature") },
    preKey: key ? { keyId: bytes(key, "id").readUIntBE(0, 3), publicKey: prefixed(bytes(key, "value")) } : void 0
  };
};

var __defProp$5 = Object.defineProperty;
var __typeError$3 = (msg) => {
  throw TypeError(msg);
};
var __defNormalProp$5 = (obj, key, value) => key in obj ? __defProp$5(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$5 = (obj, key, value) => __defNormalProp$5(obj, typeof key !== "symbol" ? key + "" : key, value);
var __accessCheck$3 = (obj, member, msg) => member.has(obj) || __typeError$3("Cannot " + msg);
var __privateGet$3 = (obj, member, getter) => (__accessCheck$3(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd$3 = (obj, member, value) => member.has(obj) ? __typeError$3("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet$3 = (obj, member, value, setter) => (__accessCheck$3(obj, member, "write to private field"), member.set(obj, value), value);
var _bundle, _preKeys, _pending, _unacked;
class Companion {
  constructor(pn, lid, device, bundle, keyIndex) {
    __publicField$5(this, "pn", pn);
    __publicField$5(this, "lid", lid);
    __publicField$5(this, "device", device);
    __publicField$5(this, "keyIndex", keyIndex);
    __publicField$5(this, "conn");
    /** Set when the device was unlinked; its next login gets `<failure reason=401>`. */
    __publicField$5(this, "removed", false);
    __privateAdd$3(this, _bundle);
    __privateAdd$3(this, _preKeys, []);
    __privateAdd$3(this, _pending, []);
    /** Messages written but not yet acked, by id: redelivered on the next login. */
    __privateAdd$3(this, _unacked, /* @__PURE__ */ new Map());
    __privateSet$3(this, _bundle, bundle);
  }
  get jid() {
    return `${this.pn}:${this.device}@s.whatsapp.net`;
  }
  get lidJid() {
    return `${this.lid}:${this.device}@lid`;
  }
  get online() {
    var _a;
    return !!((_a = this.conn) == null ? void 0 : _a.isOpen);
  }
  /** Prekey upload from the client (`iq xmlns=encrypt type=set`). */
  setKeys(bundle, preKeys) {
    __privateSet$3(this, _bundle, bundle);
    __privateSet$3(this, _preKeys, preKeys);
  }
  get preKeyCount() {
    return __privateGet$3(this, _preKeys).length;
  }
  /** The bundle a peer needs to start a session; spends one uploaded one-time prekey if any. */
  takeBundle() {
    const preKey = __privateGet$3(this, _preKeys).shift();
    return preKey ? { ...__privateGet$3(this, _bundle), preKey } : { ...__privateGet$3(this, _bundle) };
  }
  /**
   * Sends now if connected, else queues until the next login (WhatsApp's offline queue).
   * Messages stay queued until the client acks them, so a socket that dies mid-flight
   * (e.g. the client called `end()` a moment earlier) still gets them after reconnecting.
   */
  send(stanza) {
    var _a;
    const id = stanza.tag === "message" ? stanza.attrs.id : void 0;
    if (id) __privateGet$3(this, _unacked).set(id, stanza);
    if ((_a = this.conn) == null ? void 0 : _a.isOpen) this.conn.send(stanza);
    else if (!id) __privateGet$3(this, _pending).push(stanza);
  }
  /** The client acked `<message id>`. */
  acked(id) {
    __privateGet$3(this, _unacked).delete(id);
  }
  /** Everything to (re)send right after login: unacked messages first, then other stanzas. */
  drainPending() {
    const out = [...__privateGet$3(this, _unacked).values(), ...__privateGet$3(this, _pending)];
    __privateSet$3(this, _pending, []);
    return out;
  }
}
_bundle = new WeakMap();
_preKeys = new WeakMap();
_pending = new WeakMap();
_unacked = new WeakMap();

const finishers = /* @__PURE__ */ new Map();
const ctr = (key, iv, data) => {
  const c = createCipheriv("aes-256-ctr", key, iv);
  return Buffer.concat([c.update(data), c.final()]);
};
const codeHello = async (req, phone, code) => {
  const wrapped = childBytes(req.hello, "link_code_pairing_wrapped_companion_ephemeral_pub");
  if (!wrapped || wrapped.length < 80) throw new Error("[multiwa-simulator] malformed companion_hello");
  const key = await derivePairingCodeKey(code, wrapped.subarray(0, 32));
  const companionEphemeral = createDecipheriv("aes-256-ctr", key, wrapped.subarray(32, 48)).update(wrapped.subarray(48, 80));
  const primaryEphemeral = Curve.generateKeyPair();
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const ourWrapped = Buffer.concat([salt, iv, ctr(await derivePairingCodeKey(code, salt), iv, Buffer.from(primaryEphemeral.public))]);
  const finished = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      finishers.delete(req.ref);
      reject(new Error("[multiwa-simulator] client never finished code pairing (wrong code?)"));
    }, 15e3);
    finishers.set(req.ref, (reg) => {
      clearTimeout(timer);
      resolve(reg);
    });
  });
  req.conn.send(node("notification", { from: S_WHATSAPP_NET, type: "link_code_companion_reg", id: serverId("code"), t: unixTime() }, [
    node("link_code_companion_reg", { stage: "primary_hello" }, [
      node("link_code_pairing_wrapped_primary_ephemeral_pub", {}, ourWrapped),
      node("primary_identity_pub", {}, phone.signal.identity.public),
      node("link_code_pairing_ref", {}, Buffer.from(req.ref))
    ])
  ]));
  const finish = await finished;
  const bundle = childBytes(finish, "link_code_pairing_wrapped_key_bundle");
  if (!bundle) throw new Error("[multiwa-simulator] companion_finish without key bundle");
  const companionShared = Curve.sharedKey(primaryEphemeral.private, companionEphemeral);
  const bundleKey = Buffer.from(hkdf(companionShared, 32, { salt: bundle.subarray(0, 32), info: "link_code_pairing_key_bundle_encryption_key" }));
  let plain;
  try {
    plain = aesDecryptGCM(bundle.subarray(44), bundleKey, bundle.subarray(32, 44), Buffer.alloc(0));
  } catch {
    throw new Error("[multiwa-simulator] pairing code mismatch: the client's key bundle does not decrypt");
  }
  const identityPub = plain.subarray(0, 32);
  const random = plain.subarray(64, 96);
  const identityShared = Curve.sharedKey(phone.signal.identity.private, identityPub);
  const advSecret = Buffer.from(hkdf(Buffer.concat([companionShared, identityShared, random]), 32, { info: "adv_secret" }));
  return { identityPub: Buffer.from(identityPub), advSecret };
};
const codeFinish = (reg) => {
  var _a;
  const ref = (_a = childBytes(reg, "link_code_pairing_ref")) == null ? void 0 : _a.toString();
  const finish = ref ? finishers.get(ref) : void 0;
  if (ref && finish) {
    finishers.delete(ref);
    finish(reg);
  }
};

const QR_PREFIX = "https://wa.me/settings/linked_devices#";
const sendPairDevice = (sim, conn) => {
  const refs = Array.from({ length: 5 }, () => `2@${randomBytes(24).toString("base64")}`);
  for (const ref of refs) sim.pendingPairings.set(ref, conn);
  conn.send(node("iq", { from: "s.whatsapp.net", type: "set", id: serverId("pair"), xmlns: "md" }, [
    node("pair-device", {}, refs.map((ref) => node("ref", {}, Buffer.from(ref))))
  ]));
};
const pairByQr = async (sim, phone, qr) => {
  const [ref = "", , identityB64 = "", advB64 = ""] = qr.replace(QR_PREFIX, "").split(",");
  const conn = sim.pendingPairings.get(ref);
  if (!(conn == null ? void 0 : conn.isOpen)) throw new Error("[multiwa-simulator] QR is unknown or expired (the client is no longer waiting)");
  return completePairing(sim, conn, phone, Buffer.from(identityB64, "base64"), Buffer.from(advB64, "base64"));
};
const codeRequests = /* @__PURE__ */ new WeakMap();
const requests = (sim) => {
  var _a;
  return (_a = codeRequests.get(sim)) != null ? _a : codeRequests.set(sim, /* @__PURE__ */ new Map()).get(sim);
};
const pairByCode = async (sim, phone, code) => {
  var _a;
  const req = (_a = requests(sim).get(phone.pn)) != null ? _a : await nextCodeRequest(sim, phone.pn);
  if (!(req == null ? void 0 : req.conn.isOpen)) throw new Error(`[multiwa-simulator] no pairing-code request pending for ${phone.pn}`);
  requests(sim).delete(phone.pn);
  const { identityPub, advSecret } = await codeHello(req, phone, code.replace(/-/g, "").toUpperCase());
  return completePairing(sim, req.conn, phone, identityPub, advSecret);
};
const nextCodeRequest = (sim, pn, timeoutMs = 5e3) => new Promise((resolve) => {
  const onRequest = ({ phone }) => {
    if (phone !== pn) return;
    done();
  };
  const done = () => {
    clearTimeout(timer);
    sim.off("pairing-code-requested", onRequest);
    resolve(requests(sim).get(pn));
  };
  const timer = setTimeout(done, timeoutMs);
  sim.on("pairing-code-requested", onRequest);
});
const onPairingIq = async (sim, conn, iq) => {
  var _a;
  const reg = getBinaryNodeChild(iq, "link_code_companion_reg");
  if ((reg == null ? void 0 : reg.attrs.stage) === "companion_hello") {
    const pn = ((_a = reg.attrs.jid) != null ? _a : "").split("@")[0].split(":")[0];
    const ref = randomBytes(16).toString("hex");
    requests(sim).set(pn, { conn, ref, hello: reg });
    conn.send(iqResult(iq, [node("link_code_companion_reg", {}, [node("link_code_pairing_ref", {}, Buffer.from(ref))])]));
    sim.emit("pairing-code-requested", { phone: pn });
    return;
  }
  if ((reg == null ? void 0 : reg.attrs.stage) === "companion_finish") {
    conn.send(iqResult(iq));
    codeFinish(reg);
    return;
  }
  const remove = getBinaryNodeChild(iq, "remove-companion-device");
  if (remove && conn.companion) conn.companion.removed = true;
  conn.send(iqResult(iq));
};
const completePairing = async (sim, conn, phone, identityPub, advSecret) => {
  const reg = conn.registration;
  if (!reg) throw new Error("[multiwa-simulator] connection did not register");
  for (const [k, c] of sim.pendingPairings) if (c === conn) sim.pendingPairings.delete(k);
  const device = phone.allocateDevice();
  const account = phone.signal.identity;
  const details = proto.ADVDeviceIdentity.encode({ rawId: Math.floor(Math.random() * 2 ** 31), timestamp: Number(unixTime()), keyIndex: device }).finish();
  const accountSignature = Curve.sign(account.private, Buffer.concat([Buffer.from([6, 0]), details, identityPub]));
  const signed = proto.ADVSignedDeviceIdentity.encode({ details, accountSignatureKey: account.public, accountSignature }).finish();
  const identity = proto.ADVSignedDeviceIdentityHMAC.encode({ details: signed, hmac: hmacSign(signed, advSecret) }).finish();
  const companion = new Companion(phone.pn, phone.lid, device, {
    registrationId: Buffer.from(reg.eRegid).readUInt32BE(0),
    identityKey: Buffer.concat([Buffer.from([5]), Buffer.from(reg.eIdent)]),
    signedPreKey: {
      keyId: Buffer.from(reg.eSkeyId).readUIntBE(0, 3),
      publicKey: Buffer.concat([Buffer.from([5]), Buffer.from(reg.eSkeyVal)]),
      signature: Buffer.from(reg.eSkeySig)
    }
  }, device);
  const reply = await conn.query(node("iq", { from: "s.whatsapp.net", type: "set", id: serverId("pair") }, [
    node("pair-success", {}, [
      node("device-identity", {}, Buffer.from(identity)),
      node("platform", { name: "android" }),
      node("device", { jid: companion.jid, lid: companion.lidJid })
    ])
  ]));
  if (reply.attrs.type !== "result" || !getBinaryNodeChild(reply, "pair-device-sign")) {
    throw new Error("[multiwa-simulator] client rejected pair-success");
  }
  phone.companions.set(device, companion);
  conn.streamError({ code: "515" });
  const paired = { jid: companion.jid, lid: companion.lidJid, device };
  phone.emit("paired", paired);
  return paired;
};

const onClientPayload = async (sim, conn, payload) => {
  var _a, _b;
  if (payload.devicePairingData) {
    conn.registration = payload.devicePairingData;
    sim.emit("connection", { registered: false });
    sendPairDevice(sim, conn);
    return;
  }
  sim.emit("connection", { registered: true });
  const phone = sim.phone(String((_a = payload.username) != null ? _a : ""));
  const companion = phone == null ? void 0 : phone.companions.get((_b = payload.device) != null ? _b : 0);
  if (!companion || companion.removed) {
    conn.send(node("failure", { reason: "401", location: "sim" }));
    conn.close();
    return;
  }
  if (companion.conn && companion.conn !== conn && companion.conn.isOpen) {
    companion.conn.streamError({}, node("conflict", { type: "replaced" }));
  }
  companion.conn = conn;
  conn.companion = companion;
  conn.send(node("success", { t: unixTime(), lid: companion.lidJid, props: "1", abprops: "1", location: "sim", creation: unixTime() }));
  sim.emit("login", { jid: companion.jid, lid: companion.lidJid, device: companion.device });
};
const afterLogin = async (sim, companion) => {
  var _a;
  const pending = companion.drainPending();
  for (const stanza of pending) (_a = companion.conn) == null ? void 0 : _a.send(stanza);
  companion.send(node("ib", { from: "s.whatsapp.net" }, [node("offline", { count: String(pending.length) })]));
  const phone = sim.phone(companion.pn);
  if (!phone) return;
  await deliverToCompanion(sim, phone, companion, {
    protocolMessage: {
      type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
      historySyncNotification: { syncType: proto.HistorySync.HistorySyncType.FULL, chunkOrder: 0, progress: 100 }
    }
    // `notify` on a message from our own phone is how Baileys learns its push name (creds.me.name),
    // which it needs before it will send "available" presence.
  }, { from: phone.jid, category: "peer", push_priority: "high_force", notify: phone.name });
};

const usyncResult = (sim, iq) => {
  const usync = getBinaryNodeChild(iq, "usync");
  const protocols = new Set(children(getBinaryNodeChild(usync, "query")).map((p) => p.tag));
  const users = children(getBinaryNodeChild(usync, "list")).map((user) => {
    var _a, _b, _c;
    const contact = (_a = getBinaryNodeChild(user, "contact")) == null ? void 0 : _a.content;
    const phoneNumber = contact ? Buffer.from(contact).toString().replace(/\D/g, "") : void 0;
    const jid = (_b = user.attrs.jid) != null ? _b : `${phoneNumber}@s.whatsapp.net`;
    const phone = protocols.has("contact") ? sim.phone(jid) : sim.resolvePhone(jid);
    const content = [];
    if (protocols.has("contact")) content.push(node("contact", { type: phone ? "in" : "out" }));
    if (phone && protocols.has("devices")) {
      const list = [node("device", { id: "0" })];
      for (const c of phone.companions.values()) if (!c.removed) list.push(node("device", { id: String(c.device), "key-index": String(c.keyIndex) }));
      content.push(node("devices", {}, [node("device-list", {}, list)]));
    }
    if (phone && protocols.has("lid") && ((_c = jidDecode(jid)) == null ? void 0 : _c.server) !== "lid") content.push(node("lid", { val: phone.lidJid }));
    if (phone && protocols.has("status")) content.push(node("status", { t: "0" }, Buffer.from("Hey there! I am using WhatsApp.")));
    return node("user", { jid }, content);
  });
  return iqResult(iq, [node("usync", { sid: usync == null ? void 0 : usync.attrs.sid, mode: usync == null ? void 0 : usync.attrs.mode, last: "true", index: "0", context: usync == null ? void 0 : usync.attrs.context }, [
    node("result", {}, []),
    node("list", {}, users)
  ])]);
};

const onIq = async (sim, conn, iq) => {
  const first = children(iq)[0];
  switch (iq.attrs.xmlns) {
    case "encrypt":
      return conn.send(encryptResult(sim, conn, iq, first));
    case "usync":
      return conn.send(usyncResult(sim, iq));
    case "passive":
      conn.send(iqResult(iq));
      if ((first == null ? void 0 : first.tag) === "active" && conn.companion) await afterLogin(sim, conn.companion);
      return;
    case "privacy":
      return conn.send(iqResult(iq, [node("privacy", {}, ["readreceipts", "last", "online", "profile", "status", "groupadd", "calladd"].map(
        (name) => node("category", { name, value: name === "groupadd" || name === "calladd" ? "all" : name === "readreceipts" ? "all" : "contacts" })
      ))]));
    case "w":
      return conn.send(iqResult(iq, [node("props", { protocol: "2", hash: "simulator" }, [])]));
    case "blocklist":
      return conn.send(iqResult(iq, [node("list", {}, [])]));
    case "w:m":
      return conn.send(iqResult(iq, [node("media_conn", { auth: "simulator", ttl: "3600", auth_ttl: "3600", max_buckets: "12" }, [
        node("host", { hostname: `127.0.0.1:${sim.port}`, maxContentLengthBytes: "104857600" })
      ])]));
    case "w:g2":
      return conn.send(sim.groups.onIq(conn, iq));
    case "md":
      return onPairingIq(sim, conn, iq);
    default:
      return conn.send(iqResult(iq));
  }
};
const encryptResult = (sim, conn, iq, first) => {
  var _a;
  const me = conn.companion;
  switch (first == null ? void 0 : first.tag) {
    case "count":
      return iqResult(iq, [node("count", { value: String((_a = me == null ? void 0 : me.preKeyCount) != null ? _a : 0) })]);
    case "digest":
      return iqResult(iq, [node("digest", {}, [])]);
    case "key": {
      const users = getBinaryNodeChildren(first, "user").flatMap((u) => {
        var _a2;
        const jid = (_a2 = u.attrs.jid) != null ? _a2 : "";
        const target = sim.device(jid);
        if (!target) return [];
        if (target.device === 0) return [bundleToNode(jid, target.phone.signal.bundle())];
        return target.companion ? [bundleToNode(jid, target.companion.takeBundle())] : [];
      });
      return iqResult(iq, [node("list", {}, users)]);
    }
    case "rotate":
      return iqResult(iq);
    default:
      if (me && iq.attrs.type === "set" && getBinaryNodeChild(iq, "registration")) {
        const { bundle, preKeys } = parsePreKeyUpload(iq);
        me.setKeys(bundle, preKeys);
      }
      return iqResult(iq);
  }
};

const onStanza = async (sim, conn, stanza) => {
  var _a;
  switch (stanza.tag) {
    case "iq":
      if (stanza.attrs.type === "result" || stanza.attrs.type === "error") return;
      return onIq(sim, conn, stanza);
    case "message":
      sim.stats.clientMessages++;
      if (sim.absorbOnly) return conn.send(node("ack", { class: "message", id: stanza.attrs.id, from: stanza.attrs.to, t: unixTime() }));
      if (conn.companion) {
        const t0 = performance.now();
        await onClientMessage(sim, conn.companion, stanza);
        sim.stats.messageHandlingMs += performance.now() - t0;
      }
      return;
    case "receipt":
      return onClientReceipt(sim, conn, stanza);
    case "presence":
    case "chatstate":
      return onClientPresence(sim, conn, stanza);
    case "ack":
      if (stanza.attrs.class === "message" && stanza.attrs.id) (_a = conn.companion) == null ? void 0 : _a.acked(stanza.attrs.id);
      return;
    default:
      return;
  }
};
const INTERNAL_RECEIPTS = /* @__PURE__ */ new Set(["peer_msg", "hist_sync"]);
const onClientReceipt = (sim, conn, stanza) => {
  var _a, _b, _c, _d;
  const sender = conn.companion;
  if (!sender) return;
  const items = children(getBinaryNodeChild(stanza, "list")).map((i) => {
    var _a2;
    return (_a2 = i.attrs.id) != null ? _a2 : "";
  });
  const ids = [(_a = stanza.attrs.id) != null ? _a : "", ...items];
  for (const id of ids) sender.acked(id);
  if (stanza.attrs.type === "retry") {
    void onRetryReceipt(sim, sender, stanza, parseRetryKeys(stanza)).catch((err) => sim.reportError(err));
  }
  const target = sim.phone((_b = stanza.attrs.to) != null ? _b : "");
  if (!target || INTERNAL_RECEIPTS.has((_c = stanza.attrs.type) != null ? _c : "")) return;
  const receipt = { ids, type: (_d = stanza.attrs.type) != null ? _d : "delivery", sender: sender.jid };
  target.clientReceipts.push(receipt);
  target.emit("receipt", receipt);
};
const onClientPresence = (sim, conn, stanza) => {
  var _a, _b;
  const sender = conn.companion;
  if (!sender) return;
  const state = (_a = children(stanza)[0]) == null ? void 0 : _a.tag;
  const type = stanza.tag === "chatstate" ? state != null ? state : "paused" : (_b = stanza.attrs.type) != null ? _b : "available";
  const to = stanza.attrs.to;
  const event = { sender: sender.jid, type, to };
  const group = to ? sim.groups.get(to) : void 0;
  const targets = group ? group.members().filter((p) => p.pn !== sender.pn) : [sim.phone(to != null ? to : sender.pn)];
  for (const target of targets) {
    if (!target) continue;
    target.presences.push(event);
    target.emit("presence", event);
  }
};

const listen = async (port, host, handlers) => {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const upgrade = (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => handlers.websocket(ws));
  const http = createServer(handlers.request).on("upgrade", upgrade);
  const https = createServer$1({ cert: SIMULATOR_TLS_CERT, key: SIMULATOR_TLS_KEY }, handlers.request).on("upgrade", upgrade);
  http.keepAliveTimeout = https.keepAliveTimeout = 1e3;
  const server = createServer$2((socket) => {
    socket.once("data", (first) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 22 ? https : http).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
    socket.on("error", () => socket.destroy());
  });
  server.on("close", () => {
    wss.close();
    http.close();
    https.close();
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
};

var __defProp$4 = Object.defineProperty;
var __typeError$2 = (msg) => {
  throw TypeError(msg);
};
var __defNormalProp$4 = (obj, key, value) => key in obj ? __defProp$4(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$4 = (obj, key, value) => __defNormalProp$4(obj, key + "" , value);
var __accessCheck$2 = (obj, member, msg) => member.has(obj) || __typeError$2("Cannot " + msg);
var __privateGet$2 = (obj, member, getter) => (__accessCheck$2(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd$2 = (obj, member, value) => member.has(obj) ? __typeError$2("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet$2 = (obj, member, value, setter) => (__accessCheck$2(obj, member, "write to private field"), member.set(obj, value), value);
var __privateMethod$1 = (obj, member, method) => (__accessCheck$2(obj, member, "access private method"), method);
var __privateWrapper$1 = (obj, member, setter, getter) => ({
  set _(value) {
    __privateSet$2(obj, member, value);
  },
  get _() {
    return __privateGet$2(obj, member, getter);
  }
});
var _blobs, _seq, _MediaStore_instances, put_fn;
class MediaStore {
  constructor(origin) {
    __publicField$4(this, "origin", origin);
    __privateAdd$2(this, _MediaStore_instances);
    __privateAdd$2(this, _blobs, /* @__PURE__ */ new Map());
    __privateAdd$2(this, _seq, 0);
  }
  /** Handles media routes; returns false when the request is not for the media host. */
  handle(req, res) {
    var _a;
    const path = ((_a = req.url) != null ? _a : "").split("?")[0];
    if (req.method === "POST" && path.startsWith("/mms/")) {
      const parts = [];
      req.on("data", (c) => parts.push(c));
      req.on("end", () => {
        const directPath = __privateMethod$1(this, _MediaStore_instances, put_fn).call(this, Buffer.concat(parts));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ url: `${this.origin().https}${directPath}`, direct_path: directPath }));
      });
      return true;
    }
    if (req.method === "GET" && path.startsWith("/media/")) {
      const blob = __privateGet$2(this, _blobs).get(path);
      res.writeHead(blob ? 200 : 404, { "content-type": "application/octet-stream" });
      res.end(blob);
      return true;
    }
    return false;
  }
  /** Encrypts `data` the WhatsApp way and hosts it (for phone → client media). */
  async host(data, type) {
    const mediaKey = randomBytes(32);
    const { cipherKey, iv, macKey } = keys(await getMediaKeys(mediaKey, type));
    const aes = createCipheriv("aes-256-cbc", cipherKey, iv);
    const enc = Buffer.concat([aes.update(data), aes.final()]);
    const mac = createHmac("sha256", macKey).update(iv).update(enc).digest().subarray(0, 10);
    const file = Buffer.concat([enc, mac]);
    const directPath = __privateMethod$1(this, _MediaStore_instances, put_fn).call(this, file);
    return {
      // Plain http: Baileys downloads `url` as-is when no directPath is given, so
      // receiving clients need no TLS setup.
      url: `${this.origin().http}${directPath}`,
      directPath,
      mediaKey,
      fileSha256: sha256(data),
      fileEncSha256: sha256(file),
      fileLength: data.length
    };
  }
  /** Fetches and decrypts media a client uploaded (for phone-side assertions). */
  async decrypt(ref, type) {
    var _a;
    const path = (_a = ref.directPath) != null ? _a : ref.url ? new URL(ref.url).pathname : void 0;
    const file = path ? __privateGet$2(this, _blobs).get(path.split("?")[0]) : void 0;
    if (!file || !ref.mediaKey) throw new Error(`[multiwa-simulator] media not found: ${path != null ? path : "(no path)"}`);
    const { cipherKey, iv, macKey } = keys(await getMediaKeys(Buffer.from(ref.mediaKey), type));
    const enc = file.subarray(0, -10);
    const mac = createHmac("sha256", macKey).update(iv).update(enc).digest().subarray(0, 10);
    if (!mac.equals(file.subarray(-10))) throw new Error("[multiwa-simulator] media MAC mismatch");
    const aes = createDecipheriv("aes-256-cbc", cipherKey, iv);
    return Buffer.concat([aes.update(enc), aes.final()]);
  }
  get size() {
    return __privateGet$2(this, _blobs).size;
  }
}
_blobs = new WeakMap();
_seq = new WeakMap();
_MediaStore_instances = new WeakSet();
// --- Internal helpers ---
put_fn = function(file) {
  const path = `/media/${(__privateWrapper$1(this, _seq)._++).toString(36)}-${randomBytes(6).toString("hex")}.enc`;
  __privateGet$2(this, _blobs).set(path, file);
  return path;
};
const keys = (k) => ({
  cipherKey: Buffer.from(k.cipherKey),
  iv: Buffer.from(k.iv),
  macKey: Buffer.from(k.macKey)
});
const sha256 = (b) => createHash("sha256").update(b).digest();

const companionsOf = (sim, jid) => {
  var _a, _b;
  const phones = jid ? [(_b = (_a = sim.groups.get(jid)) == null ? void 0 : _a.members()) != null ? _b : [sim.phone(jid)]].flat() : sim.phones;
  return phones.flatMap((p) => p ? [...p.companions.values()] : []).filter((c) => c.online);
};
const sendPresence = (sim, from, type, to) => {
  const stanza = node("presence", { from: from.jid, type, last: type === "unavailable" ? unixTime() : void 0 });
  for (const c of companionsOf(sim, to)) if (c.pn !== from.pn) c.send(stanza);
};
const sendChatState = (sim, from, to, state) => {
  const group = sim.groups.get(to);
  const attrs = group ? { from: to, participant: from.jid } : { from: from.jid };
  const child = state === "recording" ? node("composing", { media: "audio" }) : node(state);
  for (const c of companionsOf(sim, to)) if (c.pn !== from.pn) c.send(node("chatstate", attrs, [child]));
};
const sendReceipt = async (sim, from, to, ids, type, participant) => {
  var _a;
  await Promise.all(ids.map((id) => from.pendingDeliveries.get(id)));
  const arrived = Math.max(0, ...ids.map((id) => {
    var _a2, _b;
    return (_b = (_a2 = from.inbox.all.findLast((m) => m.id === id)) == null ? void 0 : _a2.timestamp) != null ? _b : 0;
  }));
  const wait = arrived + from.receiptDelayMs - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const group = sim.groups.get(to);
  const attrs = group ? { from: to, participant: from.jid } : { from: from.jid };
  const list = ids.length > 1 ? [node("list", {}, ids.slice(1).map((id) => node("item", { id })))] : void 0;
  const target = group ? sim.phone(participant != null ? participant : "") : sim.phone(to);
  for (const c of (_a = target == null ? void 0 : target.companions.values()) != null ? _a : []) {
    c.send(node("receipt", { ...attrs, id: ids[0], t: unixTime(), type: type === "read" ? "read" : void 0 }, list));
  }
};
const unlink = (phone, device, reason) => {
  var _a, _b, _c;
  const c = phone.companions.get(device);
  if (!c) throw new Error(`[multiwa-simulator] ${phone.pn} has no device ${device}`);
  if (reason === "logout") {
    c.removed = true;
    (_a = c.conn) == null ? void 0 : _a.streamError({ code: "401" }, node("conflict", { type: "device_removed" }));
  } else if (reason === "conflict") {
    (_b = c.conn) == null ? void 0 : _b.streamError({}, node("conflict", { type: "replaced" }));
  } else {
    (_c = c.conn) == null ? void 0 : _c.streamError({ code: "515" });
  }
};

var __defProp$3 = Object.defineProperty;
var __typeError$1 = (msg) => {
  throw TypeError(msg);
};
var __defNormalProp$3 = (obj, key, value) => key in obj ? __defProp$3(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$3 = (obj, key, value) => __defNormalProp$3(obj, typeof key !== "symbol" ? key + "" : key, value);
var __accessCheck$1 = (obj, member, msg) => member.has(obj) || __typeError$1("Cannot " + msg);
var __privateGet$1 = (obj, member, getter) => (__accessCheck$1(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd$1 = (obj, member, value) => member.has(obj) ? __typeError$1("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet$1 = (obj, member, value, setter) => (__accessCheck$1(obj, member, "write to private field"), member.set(obj, value), value);
var __privateMethod = (obj, member, method) => (__accessCheck$1(obj, member, "access private method"), method);
var __privateWrapper = (obj, member, setter, getter) => ({
  set _(value) {
    __privateSet$1(obj, member, value);
  },
  get _() {
    return __privateGet$1(obj, member, getter);
  }
});
var _byUser, _server, _sockets, _nextNumber, _agent, _WhatsAppSimulator_instances, freshNumber_fn, authority_get, onWebSocket_fn, onRequest_fn;
const _WhatsAppSimulator = class _WhatsAppSimulator extends EventEmitter {
  constructor(options = {}) {
    super();
    __privateAdd$1(this, _WhatsAppSimulator_instances);
    __publicField$3(this, "staticKey", Curve.generateKeyPair());
    __publicField$3(this, "certChain", makeCertChain(this.staticKey.public));
    __publicField$3(this, "media", new MediaStore(() => ({ http: `http://${__privateGet$1(this, _WhatsAppSimulator_instances, authority_get)}`, https: `https://${__privateGet$1(this, _WhatsAppSimulator_instances, authority_get)}` })));
    __publicField$3(this, "groups", new GroupStore(this));
    __publicField$3(this, "connections", /* @__PURE__ */ new Set());
    /** QR refs / pairing-code requests waiting for a phone, keyed by ref or phone number. */
    __publicField$3(this, "pendingPairings", /* @__PURE__ */ new Map());
    __publicField$3(this, "options");
    /** Counters for benchmarks and diagnostics. */
    __publicField$3(this, "stats", { clientMessages: 0, deliveredToPhones: 0, messageHandlingMs: 0 });
    /**
     * Ack client messages without decrypting or routing them. Only for measuring how fast
     * clients can push (the baseline of bench/simulator.bench.mjs).
     */
    __publicField$3(this, "absorbOnly", false);
    __privateAdd$1(this, _byUser, /* @__PURE__ */ new Map());
    __privateAdd$1(this, _server);
    __privateAdd$1(this, _sockets, /* @__PURE__ */ new Set());
    __privateAdd$1(this, _nextNumber, 1555e7);
    __privateAdd$1(this, _agent);
    this.options = { port: 0, host: "127.0.0.1", autoCreatePhones: true, groupAddressing: "pn", ...options };
  }
  /** Starts a simulator and resolves once it listens. */
  static async start(options) {
    const sim = new _WhatsAppSimulator(options);
    await sim.listen();
    return sim;
  }
  async listen() {
    __privateSet$1(this, _server, await listen(this.options.port, this.options.host, {
      request: (req, res) => __privateMethod(this, _WhatsAppSimulator_instances, onRequest_fn).call(this, req, res),
      websocket: (ws) => __privateMethod(this, _WhatsAppSimulator_instances, onWebSocket_fn).call(this, ws)
    }));
    __privateGet$1(this, _server).on("connection", (s) => {
      __privateGet$1(this, _sockets).add(s);
      s.on("close", () => __privateGet$1(this, _sockets).delete(s));
    });
    return this;
  }
  get port() {
    var _a, _b, _c;
    return (_c = (_b = (_a = __privateGet$1(this, _server)) == null ? void 0 : _a.address()) == null ? void 0 : _b.port) != null ? _c : 0;
  }
  get url() {
    return `ws://${__privateGet$1(this, _WhatsAppSimulator_instances, authority_get)}/ws/chat`;
  }
  /** Options to spread into `makeWASocket({ ...sim.clientOptions(), auth, logger })`. */
  clientOptions() {
    var _a;
    (_a = __privateGet$1(this, _agent)) != null ? _a : __privateSet$1(this, _agent, new Agent({ ca: SIMULATOR_TLS_CERT, keepAlive: false }));
    return { waWebSocketUrl: this.url, fetchAgent: __privateGet$1(this, _agent) };
  }
  async close() {
    var _a;
    for (const c of this.connections) c.terminate();
    for (const s of __privateGet$1(this, _sockets)) s.destroy();
    (_a = __privateGet$1(this, _agent)) == null ? void 0 : _a.destroy();
    await new Promise((resolve) => __privateGet$1(this, _server) ? __privateGet$1(this, _server).close(() => resolve()) : resolve());
  }
  // ---- Directory ----
  /** Creates a simulated phone (a WhatsApp account with its primary device). */
  createPhone(opts = {}) {
    var _a, _b, _c;
    const pn = (_b = (_a = opts.phone) == null ? void 0 : _a.replace(/\D/g, "")) != null ? _b : __privateMethod(this, _WhatsAppSimulator_instances, freshNumber_fn).call(this);
    if (__privateGet$1(this, _byUser).has(pn)) throw new Error(`[multiwa-simulator] phone ${pn} already exists`);
    let lid = (_c = opts.lid) != null ? _c : `${Number(pn.slice(-10)) + 1e14}`;
    if (__privateGet$1(this, _byUser).has(lid)) {
      if (opts.lid) throw new Error(`[multiwa-simulator] LID ${lid} already exists`);
      while (__privateGet$1(this, _byUser).has(lid)) lid = String(BigInt(lid) + /* @__PURE__ */ BigInt("1"));
    }
    const phone = new SimPhone(this, { ...opts, phone: pn, lid });
    __privateGet$1(this, _byUser).set(pn, phone);
    __privateGet$1(this, _byUser).set(lid, phone);
    return phone;
  }
  /** Looks a phone up by number or any JID form (PN, LID, with or without device). */
  phone(jidOrNumber) {
    var _a;
    const user = jidOrNumber.includes("@") ? (_a = jidDecode(jidOrNumber)) == null ? void 0 : _a.user : jidOrNumber.replace(/\D/g, "");
    return user ? __privateGet$1(this, _byUser).get(user) : void 0;
  }
  /** Like `phone()`, creating PN phones on demand when `autoCreatePhones` is set. */
  resolvePhone(jid) {
    const found = this.phone(jid);
    if (found || !this.options.autoCreatePhones) return found;
    const d = jidDecode(jid);
    return (d == null ? void 0 : d.server) === "s.whatsapp.net" && /^\d+$/.test(d.user) ? this.createPhone({ phone: d.user }) : void 0;
  }
  get phones() {
    return [...new Set(__privateGet$1(this, _byUser).values())];
  }
  /** Resolves a device JID to its phone and device number. */
  device(jid) {
    var _a, _b;
    const phone = this.resolvePhone(jid);
    if (!phone) return void 0;
    const device = (_b = (_a = jidDecode(jid)) == null ? void 0 : _a.device) != null ? _b : 0;
    return { phone, device, companion: device ? phone.companions.get(device) : void 0 };
  }
  // ---- PhoneHost ----
  phoneOf(jid) {
    return this.phone(jid);
  }
  deliver(from, chat, message, id) {
    return deliverFromPhone(this, from, chat, message, id);
  }
  pairByQr(phone, qr) {
    return pairByQr(this, phone, qr);
  }
  pairByCode(phone, code) {
    return pairByCode(this, phone, code);
  }
  presence(from, type, to) {
    sendPresence(this, from, type, to);
  }
  chatState(from, to, state) {
    sendChatState(this, from, to, state);
  }
  receipt(from, to, ids, type, participant) {
    return sendReceipt(this, from, to, ids, type, participant);
  }
  unlink(phone, device, reason) {
    unlink(phone, device, reason);
  }
  // ---- ConnectionHost ----
  onPayload(conn, payload) {
    return onClientPayload(this, conn, payload);
  }
  onNode(conn, stanza) {
    return onStanza(this, conn, stanza);
  }
  onClose(conn) {
    var _a;
    this.connections.delete(conn);
    if (((_a = conn.companion) == null ? void 0 : _a.conn) === conn) conn.companion.conn = void 0;
    for (const [k, c] of this.pendingPairings) if (c === conn) this.pendingPairings.delete(k);
  }
  onError(_conn, err) {
    this.reportError(err);
  }
  reportError(err) {
    var _a, _b;
    (_b = (_a = this.options).onError) == null ? void 0 : _b.call(_a, err);
    if (this.listenerCount("error")) this.emit("error", err);
  }
};
_byUser = new WeakMap();
_server = new WeakMap();
_sockets = new WeakMap();
_nextNumber = new WeakMap();
_agent = new WeakMap();
_WhatsAppSimulator_instances = new WeakSet();
// --- Internal helpers ---
freshNumber_fn = function() {
  while (__privateGet$1(this, _byUser).has(String(__privateGet$1(this, _nextNumber)))) __privateWrapper(this, _nextNumber)._++;
  return String(__privateWrapper(this, _nextNumber)._++);
};
authority_get = function() {
  const host = this.options.host === "0.0.0.0" || this.options.host === "::" ? "127.0.0.1" : this.options.host;
  return `${host.includes(":") ? `[${host}]` : host}:${this.port}`;
};
onWebSocket_fn = function(ws) {
  this.connections.add(new Connection(ws, this));
};
onRequest_fn = function(req, res) {
  if (this.media.handle(req, res)) return;
  if (handleAdmin(this, req, res)) return;
  res.writeHead(404).end();
};
let WhatsAppSimulator = _WhatsAppSimulator;

var __defProp$2 = Object.defineProperty;
var __typeError = (msg) => {
  throw TypeError(msg);
};
var __defNormalProp$2 = (obj, key, value) => key in obj ? __defProp$2(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$2 = (obj, key, value) => __defNormalProp$2(obj, typeof key !== "symbol" ? key + "" : key, value);
var __accessCheck = (obj, member, msg) => member.has(obj) || __typeError("Cannot " + msg);
var __privateGet = (obj, member, getter) => (__accessCheck(obj, member, "read from private field"), getter ? getter.call(obj) : member.get(obj));
var __privateAdd = (obj, member, value) => member.has(obj) ? __typeError("Cannot add the same private member more than once") : member instanceof WeakSet ? member.add(obj) : member.set(obj, value);
var __privateSet = (obj, member, value, setter) => (__accessCheck(obj, member, "write to private field"), member.set(obj, value), value);
var _lines, _receipts, _sent;
const CONTACTS = [
  { phone: "6281200000001", name: "Ani (Jakarta)" },
  { phone: "5511900000002", name: "Bruno (S\xE3o Paulo)" },
  { phone: "4915100000003", name: "Clara (Berlin)" }
];
const _DemoWorld = class _DemoWorld {
  constructor(sim) {
    __publicField$2(this, "sim", sim);
    __publicField$2(this, "contacts");
    __privateAdd(this, _lines, /* @__PURE__ */ new Map());
    /** When the gateway saw each message delivered and read (the receipts the contacts' phones sent). */
    __privateAdd(this, _receipts, /* @__PURE__ */ new Map());
    __privateAdd(this, _sent, []);
    this.contacts = CONTACTS.map((c) => sim.createPhone(c));
  }
  /** Starts the simulator on a free loopback port. */
  static async start() {
    return new _DemoWorld(await WhatsAppSimulator.start({ host: "127.0.0.1", port: 0 }));
  }
  /** What the Baileys engine needs to reach this simulator (media uploads trust its certificate). */
  engineOptions() {
    return { waWebSocketUrl: this.sim.url, fetchAgent: new Agent({ ca: SIMULATOR_TLS_CERT, keepAlive: true }) };
  }
  /** A fresh simulated phone scans the profile's QR: the profile becomes its linked device. */
  async link(profileId, qr, name) {
    const phone = this.sim.createPhone({ name });
    const device = await phone.scanQr(qr);
    __privateGet(this, _lines).set(profileId, phone);
    return { phone, device };
  }
  line(profileId) {
    return __privateGet(this, _lines).get(profileId);
  }
  contact(phone) {
    return this.contacts.find((c) => c.pn === phone);
  }
  /** Messages the profile's line sent to `contact`, as the contact's phone decrypted them. */
  received(profileId, contact) {
    const line = __privateGet(this, _lines).get(profileId);
    if (!line) return [];
    return contact.inbox.all.filter((m) => m.chat === contact.jid && m.sender.split(/[:@]/)[0] === line.pn);
  }
  /** Messages `contact` sent to the profile from the panel. */
  sent(profileId, contact) {
    return __privateGet(this, _sent).filter((s) => s.profileId === profileId && s.contact === contact);
  }
  record(entry) {
    __privateGet(this, _sent).push(entry);
    if (__privateGet(this, _sent).length > 5e3) __privateGet(this, _sent).shift();
  }
  /** Notes a receipt the gateway received, keyed by profile and message id. */
  noteReceipt(profileId, ids, kind, at) {
    var _a, _b, _c;
    for (const id of ids) {
      const key = `${profileId}:${id}`;
      const entry = (_a = __privateGet(this, _receipts).get(key)) != null ? _a : {};
      (_b = entry[kind]) != null ? _b : entry[kind] = at;
      if (kind === "read") (_c = entry.delivered) != null ? _c : entry.delivered = at;
      __privateGet(this, _receipts).set(key, entry);
    }
    if (__privateGet(this, _receipts).size > 2e4) __privateGet(this, _receipts).delete(__privateGet(this, _receipts).keys().next().value);
  }
  receipts(profileId, id) {
    return __privateGet(this, _receipts).get(`${profileId}:${id}`);
  }
  /** Forgets a profile's line and what its contacts exchanged with it (demo reset). */
  forget(profileId) {
    const line = __privateGet(this, _lines).get(profileId);
    __privateGet(this, _lines).delete(profileId);
    __privateSet(this, _sent, __privateGet(this, _sent).filter((s) => s.profileId !== profileId));
    for (const key of __privateGet(this, _receipts).keys()) if (key.startsWith(`${profileId}:`)) __privateGet(this, _receipts).delete(key);
    if (!line) return;
    for (const contact of this.contacts) {
      const keep = contact.inbox.all.filter((m) => m.sender.split(/[:@]/)[0] !== line.pn);
      contact.inbox.all.splice(0, contact.inbox.all.length, ...keep);
    }
  }
  close() {
    return this.sim.close();
  }
};
_lines = new WeakMap();
_receipts = new WeakMap();
_sent = new WeakMap();
let DemoWorld = _DemoWorld;

let demo;
function startDemo() {
  demo != null ? demo : demo = (async () => ({ world: await DemoWorld.start(), inspector: new DemoInspector(selfUrl()) }))();
  return demo;
}
function useDemo() {
  if (!demo || !demoEnabled()) throw apiError(404, { code: "NOT_FOUND", message: "Demo mode is off (start the gateway with MULTIWA_DEMO=1)" });
  return demo;
}
async function closeDemo() {
  const running = await demo;
  demo = void 0;
  await (running == null ? void 0 : running.world.close());
}
function demoWorkspace(wa, principal, requested) {
  const gatewayWide = !principal.organizationId && !principal.workspaceId;
  return workspaceFor(wa, principal, requested != null ? requested : gatewayWide ? DEMO_WORKSPACE : void 0);
}

async function wireDemo(wa, demo, port) {
  wa.on("message.delivered", (e) => demo.world.noteReceipt(e.profileId, e.ids, "delivered", Date.now()));
  wa.on("message.read", (e) => demo.world.noteReceipt(e.profileId, e.ids, "read", Date.now()));
  await seedDemo(wa, demo, port);
}

var __defProp$1 = Object.defineProperty;
var __defNormalProp$1 = (obj, key, value) => key in obj ? __defProp$1(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField$1 = (obj, key, value) => __defNormalProp$1(obj, typeof key !== "symbol" ? key + "" : key, value);
class MockNetwork {
  constructor(options = {}) {
    __publicField$1(this, "options", options);
    __publicField$1(this, "endpoints", /* @__PURE__ */ new Map());
    __publicField$1(this, "phones", /* @__PURE__ */ new Map());
    __publicField$1(this, "pairings", /* @__PURE__ */ new Map());
    __publicField$1(this, "groups", /* @__PURE__ */ new Map());
    __publicField$1(this, "media", /* @__PURE__ */ new Map());
    __publicField$1(this, "delivered", /* @__PURE__ */ new Set());
    __publicField$1(this, "groupSeq", 0);
    if (options.journal && existsSync(options.journal)) {
      for (const line of readFileSync(options.journal, "utf8").split("\n")) {
        if (!line) continue;
        const entry = JSON.parse(line);
        if (entry.type === "delivered") this.delivered.add(`${entry.to}|${entry.id}`);
      }
    }
  }
  /** The phone of an account; created on first use. */
  phone(phone) {
    let p = this.phones.get(phone);
    if (!p) this.phones.set(phone, p = new MockPhone(this, phone));
    return p;
  }
  attach(endpoint) {
    var _a;
    const set = (_a = this.endpoints.get(endpoint.phone)) != null ? _a : /* @__PURE__ */ new Set();
    set.add(endpoint);
    this.endpoints.set(endpoint.phone, set);
  }
  detach(endpoint) {
    var _a;
    (_a = this.endpoints.get(endpoint.phone)) == null ? void 0 : _a.delete(endpoint);
  }
  /** Registers a pending login, answered by `scanQr` or `enterPairingCode`. */
  offerPairing(token, pairing) {
    this.pairings.set(token, pairing);
  }
  withdrawPairing(token) {
    this.pairings.delete(token);
  }
  /** The phone `phone` scans a QR shown by a session. */
  scanQr(qr, phone) {
    const pairing = this.pairings.get(qr);
    if (!pairing) throw new MultiWAError("VALIDATION_FAILED", `No session is showing QR ${JSON.stringify(qr)}`, { scope: "mock" });
    this.pairings.delete(qr);
    pairing.complete(phone);
  }
  /** The user types the pairing code into the phone it was requested for. */
  enterPairingCode(code) {
    const pairing = this.pairings.get(code);
    if (!(pairing == null ? void 0 : pairing.phone)) throw new MultiWAError("VALIDATION_FAILED", `Unknown pairing code ${JSON.stringify(code)}`, { scope: "mock" });
    this.pairings.delete(code);
    pairing.complete(pairing.phone);
  }
  /** Drops every linked session of `phone`, as a server-side disconnect would. */
  kick(phone, reason) {
    var _a;
    for (const endpoint of [...(_a = this.endpoints.get(phone)) != null ? _a : []]) {
      this.detach(endpoint);
      endpoint.kicked(reason);
    }
  }
  isOnline(phone) {
    var _a, _b;
    return ((_b = (_a = this.endpoints.get(phone)) == null ? void 0 : _a.size) != null ? _b : 0) > 0;
  }
  /** Routes a message from `fromPhone` to a user or group; returns the recipients it reached for the first time. */
  deliver(fromPhone, message, media, origin) {
    var _a, _b;
    if (media) this.media.set(message.id, media);
    const recipients = message.chatId.endsWith("@g.us") ? this.groupMembers(message.chatId, fromPhone) : [phoneOf(message.chatId)];
    const reached = [];
    for (const to of recipients) {
      const key = `${to}|${message.id}`;
      this.journal({ type: "attempt", from: fromPhone, to, id: message.id });
      if (this.delivered.has(key)) continue;
      this.delivered.add(key);
      this.journal({ type: "delivered", from: fromPhone, to, id: message.id });
      const inbound = { ...message, fromMe: false, chatId: message.chatId.endsWith("@g.us") ? message.chatId : userJid(fromPhone) };
      this.phone(to).inbox(inbound);
      for (const endpoint of (_a = this.endpoints.get(to)) != null ? _a : []) endpoint.receive(inbound);
      reached.push(to);
    }
    for (const endpoint of (_b = this.endpoints.get(fromPhone)) != null ? _b : []) if (endpoint !== origin) endpoint.receive({ ...message, fromMe: true });
    for (const to of reached) this.receipt("delivered", fromPhone, message.chatId, [message.id], to);
    return reached;
  }
  receipt(kind, toPhone, chatId, ids, byPhone) {
    var _a;
    const chat = chatId.endsWith("@g.us") ? chatId : userJid(byPhone);
    for (const endpoint of (_a = this.endpoints.get(toPhone)) != null ? _a : []) endpoint.receipt(kind, chat, ids, userJid(byPhone));
  }
  presence(fromPhone, to, state) {
    var _a;
    for (const endpoint of (_a = this.endpoints.get(phoneOf(to))) != null ? _a : []) endpoint.presence(userJid(fromPhone), userJid(fromPhone), state);
  }
  downloadMedia(id) {
    const data = this.media.get(id);
    if (!data) throw new MultiWAError("MESSAGE_NOT_FOUND", `No media for message ${id}`, { scope: "mock" });
    return data;
  }
  // --- Groups ---
  createGroup(ownerPhone, subject, participants) {
    const id = `1203630${String(++this.groupSeq).padStart(11, "0")}@g.us`;
    const members = /* @__PURE__ */ new Set([ownerPhone, ...participants.map(phoneOf)]);
    const group = { id, subject, owner: ownerPhone, admins: /* @__PURE__ */ new Set([ownerPhone]), members, inviteCode: `MOCK${this.groupSeq}INVITE` };
    this.groups.set(id, group);
    this.notifyGroup(group, "create", [...members], ownerPhone);
    return this.groupInfo(id);
  }
  groupInfo(groupId) {
    const g = this.group(groupId);
    return {
      id: g.id,
      subject: g.subject,
      owner: userJid(g.owner),
      participants: [...g.members].map((p) => ({ jid: userJid(p), admin: p === g.owner ? "superadmin" : g.admins.has(p) ? "admin" : null }))
    };
  }
  updateParticipants(groupId, byPhone, action, jids) {
    const g = this.group(groupId);
    if (!g.admins.has(byPhone)) throw new MultiWAError("SEND_FAILED", "Only group admins can change participants", { scope: "mock" });
    const results = jids.map((jid) => {
      const p = phoneOf(jid);
      const member = g.members.has(p);
      if (action === "add") member ? void 0 : g.members.add(p);
      else if (!member) return { jid, status: "404" };
      else if (action === "remove") g.members.delete(p), g.admins.delete(p);
      else if (action === "promote") g.admins.add(p);
      else g.admins.delete(p);
      return { jid: userJid(p), status: action === "add" && member ? "409" : "200" };
    });
    const changed = results.filter((r) => r.status === "200").map((r) => phoneOf(r.jid));
    if (changed.length) this.notifyGroup(g, action, changed, byPhone, action === "remove" ? changed : []);
    return results;
  }
  inviteCode(groupId) {
    return this.group(groupId).inviteCode;
  }
  leaveGroup(groupId, phone) {
    const g = this.group(groupId);
    g.members.delete(phone);
    g.admins.delete(phone);
    this.notifyGroup(g, "remove", [phone], phone, [phone]);
  }
  // --- Internal helpers ---
  groupMembers(groupId, except) {
    const g = this.group(groupId);
    if (!g.members.has(except)) throw new MultiWAError("SEND_FAILED", `Not a member of ${groupId}`, { scope: "mock" });
    return [...g.members].filter((p) => p !== except);
  }
  group(groupId) {
    const g = this.groups.get(groupId);
    if (!g) throw new MultiWAError("VALIDATION_FAILED", `Unknown group ${groupId}`, { scope: "mock" });
    return g;
  }
  notifyGroup(g, action, phones, author, alsoNotify = []) {
    var _a;
    for (const member of /* @__PURE__ */ new Set([...g.members, ...alsoNotify])) {
      for (const endpoint of (_a = this.endpoints.get(member)) != null ? _a : []) endpoint.groupUpdate(g.id, action, phones.map(userJid), userJid(author));
    }
  }
  journal(entry) {
    if (this.options.journal) appendFileSync(this.options.journal, `${JSON.stringify(entry)}
`);
  }
}
class MockPhone extends EventEmitter$1 {
  constructor(network, number) {
    super();
    __publicField$1(this, "network", network);
    __publicField$1(this, "number", number);
    __publicField$1(this, "received", []);
    __publicField$1(this, "seq", 0);
  }
  get jid() {
    return userJid(this.number);
  }
  inbox(message) {
    this.received.push(message);
    this.emit("message", message);
  }
  /** Everything this phone has received so far. */
  messages() {
    return this.received;
  }
  /** Resolves with the next message matching `filter`, including ones already received and not yet taken. */
  async nextMessage(filter = () => true, timeoutMs = 5e3) {
    const index = this.received.findIndex(filter);
    if (index >= 0) return this.received.splice(index, 1)[0];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (this.off("message", onMessage), reject(new MultiWAError("TIMEOUT", `Phone ${this.number} received no matching message in ${timeoutMs} ms`))), timeoutMs);
      const onMessage = (m) => {
        if (!filter(m)) return;
        clearTimeout(timer);
        this.off("message", onMessage);
        this.received.splice(this.received.indexOf(m), 1);
        resolve(m);
      };
      this.on("message", onMessage);
    });
  }
  send(to, content, extra = {}) {
    var _a;
    const message = {
      id: (_a = extra.id) != null ? _a : `MOCKPHONE${this.number}${++this.seq}`,
      chatId: to,
      sender: this.jid,
      fromMe: true,
      timestamp: Date.now(),
      content,
      ...extra.quotedId ? { quotedId: extra.quotedId } : {}
    };
    this.network.deliver(this.number, message);
    return message;
  }
  read(senderJid, ids, chatId) {
    this.network.receipt("read", phoneOf(senderJid), chatId != null ? chatId : senderJid, ids, this.number);
  }
  presence(to, state) {
    this.network.presence(this.number, to, state);
  }
}
function userJid(phone) {
  return `${phone}@s.whatsapp.net`;
}
function phoneOf(jid) {
  return jid.split("@")[0].split(":")[0];
}

var __defProp = Object.defineProperty;
var __defNormalProp = (obj, key, value) => key in obj ? __defProp(obj, key, { enumerable: true, configurable: true, writable: true, value }) : obj[key] = value;
var __publicField = (obj, key, value) => __defNormalProp(obj, typeof key !== "symbol" ? key + "" : key, value);
const ENGINE_NAME = "mock";
function mockEngine(options = {}) {
  var _a, _b;
  const network = (_a = options.network) != null ? _a : new MockNetwork();
  return {
    name: ENGINE_NAME,
    network,
    capabilities: (_b = options.capabilities) != null ? _b : CAPABILITIES,
    createSession: (context) => new MockSession(network, context, options)
  };
}
class MockSession {
  constructor(network, ctx, options) {
    __publicField(this, "network", network);
    __publicField(this, "ctx", ctx);
    __publicField(this, "options", options);
    __publicField(this, "linkedPhone");
    __publicField(this, "qrTimer");
    __publicField(this, "pendingTokens", []);
    __publicField(this, "closed", false);
  }
  get phone() {
    var _a;
    return (_a = this.linkedPhone) != null ? _a : "";
  }
  async connect() {
    this.closed = false;
    this.ctx.emit("connection.update", { state: "connecting" });
    const creds = await this.ctx.storage.getItem("creds");
    if (creds == null ? void 0 : creds.phone) return this.open(creds.phone);
    if (this.options.autoPair) return this.pair(this.options.autoPair);
    this.showQr(1);
  }
  async disconnect() {
    this.close("closed");
  }
  async logout() {
    await this.ctx.storage.removeItem("creds");
    this.close("logged_out");
  }
  async requestPairingCode(phone) {
    if (this.linkedPhone) throw new MultiWAError("VALIDATION_FAILED", "Already logged in", { scope: ENGINE_NAME });
    const code = randomBytes(4).toString("hex").toUpperCase();
    this.offer(code, (p) => void this.pair(p), phoneOf(phone));
    return code;
  }
  async send(to, content, options) {
    const phone = this.requireOpen();
    const message = {
      id: options.id,
      chatId: to,
      sender: userJid(phone),
      fromMe: true,
      timestamp: Date.now(),
      content: toInbound(content),
      ...options.quotedId ? { quotedId: options.quotedId } : {}
    };
    const media = "media" in content ? content.media.data : void 0;
    this.network.deliver(phone, message, media, this);
    return message;
  }
  async sendPresence(state, to) {
    const phone = this.requireOpen();
    if (to) this.network.presence(phone, to, state);
  }
  async markRead(chatId, ids, sender) {
    this.network.receipt("read", phoneOf(sender != null ? sender : chatId), chatId, ids, this.requireOpen());
  }
  async groupCreate(subject, participants) {
    return this.network.createGroup(this.requireOpen(), subject, participants);
  }
  async groupInfo(groupId) {
    this.requireOpen();
    return this.network.groupInfo(groupId);
  }
  async groupParticipants(groupId, action, participants) {
    return this.network.updateParticipants(groupId, this.requireOpen(), action, participants);
  }
  async groupInviteCode(groupId) {
    this.requireOpen();
    return this.network.inviteCode(groupId);
  }
  async groupLeave(groupId) {
    this.network.leaveGroup(groupId, this.requireOpen());
  }
  async downloadMedia(message) {
    this.requireOpen();
    return this.network.downloadMedia(message.id);
  }
  // --- MockEndpoint: what the network calls ---
  receive(message) {
    const event = message.content.type === "reaction" ? "message.reaction" : message.content.type === "delete" ? "message.revoked" : void 0;
    if (event === "message.reaction" && message.content.type === "reaction") {
      this.ctx.emit(event, { chatId: message.chatId, sender: message.sender, target: message.content.target, emoji: message.content.emoji, timestamp: message.timestamp });
    } else if (event === "message.revoked" && message.content.type === "delete") {
      this.ctx.emit(event, { chatId: message.chatId, id: message.content.target.id, sender: message.sender });
    } else if (message.content.type === "edit") {
      this.ctx.emit("message.edited", { chatId: message.chatId, id: message.content.target.id, sender: message.sender, text: message.content.text });
    }
    this.ctx.emit(message.fromMe ? "message.sent" : "message.received", message);
  }
  receipt(kind, chatId, ids, by) {
    this.ctx.emit(kind === "delivered" ? "message.delivered" : "message.read", { chatId, ids, by, timestamp: Date.now() });
  }
  presence(chatId, participant, state) {
    this.ctx.emit("presence", { chatId, participant, state });
  }
  groupUpdate(groupId, action, participants, author) {
    this.ctx.emit("group.update", { groupId, action, participants, author });
  }
  kicked(reason) {
    if (reason === "logged_out") void this.ctx.storage.removeItem("creds");
    this.linkedPhone = void 0;
    this.ctx.emit("connection.update", { state: "close", reason });
  }
  // --- Internal helpers ---
  showQr(n) {
    var _a, _b, _c, _d;
    if (this.closed) return;
    if (n > ((_a = this.options.maxQrCodes) != null ? _a : 5)) return this.close("timed_out");
    const qr = `MOCKQR:${this.ctx.profileId}:${n}:${randomBytes(6).toString("hex")}`;
    this.offer(qr, (p) => void this.pair(p));
    this.ctx.emit("qr", { qr });
    this.qrTimer = setTimeout(() => this.showQr(n + 1), (_b = this.options.qrIntervalMs) != null ? _b : 2e4);
    (_d = (_c = this.qrTimer).unref) == null ? void 0 : _d.call(_c);
  }
  offer(token, complete, phone) {
    this.pendingTokens.push(token);
    this.network.offerPairing(token, { complete, ...phone ? { phone } : {} });
  }
  async pair(phone) {
    this.clearPending();
    await this.ctx.storage.setItem("creds", { phone });
    this.open(phone);
  }
  open(phone) {
    if (this.closed) return;
    this.linkedPhone = phone;
    this.network.attach(this);
    this.ctx.emit("connection.update", { state: "open", me: { jid: userJid(phone) } });
  }
  close(reason) {
    if (this.closed) return;
    this.closed = true;
    this.clearPending();
    this.network.detach(this);
    this.linkedPhone = void 0;
    this.ctx.emit("connection.update", { state: "close", reason });
  }
  clearPending() {
    clearTimeout(this.qrTimer);
    for (const token of this.pendingTokens) this.network.withdrawPairing(token);
    this.pendingTokens = [];
  }
  requireOpen() {
    if (!this.linkedPhone) throw new MultiWAError("ENGINE_NOT_CONNECTED", "The mock session is not connected", { scope: ENGINE_NAME });
    return this.linkedPhone;
  }
}
function toInbound(content) {
  switch (content.type) {
    case "image":
    case "video":
    case "sticker":
    case "audio":
    case "document": {
      const { media, ...rest } = content;
      return { ...rest, mimetype: media.mimetype, size: media.data.byteLength };
    }
    case "interactive":
    case "template":
      return { type: "unknown", raw: content.type };
    default:
      return content;
  }
}

const demoNetwork = new MockNetwork(process.env.MULTIWA_MOCK_JOURNAL ? { journal: process.env.MULTIWA_MOCK_JOURNAL } : {});
const LOADERS = {
  mock: async () => mockEngine({ network: demoNetwork }),
  baileys: async (target) => {
    const { baileysEngine } = await import('../_/src.mjs');
    if (target) return baileysEngine(target);
    const url = process.env.MULTIWA_BAILEYS_WS_URL;
    const caFile = process.env.MULTIWA_BAILEYS_CA_FILE;
    const fetchAgent = caFile ? new Agent({ ca: await readFile$1(caFile, "utf8"), keepAlive: true }) : void 0;
    return baileysEngine({ ...url ? { waWebSocketUrl: url } : {}, ...fetchAgent ? { fetchAgent } : {} });
  },
  // The official Cloud API. MULTIWA_GRAPH_URL points at a Graph API simulator in tests; MULTIWA_PUBLIC_URL
  // is where Meta reaches this gateway, so connecting subscribes /api/ingress/meta/{profileId}.
  "cloud-api": async () => {
    const { cloudApiEngine } = await import('../_/src2.mjs');
    const graphUrl = process.env.MULTIWA_GRAPH_URL;
    const publicUrl = process.env.MULTIWA_PUBLIC_URL;
    return cloudApiEngine({ ...graphUrl ? { graphUrl } : {}, ...publicUrl ? { publicUrl } : {} });
  },
  wwebjs: async () => {
    const { wwebjsEngine } = await import('../_/src3.mjs');
    return wwebjsEngine(process.env.MULTIWA_CHROMIUM_PATH ? { executablePath: process.env.MULTIWA_CHROMIUM_PATH } : {});
  }
};
async function loadEngines(names, baileys) {
  const engines = {};
  for (const name of names) {
    const load = LOADERS[name];
    if (!load) {
      console.warn(`[multiwa] unknown engine "${name}" in MULTIWA_ENGINES; known: ${Object.keys(LOADERS).join(", ")}`);
      continue;
    }
    try {
      engines[name] = await load(baileys);
    } catch (error) {
      console.warn(`[multiwa] engine "${name}" is not available (${error.message.split("\n")[0]}); skipping it`);
    }
  }
  if (!Object.keys(engines).length) engines.mock = await LOADERS.mock();
  return engines;
}

let instance;
let cluster;
function gatewayConfig(env = process.env) {
  var _a, _b, _c, _d;
  const demo = demoEnabled(env);
  const defaultEngine = (_a = env.MULTIWA_DEFAULT_ENGINE) != null ? _a : demo ? "baileys" : void 0;
  return {
    storageUrl: (_b = env.MULTIWA_STORAGE) != null ? _b : demo ? "memory:" : "fs:.multiwa-data",
    ...env.MULTIWA_DATABASE || demo ? { databaseUrl: (_c = env.MULTIWA_DATABASE) != null ? _c : "memory:" } : {},
    // The mock engine (and its demo routes) is opt-in: MULTIWA_ENGINES=…,mock, or demo mode.
    engines: ((_d = env.MULTIWA_ENGINES) != null ? _d : demo ? "baileys,mock" : "baileys,wwebjs").split(",").map((e) => e.trim()).filter(Boolean),
    ...defaultEngine ? { defaultEngine } : {}
  };
}
function useMultiWA() {
  instance != null ? instance : instance = (async () => {
    var _a, _b, _c, _d, _e, _f, _g;
    const config = gatewayConfig();
    const demo = demoEnabled() ? await startDemo() : void 0;
    const engines = await loadEngines(config.engines, demo == null ? void 0 : demo.world.engineOptions());
    const clustered = /^rediss?:\/\//.test(config.storageUrl);
    const prefix = (_a = process.env.MULTIWA_STORAGE_PREFIX) != null ? _a : "multiwa";
    const leaseTtlMs = Number((_b = process.env.MULTIWA_LEASE_TTL_MS) != null ? _b : 3e4);
    let leases;
    let bus;
    let redis;
    if (clustered) {
      const { default: Redis } = await import('ioredis');
      redis = new Redis(config.storageUrl);
      leases = redisLeases(redis, { prefix: `${prefix}:lease` });
      bus = redisBus(new Redis(config.storageUrl), new Redis(config.storageUrl), `${prefix}:bus`);
    }
    const wa = await createMultiWA({
      storage: await createStorageFromUrl(config.storageUrl, { prefix }),
      database: (_c = config.databaseUrl) != null ? _c : defaultDatabaseUrl(config.storageUrl),
      engines,
      ...config.defaultEngine ? { defaultEngine: config.defaultEngine } : {},
      logger: consoleLogger,
      // The demo's inspector is this gateway's own loopback route: trusted by exact URL prefix, not by opening private targets.
      outbound: { allowPrivateTargets: privateTargets(process.env.MULTIWA_WEBHOOK_ALLOW_PRIVATE), ...demo ? { trustedUrls: [demo.inspector.prefix] } : {} },
      retention: retentionFromEnv(process.env),
      ...bus ? { bus } : {},
      ...leases ? { leases, leaseTtlMs, forwardTimeoutMs: Number((_d = process.env.MULTIWA_FORWARD_TIMEOUT_MS) != null ? _d : 15e3), ...process.env.MULTIWA_NODE_ID ? { nodeId: process.env.MULTIWA_NODE_ID } : {} } : {}
    });
    if (redis) {
      const membership = redisMembership(redis, { nodeId: wa.nodeId, ttlMs: leaseTtlMs, prefix });
      const loop = startTakeoverLoop(wa, { intervalMs: Number((_e = process.env.MULTIWA_TAKEOVER_MS) != null ? _e : 5e3), logger: consoleLogger, membership, orphanMs: leaseTtlMs });
      cluster = { loop, membership };
    }
    await bootstrapAccess(wa);
    if (demo) await wireDemo(wa, demo, (_g = (_f = process.env.PORT) != null ? _f : process.env.NITRO_PORT) != null ? _g : "3000");
    return wa;
  })();
  return instance;
}
function retentionFromEnv(env) {
  const kinds = { messages: "MESSAGES", history: "HISTORY", webhookDeliveries: "WEBHOOK_DELIVERIES", audit: "AUDIT" };
  const out = {};
  for (const [field, name] of Object.entries(kinds)) {
    const value = env[`MULTIWA_RETENTION_${name}_DAYS`];
    if (value !== void 0 && value !== "") out[field] = value === "forever" ? false : Number(value);
  }
  return out;
}
function defaultDatabaseUrl(storageUrl) {
  const fsDir = storageUrl.startsWith("fs:") ? storageUrl.slice(3) : storageUrl.includes(":") ? void 0 : storageUrl;
  return `pglite:${fsDir || ".multiwa-data"}/database`;
}
async function closeMultiWA() {
  const wa = await instance;
  instance = void 0;
  cluster == null ? void 0 : cluster.loop.stop();
  await (cluster == null ? void 0 : cluster.membership.leave().catch(() => void 0));
  cluster = void 0;
  await (wa == null ? void 0 : wa.close());
  await closeDemo();
}
const consoleLogger = {
  debug: () => {
  },
  info: (m, d) => console.info(`[multiwa] ${m}`, d != null ? d : ""),
  warn: (m, d) => console.warn(`[multiwa] ${m}`, d != null ? d : ""),
  error: (m, d) => console.error(`[multiwa] ${m}`, d != null ? d : "")
};
function privateTargets(value = "") {
  if (value === "1" || value === "true") return true;
  return value.split(",").map((a) => a.trim()).filter(Boolean);
}

const _8Wdi97lFoJN02ku9lnV4b17pIogPYVtcuUjl8oipfoA = defineNitroPlugin((nitro) => {
  void useMultiWA().then((wa) => {
    useEventJournal(wa);
    console.info(`[multiwa] engines: ${Object.keys(wa.engines).join(", ")}`);
  });
  nitro.hooks.hook("close", () => closeMultiWA());
});

const _Hitt3aK8lxJJ5FgQVYj3xC1xe9dOEI8_uInEO_vfN8k = defineNitroPlugin((nitro) => {
  nitro.hooks.hook("afterResponse", (event) => record(event, event.node.res.statusCode));
  nitro.hooks.hook("error", (error, { event }) => {
    var _a;
    if (event) return record(event, (_a = error.statusCode) != null ? _a : 500);
  });
});
async function record(event, status) {
  var _a, _b;
  const principal = event.context.principal;
  const op = event.context.operation;
  if (!principal || !op || event.method === "GET" && status < 500 || event.context.audited) return;
  event.context.audited = true;
  const wa = await useMultiWA();
  await wa.audit.record({
    actor: { kind: principal.kind, id: principal.id, name: principal.name },
    action: `${event.method} ${op.path}`,
    target: event.path.split("?")[0],
    status,
    ...getRequestIP(event, { xForwardedFor: true }) ? { ip: getRequestIP(event, { xForwardedFor: true }) } : {},
    ...principal.actingIn ? { workspaceId: principal.actingIn.id, organizationId: principal.actingIn.organizationId } : ((_a = principal.actingInOrganization) != null ? _a : principal.organizationId) ? { organizationId: (_b = principal.actingInOrganization) != null ? _b : principal.organizationId } : {},
    // Fields the operation's schema declares secret first, then the names secrets go by.
    ...event.context.auditBody ? { summary: auditSummary(redactSecrets(op.body, event.context.auditBody)) } : {}
  }).catch((error) => console.warn("[multiwa] audit write failed", error));
}

const plugins = [
  _Ill7Gtx2IivKkoZze55dmAZ4qDQlORAIwFxa_acETCM,
_MRTnVpItkMKiYPiSaDL6kiUbLktgTZVBQFShIAU7T84,
_8Wdi97lFoJN02ku9lnV4b17pIogPYVtcuUjl8oipfoA,
_Hitt3aK8lxJJ5FgQVYj3xC1xe9dOEI8_uInEO_vfN8k
];

const assets = {};

const _DRIVE_LETTER_START_RE = /^[A-Za-z]:\//;
function normalizeWindowsPath(input = "") {
  if (!input) {
    return input;
  }
  return input.replace(/\\/g, "/").replace(_DRIVE_LETTER_START_RE, (r) => r.toUpperCase());
}
const _IS_ABSOLUTE_RE = /^[/\\](?![/\\])|^[/\\]{2}(?!\.)|^[A-Za-z]:[/\\]/;
const _DRIVE_LETTER_RE = /^[A-Za-z]:$/;
function cwd() {
  if (typeof process !== "undefined" && typeof process.cwd === "function") {
    return process.cwd().replace(/\\/g, "/");
  }
  return "/";
}
const resolve = function(...arguments_) {
  arguments_ = arguments_.map((argument) => normalizeWindowsPath(argument));
  let resolvedPath = "";
  let resolvedAbsolute = false;
  for (let index = arguments_.length - 1; index >= -1 && !resolvedAbsolute; index--) {
    const path = index >= 0 ? arguments_[index] : cwd();
    if (!path || path.length === 0) {
      continue;
    }
    resolvedPath = `${path}/${resolvedPath}`;
    resolvedAbsolute = isAbsolute(path);
  }
  resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute);
  if (resolvedAbsolute && !isAbsolute(resolvedPath)) {
    return `/${resolvedPath}`;
  }
  return resolvedPath.length > 0 ? resolvedPath : ".";
};
function normalizeString(path, allowAboveRoot) {
  let res = "";
  let lastSegmentLength = 0;
  let lastSlash = -1;
  let dots = 0;
  let char = null;
  for (let index = 0; index <= path.length; ++index) {
    if (index < path.length) {
      char = path[index];
    } else if (char === "/") {
      break;
    } else {
      char = "/";
    }
    if (char === "/") {
      if (lastSlash === index - 1 || dots === 1) ; else if (dots === 2) {
        if (res.length < 2 || lastSegmentLength !== 2 || res[res.length - 1] !== "." || res[res.length - 2] !== ".") {
          if (res.length > 2) {
            const lastSlashIndex = res.lastIndexOf("/");
            if (lastSlashIndex === -1) {
              res = "";
              lastSegmentLength = 0;
            } else {
              res = res.slice(0, lastSlashIndex);
              lastSegmentLength = res.length - 1 - res.lastIndexOf("/");
            }
            lastSlash = index;
            dots = 0;
            continue;
          } else if (res.length > 0) {
            res = "";
            lastSegmentLength = 0;
            lastSlash = index;
            dots = 0;
            continue;
          }
        }
        if (allowAboveRoot) {
          res += res.length > 0 ? "/.." : "..";
          lastSegmentLength = 2;
        }
      } else {
        if (res.length > 0) {
          res += `/${path.slice(lastSlash + 1, index)}`;
        } else {
          res = path.slice(lastSlash + 1, index);
        }
        lastSegmentLength = index - lastSlash - 1;
      }
      lastSlash = index;
      dots = 0;
    } else if (char === "." && dots !== -1) {
      ++dots;
    } else {
      dots = -1;
    }
  }
  return res;
}
const isAbsolute = function(p) {
  return _IS_ABSOLUTE_RE.test(p);
};
const dirname = function(p) {
  const segments = normalizeWindowsPath(p).replace(/\/$/, "").split("/").slice(0, -1);
  if (segments.length === 1 && _DRIVE_LETTER_RE.test(segments[0])) {
    segments[0] += "/";
  }
  return segments.join("/") || (isAbsolute(p) ? "/" : ".");
};

function readAsset (id) {
  const serverDir = dirname(fileURLToPath(globalThis._importMeta_.url));
  // Public dirs might be pruned after the build (uploaded to a CDN, sourcemaps
  // stripped), so a manifest entry with no file behind it reads as absent, not broken.
  return promises.readFile(resolve(serverDir, assets[id].path)).catch((error) => {
    if (error?.code !== 'ENOENT') { throw error }
  })
}

const publicAssetBases = {"/_nuxt/":{"maxAge":31536000}};

function isPublicAssetURL(id = '') {
  if (assets[id]) {
    return true
  }
  for (const base in publicAssetBases) {
    if (id.startsWith(base)) { return true }
  }
  return false
}

function getAsset (id) {
  return assets[id]
}

const METHODS = /* @__PURE__ */ new Set(["HEAD", "GET"]);
const EncodingMap = { gzip: ".gz", br: ".br" };
const _DePMBs = eventHandler((event) => {
  if (event.method && !METHODS.has(event.method)) {
    return;
  }
  let id = decodePath(
    withLeadingSlash(withoutTrailingSlash(parseURL(event.path).pathname))
  );
  let asset;
  const encodingHeader = String(
    getRequestHeader(event, "accept-encoding") || ""
  );
  const encodings = [
    ...encodingHeader.split(",").map((e) => EncodingMap[e.trim()]).filter(Boolean).sort(),
    ""
  ];
  for (const encoding of encodings) {
    for (const _id of [id + encoding, joinURL(id, "index.html" + encoding)]) {
      const _asset = getAsset(_id);
      if (_asset) {
        asset = _asset;
        id = _id;
        break;
      }
    }
  }
  if (!asset) {
    if (isPublicAssetURL(id)) {
      removeResponseHeader(event, "Cache-Control");
      throw createError$1({ statusCode: 404 });
    }
    return;
  }
  if (asset.encoding !== void 0) {
    appendResponseHeader(event, "Vary", "Accept-Encoding");
  }
  const ifNotMatch = getRequestHeader(event, "if-none-match") === asset.etag;
  if (ifNotMatch) {
    setResponseStatus(event, 304, "Not Modified");
    return "";
  }
  const ifModifiedSinceH = getRequestHeader(event, "if-modified-since");
  const mtimeDate = new Date(asset.mtime);
  if (ifModifiedSinceH && asset.mtime && new Date(ifModifiedSinceH) >= mtimeDate) {
    setResponseStatus(event, 304, "Not Modified");
    return "";
  }
  if (asset.type && !getResponseHeader(event, "Content-Type")) {
    setResponseHeader(event, "Content-Type", asset.type);
  }
  if (asset.etag && !getResponseHeader(event, "ETag")) {
    setResponseHeader(event, "ETag", asset.etag);
  }
  if (asset.mtime && !getResponseHeader(event, "Last-Modified")) {
    setResponseHeader(event, "Last-Modified", mtimeDate.toUTCString());
  }
  if (asset.encoding && !getResponseHeader(event, "Content-Encoding")) {
    setResponseHeader(event, "Content-Encoding", asset.encoding);
  }
  if (asset.size > 0 && !getResponseHeader(event, "Content-Length")) {
    setResponseHeader(event, "Content-Length", asset.size);
  }
  const data = readAsset(id);
  return typeof data?.then === "function" ? data.then(
    (resolved) => assertAssetData(event, resolved)
  ) : assertAssetData(event, data);
});
function assertAssetData(event, data) {
  if (data === null || data === void 0) {
    removeResponseHeader(event, "Cache-Control");
    throw createError$1({ statusCode: 404 });
  }
  return data;
}

const MiB = 1024 * 1024;
const JSON_BODY_LIMIT = _bytes(process.env.MULTIWA_BODY_LIMIT, MiB);
const MEDIA_BODY_LIMIT = _bytes(process.env.MULTIWA_MEDIA_BODY_LIMIT, 90 * MiB);
const MAX_JSON_DEPTH = 64;
const RAW_BODY = /* @__PURE__ */ Symbol.for("h3RawBody");
const PAYLOAD = /* @__PURE__ */ new Set(["POST", "PUT", "PATCH", "DELETE"]);
function capRequestBody(event) {
  const req = event.node.req;
  if (!PAYLOAD.has(event.method) || "__unenv__" in req || req.body !== void 0 || req.rawBody !== void 0 || RAW_BODY in req) return;
  let read;
  Object.defineProperty(req, RAW_BODY, {
    configurable: true,
    get: () => {
      var _a;
      return read != null ? read : read = _readCapped(event, (_a = event.context.bodyLimit) != null ? _a : JSON_BODY_LIMIT);
    },
    set: (value) => void (read = value)
  });
}
function setBodyLimit(event, bytes) {
  event.context.bodyLimit = bytes;
}
function parseJsonText(text, field) {
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw apiError(400, { code: "TOO_DEEP", message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, ...field ? { field } : {} });
  }
  return JSON.parse(text, (key, value) => key === "__proto__" ? void 0 : value);
}
function jsonDepth(text) {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}
function _readCapped(event, limit) {
  const req = event.node.req;
  const tooLarge = () => apiError(413, { code: "PAYLOAD_TOO_LARGE", message: `The request body is larger than ${limit} bytes`, details: { limit } });
  return new Promise((resolve, reject) => {
    var _a;
    const chunks = [];
    let size = 0;
    let over = Number((_a = req.headers["content-length"]) != null ? _a : 0) > limit;
    if (over) reject(tooLarge());
    req.on("data", (chunk) => {
      size += chunk.byteLength;
      if (over) return void (size > limit + DRAIN_BYTES && req.destroy());
      if (size <= limit) return void chunks.push(chunk);
      over = true;
      chunks.length = 0;
      reject(tooLarge());
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
const DRAIN_BYTES = 16 * MiB;
function _bytes(value, fallback) {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

const _gbMJ9n = defineEventHandler((event) => {
  capRequestBody(event);
});

const _lazy_QDMeZR = () => import('../routes/api/analytics.get.mjs');
const _lazy_CMNWa9 = () => import('../routes/api/audit.get.mjs');
const _lazy_jnwtSI = () => import('../routes/api/auth/accept-invitation.post.mjs');
const _lazy_JB7mQG = () => import('../routes/api/auth/login.post.mjs');
const _lazy_SOhsUA = () => import('../routes/api/auth/logout.post.mjs');
const _lazy_1nAda8 = () => import('../routes/api/auth/me.get.mjs');
const _lazy_Mv0NTE = () => import('../routes/api/auth/me.patch.mjs');
const _lazy_HBj5oj = () => import('../routes/api/automation/chats/_profileId/_chatId/resume.post.mjs');
const _lazy_xD6ARK = () => import('../routes/api/automation/settings.get.mjs');
const _lazy_tWhWYB = () => import('../routes/api/automation/settings.put.mjs');
const _lazy_bnY3So = () => import('../routes/api/campaigns/_campaignId/cancel.post.mjs');
const _lazy_hAAzl_ = () => import('../routes/api/campaigns/_campaignId/events.get.mjs');
const _lazy_W2uVCC = () => import('../routes/api/campaigns/index.delete.mjs');
const _lazy_NDC50A = () => import('../routes/api/campaigns/index.get.mjs');
const _lazy_KTG1_7 = () => import('../routes/api/campaigns/index.patch.mjs');
const _lazy_4QzDYl = () => import('../routes/api/campaigns/_campaignId/pause.post.mjs');
const _lazy_vuduku = () => import('../routes/api/campaigns/_campaignId/progress.get.mjs');
const _lazy_obAy72 = () => import('../routes/api/campaigns/_campaignId/resume.post.mjs');
const _lazy_VaWv9l = () => import('../routes/api/campaigns/_campaignId/start.post.mjs');
const _lazy_WZIepM = () => import('../routes/api/index.get.mjs');
const _lazy_ix5Rz7 = () => import('../routes/api/index.post.mjs');
const _lazy_IbSPK8 = () => import('../routes/api/contacts/index.delete.mjs');
const _lazy_AO9hVR = () => import('../routes/api/contacts/index.get.mjs');
const _lazy_Md3N2N = () => import('../routes/api/contacts/index.patch.mjs');
const _lazy_43Ccbv = () => import('../routes/api/contacts/export.get.mjs');
const _lazy_LxOJlb = () => import('../routes/api/contacts/import.post.mjs');
const _lazy_n8KX6T = () => import('../routes/api/index2.get.mjs');
const _lazy_KBoKuZ = () => import('../routes/api/index2.post.mjs');
const _lazy_A33hda = () => import('../routes/api/contacts/tags.post.mjs');
const _lazy_FtcV60 = () => import('../routes/api/demo/hooks/_token_.post.mjs');
const _lazy_Fdt3GF = () => import('../routes/api/index3.get.mjs');
const _lazy_yfdr1f = () => import('../routes/api/demo/inspector/fail.post.mjs');
const _lazy_f0Y7rh = () => import('../routes/api/demo/index.get.mjs');
const _lazy_lfrYkC = () => import('../routes/api/demo/profiles/_id/link.post.mjs');
const _lazy_zw0VRb = () => import('../routes/api/demo/profiles/_id/phones/_phone/messages.get.mjs');
const _lazy_TFVPIK = () => import('../routes/api/demo/profiles/_id/phones/_phone/messages.post.mjs');
const _lazy_C_sOIs = () => import('../routes/api/demo/reset.post.mjs');
const _lazy_cOaopu = () => import('../routes/api/engines.get.mjs');
const _lazy_QUO7zi = () => import('../routes/api/flows/index.delete.mjs');
const _lazy_HtcukT = () => import('../routes/api/flows/index.get.mjs');
const _lazy_ds1nSp = () => import('../routes/api/flows/index.patch.mjs');
const _lazy_xwqtbD = () => import('../routes/api/flows/_flowId/start.post.mjs');
const _lazy_NINVZG = () => import('../routes/api/flows/_flowId/test-run.post.mjs');
const _lazy_TlCiwH = () => import('../routes/api/flows/_flowId/validate.post.mjs');
const _lazy_8xeIWw = () => import('../routes/api/flows/_flowId/versions.get.mjs');
const _lazy_wY_K_V = () => import('../routes/api/flows/_flowId/versions.post.mjs');
const _lazy_6c0P7q = () => import('../routes/api/index4.get.mjs');
const _lazy_GyttVv = () => import('../routes/api/index3.post.mjs');
const _lazy_iBUnhr = () => import('../routes/api/flows/runs.get.mjs');
const _lazy_PqKgL6 = () => import('../routes/api/ingress/meta/_profileId_.get.mjs');
const _lazy_9eQ5mx = () => import('../routes/api/ingress/meta/_profileId_.post.mjs');
const _lazy_8kYwe8 = () => import('../routes/api/keys/_keyId_.delete.mjs');
const _lazy_uphP04 = () => import('../routes/api/index5.get.mjs');
const _lazy_jQFPUG = () => import('../routes/api/index4.post.mjs');
const _lazy__Arkz3 = () => import('../routes/api/mcp/send/confirm.post.mjs');
const _lazy_gqAgOC = () => import('../routes/api/mcp/send/prepare.post.mjs');
const _lazy_9MbB1j = () => import('../routes/api/mock/phones/_phone/messages.get.mjs');
const _lazy_fOReAW = () => import('../routes/api/mock/phones/_phone/messages.post.mjs');
const _lazy_Q7ONLV = () => import('../routes/api/mock/scan.post.mjs');
const _lazy_FdxXtI = () => import('../routes/api/organizations/_orgId/invitations.post.mjs');
const _lazy_m8Y8ck = () => import('../routes/api/organizations/_orgId/members/_userId_.delete.mjs');
const _lazy_m4ncNo = () => import('../routes/api/organizations/_orgId/members/_userId_.put.mjs');
const _lazy_w_i3vo = () => import('../routes/api/organizations/_orgId/index.get.mjs');
const _lazy_7zYN2y = () => import('../routes/api/organizations/_orgId/roles.get.mjs');
const _lazy_e1rJSN = () => import('../routes/api/organizations/_orgId/roles.post.mjs');
const _lazy_a9tdq3 = () => import('../routes/api/organizations/_orgId/workspaces.get.mjs');
const _lazy_OVx8wO = () => import('../routes/api/organizations/_orgId/workspaces.post.mjs');
const _lazy_BDyBEm = () => import('../routes/api/index6.get.mjs');
const _lazy_I51ILo = () => import('../routes/api/index5.post.mjs');
const _lazy_r3w_yV = () => import('../routes/api/profiles/_id/chats/_chatId/messages.get.mjs');
const _lazy_JxLsRM = () => import('../routes/api/profiles/_id/chats/_chatId/read.post.mjs');
const _lazy_XriZpd = () => import('../routes/api/profiles/_id/index.get.mjs');
const _lazy_ILWDbN = () => import('../routes/api/profiles/_id/events.get.mjs');
const _lazy_ij_Aqf = () => import('../routes/api/profiles/_id/groups/index.get.mjs');
const _lazy_n25bvy = () => import('../routes/api/profiles/_id/groups/_groupId/invite.get.mjs');
const _lazy_07ddmh = () => import('../routes/api/profiles/_id/groups/_groupId/leave.post.mjs');
const _lazy_CMPAtf = () => import('../routes/api/profiles/_id/groups/_groupId/participants.post.mjs');
const _lazy_ZPbesy = () => import('../routes/api/profiles/_id/index.post.mjs');
const _lazy_JTzMOv = () => import('../routes/api/profiles/index.delete.mjs');
const _lazy_swU2bb = () => import('../routes/api/profiles/index.get.mjs');
const _lazy_cUHd3j = () => import('../routes/api/profiles/index.patch.mjs');
const _lazy_KlVp4N = () => import('../routes/api/profiles/_id/logout.post.mjs');
const _lazy_SNc9oJ = () => import('../routes/api/profiles/_id/messages/index.get.mjs');
const _lazy_UCE2qx = () => import('../routes/api/profiles/_id/messages/_messageId/media.get.mjs');
const _lazy_px3HJT = () => import('../routes/api/profiles/_id/index2.post.mjs');
const _lazy_IHc5c5 = () => import('../routes/api/profiles/_id/pairing-code.post.mjs');
const _lazy_4K2LEB = () => import('../routes/api/profiles/_id/presence.post.mjs');
const _lazy_9vcOtZ = () => import('../routes/api/profiles/_id/index2.get.mjs');
const _lazy_MRtJ85 = () => import('../routes/api/profiles/_id/qr/stream.get.mjs');
const _lazy_CCyYoP = () => import('../routes/api/profiles/_id/restart.post.mjs');
const _lazy_SYs3ON = () => import('../routes/api/profiles/_id/send/_type_.post.mjs');
const _lazy_dgLWqd = () => import('../routes/api/profiles/_id/start.post.mjs');
const _lazy_3qVyf5 = () => import('../routes/api/profiles/_id/stop.post.mjs');
const _lazy_QKRIpP = () => import('../routes/api/index7.get.mjs');
const _lazy_gPqVek = () => import('../routes/api/index6.post.mjs');
const _lazy_3WDXyv = () => import('../routes/api/rules/index.delete.mjs');
const _lazy_f1km4M = () => import('../routes/api/rules/index.get.mjs');
const _lazy_PS43MX = () => import('../routes/api/rules/index.patch.mjs');
const _lazy_62xttV = () => import('../routes/api/index8.get.mjs');
const _lazy_jzcINN = () => import('../routes/api/index7.post.mjs');
const _lazy_57WRCJ = () => import('../routes/api/templates/index.delete.mjs');
const _lazy_RDTYFj = () => import('../routes/api/templates/index.get.mjs');
const _lazy__mJekL = () => import('../routes/api/templates/index.patch.mjs');
const _lazy_Zhc1y8 = () => import('../routes/api/templates/_templateId/preview.post.mjs');
const _lazy_RBH7kw = () => import('../routes/api/index9.get.mjs');
const _lazy_PZf5IE = () => import('../routes/api/index8.post.mjs');
const _lazy_XxnSjw = () => import('../routes/api/webhooks/_webhookId/deliveries/_deliveryId/replay.post.mjs');
const _lazy_RBnaGx = () => import('../routes/api/webhooks/_webhookId/index.get.mjs');
const _lazy_a1oc_t = () => import('../routes/api/webhooks/index.delete.mjs');
const _lazy_C0WF9R = () => import('../routes/api/webhooks/index.get.mjs');
const _lazy_T0Clzi = () => import('../routes/api/webhooks/index.patch.mjs');
const _lazy_zdhoqq = () => import('../routes/api/webhooks/_webhookId/test.post.mjs');
const _lazy_f_ZZoZ = () => import('../routes/api/index10.get.mjs');
const _lazy_FJ2kKo = () => import('../routes/api/index9.post.mjs');
const _lazy_9DCDeX = () => import('../routes/api/ws.mjs');
const _lazy_9X10LJ = () => import('../routes/docs.get.mjs');
const _lazy_ARAWUu = () => import('../routes/health.get.mjs');
const _lazy_6wWiyx = () => import('../routes/mcp.mjs');
const _lazy_uwICpS = () => import('../routes/openapi.json.get.mjs');

const handlers = [
  { route: '', handler: _DePMBs, lazy: false, middleware: true, method: undefined },
  { route: '', handler: _gbMJ9n, lazy: false, middleware: true, method: undefined },
  { route: '/api/analytics', handler: _lazy_QDMeZR, lazy: true, middleware: false, method: "get" },
  { route: '/api/audit', handler: _lazy_CMNWa9, lazy: true, middleware: false, method: "get" },
  { route: '/api/auth/accept-invitation', handler: _lazy_jnwtSI, lazy: true, middleware: false, method: "post" },
  { route: '/api/auth/login', handler: _lazy_JB7mQG, lazy: true, middleware: false, method: "post" },
  { route: '/api/auth/logout', handler: _lazy_SOhsUA, lazy: true, middleware: false, method: "post" },
  { route: '/api/auth/me', handler: _lazy_1nAda8, lazy: true, middleware: false, method: "get" },
  { route: '/api/auth/me', handler: _lazy_Mv0NTE, lazy: true, middleware: false, method: "patch" },
  { route: '/api/automation/chats/:profileId/:chatId/resume', handler: _lazy_HBj5oj, lazy: true, middleware: false, method: "post" },
  { route: '/api/automation/settings', handler: _lazy_xD6ARK, lazy: true, middleware: false, method: "get" },
  { route: '/api/automation/settings', handler: _lazy_tWhWYB, lazy: true, middleware: false, method: "put" },
  { route: '/api/campaigns/:campaignId/cancel', handler: _lazy_bnY3So, lazy: true, middleware: false, method: "post" },
  { route: '/api/campaigns/:campaignId/events', handler: _lazy_hAAzl_, lazy: true, middleware: false, method: "get" },
  { route: '/api/campaigns/:campaignId', handler: _lazy_W2uVCC, lazy: true, middleware: false, method: "delete" },
  { route: '/api/campaigns/:campaignId', handler: _lazy_NDC50A, lazy: true, middleware: false, method: "get" },
  { route: '/api/campaigns/:campaignId', handler: _lazy_KTG1_7, lazy: true, middleware: false, method: "patch" },
  { route: '/api/campaigns/:campaignId/pause', handler: _lazy_4QzDYl, lazy: true, middleware: false, method: "post" },
  { route: '/api/campaigns/:campaignId/progress', handler: _lazy_vuduku, lazy: true, middleware: false, method: "get" },
  { route: '/api/campaigns/:campaignId/resume', handler: _lazy_obAy72, lazy: true, middleware: false, method: "post" },
  { route: '/api/campaigns/:campaignId/start', handler: _lazy_VaWv9l, lazy: true, middleware: false, method: "post" },
  { route: '/api/campaigns', handler: _lazy_WZIepM, lazy: true, middleware: false, method: "get" },
  { route: '/api/campaigns', handler: _lazy_ix5Rz7, lazy: true, middleware: false, method: "post" },
  { route: '/api/contacts/:contactId', handler: _lazy_IbSPK8, lazy: true, middleware: false, method: "delete" },
  { route: '/api/contacts/:contactId', handler: _lazy_AO9hVR, lazy: true, middleware: false, method: "get" },
  { route: '/api/contacts/:contactId', handler: _lazy_Md3N2N, lazy: true, middleware: false, method: "patch" },
  { route: '/api/contacts/export', handler: _lazy_43Ccbv, lazy: true, middleware: false, method: "get" },
  { route: '/api/contacts/import', handler: _lazy_LxOJlb, lazy: true, middleware: false, method: "post" },
  { route: '/api/contacts', handler: _lazy_n8KX6T, lazy: true, middleware: false, method: "get" },
  { route: '/api/contacts', handler: _lazy_KBoKuZ, lazy: true, middleware: false, method: "post" },
  { route: '/api/contacts/tags', handler: _lazy_A33hda, lazy: true, middleware: false, method: "post" },
  { route: '/api/demo/hooks/:token', handler: _lazy_FtcV60, lazy: true, middleware: false, method: "post" },
  { route: '/api/demo', handler: _lazy_Fdt3GF, lazy: true, middleware: false, method: "get" },
  { route: '/api/demo/inspector/fail', handler: _lazy_yfdr1f, lazy: true, middleware: false, method: "post" },
  { route: '/api/demo/inspector', handler: _lazy_f0Y7rh, lazy: true, middleware: false, method: "get" },
  { route: '/api/demo/profiles/:id/link', handler: _lazy_lfrYkC, lazy: true, middleware: false, method: "post" },
  { route: '/api/demo/profiles/:id/phones/:phone/messages', handler: _lazy_zw0VRb, lazy: true, middleware: false, method: "get" },
  { route: '/api/demo/profiles/:id/phones/:phone/messages', handler: _lazy_TFVPIK, lazy: true, middleware: false, method: "post" },
  { route: '/api/demo/reset', handler: _lazy_C_sOIs, lazy: true, middleware: false, method: "post" },
  { route: '/api/engines', handler: _lazy_cOaopu, lazy: true, middleware: false, method: "get" },
  { route: '/api/flows/:flowId', handler: _lazy_QUO7zi, lazy: true, middleware: false, method: "delete" },
  { route: '/api/flows/:flowId', handler: _lazy_HtcukT, lazy: true, middleware: false, method: "get" },
  { route: '/api/flows/:flowId', handler: _lazy_ds1nSp, lazy: true, middleware: false, method: "patch" },
  { route: '/api/flows/:flowId/start', handler: _lazy_xwqtbD, lazy: true, middleware: false, method: "post" },
  { route: '/api/flows/:flowId/test-run', handler: _lazy_NINVZG, lazy: true, middleware: false, method: "post" },
  { route: '/api/flows/:flowId/validate', handler: _lazy_TlCiwH, lazy: true, middleware: false, method: "post" },
  { route: '/api/flows/:flowId/versions', handler: _lazy_8xeIWw, lazy: true, middleware: false, method: "get" },
  { route: '/api/flows/:flowId/versions', handler: _lazy_wY_K_V, lazy: true, middleware: false, method: "post" },
  { route: '/api/flows', handler: _lazy_6c0P7q, lazy: true, middleware: false, method: "get" },
  { route: '/api/flows', handler: _lazy_GyttVv, lazy: true, middleware: false, method: "post" },
  { route: '/api/flows/runs', handler: _lazy_iBUnhr, lazy: true, middleware: false, method: "get" },
  { route: '/api/ingress/meta/:profileId', handler: _lazy_PqKgL6, lazy: true, middleware: false, method: "get" },
  { route: '/api/ingress/meta/:profileId', handler: _lazy_9eQ5mx, lazy: true, middleware: false, method: "post" },
  { route: '/api/keys/:keyId', handler: _lazy_8kYwe8, lazy: true, middleware: false, method: "delete" },
  { route: '/api/keys', handler: _lazy_uphP04, lazy: true, middleware: false, method: "get" },
  { route: '/api/keys', handler: _lazy_jQFPUG, lazy: true, middleware: false, method: "post" },
  { route: '/api/mcp/send/confirm', handler: _lazy__Arkz3, lazy: true, middleware: false, method: "post" },
  { route: '/api/mcp/send/prepare', handler: _lazy_gqAgOC, lazy: true, middleware: false, method: "post" },
  { route: '/api/mock/phones/:phone/messages', handler: _lazy_9MbB1j, lazy: true, middleware: false, method: "get" },
  { route: '/api/mock/phones/:phone/messages', handler: _lazy_fOReAW, lazy: true, middleware: false, method: "post" },
  { route: '/api/mock/scan', handler: _lazy_Q7ONLV, lazy: true, middleware: false, method: "post" },
  { route: '/api/organizations/:orgId/invitations', handler: _lazy_FdxXtI, lazy: true, middleware: false, method: "post" },
  { route: '/api/organizations/:orgId/members/:userId', handler: _lazy_m8Y8ck, lazy: true, middleware: false, method: "delete" },
  { route: '/api/organizations/:orgId/members/:userId', handler: _lazy_m4ncNo, lazy: true, middleware: false, method: "put" },
  { route: '/api/organizations/:orgId/members', handler: _lazy_w_i3vo, lazy: true, middleware: false, method: "get" },
  { route: '/api/organizations/:orgId/roles', handler: _lazy_7zYN2y, lazy: true, middleware: false, method: "get" },
  { route: '/api/organizations/:orgId/roles', handler: _lazy_e1rJSN, lazy: true, middleware: false, method: "post" },
  { route: '/api/organizations/:orgId/workspaces', handler: _lazy_a9tdq3, lazy: true, middleware: false, method: "get" },
  { route: '/api/organizations/:orgId/workspaces', handler: _lazy_OVx8wO, lazy: true, middleware: false, method: "post" },
  { route: '/api/organizations', handler: _lazy_BDyBEm, lazy: true, middleware: false, method: "get" },
  { route: '/api/organizations', handler: _lazy_I51ILo, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/chats/:chatId/messages', handler: _lazy_r3w_yV, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles/:id/chats/:chatId/read', handler: _lazy_JxLsRM, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/chats', handler: _lazy_XriZpd, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles/:id/events', handler: _lazy_ILWDbN, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles/:id/groups/:groupId', handler: _lazy_ij_Aqf, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles/:id/groups/:groupId/invite', handler: _lazy_n25bvy, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles/:id/groups/:groupId/leave', handler: _lazy_07ddmh, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/groups/:groupId/participants', handler: _lazy_CMPAtf, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/groups', handler: _lazy_ZPbesy, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id', handler: _lazy_JTzMOv, lazy: true, middleware: false, method: "delete" },
  { route: '/api/profiles/:id', handler: _lazy_swU2bb, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles/:id', handler: _lazy_cUHd3j, lazy: true, middleware: false, method: "patch" },
  { route: '/api/profiles/:id/logout', handler: _lazy_KlVp4N, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/messages/:messageId', handler: _lazy_SNc9oJ, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles/:id/messages/:messageId/media', handler: _lazy_UCE2qx, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles/:id/messages', handler: _lazy_px3HJT, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/pairing-code', handler: _lazy_IHc5c5, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/presence', handler: _lazy_4K2LEB, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/qr', handler: _lazy_9vcOtZ, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles/:id/qr/stream', handler: _lazy_MRtJ85, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles/:id/restart', handler: _lazy_CCyYoP, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/send/:type', handler: _lazy_SYs3ON, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/start', handler: _lazy_dgLWqd, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles/:id/stop', handler: _lazy_3qVyf5, lazy: true, middleware: false, method: "post" },
  { route: '/api/profiles', handler: _lazy_QKRIpP, lazy: true, middleware: false, method: "get" },
  { route: '/api/profiles', handler: _lazy_gPqVek, lazy: true, middleware: false, method: "post" },
  { route: '/api/rules/:ruleId', handler: _lazy_3WDXyv, lazy: true, middleware: false, method: "delete" },
  { route: '/api/rules/:ruleId', handler: _lazy_f1km4M, lazy: true, middleware: false, method: "get" },
  { route: '/api/rules/:ruleId', handler: _lazy_PS43MX, lazy: true, middleware: false, method: "patch" },
  { route: '/api/rules', handler: _lazy_62xttV, lazy: true, middleware: false, method: "get" },
  { route: '/api/rules', handler: _lazy_jzcINN, lazy: true, middleware: false, method: "post" },
  { route: '/api/templates/:templateId', handler: _lazy_57WRCJ, lazy: true, middleware: false, method: "delete" },
  { route: '/api/templates/:templateId', handler: _lazy_RDTYFj, lazy: true, middleware: false, method: "get" },
  { route: '/api/templates/:templateId', handler: _lazy__mJekL, lazy: true, middleware: false, method: "patch" },
  { route: '/api/templates/:templateId/preview', handler: _lazy_Zhc1y8, lazy: true, middleware: false, method: "post" },
  { route: '/api/templates', handler: _lazy_RBH7kw, lazy: true, middleware: false, method: "get" },
  { route: '/api/templates', handler: _lazy_PZf5IE, lazy: true, middleware: false, method: "post" },
  { route: '/api/webhooks/:webhookId/deliveries/:deliveryId/replay', handler: _lazy_XxnSjw, lazy: true, middleware: false, method: "post" },
  { route: '/api/webhooks/:webhookId/deliveries', handler: _lazy_RBnaGx, lazy: true, middleware: false, method: "get" },
  { route: '/api/webhooks/:webhookId', handler: _lazy_a1oc_t, lazy: true, middleware: false, method: "delete" },
  { route: '/api/webhooks/:webhookId', handler: _lazy_C0WF9R, lazy: true, middleware: false, method: "get" },
  { route: '/api/webhooks/:webhookId', handler: _lazy_T0Clzi, lazy: true, middleware: false, method: "patch" },
  { route: '/api/webhooks/:webhookId/test', handler: _lazy_zdhoqq, lazy: true, middleware: false, method: "post" },
  { route: '/api/webhooks', handler: _lazy_f_ZZoZ, lazy: true, middleware: false, method: "get" },
  { route: '/api/webhooks', handler: _lazy_FJ2kKo, lazy: true, middleware: false, method: "post" },
  { route: '/api/ws', handler: _lazy_9DCDeX, lazy: true, middleware: false, method: undefined },
  { route: '/docs', handler: _lazy_9X10LJ, lazy: true, middleware: false, method: "get" },
  { route: '/health', handler: _lazy_ARAWUu, lazy: true, middleware: false, method: "get" },
  { route: '/mcp', handler: _lazy_6wWiyx, lazy: true, middleware: false, method: undefined },
  { route: '/openapi.json', handler: _lazy_uwICpS, lazy: true, middleware: false, method: "get" }
];

function createNitroApp() {
  const config = useRuntimeConfig();
  const hooks = createHooks();
  const captureError = (error, context = {}) => {
    const promise = hooks.callHookParallel("error", error, context).catch((error_) => {
      console.error("Error while capturing another error", error_);
    });
    if (context.event && isEvent(context.event)) {
      const errors = context.event.context.nitro?.errors;
      if (errors) {
        errors.push({ error, context });
      }
      if (context.event.waitUntil) {
        context.event.waitUntil(promise);
      }
    }
  };
  const h3App = createApp({
    debug: destr(false),
    onError: (error, event) => {
      captureError(error, { event, tags: ["request"] });
      return errorHandler(error, event);
    },
    onRequest: async (event) => {
      event.context.nitro = event.context.nitro || { errors: [] };
      const fetchContext = event.node.req?.__unenv__;
      if (fetchContext?._platform) {
        event.context = {
          _platform: fetchContext?._platform,
          // #3335
          ...fetchContext._platform,
          ...event.context
        };
      }
      if (!event.context.waitUntil && fetchContext?.waitUntil) {
        event.context.waitUntil = fetchContext.waitUntil;
      }
      event.fetch = (req, init) => fetchWithEvent(event, req, init, { fetch: localFetch });
      event.$fetch = (req, init) => fetchWithEvent(event, req, init, {
        fetch: $fetch
      });
      event.waitUntil = (promise) => {
        if (!event.context.nitro._waitUntilPromises) {
          event.context.nitro._waitUntilPromises = [];
        }
        event.context.nitro._waitUntilPromises.push(promise);
        if (event.context.waitUntil) {
          event.context.waitUntil(promise);
        }
      };
      event.captureError = (error, context) => {
        captureError(error, { event, ...context });
      };
      await nitroApp$1.hooks.callHook("request", event).catch((error) => {
        captureError(error, { event, tags: ["request"] });
      });
    },
    onBeforeResponse: async (event, response) => {
      await nitroApp$1.hooks.callHook("beforeResponse", event, response).catch((error) => {
        captureError(error, { event, tags: ["request", "response"] });
      });
    },
    onAfterResponse: async (event, response) => {
      await nitroApp$1.hooks.callHook("afterResponse", event, response).catch((error) => {
        captureError(error, { event, tags: ["request", "response"] });
      });
    }
  });
  const router = createRouter({
    preemptive: true
  });
  const nodeHandler = toNodeListener(h3App);
  const localCall = (aRequest) => b$1(
    nodeHandler,
    aRequest
  );
  const localFetch = (input, init) => {
    if (!input.toString().startsWith("/")) {
      return globalThis.fetch(input, init);
    }
    return C$1(
      nodeHandler,
      input,
      init
    ).then((response) => normalizeFetchResponse(response));
  };
  const $fetch = createFetch({
    fetch: localFetch,
    Headers: Headers$1,
    defaults: { baseURL: config.app.baseURL }
  });
  globalThis.$fetch = $fetch;
  h3App.use(createRouteRulesHandler({ localFetch }));
  for (const h of handlers) {
    let handler = h.lazy ? lazyEventHandler(h.handler) : h.handler;
    if (h.middleware || !h.route) {
      const middlewareBase = (config.app.baseURL + (h.route || "/")).replace(
        /\/+/g,
        "/"
      );
      h3App.use(middlewareBase, handler);
    } else {
      const routeRules = getRouteRulesForPath(
        h.route.replace(/:\w+|\*\*/g, "_")
      );
      if (routeRules.cache) {
        handler = cachedEventHandler(handler, {
          group: "nitro/routes",
          ...routeRules.cache
        });
      }
      router.use(h.route, handler, h.method);
    }
  }
  h3App.use(config.app.baseURL, router.handler);
  const app = {
    hooks,
    h3App,
    router,
    localCall,
    localFetch,
    captureError
  };
  return app;
}
function runNitroPlugins(nitroApp2) {
  for (const plugin of plugins) {
    try {
      plugin(nitroApp2);
    } catch (error) {
      nitroApp2.captureError(error, { tags: ["plugin"] });
      throw error;
    }
  }
}
const nitroApp$1 = createNitroApp();
function useNitroApp() {
  return nitroApp$1;
}
runNitroPlugins(nitroApp$1);

function defineNitroPlugin(def) {
  return def;
}

//#region src/template.ts
function sqlTemplate(strings, ...values) {
	if (!isTemplateStringsArray(strings) || !Array.isArray(values)) throw new Error("[db0] invalid template invocation");
	const staticIndexes = [];
	let result = strings[0] || "";
	for (let i = 1; i < strings.length; i++) {
		if (result.endsWith("{") && strings[i].startsWith("}")) {
			result = result.slice(0, -1) + values[i - 1] + strings[i].slice(1);
			staticIndexes.push(i - 1);
			continue;
		}
		result += `?${strings[i] ?? ""}`;
	}
	const dynamicValues = values.filter((_, i) => !staticIndexes.includes(i));
	return [result.trim(), dynamicValues];
}
function isTemplateStringsArray(strings) {
	return Array.isArray(strings) && "raw" in strings && Array.isArray(strings.raw);
}

//#endregion
//#region src/database.ts
const SQL_SELECT_RE = /^select/i;
const SQL_RETURNING_RE = /[\s]returning[\s]/i;
const DIALECTS_WITH_RET = new Set(["postgresql", "sqlite"]);
const DISPOSED_ERR = "This database instance has been disposed and cannot be used.";
/**
* Creates and returns a database interface using the specified connector.
* This interface allows you to execute raw SQL queries, prepare SQL statements,
* and execute SQL queries with parameters using tagged template literals.
*
* @param {Connector} connector - The database connector used to execute and prepare SQL statements. See {@link Connector}.
* @returns {Database} The database interface that allows SQL operations. See {@link Database}.
*/
function createDatabase(connector) {
	let _disposed = false;
	const checkDisposed = () => {
		if (_disposed) {
			const err = new Error(DISPOSED_ERR);
			Error.captureStackTrace?.(err, checkDisposed);
			throw err;
		}
	};
	return {
		get dialect() {
			return connector.dialect;
		},
		get disposed() {
			return _disposed;
		},
		getInstance() {
			checkDisposed();
			return connector.getInstance();
		},
		exec: (sql) => {
			checkDisposed();
			return Promise.resolve(connector.exec(sql));
		},
		prepare: (sql) => {
			checkDisposed();
			return connector.prepare(sql);
		},
		sql: async (strings, ...values) => {
			checkDisposed();
			const [sql, params] = sqlTemplate(strings, ...values);
			if (SQL_SELECT_RE.test(sql) || DIALECTS_WITH_RET.has(connector.dialect) && SQL_RETURNING_RE.test(sql)) {
				const rows = await connector.prepare(sql).all(...params);
				return {
					rows,
					success: true
				};
			} else {
				const res = await connector.prepare(sql).run(...params);
				return res;
			}
		},
		dispose: () => {
			if (_disposed) return Promise.resolve();
			_disposed = true;
			try {
				return Promise.resolve(connector.dispose?.());
			} catch (error) {
				return Promise.reject(error);
			}
		},
		[Symbol.asyncDispose]() {
			return this.dispose();
		}
	};
}

//#endregion
//#region src/_connectors.ts
const connectors = Object.freeze({
	"better-sqlite3": "db0/connectors/better-sqlite3",
	"bun-sqlite": "db0/connectors/bun-sqlite",
	"bun": "db0/connectors/bun-sqlite",
	"cloudflare-d1": "db0/connectors/cloudflare-d1",
	"cloudflare-hyperdrive-mysql": "db0/connectors/cloudflare-hyperdrive-mysql",
	"cloudflare-hyperdrive-postgresql": "db0/connectors/cloudflare-hyperdrive-postgresql",
	"libsql-core": "db0/connectors/libsql/core",
	"libsql-http": "db0/connectors/libsql/http",
	"libsql-node": "db0/connectors/libsql/node",
	"libsql": "db0/connectors/libsql/node",
	"libsql-web": "db0/connectors/libsql/web",
	"mysql2": "db0/connectors/mysql2",
	"node-sqlite": "db0/connectors/node-sqlite",
	"sqlite": "db0/connectors/node-sqlite",
	"pglite": "db0/connectors/pglite",
	"planetscale": "db0/connectors/planetscale",
	"postgresql": "db0/connectors/postgresql",
	"sqlite3": "db0/connectors/sqlite3"
});

const index = /*#__PURE__*/Object.freeze({
  __proto__: null,
  connectors: connectors,
  createDatabase: createDatabase
});

const debug = (...args) => {
};
function GracefulShutdown(server, opts) {
  opts = opts || {};
  const options = Object.assign(
    {
      signals: "SIGINT SIGTERM",
      timeout: 3e4,
      development: false,
      forceExit: true,
      onShutdown: (signal) => Promise.resolve(signal),
      preShutdown: (signal) => Promise.resolve(signal)
    },
    opts
  );
  let isShuttingDown = false;
  const connections = {};
  let connectionCounter = 0;
  const secureConnections = {};
  let secureConnectionCounter = 0;
  let failed = false;
  let finalRun = false;
  function onceFactory() {
    let called = false;
    return (emitter, events, callback) => {
      function call() {
        if (!called) {
          called = true;
          return Reflect.apply(callback, this, arguments);
        }
      }
      for (const e of events) {
        emitter.on(e, call);
      }
    };
  }
  const signals = options.signals.split(" ").map((s) => s.trim()).filter((s) => s.length > 0);
  const once = onceFactory();
  once(process, signals, (signal) => {
    debug("received shut down signal", signal);
    shutdown(signal).then(() => {
      if (options.forceExit) {
        process.exit(failed ? 1 : 0);
      }
    }).catch((error) => {
      debug("server shut down error occurred", error);
      process.exit(1);
    });
  });
  function isFunction(functionToCheck) {
    const getType = Object.prototype.toString.call(functionToCheck);
    return /^\[object\s([A-Za-z]+)?Function]$/.test(getType);
  }
  function destroy(socket, force = false) {
    if (socket._isIdle && isShuttingDown || force) {
      socket.destroy();
      if (socket.server instanceof http.Server) {
        delete connections[socket._connectionId];
      } else {
        delete secureConnections[socket._connectionId];
      }
    }
  }
  function destroyAllConnections(force = false) {
    debug("Destroy Connections : " + (force ? "forced close" : "close"));
    let counter = 0;
    let secureCounter = 0;
    for (const key of Object.keys(connections)) {
      const socket = connections[key];
      const serverResponse = socket._httpMessage;
      if (serverResponse && !force) {
        if (!serverResponse.headersSent) {
          serverResponse.setHeader("connection", "close");
        }
      } else {
        counter++;
        destroy(socket);
      }
    }
    debug("Connections destroyed : " + counter);
    debug("Connection Counter    : " + connectionCounter);
    for (const key of Object.keys(secureConnections)) {
      const socket = secureConnections[key];
      const serverResponse = socket._httpMessage;
      if (serverResponse && !force) {
        if (!serverResponse.headersSent) {
          serverResponse.setHeader("connection", "close");
        }
      } else {
        secureCounter++;
        destroy(socket);
      }
    }
    debug("Secure Connections destroyed : " + secureCounter);
    debug("Secure Connection Counter    : " + secureConnectionCounter);
  }
  server.on("request", (req, res) => {
    req.socket._isIdle = false;
    if (isShuttingDown && !res.headersSent) {
      res.setHeader("connection", "close");
    }
    res.on("finish", () => {
      req.socket._isIdle = true;
      destroy(req.socket);
    });
  });
  server.on("connection", (socket) => {
    if (isShuttingDown) {
      socket.destroy();
    } else {
      const id = connectionCounter++;
      socket._isIdle = true;
      socket._connectionId = id;
      connections[id] = socket;
      socket.once("close", () => {
        delete connections[socket._connectionId];
      });
    }
  });
  server.on("secureConnection", (socket) => {
    if (isShuttingDown) {
      socket.destroy();
    } else {
      const id = secureConnectionCounter++;
      socket._isIdle = true;
      socket._connectionId = id;
      secureConnections[id] = socket;
      socket.once("close", () => {
        delete secureConnections[socket._connectionId];
      });
    }
  });
  process.on("close", () => {
    debug("closed");
  });
  function shutdown(sig) {
    function cleanupHttp() {
      destroyAllConnections();
      debug("Close http server");
      return new Promise((resolve, reject) => {
        server.close((err) => {
          if (err) {
            return reject(err);
          }
          return resolve(true);
        });
      });
    }
    debug("shutdown signal - " + sig);
    if (options.development) {
      debug("DEV-Mode - immediate forceful shutdown");
      return process.exit(0);
    }
    function finalHandler() {
      if (!finalRun) {
        finalRun = true;
        if (options.finally && isFunction(options.finally)) {
          debug("executing finally()");
          options.finally();
        }
      }
      return Promise.resolve();
    }
    function waitForReadyToShutDown(totalNumInterval) {
      debug(`waitForReadyToShutDown... ${totalNumInterval}`);
      if (totalNumInterval === 0) {
        debug(
          `Could not close connections in time (${options.timeout}ms), will forcefully shut down`
        );
        return Promise.resolve(true);
      }
      const allConnectionsClosed = Object.keys(connections).length === 0 && Object.keys(secureConnections).length === 0;
      if (allConnectionsClosed) {
        debug("All connections closed. Continue to shutting down");
        return Promise.resolve(false);
      }
      debug("Schedule the next waitForReadyToShutdown");
      return new Promise((resolve) => {
        setTimeout(() => {
          resolve(waitForReadyToShutDown(totalNumInterval - 1));
        }, 250);
      });
    }
    if (isShuttingDown) {
      return Promise.resolve();
    }
    debug("shutting down");
    return options.preShutdown(sig).then(() => {
      isShuttingDown = true;
      cleanupHttp();
    }).then(() => {
      const pollIterations = options.timeout ? Math.round(options.timeout / 250) : 0;
      return waitForReadyToShutDown(pollIterations);
    }).then((force) => {
      debug("Do onShutdown now");
      if (force) {
        destroyAllConnections(force);
      }
      return options.onShutdown(sig);
    }).then(finalHandler).catch((error) => {
      const errString = typeof error === "string" ? error : JSON.stringify(error);
      debug(errString);
      failed = true;
      throw errString;
    });
  }
  function shutdownManual() {
    return shutdown("manual");
  }
  return shutdownManual;
}

function getGracefulShutdownConfig() {
  return {
    disabled: !!process.env.NITRO_SHUTDOWN_DISABLED,
    signals: (process.env.NITRO_SHUTDOWN_SIGNALS || "SIGTERM SIGINT").split(" ").map((s) => s.trim()),
    timeout: Number.parseInt(process.env.NITRO_SHUTDOWN_TIMEOUT || "", 10) || 3e4,
    forceExit: !process.env.NITRO_SHUTDOWN_NO_FORCE_EXIT
  };
}
function setupGracefulShutdown(listener, nitroApp) {
  const shutdownConfig = getGracefulShutdownConfig();
  if (shutdownConfig.disabled) {
    return;
  }
  GracefulShutdown(listener, {
    signals: shutdownConfig.signals.join(" "),
    timeout: shutdownConfig.timeout,
    forceExit: shutdownConfig.forceExit,
    onShutdown: async () => {
      await new Promise((resolve) => {
        const timeout = setTimeout(() => {
          console.warn("Graceful shutdown timeout, force exiting...");
          resolve();
        }, shutdownConfig.timeout);
        nitroApp.hooks.callHook("close").catch((error) => {
          console.error(error);
        }).finally(() => {
          clearTimeout(timeout);
          resolve();
        });
      });
    }
  });
}

const cert = process.env.NITRO_SSL_CERT;
const key = process.env.NITRO_SSL_KEY;
const nitroApp = useNitroApp();
const server = cert && key ? new Server$2({ key, cert }, toNodeListener(nitroApp.h3App)) : new Server$1(toNodeListener(nitroApp.h3App));
const _port = destr(process.env.NITRO_PORT || process.env.PORT);
const port = _port === 0 ? 0 : _port || 3e3;
const host = process.env.NITRO_HOST || process.env.HOST;
const path = process.env.NITRO_UNIX_SOCKET;
const listener = server.listen(path ? { path } : { port, host }, (err) => {
  if (err) {
    console.error(err);
    process.exit(1);
  }
  const protocol = cert && key ? "https" : "http";
  const addressInfo = listener.address();
  if (typeof addressInfo === "string") {
    console.log(`Listening on unix socket ${addressInfo}`);
    return;
  }
  const baseURL = (useRuntimeConfig().app.baseURL || "").replace(/\/$/, "");
  const url = `${protocol}://${addressInfo.family === "IPv6" ? `[${addressInfo.address}]` : addressInfo.address}:${addressInfo.port}${baseURL}`;
  console.log(`Listening on ${url}`);
});
trapUnhandledNodeErrors();
setupGracefulShutdown(listener, nitroApp);
{
  const { handleUpgrade } = nodeAdapter(nitroApp.h3App.websocket);
  server.on("upgrade", handleUpgrade);
}
const nodeServer = {};

export { BulkTagSchema as $, AUTHENTICATED as A, getQuery as B, CSRF_COOKIE as C, setBodyLimit as D, getRequestHeader as E, toHttpError as F, resourceId as G, createEventStream as H, credentialIsLive as I, JSON_BODY_LIMIT as J, InviteSchema as K, CreateRoleSchema as L, MEDIA_BODY_LIMIT as M, CreateWorkspaceSchema as N, CreateOrganizationSchema as O, PasswordSchema as P, AutomationSettingsSchema as Q, RoleAssignmentSchema as R, SESSION_COOKIE as S, CAMPAIGN_STATUSES as T, UpdateUserSchema as U, CreateCampaignSchema as V, WorkspaceQuery as W, UpdateCampaignSchema as X, CsvImportOptionsSchema as Y, ContactInputSchema as Z, ContactPatchSchema as _, auditToCsv as a, CAPABILITIES as a0, PacingSchema as a1, SendOptionsSchema as a2, MessageContentSchema as a3, demoWorkspace as a4, demoProfileId as a5, authorizeProfile as a6, resetWorkspace as a7, UpdateProfileSchema as a8, CreateProfileSchema as a9, resolvePrincipal as aA, demoEnabled as aB, getHeader as aC, toWebRequest as aD, useNitroApp as aE, normalizeUserJid as aF, defineDriver as aG, createRequiredError as aH, ensuredir as aI, rmRecursive as aJ, readdirRecursive as aK, unlink$1 as aL, writeFile as aM, readFile as aN, createError as aO, joinKeys as aP, escapeRedisGlob as aQ, nodeServer as aR, FlowTriggerSchema as aa, FlowEdgeSchema as ab, FlowNodeSchema as ac, CreateFlowSchema as ad, UpdateFlowSchema as ae, validateFlow as af, toJid as ag, getRouterParam as ah, ProfileIdSchema as ai, CreateApiKeySchema as aj, can as ak, MultiWAError as al, SendRequestSchema as am, gatewayConfig as an, demoNetwork as ao, useEventJournal as ap, UpdateRuleSchema as aq, CreateRuleSchema as ar, UpdateTemplateSchema as as, CreateTemplateSchema as at, TemplateMediaSchema as au, UpdateWebhookSchema as av, CreateWebhookSchema as aw, defineWebSocketHandler as ax, readCredential as ay, cookieFrom as az, credentialSource as b, checkCsrf as c, apiError as d, setCookie as e, csrfTokenFor as f, getRequestIP as g, deleteCookie as h, fileAsText as i, getRequestHeaders as j, readRawBody as k, setResponseStatus as l, collectRefs as m, readMultipartFormData as n, orgWide as o, parseJsonText as p, defineEventHandler as q, requestCredential as r, setResponseHeader as s, useMultiWA as t, useDemo as u, visibleWorkspaceIds as v, authenticate as w, ANONYMOUS as x, parseInput as y, getRouterParams as z };
//# sourceMappingURL=nitro.mjs.map
