// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* json-c's part of json-chunk-bench.c, apart because its names clash with
 * json-glib's. */

#include <json-c/json.h>
#include <stdint.h>
#include <string.h>

uint64_t bench_json_c (const char *text, size_t length, uint64_t n);

uint64_t
bench_json_c (const char *text,
              size_t      length,
              uint64_t    n)
{
  struct json_tokener *tokener = json_tokener_new ();
  uint64_t checksum = 0;

  for (uint64_t i = 0; i < n; i++)
    {
      struct json_object *root, *choice, *delta, *value;

      json_tokener_reset (tokener);
      root = json_tokener_parse_ex (tokener, text, (int) length);
      json_object_object_get_ex (root, "choices", &value);
      choice = json_object_array_get_idx (value, 0);
      json_object_object_get_ex (choice, "delta", &delta);
      json_object_object_get_ex (delta, "content", &value);
      checksum += strlen (json_object_get_string (value));
      json_object_object_get_ex (root, "id", &value);
      checksum += strlen (json_object_get_string (value));
      json_object_object_get_ex (root, "model", &value);
      checksum += strlen (json_object_get_string (value));
      json_object_object_get_ex (root, "created", &value);
      checksum += json_object_get_int64 (value);
      json_object_object_get_ex (choice, "index", &value);
      checksum += json_object_get_int64 (value);
      json_object_object_get_ex (choice, "finish_reason", &value);
      checksum += value == NULL;
      json_object_put (root);
    }
  json_tokener_free (tokener);
  return checksum;
}
