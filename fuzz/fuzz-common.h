// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* What the libFuzzer harnesses share: a strict GLib setup and a walker
 * that reads every property of the objects a parser returned. */

#include <stdint.h>
#include <stdlib.h>

#include <glib-object.h>

G_BEGIN_DECLS

/* libFuzzer only sees crashes: a failed check aborts with its reason. */
#define FUZZ_CHECK(cond)                                                   \
  G_STMT_START {                                                          \
    if (G_UNLIKELY (!(cond)))                                             \
      {                                                                   \
        g_printerr ("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        abort ();                                                         \
      }                                                                   \
  } G_STMT_END

/* Each harness defines only this; fuzz-common.c defines
 * LLVMFuzzerInitialize() for all of them, which makes criticals and
 * warnings fatal (server data must never trip a precondition) and keeps
 * debug output quiet. */
int  LLVMFuzzerTestOneInput (const uint8_t *data,
                             size_t         size);

/* Reads every readable property of @object and of the objects and list
 * items it reaches, checking that every string is valid UTF-8, as a
 * binding would when it converts them. */
void fuzz_walk_object     (GObject      *object);

/* Checks that exactly one of @result and @error is set, and that an error
 * is a valid UTF-8 MISTRAL_ERROR_INVALID_RESPONSE, or @other_code (-1 for
 * none; a stream's error event is MISTRAL_ERROR_SERVER). */
void fuzz_check_outcome   (gpointer      result,
                           const GError *error,
                           int           other_code);

G_END_DECLS
