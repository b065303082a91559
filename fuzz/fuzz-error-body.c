// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* An HTTP error body to the message of the GError the caller sees: any
 * bytes (JSON of every observed shape, HTML, binary) give a valid UTF-8
 * message, or none for an empty body. */

#include "fuzz-common.h"
#include "mistral-json-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autofree char *message = mistral_json_error_message (body);

  if (size == 0)
    FUZZ_CHECK (message == NULL);
  else
    FUZZ_CHECK (message != NULL);
  if (message != NULL)
    FUZZ_CHECK (g_utf8_validate (message, -1, NULL));

  return 0;
}
