// Loaded into the test Ghost with `node --require`: it may reach this machine and nothing else.
//
// Ghost reaches out on its own (webmentions for the links in a published post, oEmbed, Gravatar, update
// checks); tests must send traffic to loopback only. Every name lookup other than localhost fails as an
// unknown host, and every connection to an address outside 127.0.0.0/8 and ::1 fails before a packet
// leaves, so such a feature meets the same error it would meet offline.
'use strict';

const dns = require('dns');
const net = require('net');

const LOCAL_NAMES = new Set(['localhost', 'localhost.', '127.0.0.1', '::1']);

function isLoopback(host) {
    if (!host) {
        return true; // no host: node connects to localhost
    }
    const bare = String(host).replace(/^\[|\]$/g, '').toLowerCase();
    return LOCAL_NAMES.has(bare) || bare.endsWith('.localhost') || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(bare);
}

function refusal(host) {
    const error = new Error(`the test Ghost reaches loopback only, not ${host}`);
    error.code = 'ENOTFOUND';
    error.hostname = host;
    return error;
}

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
    if (typeof options === 'function') {
        callback = options;
        options = {};
    }
    if (!isLoopback(hostname)) {
        process.nextTick(callback, refusal(hostname));
        return {};
    }
    return lookup.call(this, hostname, options, callback);
};

const promisedLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromisedLookup(hostname, options) {
    if (!isLoopback(hostname)) {
        return Promise.reject(refusal(hostname));
    }
    return promisedLookup.call(this, hostname, options);
};

// DNS queries proper (resolve4, resolveMx, ... and their Resolver and promise forms) go to a DNS server:
// for any name but a loopback one they fail the same way.
function guardResolvers(target, promised) {
    for (const name of Object.keys(target).filter(key => key.startsWith('resolve') || key === 'reverse')) {
        const original = target[name];
        if (typeof original !== 'function') {
            continue;
        }
        target[name] = function guardedResolve(hostname, ...rest) {
            if (isLoopback(hostname)) {
                return original.call(this, hostname, ...rest);
            }
            if (promised) {
                return Promise.reject(refusal(hostname));
            }
            process.nextTick(rest[rest.length - 1], refusal(hostname));
            return undefined;
        };
    }
}
guardResolvers(dns, false);
guardResolvers(dns.promises, true);
guardResolvers(dns.Resolver.prototype, false);
guardResolvers(dns.promises.Resolver.prototype, true);

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
    const first = args[0];
    const options = Array.isArray(first) ? first[0] : first;
    const host = options && typeof options === 'object' ? (options.path ? null : options.host) : args[1];
    if (typeof host === 'string' && net.isIP(host) && !isLoopback(host)) {
        process.nextTick(() => this.destroy(refusal(host)));
        return this;
    }
    return connect.apply(this, args);
};
