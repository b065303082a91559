// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-error.h"

/**
 * mistral_error_quark:
 *
 * Gets the error domain of mistral-glib, [error@Mistral.Error].
 *
 * Use the %MISTRAL_ERROR macro rather than calling this function.
 *
 * Returns: the error quark of the %MISTRAL_ERROR domain
 *
 * Since: 1.0
 */
G_DEFINE_QUARK (mistral-error-quark, mistral_error)
