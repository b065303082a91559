// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <glib.h>

#include "mistral-version.h"

#ifndef _MISTRAL_EXTERN
#define _MISTRAL_EXTERN __attribute__((visibility ("default"))) extern
#endif

/**
 * MISTRAL_ENCODE_VERSION:
 * @major: a major version
 * @minor: a minor version
 *
 * Encodes a major and minor version so that versions compare as numbers.
 *
 * Since: 1.0
 */
#define MISTRAL_ENCODE_VERSION(major,minor) ((major) << 16 | (minor) << 8)

#define MISTRAL_VERSION_1_0 (MISTRAL_ENCODE_VERSION (1, 0))

#define MISTRAL_VERSION_CUR_STABLE \
  (MISTRAL_ENCODE_VERSION (MISTRAL_MAJOR_VERSION, MISTRAL_MINOR_VERSION))

#ifndef MISTRAL_VERSION_MIN_REQUIRED
#define MISTRAL_VERSION_MIN_REQUIRED (MISTRAL_VERSION_CUR_STABLE)
#endif

#ifndef MISTRAL_VERSION_MAX_ALLOWED
#define MISTRAL_VERSION_MAX_ALLOWED (MISTRAL_VERSION_CUR_STABLE)
#endif

#define MISTRAL_AVAILABLE_IN_ALL _MISTRAL_EXTERN
#define MISTRAL_AVAILABLE_IN_1_0 _MISTRAL_EXTERN
