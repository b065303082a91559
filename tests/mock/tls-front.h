// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
/*
 * tls-front.h: a throw-away PKI made with the openssl command, and a real
 * nginx that terminates TLS (HTTP/2 or HTTP/1.1) in front of a local
 * server, for the `h2` and `https1` test setups (MISTRAL_TEST_FRONT).
 *
 * Everything listens on 127.0.0.1 only.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The PKI: made once (under an flock on DIR/.lock, so parallel test
 * processes don't race) in DIR, with EC P-256 keys:
 *   ca.pem/ca.key            the test CA
 *   server.pem/server.key    signed by the CA, SAN DNS:localhost,
 *                            DNS:*.mistral.test, IP:127.0.0.1, valid now
 *   expired.pem/expired.key  signed by the CA, same SANs, validity
 *                            entirely in the past
 *   wrong-host.pem/.key      signed by the CA, SAN only DNS:wrong-host.example
 *   untrusted.pem/.key       SANs like server.pem, signed by a second CA
 *                            (untrusted-ca.pem/.key) that is NOT in ca.pem
 * Returns FALSE with a GError saying what openssl printed, on failure.
 * Files already there are kept. */
gboolean    test_pki_ensure (const char  *dir,
                             GError     **error);
/* This process's PKI directory: $MISTRAL_TEST_PKI if set, otherwise a
 * temporary directory made once per process (removed at exit); ensured
 * with test_pki_ensure(); aborts the test with a clear message on
 * failure. */
const char *test_pki_dir    (void);
/* (transfer full) the path of NAME ("ca.pem", "server.key", ...) in
 * test_pki_dir(). */
char       *test_pki_file   (const char *name);

/* TRUE when $MISTRAL_TEST_FRONT asks for a front ("h2" or "https1"):
 * mock_server_get_url() then gives the URL of an nginx in front of the
 * server, and the client's connections are nginx's, not the server's. */
gboolean    test_front_mode (void);

typedef enum {
  TEST_FRONT_HTTP2,
  TEST_FRONT_HTTP1,
} TestFrontProtocol;

typedef struct _TestFront TestFront;

/* Starts nginx in front of BACKEND_URL (an http://127.0.0.1:PORT URL),
 * serving TLS with CERT_NAME ("server", "expired", "wrong-host",
 * "untrusted": the pair CERT_NAME.pem/.key of test_pki_dir()) on a free
 * 127.0.0.1 port, HTTP/2 (ALPN h2 + http/1.1) or HTTP/1.1 only. Config,
 * pid file, logs and temp paths in its own temporary directory; returns
 * once nginx accepts connections (within ~10 s; on failure the error
 * includes the tail of nginx's error log).
 *
 * $MISTRAL_TEST_NGINX overrides /usr/sbin/nginx.  With
 * $MISTRAL_TEST_FRONT_KEEP=1, test_front_free() keeps the directory (its
 * nginx.conf, error.log and access.log) and prints its path on stderr. */
TestFront  *test_front_new      (const char         *backend_url,
                                 TestFrontProtocol   protocol,
                                 const char         *cert_name,
                                 GError            **error);
/* "https://localhost:PORT" */
const char *test_front_get_url  (TestFront *front);
guint16     test_front_get_port (TestFront *front);
/* Stops nginx (and waits until it has exited), removes its directory. */
void        test_front_free     (TestFront *front);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestFront, test_front_free)

G_END_DECLS
