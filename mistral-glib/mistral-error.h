// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

/**
 * MISTRAL_ERROR:
 *
 * The error domain of mistral-glib. Errors in this domain are from the
 * [enum@Mistral.Error] enumeration.
 *
 * Since: 1.0
 */
#define MISTRAL_ERROR (mistral_error_quark ())

/**
 * MistralError:
 * @MISTRAL_ERROR_INVALID_REQUEST: the request is invalid: caught before it
 *   was sent, or refused by the API with HTTP 400 or 422
 * @MISTRAL_ERROR_UNAUTHORIZED: the API key is missing or invalid (HTTP 401)
 * @MISTRAL_ERROR_FORBIDDEN: the key may not use this model or feature (HTTP 403)
 * @MISTRAL_ERROR_NOT_FOUND: unknown model, path or object (HTTP 404)
 * @MISTRAL_ERROR_RATE_LIMITED: too many requests or tokens (HTTP 429)
 * @MISTRAL_ERROR_SERVER: the API failed (HTTP 5xx)
 * @MISTRAL_ERROR_TIMEOUT: the request took longer than [property@Mistral.Client:timeout]
 * @MISTRAL_ERROR_NETWORK: the connection failed or broke
 * @MISTRAL_ERROR_INVALID_RESPONSE: the API answered with something that is
 *   not what it promises (not JSON, wrong types, a truncated stream)
 * @MISTRAL_ERROR_FAILED: any other failure, such as an unexpected HTTP status
 *
 * Error codes of the %MISTRAL_ERROR domain.
 *
 * The message of an error that comes from an HTTP status carries the API's
 * own error message and the status code. Cancellation is reported as
 * %G_IO_ERROR_CANCELLED, and TLS errors pass through unchanged.
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_ERROR_INVALID_REQUEST,
  MISTRAL_ERROR_UNAUTHORIZED,
  MISTRAL_ERROR_FORBIDDEN,
  MISTRAL_ERROR_NOT_FOUND,
  MISTRAL_ERROR_RATE_LIMITED,
  MISTRAL_ERROR_SERVER,
  MISTRAL_ERROR_TIMEOUT,
  MISTRAL_ERROR_NETWORK,
  MISTRAL_ERROR_INVALID_RESPONSE,
  MISTRAL_ERROR_FAILED,
} MistralError;

MISTRAL_AVAILABLE_IN_1_0
GQuark mistral_error_quark (void);

G_END_DECLS
